package io.consentmesh.dsar;

import io.consentmesh.testkit.ArchitectureContract;

class ArchitectureTest extends ArchitectureContract {}
