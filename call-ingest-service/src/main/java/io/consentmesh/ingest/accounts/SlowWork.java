package io.consentmesh.ingest.accounts;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** CPU-heavy steps (PBKDF2) that must not stall the Vert.x event loop every request shares. */
public final class SlowWork {

    private SlowWork() {}

    /** Runs {@code work} on a worker thread and delivers its result back on the caller's Vert.x context, if any. */
    public static <T> Uni<T> onWorker(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Executor back = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        return Uni.createFrom()
                .item(work)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(back);
    }
}
