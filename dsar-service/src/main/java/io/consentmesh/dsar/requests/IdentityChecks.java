package io.consentmesh.dsar.requests;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.dsar.record.DsarRecord;
import io.consentmesh.dsar.verification.Assurance;
import io.consentmesh.dsar.verification.RightRules;
import io.consentmesh.dsar.verification.VerificationMethod;
import io.consentmesh.dsar.verification.Verifications;
import io.consentmesh.privacy.seal.PersonalData;
import io.consentmesh.privacy.seal.Sealer;
import io.consentmesh.runtime.chain.SubjectRef;
import io.consentmesh.runtime.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How a request awaiting verification moves on: the person enters the code they were texted (with their signed
 * declaration where the right needs a reasonably high degree of certainty), asks for a new code, privacy-ops attests
 * their identity after checking it another way, or privacy-ops denies the request with its basis.
 */
@ApplicationScoped
public class IdentityChecks {

    /** The statement a person signs for copies of specific pieces of their data (CCPA regulations §7062(c)). */
    public static final String DECLARATION = "I declare under penalty of perjury that I am the person whose personal"
            + " information is the subject of this request.";

    /** @param signedName the person's name as they signed the declaration */
    public record Declaration(String signedName) {}

    private final Pool database;
    private final Verifications verifications;
    private final Transitions transitions;
    private final PersonalData personalData;

    IdentityChecks(Pool database, Verifications verifications, Transitions transitions, PersonalData personalData) {
        this.database = database;
        this.verifications = verifications;
        this.transitions = transitions;
        this.personalData = personalData;
    }

    /**
     * Checks the code. A wrong or expired code is recorded (VERIFICATION_FAILED) and counted before the refusal, so
     * the count survives it; the right code verifies the request unless the right needs the declaration too.
     */
    public Uni<Void> enterCode(String tenant, UUID id, String code, Declaration declaration) {
        if (code == null || code.isBlank()) {
            throw ProblemException.invalidRequest("code is required");
        }
        if (declaration != null
                && (declaration.signedName() == null
                        || declaration.signedName().isBlank()
                        || declaration.signedName().length() > 200)) {
            throw ProblemException.invalidRequest("declaration.signedName is required (at most 200 characters)");
        }
        return sealerOf(tenant, id)
                .chain(sealer -> database.withTransaction(
                        tx -> Pending.lock(tx, tenant, id).chain(locked -> {
                            Pending request = locked.awaitingVerification();
                            return verifications.check(tx, id, code).chain(checked -> switch (checked.outcome()) {
                                case MATCHED -> matched(tx, sealer, request, declaration);
                                case NO_CODE ->
                                    throw new ProblemException(Problem.of(
                                            409,
                                            "no-code",
                                            "No code was sent",
                                            "this request awaits no code; privacy-ops verifies it another way"));
                                default ->
                                    transitions
                                            .appendRepeatable(
                                                    tx,
                                                    request,
                                                    DsarRecord.Kind.VERIFICATION_FAILED,
                                                    UUID.randomUUID().toString(),
                                                    DsarRecord.detail(
                                                            "reason",
                                                                    checked.outcome()
                                                                            .name(),
                                                            "attemptsLeft", checked.attemptsLeft()))
                                            .replaceWith(checked);
                            });
                        })))
                .invoke(transitions::committed)
                .map(checked -> {
                    if (checked == null) {
                        return null; // verified
                    }
                    throw switch (checked.outcome()) {
                        case INCORRECT ->
                            new ProblemException(Problem.of(
                                    422,
                                    "code-incorrect",
                                    "Wrong code",
                                    "the code is not the one sent; " + checked.attemptsLeft() + " attempts left"));
                        case EXPIRED ->
                            new ProblemException(Problem.of(
                                    422, "code-expired", "Code expired", "the code has expired: ask for a new one"));
                        default ->
                            new ProblemException(Problem.of(
                                    429,
                                    "too-many-attempts",
                                    "Too many wrong codes",
                                    "too many wrong codes were entered: ask for a new one"));
                    };
                })
                .replaceWithVoid();
    }

    private Uni<Verifications.Checked> matched(
            io.vertx.mutiny.sqlclient.SqlConnection tx, Sealer sealer, Pending request, Declaration declaration) {
        Assurance reached = declaration == null ? Assurance.REASONABLE : Assurance.REASONABLY_HIGH;
        if (!reached.satisfies(request.assuranceRequired())) {
            // the code was right: it stays valid, and the person can send it again with the declaration
            throw Intake.insufficient(RightRules.of(request.type()), reached);
        }
        SubjectRef person = new SubjectRef(request.tenant(), request.subject());
        Map<String, Object> evidence = declaration == null
                ? Map.of()
                : Map.of(
                        "declaration",
                        DECLARATION,
                        "signedName",
                        sealer.seal(
                                person,
                                "dsar.declaration",
                                declaration.signedName().strip()));
        return transitions
                .verified(
                        tx,
                        request,
                        VerificationMethod.SMS_CODE,
                        reached,
                        "the person (the code texted to their number)",
                        evidence)
                .replaceWith((Verifications.Checked) null);
    }

