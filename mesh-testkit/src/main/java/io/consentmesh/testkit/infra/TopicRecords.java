package io.consentmesh.testkit.infra;

import io.consentmesh.contracts.KafkaLogin;
import io.consentmesh.testkit.kafka.KafkaTestClient;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Prints the value of the first record of a topic that contains a text, waiting for it: how a shell check reads what
 * the mesh published (the verification code texted to a person, say), as the tenant's consumer of that topic would.
 *
 * <pre>
 * KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD=… java -cp … io.consentmesh.testkit.infra.TopicRecords \
 *     127.0.0.1:9092 dsar.sms-command.v1 &lt;text&gt; [seconds]
 * </pre>
 *
 * Exits 1 when no such record arrives in time (30 s by default).
 */
public final class TopicRecords {

    private TopicRecords() {}

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: TopicRecords <bootstrap> <topic> <text> [seconds]");
            System.exit(2);
        }
        Duration wait = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 30);
        long deadline = System.nanoTime() + wait.toNanos();
        // polled with readAll alone: the shell's classpath has the Kafka client, not the tests' libraries
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaLogin.clientConfigFromEnvironment(args[0]))) {
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : kafka.readAll(args[1])) {
                    if (record.value().contains(args[2])) {
                        System.out.println(record.value());
                        return;
                    }
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("no record containing " + args[2] + " on " + args[1] + " within " + wait);
        System.exit(1);
    }
}
