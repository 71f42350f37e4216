package io.consentmesh.runtime.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** A batch operation whose batches the test completes by hand, so it can see what was grouped with what. */
    private static final class ManualOperation {
        final List<List<String>> batches = new ArrayList<>();
        final List<UniEmitter<? super List<Integer>>> answers = new ArrayList<>();

        synchronized Uni<List<Integer>> apply(List<String> items) {
            batches.add(items);
            return Uni.createFrom().emitter(answers::add);
        }

        /** Answers each item of batch {@code n} with its length. */
        void complete(int n) {
            answers.get(n).complete(batches.get(n).stream().map(String::length).toList());
        }
    }

    private static UniAssertSubscriber<Integer> submit(GroupCommit<String, Integer> commit, String item) {
        return commit.submit(item).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    @Test
    void an_item_under_light_load_goes_alone_at_once() {
        ManualOperation operation = new ManualOperation();
        GroupCommit<String, Integer> commit = new GroupCommit<>(10, 1, operation::apply);

        UniAssertSubscriber<Integer> result = submit(commit, "abc");

        assertThat(operation.batches).containsExactly(List.of("abc"));
        operation.complete(0);
        result.assertCompleted().assertItem(3);
    }

    @Test
    void items_submitted_while_a_batch_runs_go_together_in_order_into_the_next() {
        ManualOperation operation = new ManualOperation();
        GroupCommit<String, Integer> commit = new GroupCommit<>(10, 1, operation::apply);

        UniAssertSubscriber<Integer> first = submit(commit, "a");
        UniAssertSubscriber<Integer> second = submit(commit, "bb");
        UniAssertSubscriber<Integer> third = submit(commit, "ccc");
        assertThat(operation.batches).as("one batch in flight at most").hasSize(1);
        second.assertNotTerminated();

        operation.complete(0);
        first.assertItem(1);
        assertThat(operation.batches).containsExactly(List.of("a"), List.of("bb", "ccc"));

        operation.complete(1);
        second.assertItem(2);
        third.assertItem(3);
    }

    @Test
    void a_batch_never_exceeds_its_maximum_size() {
        ManualOperation operation = new ManualOperation();
        GroupCommit<String, Integer> commit = new GroupCommit<>(2, 1, operation::apply);

        submit(commit, "blocker");
        List<UniAssertSubscriber<Integer>> queued = new ArrayList<>();
        for (String item : List.of("a", "bb", "ccc", "dddd", "eeeee")) {
            queued.add(submit(commit, item));
        }
        operation.complete(0);
        operation.complete(1);
        operation.complete(2);
        operation.complete(3);

        assertThat(operation.batches)
                .containsExactly(List.of("blocker"), List.of("a", "bb"), List.of("ccc", "dddd"), List.of("eeeee"));
        for (int i = 0; i < queued.size(); i++) {
            queued.get(i).assertItem(i + 1);
        }
    }

    @Test
    void several_batches_run_at_once_up_to_the_in_flight_limit() {
        ManualOperation operation = new ManualOperation();
        GroupCommit<String, Integer> commit = new GroupCommit<>(1, 2, operation::apply);

        UniAssertSubscriber<Integer> first = submit(commit, "a");
        UniAssertSubscriber<Integer> second = submit(commit, "bb");
        UniAssertSubscriber<Integer> third = submit(commit, "ccc");
        assertThat(operation.batches).containsExactly(List.of("a"), List.of("bb"));

        operation.complete(1);
        second.assertItem(2);
        first.assertNotTerminated();
        assertThat(operation.batches).hasSize(3);

        operation.complete(0);
        operation.complete(2);
        first.assertItem(1);
        third.assertItem(3);
    }

    @Test
    void a_failed_batch_fails_each_of_its_items_and_the_next_batch_still_runs() {
        ManualOperation operation = new ManualOperation();
        GroupCommit<String, Integer> commit = new GroupCommit<>(10, 1, operation::apply);

        UniAssertSubscriber<Integer> first = submit(commit, "a");
        UniAssertSubscriber<Integer> second = submit(commit, "bb");
        UniAssertSubscriber<Integer> third = submit(commit, "ccc");
        operation.answers.get(0).fail(new IllegalStateException("database unavailable"));

        first.assertFailedWith(IllegalStateException.class, "database unavailable");
        operation.answers.get(1).fail(new IllegalStateException("still unavailable"));
        second.assertFailedWith(IllegalStateException.class, "still unavailable");
        third.assertFailedWith(IllegalStateException.class, "still unavailable");

        UniAssertSubscriber<Integer> later = submit(commit, "dddd");
        operation.complete(2);
        later.assertItem(4);
    }

    @Test
    void an_operation_that_throws_fails_its_batch_instead_of_the_caller() {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit<String, Integer> commit = new GroupCommit<>(10, 1, items -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalArgumentException("bad statement");
            }
            return Uni.createFrom().item(items.stream().map(String::length).toList());
        });

        submit(commit, "a").assertFailedWith(IllegalArgumentException.class, "bad statement");
        submit(commit, "bb").assertItem(2);
    }

    @Test
    void an_answer_of_the_wrong_size_fails_the_batch_rather_than_mixing_up_outputs() {
        GroupCommit<String, Integer> commit =
                new GroupCommit<>(10, 1, items -> Uni.createFrom().item(List.of(1, 2, 3)));

        submit(commit, "only one").assertFailedWith(IllegalStateException.class, "answered 3 outputs for 1 items");
    }

    @Test
    void limits_below_one_are_refused() {
        assertThatThrownBy(() -> new GroupCommit<String, Integer>(
                        0, 1, items -> Uni.createFrom().nullItem()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupCommit<String, Integer>(
                        1, 0, items -> Uni.createFrom().nullItem()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_concurrent_caller_gets_its_own_output() throws Exception {
        ExecutorService database = Executors.newSingleThreadExecutor();
        AtomicInteger largestBatch = new AtomicInteger();
        GroupCommit<String, Integer> commit = new GroupCommit<>(64, 2, items -> {
            largestBatch.accumulateAndGet(items.size(), Math::max);
            return Uni.createFrom()
                    .item(() -> items.stream().map(Integer::valueOf).toList())
                    .runSubscriptionOn(database);
        });
        int callers = 8;
        int perCaller = 500;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        CountDownLatch done = new CountDownLatch(callers * perCaller);
        AtomicInteger wrong = new AtomicInteger();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            threads.submit(() -> {
                for (int i = 0; i < perCaller; i++) {
                    int value = caller * perCaller + i;
                    commit.submit(Integer.toString(value)).subscribe().with(output -> {
                        if (output != value) {
                            wrong.incrementAndGet();
                        }
                        done.countDown();
                    });
                }
            });
        }
        try {
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(wrong).hasValue(0);
            assertThat(largestBatch.get())
                    .as("concurrent submissions were grouped")
                    .isGreaterThan(1);
        } finally {
            threads.shutdownNow();
            database.shutdownNow();
        }
    }
}
