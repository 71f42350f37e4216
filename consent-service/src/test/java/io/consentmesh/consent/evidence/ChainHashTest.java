package io.consentmesh.consent.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.runtime.chain.ChainHash;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static final UUID ID = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

    private static NewEvidence evidence(Map<String, Object> content) {
        return new NewEvidence(
                new TenantId("acme"),
                new SubjectId("a".repeat(64)),
                "event-1",
                EvidenceKind.OPT_OUT_KEYWORD,
                Channel.SMS,
                Instant.parse("2026-11-20T15:04:05Z"),
                content);
    }

    @Test
    void canonicalFormSortsKeysSoTheSameRecordAlwaysHashesTheSame() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("keyword", "STOP");
        one.put("body", "Stop.");
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("body", "Stop.");
        other.put("keyword", "STOP");

        assertThat(evidence(one).canonical(ID)).isEqualTo(evidence(other).canonical(ID));
        assertThat(evidence(one).canonical(ID)).startsWith("{\"channel\":\"SMS\",\"content\":{\"body\"");
    }

    @Test
    void eachLinkDependsOnItsPredecessor() {
        String record = evidence(Map.of("keyword", "STOP")).canonical(ID);

        String first = ChainHash.next(null, record);
        String second = ChainHash.next(first, record);

        assertThat(first).hasSize(64).isNotEqualTo(second);
        assertThat(ChainHash.next(null, record)).isEqualTo(first);
        assertThat(ChainHash.next(first, record.replace("STOP", "START"))).isNotEqualTo(second);
    }
}
