package io.consentmesh.ingest;

import io.consentmesh.testkit.ArchitectureContract;

class ArchitectureTest extends ArchitectureContract {}
