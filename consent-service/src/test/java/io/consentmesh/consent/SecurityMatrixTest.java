package io.consentmesh.consent;

import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.security.SecurityMatrixContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;

@QuarkusTest
@MeshTest
class SecurityMatrixTest extends SecurityMatrixContract {

    @Override
    protected Map<String, String> openByDesign() {
        return Map.of(); // every operation of this service takes a credential
    }
}
