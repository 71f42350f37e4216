package io.consentmesh.consent.consents.reported;

import io.consentmesh.consent.evidence.EvidenceKind;
import io.consentmesh.consent.evidence.EvidenceLedger;
import io.consentmesh.consent.evidence.NewEvidence;
import io.consentmesh.contracts.envelope.EventIds;
import io.consentmesh.contracts.envelope.SubjectId;
import io.consentmesh.contracts.subject.SubjectKeys;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.runtime.subject.SubjectConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Records a revocation the tenant received by e-mail, web form, letter, in person or on a call to its staff: the
 * evidence, the brand-wide revocation it makes and its KW-07 enforcement record, in one transaction. The same report
 * sent again (the same Idempotency-Key) has no second effect.
 */
@ApplicationScoped
public class ReportedRevocations {

    /** A receipt time this far ahead is a clock's skew; further ahead it is refused. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final Pool database;
    private final RevocationEvidence revocation;
    private final SubjectKeys subjectKeys;
    private final SubjectConfig config;
    private final Clock clock = Clock.systemUTC();

    ReportedRevocations(Pool database, RevocationEvidence revocation, SubjectKeys subjectKeys, SubjectConfig config) {
        this.database = database;
        this.revocation = revocation;
        this.subjectKeys = subjectKeys;
        this.config = config;
    }

    /** @param idempotencyKey the caller's key for this report; a retry with the same key writes nothing new */
    public Uni<RecordedRevocation> record(ReportedRevocation report, String idempotencyKey) {
        if (report.receivedAt().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw ProblemException.invalidRequest("receivedAt is in the future");
        }
        SubjectId subject =
                subjectKeys.subjectOf(report.tenantId(), report.phoneNumber(), config.defaultRegion(), "phoneNumber");
        String sourceEventId = EventIds.of(
                "revocation-api",
                report.tenantId().value(),
                idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("receivedVia", report.receivedVia().name());
        if (report.reference() != null) {
            content.put("reference", report.reference());
        }
        NewEvidence evidence = new NewEvidence(
                report.tenantId(),
                subject,
                sourceEventId,
                EvidenceKind.REPORTED_OPT_OUT,
                report.channel(),
                report.receivedAt(),
                content);
        return database.withTransaction(connection -> revocation
                .record(connection, evidence)
                .map(appended -> new RecordedRevocation(
                        appended.orElseGet(() -> EvidenceLedger.idOf(report.tenantId(), sourceEventId)),
                        appended.isEmpty())));
    }
}
