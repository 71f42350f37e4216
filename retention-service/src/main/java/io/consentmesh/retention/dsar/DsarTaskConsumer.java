package io.consentmesh.retention.dsar;

import io.consentmesh.contracts.dsar.DsarTaskIssued;
import io.consentmesh.contracts.envelope.EventCodec;
import io.consentmesh.messaging.consumer.UntilApplied;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code dsar.task.v1} in its own group ({@code retention-service-dsar}): each task is accepted once by
 * {@link DsarTasks}; a task that cannot be read goes to {@code retention.dead-letter.v1} with its reason.
 */
@ApplicationScoped
public class DsarTaskConsumer {

    private final DsarTasks tasks;

    DsarTaskConsumer(DsarTasks tasks) {
        this.tasks = tasks;
    }

    @Incoming("dsar-tasks")
    public Uni<Void> onTask(String json) {
        return UntilApplied.apply("a DSAR task", () -> tasks.accept(EventCodec.decode(json, DsarTaskIssued.class)));
    }
}
