package io.consentmesh.runtime.chain;

import java.util.Collection;
import java.util.Comparator;

/**
 * One person of one tenant: the key of a hash chain (and of any projection kept per person). Batches lock chains in this
 * order, so two transactions that touch the same people never wait on each other in a cycle.
 */
public record SubjectRef(String tenant, String subject) implements Comparable<SubjectRef> {

    private static final Comparator<SubjectRef> ORDER =
            Comparator.comparing(SubjectRef::tenant).thenComparing(SubjectRef::subject);

    /** The tenants of {@code people}, in iteration order: with {@link #subjects}, the columns of an {@code unnest}. */
    public static String[] tenants(Collection<SubjectRef> people) {
        return people.stream().map(SubjectRef::tenant).toArray(String[]::new);
    }

    /** The subject ids of {@code people}, in iteration order. */
    public static String[] subjects(Collection<SubjectRef> people) {
        return people.stream().map(SubjectRef::subject).toArray(String[]::new);
    }

    @Override
    public int compareTo(SubjectRef other) {
        return ORDER.compare(this, other);
    }
}
