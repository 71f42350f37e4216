package io.consentmesh.testkit.infra;

import static io.consentmesh.contracts.Topics.BILLING_ACCOUNT;
import static io.consentmesh.contracts.Topics.CONSENT_DEAD_LETTER;
import static io.consentmesh.contracts.Topics.CONSENT_DECISION;
import static io.consentmesh.contracts.Topics.CONSENT_EVIDENCE;
import static io.consentmesh.contracts.Topics.CONSENT_REPLY_COMMAND;
import static io.consentmesh.contracts.Topics.CONSENT_VIOLATION;
import static io.consentmesh.contracts.Topics.DSAR_DEAD_LETTER;
import static io.consentmesh.contracts.Topics.DSAR_FILE_EXPORT;
import static io.consentmesh.contracts.Topics.DSAR_REQUEST;
import static io.consentmesh.contracts.Topics.DSAR_SMS_COMMAND;
import static io.consentmesh.contracts.Topics.DSAR_TASK;
import static io.consentmesh.contracts.Topics.DSAR_TASK_RESULT;
import static io.consentmesh.contracts.Topics.INGEST_DEAD_LETTER;
import static io.consentmesh.contracts.Topics.INGEST_REJECTED;
import static io.consentmesh.contracts.Topics.RETENTION_DEAD_LETTER;
import static io.consentmesh.contracts.Topics.RETENTION_DELETION_COMMAND;
import static io.consentmesh.contracts.Topics.RETENTION_DELETION_RECEIPT;
import static io.consentmesh.contracts.Topics.RETENTION_ESCALATION;
import static io.consentmesh.contracts.Topics.TELEPHONY_CALL;
import static io.consentmesh.contracts.Topics.TELEPHONY_SMS;

