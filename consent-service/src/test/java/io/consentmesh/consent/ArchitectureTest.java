package io.consentmesh.consent;

import io.consentmesh.testkit.ArchitectureContract;

class ArchitectureTest extends ArchitectureContract {}
