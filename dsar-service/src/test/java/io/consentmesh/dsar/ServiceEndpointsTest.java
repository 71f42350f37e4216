package io.consentmesh.dsar;

import io.consentmesh.testkit.MeshInfrastructureResource;
import io.consentmesh.testkit.ServiceEndpointsContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = MeshInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class ServiceEndpointsTest extends ServiceEndpointsContract {}
