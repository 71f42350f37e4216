package io.consentmesh.runtime.batching;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Coalesces concurrent single-item requests into calls of one batch operation, the way a database's group commit
 * does: at most {@code maxInFlight} batches run at once, and every item submitted meanwhile waits to go into the next
 * batch together. Under light load an item goes alone, with no added delay; under heavy load batches grow, so one
 * statement and one commit serve many requests instead of one each.
 *
 * <p>The operation receives the items in submission order and must answer one output per item, in the same order.
 * If it fails, every item of that batch fails with the same error. Outputs are delivered on the thread that completed
 * the operation: callers that need their own Vert.x context back must hop to it.
 */
public final class GroupCommit<I, O> {

    private record Pending<I, O>(I item, UniEmitter<? super O> result) {}

    private final Function<List<I>, Uni<List<O>>> operation;
    private final int maxBatch;
    private final int maxInFlight;
    private final ArrayDeque<Pending<I, O>> waiting = new ArrayDeque<>();
    private int inFlight;

    public GroupCommit(int maxBatch, int maxInFlight, Function<List<I>, Uni<List<O>>> operation) {
        if (maxBatch < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxBatch and maxInFlight must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
        this.operation = operation;
    }

    /** The item's output, once the batch that carried it has completed. */
    public Uni<O> submit(I item) {
        return Uni.createFrom().emitter(result -> {
            synchronized (this) {
                waiting.add(new Pending<>(item, result));
            }
            startBatches();
        });
    }

    private void startBatches() {
        List<Pending<I, O>> batch;
        while ((batch = nextBatch()) != null) {
            run(batch);
        }
    }

    private synchronized List<Pending<I, O>> nextBatch() {
        if (inFlight >= maxInFlight || waiting.isEmpty()) {
            return null;
        }
        List<Pending<I, O>> batch = new ArrayList<>(Math.min(waiting.size(), maxBatch));
        while (batch.size() < maxBatch && !waiting.isEmpty()) {
            batch.add(waiting.poll());
        }
        inFlight++;
        return batch;
    }

    private void run(List<Pending<I, O>> batch) {
        List<I> items = batch.stream().map(Pending::item).toList();
        Uni<List<O>> outputs;
        try {
            outputs = operation.apply(items);
        } catch (RuntimeException e) {
            outputs = Uni.createFrom().failure(e);
        }
        outputs.subscribe()
                .with(
                        results -> {
                            finished();
                            if (results == null || results.size() != batch.size()) {
                                IllegalStateException wrong = new IllegalStateException("the batch operation answered "
                                        + (results == null ? "nothing" : results.size() + " outputs")
                                        + " for " + batch.size() + " items");
                                batch.forEach(pending -> pending.result().fail(wrong));
                            } else {
                                for (int i = 0; i < batch.size(); i++) {
                                    batch.get(i).result().complete(results.get(i));
                                }
                            }
                            startBatches();
                        },
                        failure -> {
                            finished();
                            batch.forEach(pending -> pending.result().fail(failure));
                            startBatches();
                        });
    }

    private synchronized void finished() {
        inFlight--;
    }
}