    /** A new code for the person; 429 within the limits' bounds. */
    public Uni<Verifications.Sent> resend(String tenant, UUID id) {
        return sealerOf(tenant, id)
                .chain(sealer -> database.withTransaction(
                        tx -> Pending.lock(tx, tenant, id).chain(locked -> {
                            Pending request = locked.awaitingVerification();
                            return verifications
                                    .reissue(tx, sealer, tenant, request.subject(), id, request.language())
                                    .call(sent -> transitions.appendRepeatable(
                                            tx,
                                            request,
                                            DsarRecord.Kind.VERIFICATION_SENT,
                                            "send-" + sent.sends(),
                                            DsarRecord.detail(
                                                    "channel", "SMS",
                                                    "send", sent.sends(),
                                                    "expiresAt",
                                                            sent.expiresAt().toString())));
                        })))
                .invoke(transitions::committed);
    }

    /** Privacy-ops verified the person another way: the evidence sealed under their key, the request verified. */
    public Uni<Void> attest(String tenant, UUID id, NewDsarRequest.Attestation attestation, String by) {
        if (attestation == null) {
            throw ProblemException.invalidRequest("a JSON body with the evidence is required");
        }
        return sealerOf(tenant, id)
                .chain(sealer -> database.withTransaction(
                        tx -> Pending.lock(tx, tenant, id).chain(locked -> {
                            Pending request = locked.awaitingVerification();
                            if (!attestation.assurance().satisfies(request.assuranceRequired())) {
                                throw Intake.insufficient(RightRules.of(request.type()), attestation.assurance());
                            }
                            SubjectRef person = new SubjectRef(tenant, request.subject());
                            return transitions.verified(
                                    tx,
                                    request,
                                    VerificationMethod.ATTESTED,
                                    attestation.assurance(),
                                    by,
                                    Map.of(
                                            "evidence",
                                            sealer.seal(person, "dsar.attestation", attestation.evidence())));
                        })))
                .invoke(transitions::committed);
    }

    /**
     * The sealer of the request's person, made before its transaction: making a key may need a connection of its own,
     * and inside a transaction that holds one a full pool would wait on itself. 404 for an unknown request.
     */
    private Uni<Sealer> sealerOf(String tenant, UUID id) {
        return database.preparedQuery("SELECT subject_id FROM dsar_request WHERE id = $1 AND tenant_id = $2")
                .execute(Tuple.of(id, tenant))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw Pending.notFound();
                    }
                    return personalData.sealer(List.of(new SubjectRef(
                            tenant,
                            rows.iterator().next().getString("subject_id").trim())));
                });
    }

    /**
     * Refuses a request still awaiting verification, with its basis and reason (once the tasks are out the services
     * have acted on them: 409). The code goes; the record says why.
     */
    public Uni<Void> deny(String tenant, UUID id, DenialBasis basis, String reason, String by) {
        if (basis == null) {
            throw ProblemException.invalidRequest(
                    "basis is required (UNVERIFIABLE, MANIFESTLY_UNFOUNDED, EXCESSIVE or EXEMPT)");
        }
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw ProblemException.invalidRequest(
                    "reason is required (at most 2000 characters): the person is told why");
        }
        return database.withTransaction(tx -> Pending.lock(tx, tenant, id).chain(locked -> {
                    if (locked.status() != RequestStatus.AWAITING_VERIFICATION) {
                        throw new ProblemException(Problem.of(
                                409,
                                "not-deniable",
                                "Cannot be denied now",
                                "the request is " + locked.status()
                                        + ": only a request awaiting verification can be denied"));
                    }
                    return tx.preparedQuery("UPDATE dsar_request SET status = 'DENIED', denied_at = now(),"
                                    + " denied_by = $3, denial_basis = $4, denial_reason = $5"
                                    + " WHERE id = $1 AND tenant_id = $2")
                            .execute(Tuple.of(id, tenant, by, basis.name(), reason))
                            .chain(() -> verifications.discard(tx, id))
                            .chain(() -> transitions.append(
                                    tx,
                                    locked,
                                    DsarRecord.Kind.DENIED,
                                    DsarRecord.detail(
                                            "basis",
                                            basis.name(),
                                            "reason",
                                            reason,
                                            "by",
                                            by,
                                            "clockRuleIds",
                                            String.join(",", locked.rule().ruleIds()))));
                }))
                .invoke(transitions::committed);
    }
}