import io.consentmesh.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the mesh's broker: one Kafka principal per service, allowed to write the topics it produces
 * (its dead-letter topic included) and to read the topics it consumes with its own consumer groups; nothing else.
 * This table is the only copy: the test broker, {@code deploy/local/mesh.sh} (through {@link KafkaBroker#main}) and
 * the ACL tests use it; {@code deploy/k8s/base/kafka/kafka-users.yaml} states the same for Strimzi and docs/operations.md shows it.
 * Each service's tests run as that service's principal, so a channel added without its ACL fails them.
 */
public final class MeshKafkaAcls {

    /** The deletion agents' principal, and the prefix of their consumer groups ({@code deletion-agent-<name>}). */
    public static final String AGENT_PRINCIPAL = "deletion-agent";

    public static final String AGENT_GROUP_PREFIX = "deletion-agent-";

    /** The super-user: the broker's own principal, and the one that sets up topics, users and ACLs. */
    public static final String ADMIN = "admin";

    /**
     * What one service may do.
     *
     * @param writes topics it produces to (WRITE and DESCRIBE)
     * @param reads topics it consumes (READ and DESCRIBE)
     * @param groups its consumer groups, as its application.properties names them (READ)
     * @param clusterGroupPrefix in a cluster, instead of {@code groups}: every group with this prefix (agents are named
     *     by their operators), or null
     */
    public record ServiceAccess(
            String principal, List<String> writes, List<String> reads, List<String> groups, String clusterGroupPrefix) {

        /** A service whose consumer groups are the same everywhere. */
        public ServiceAccess(String principal, List<String> writes, List<String> reads, List<String> groups) {
            this(principal, writes, reads, groups, null);
        }
    }

    // From each service's application.properties (mp.messaging channels and their dead-letter topics), which is what
    // the services actually use; the architecture's wider table (billing and DSAR for retention, say) is not built yet.
    // Idempotent producers need no IDEMPOTENT_WRITE on the cluster: WRITE on a topic suffices since Kafka 3.0.
    public static final List<ServiceAccess> SERVICES = List.of(
            new ServiceAccess(
                    "call-ingest-service",
                    List.of(
                            TELEPHONY_CALL,
                            TELEPHONY_SMS,
                            BILLING_ACCOUNT,
                            INGEST_REJECTED,
                            DSAR_TASK_RESULT,
                            INGEST_DEAD_LETTER),
                    // data-subject tasks: it answers for the call parties it keeps
                    List.of(DSAR_TASK),
                    List.of("call-ingest-service-dsar")),
            new ServiceAccess(
                    "consent-service",
                    List.of(
                            CONSENT_EVIDENCE,
                            CONSENT_DECISION,
                            CONSENT_VIOLATION,
                            CONSENT_REPLY_COMMAND,
                            DSAR_TASK_RESULT,
                            CONSENT_DEAD_LETTER,
                            RETENTION_DELETION_RECEIPT),
                    // its own evidence topic too: the projection rebuild (/v1/audit) replays it, without a group;
                    // deletion commands for its own store (the transcripts it keeps), answered with receipts
                    List.of(TELEPHONY_SMS, TELEPHONY_CALL, DSAR_TASK, CONSENT_EVIDENCE, RETENTION_DELETION_COMMAND),
                    List.of(
                            "consent-service",
                            "consent-service-interactions",
                            "consent-service-contacts",
                            "consent-service-disclosure",
                            "consent-service-deletions")),
            new ServiceAccess(
                    "retention-service",
                    List.of(RETENTION_DELETION_COMMAND, RETENTION_ESCALATION, RETENTION_DEAD_LETTER, DSAR_TASK_RESULT),
                    List.of(
                            TELEPHONY_CALL,
                            TELEPHONY_SMS,
                            BILLING_ACCOUNT,
                            CONSENT_VIOLATION,
                            RETENTION_DELETION_RECEIPT,
                            DSAR_TASK,
                            DSAR_REQUEST),
                    List.of(
                            "retention-service",
                            "retention-service-sms",
                            "retention-service-dsar",
                            "retention-service-dsar-records",
                            "retention-service-billing",
                            "retention-service-violations",
                            "retention-service-receipts")),
            // the local and test agent: group deletion-agent-<its name>; Kubernetes grants the prefix deletion-agent-
            new ServiceAccess(
                    AGENT_PRINCIPAL,
                    // and the files it copies for persons' access copies: commands in, answers with the task results
                    List.of(RETENTION_DELETION_RECEIPT, RETENTION_DEAD_LETTER, DSAR_TASK_RESULT, DSAR_DEAD_LETTER),
                    List.of(RETENTION_DELETION_COMMAND, DSAR_FILE_EXPORT),
                    List.of(
                            "deletion-agent-local",
                            "deletion-agent-test",
                            "deletion-agent-local-exports",
                            "deletion-agent-test-exports"),
                    AGENT_GROUP_PREFIX),
            new ServiceAccess(
                    "dsar-service",
                    List.of(
                            DSAR_TASK,
                            DSAR_REQUEST,
                            DSAR_SMS_COMMAND,
                            DSAR_FILE_EXPORT,
                            DSAR_DEAD_LETTER,
                            RETENTION_DELETION_RECEIPT),
                    // deletion commands for its own store (the persons' copies), answered with receipts
                    // and inbound SMS, for privacy keywords
                    List.of(DSAR_TASK_RESULT, RETENTION_DELETION_COMMAND, TELEPHONY_SMS),
                    List.of("dsar-service", "dsar-service-deletions", "dsar-service-sms")));

    private static final int SCRAM_ITERATIONS = 4096;
    private static final long TIMEOUT_SECONDS = 30;

    private MeshKafkaAcls() {}

    public static Optional<ServiceAccess> service(String principal) {
        return SERVICES.stream().filter(s -> s.principal().equals(principal)).findFirst();
    }

    /** The environment variable {@link KafkaBroker#main} reads a service's password from, e.g. KAFKA_PASSWORD_dsar_service. */
    public static String passwordVariable(String principal) {
        return "KAFKA_PASSWORD_" + principal.replace('-', '_');
    }

    /** The ACL bindings of one service. */
    public static List<AclBinding> bindings(ServiceAccess service) {
        List<AclBinding> bindings = new ArrayList<>();
        for (String topic : service.writes()) {
            bindings.add(allow(service, ResourceType.TOPIC, topic, AclOperation.WRITE));
            bindings.add(allow(service, ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
        }
        for (String topic : service.reads()) {
            bindings.add(allow(service, ResourceType.TOPIC, topic, AclOperation.READ));
            if (!service.writes().contains(topic)) {
                bindings.add(allow(service, ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
            }
        }
        for (String group : service.groups()) {
            bindings.add(allow(service, ResourceType.GROUP, group, AclOperation.READ));
        }
        return bindings;
    }

    /**
     * Makes the broker match the table, as the admin: creates the mesh's topics that are missing (services may not
     * create topics), sets each service's SCRAM password, adds its ACLs and removes any it no longer has.
     *
     * @param passwords each service's password, by principal
     */
    public static void apply(Admin admin, Map<String, String> passwords) {
        try {
            createMissingTopics(admin);
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (ServiceAccess service : SERVICES) {
                String password = passwords.get(service.principal());
                if (password == null || password.isEmpty()) {
                    throw new IllegalArgumentException("no Kafka password for " + service.principal());
                }
                users.add(new UserScramCredentialUpsertion(
                        service.principal(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                        password));
            }
            admin.alterUserScramCredentials(users).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

            Set<AclBinding> wanted = new HashSet<>();
            SERVICES.forEach(service -> wanted.addAll(bindings(service)));
            List<AclBindingFilter> stale = new ArrayList<>();
            for (ServiceAccess service : SERVICES) {
                for (AclBinding existing : admin.describeAcls(principalFilter(service.principal()))
                        .values()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    if (!wanted.remove(existing)) {
                        stale.add(existing.toFilter());
                    }
                }
            }
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            if (!wanted.isEmpty()) {
                admin.createAcls(wanted).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not set up the mesh's Kafka principals and ACLs", e);
        }
    }

    /**
     * The raw telephony topics carry webhooks' personal data (numbers, texts, transcripts) as received; what the mesh
     * must keep of them is kept in its own logs (the evidence ledger, sealed per person), so these are kept only long
     * enough for every consumer to read them: {@value #RAW_TELEPHONY_RETENTION_DEFAULT} unless
     * {@code MESH_RAW_TELEPHONY_RETENTION} (an ISO-8601 duration, e.g. P3D) says otherwise.
     */
    public static final String RAW_TELEPHONY_RETENTION_DEFAULT = "P7D";

    /**
     * The topics kept only that long: the raw telephony topics (their version 1 events are in clear; version 2 is
     * sealed), and the reply and verification-code commands, whose reader outside the mesh (the tenant's messaging)
     * must read the number it texts, so they carry it in clear.
     */
    public static final List<String> SHORT_LIVED_TOPICS =
            List.of(TELEPHONY_CALL, TELEPHONY_SMS, CONSENT_REPLY_COMMAND, DSAR_SMS_COMMAND);

    /** The retention of the raw telephony topics, from the environment or the default. */
    public static Duration rawTelephonyRetention() {
        String configured = System.getenv("MESH_RAW_TELEPHONY_RETENTION");
        return Duration.parse(
                configured == null || configured.isBlank() ? RAW_TELEPHONY_RETENTION_DEFAULT : configured.strip());
    }

    private static void createMissingTopics(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String retentionMs = Long.toString(rawTelephonyRetention().toMillis());
        Collection<NewTopic> missing = Topics.ALL.stream()
                .filter(topic -> !existing.contains(topic))
                // the broker's defaults: partitions (num.partitions) and replication factor
                .map(topic -> {
                    NewTopic created = new NewTopic(topic, Optional.empty(), Optional.empty());
                    return SHORT_LIVED_TOPICS.contains(topic)
                            ? created.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, retentionMs))
                            : created;
                })
                .toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        // topics made by an earlier version (or with another setting) get the configured retention too
        Map<ConfigResource, Collection<AlterConfigOp>> retention = new HashMap<>();
        for (String topic : SHORT_LIVED_TOPICS) {
            retention.put(
                    new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    List.of(new AlterConfigOp(
                            new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retentionMs), AlterConfigOp.OpType.SET)));
        }
        admin.incrementalAlterConfigs(retention).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static AclBinding allow(ServiceAccess service, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + service.principal(), "*", operation, AclPermissionType.ALLOW));
    }

    private static AclBindingFilter principalFilter(String principal) {
        return new AclBindingFilter(
                ResourcePatternFilter.ANY,
                new AccessControlEntryFilter("User:" + principal, null, AclOperation.ANY, AclPermissionType.ANY));
    }
}
