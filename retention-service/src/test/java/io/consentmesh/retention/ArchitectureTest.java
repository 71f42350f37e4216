package io.consentmesh.retention;

import io.consentmesh.testkit.ArchitectureContract;

class ArchitectureTest extends ArchitectureContract {}
