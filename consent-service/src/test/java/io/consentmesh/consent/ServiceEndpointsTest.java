package io.consentmesh.consent;

import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.ServiceEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@MeshTest
class ServiceEndpointsTest extends ServiceEndpointsContract {}
