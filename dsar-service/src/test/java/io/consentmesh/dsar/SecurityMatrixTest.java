package io.consentmesh.dsar;

import io.consentmesh.testkit.MeshTest;
import io.consentmesh.testkit.security.SecurityMatrixContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;

@QuarkusTest
@MeshTest
class SecurityMatrixTest extends SecurityMatrixContract {

    @Override
    protected Map<String, String> openByDesign() {
        // the person downloads their copy with the link they were given: the unguessable token (stored as its hash,
        // expiring, counted) is the credential (AccessBundleTest)
        return Map.of("GET /v1/dsar/bundles/{token}", "a download link's token is the credential");
    }
}
