package io.consentmesh.agent;

import io.consentmesh.testkit.ArchitectureContract;

class ArchitectureTest extends ArchitectureContract {}
