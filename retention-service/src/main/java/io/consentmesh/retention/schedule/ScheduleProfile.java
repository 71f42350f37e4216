package io.consentmesh.retention.schedule;

import java.time.Period;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shipped schedules a tenant starts from. {@code standard} encodes what the privacy policies of the companies this mesh
 * serves promise; {@code us-telemarketing} is standard with the record-keeping minimums of the US Telemarketing Sales
 * Rule and of NACHA for telephone-authorized debits (rules RET-01 … RET-03 in the project's regulatory reference).
 */
public enum ScheduleProfile {
    STANDARD("standard", List.of()),
    US_TELEMARKETING(
            "us-telemarketing",
            List.of(
                    rule(
                            Category.RECORDING,
                            "P2Y",
                            Trigger.STORED,
                            "P2Y",
                            "P5Y",
                            "NACHA TEL (RET-03): the audio of a telephone-authorized debit kept 2 years"),
                    rule(
                            Category.TRANSCRIPT,
                            "P12M",
                            Trigger.STORED,
                            null,
                            "P5Y",
                            "Privacy policy: call transcripts up to 12 months"),
                    rule(
                            Category.CALL_METADATA,
                            "P5Y",
                            Trigger.CALL_ENDED,
                            "P5Y",
                            "P6Y",
                            "Telemarketing Sales Rule (RET-03): call detail records kept 5 years")));

    /** The profile of a tenant the mesh has not been told about. */
    public static final ScheduleProfile DEFAULT = STANDARD;

    private final String id;
    private final Map<Category, RetentionSchedule> schedules;

    ScheduleProfile(String id, List<RetentionSchedule> overStandard) {
        this.id = id;
        this.schedules = new EnumMap<>(Category.class);
        standard().forEach(schedule -> schedules.put(schedule.category(), schedule));
        overStandard.forEach(schedule -> schedules.put(schedule.category(), schedule));
        if (schedules.size() != Category.values().length) {
            throw new IllegalStateException("profile " + id + " must schedule every category");
        }
    }

    public String id() {
        return id;
    }

    public RetentionSchedule schedule(Category category) {
        return schedules.get(category);
    }

    public static Optional<ScheduleProfile> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    /** What the seed privacy policies promise, category by category. */
    private static List<RetentionSchedule> standard() {
        String plans = "Privacy policy: plan-specific period of 6 to 12 months";
        return List.of(
                rule(
                        Category.RECORDING,
                        "P90D",
                        Trigger.STORED,
                        null,
                        "P90D",
                        "Privacy policy: voice recordings are kept up to 90 days"),
                rule(
                        Category.TRANSCRIPT,
                        "P12M",
                        Trigger.STORED,
                        null,
                        "P12M",
                        "Privacy policy: call and ticket transcripts up to 12 months"),
                rule(Category.MESSAGE_CONTENT, "P6M", Trigger.STORED, null, "P12M", plans),
                rule(
                        Category.CALL_METADATA,
                        "P1Y",
                        Trigger.CALL_ENDED,
                        null,
                        "P6Y",
                        "ePrivacy Art 6 (RET-01): traffic data 1 year, up to 6 where national law requires (RET-02)"),
                rule(
                        Category.BANK_VERIFICATION,
                        "P0D",
                        Trigger.RELATIONSHIP_ENDED,
                        null,
                        "P0D",
                        "Privacy policy: bank-account verification metadata only while the ACH billing relationship"
                                + " lasts"),
                rule(
                        Category.DSAR_EXPORT,
                        "P30D",
                        Trigger.STORED,
                        null,
                        "P90D",
                        "An access bundle is kept only until the person has it"),
                rule(
                        Category.TELEMETRY,
                        "P90D",
                        Trigger.STORED,
                        null,
                        "P90D",
                        "Privacy policy: telemetry rotated within 90 days"),
                rule(
                        Category.SECURITY_AUDIT_LOG,
                        "P1Y",
                        Trigger.STORED,
                        "P1Y",
                        null,
                        "Privacy policy: security audit logs kept at least 1 year"),
                rule(
                        Category.TICKET,
                        "P12M",
                        Trigger.STORED,
                        null,
                        "P12M",
                        "Privacy policy: ticket transcripts up to 12 months"),
                rule(Category.CRM_EXPORT, "P6M", Trigger.STORED, null, "P12M", plans),
                rule(
                        Category.INVOICE,
                        "P10Y",
                        Trigger.STORED,
                        "P10Y",
                        null,
                        "Commercial and tax law: invoicing data 10 years"));
    }

    private static RetentionSchedule rule(
            Category category, String period, Trigger trigger, String minimum, String maximum, String basis) {
        return new RetentionSchedule(
                category,
                Period.parse(period),
                trigger,
                minimum == null ? null : Period.parse(minimum),
                maximum == null ? null : Period.parse(maximum),
                basis);
    }
}
