package io.consentmesh.runtime.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Carries a trace across the mesh's asynchronous hops: from an HTTP request ({@link HttpServerSpans}) to the records
 * it publishes, and from a consumed record's {@code traceparent} header to the work done for it. The work of a
 * webhook hops between the request's, the database's and the broker's threads, so the trace context is passed by
 * hand rather than through a thread-local.
 */
@Singleton
public class Traces {

    static final String REQUEST_CONTEXT = "mesh.trace";

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final boolean enabled;

    Traces(OpenTelemetry openTelemetry, Tracer tracer, TracingConfig config) {
        this.openTelemetry = openTelemetry;
        this.tracer = tracer;
        this.enabled = config.exporter() != TracingConfig.Exporter.NONE;
    }

    /** Whether spans are recorded at all ({@code mesh.tracing.exporter} is not {@code none}). */
    boolean enabled() {
        return enabled;
    }

    OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    Tracer tracer() {
        return tracer;
    }

    /**
     * The trace of the HTTP request being served, to hand to its later steps; the root context (nothing to continue)
     * outside a request. It is kept on the request's (duplicated) Vert.x context: read it where the request's own code
     * runs — a resource method, or a continuation the mesh's code hands back to the caller's context as it does after
     * every database or broker trip (never in a callback of another request's batch).
     */
    public Context ofRequest() {
        return VertxContext.isOnDuplicatedContext() // what a request runs on (a thread of no request is not)
                ? ContextLocals.<Context>get(REQUEST_CONTEXT).orElse(Context.root())
                : Context.root();
    }

    /**
     * The span of the HTTP request being served (a no-op span when it is not traced), to record what the request led
     * to once it is known (an outcome, an id). Take it on the request's context, before any hop.
     */
    public Span requestSpan() {
        return Span.fromContext(ofRequest());
    }

    /** The message, sent as part of {@code trace}: the connector's publish span and {@code traceparent} follow it. */
    public <T> Message<T> carrying(Message<T> message, Context trace) {
        return trace == Context.root() ? message : message.addMetadata(TracingMetadata.withCurrent(trace));
    }

    /**
     * Runs the work applying consumed records with one {@code process} span per record, each a child of the trace its
     * record's {@code traceparent} header names (the webhook that produced it), ended when the work ends — with an
     * error if it failed or {@link RecordSpans#failed} says the record was refused.
     */
    public <K, V> Uni<Void> processing(
            String topic, Iterable<KafkaRecord<K, V>> records, Function<RecordSpans, Uni<Void>> work) {
        if (!enabled) {
            return Uni.createFrom().deferred(() -> work.apply(RecordSpans.NONE)); // tracing off: no span per record
        }
        RecordSpans spans = new RecordSpans();
        for (KafkaRecord<K, V> record : records) {
            Context parent = openTelemetry
                    .getPropagators()
                    .getTextMapPropagator()
                    .extract(Context.root(), record.getHeaders(), HEADERS);
            SpanBuilder builder = tracer.spanBuilder("process " + topic)
                    .setParent(parent)
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.destination.name", topic)
                    .setAttribute("messaging.destination.partition.id", String.valueOf(record.getPartition()));
            record.getMetadata(IncomingKafkaRecordMetadata.class)
                    .ifPresent(incoming -> builder.setAttribute("messaging.kafka.offset", incoming.getOffset()));
            Span span = builder.startSpan();
            spans.add(record, span);
        }
        return Uni.createFrom()
                .<Void>deferred(() -> work.apply(spans))
                .onTermination()
                .invoke((done, failure, cancelled) -> spans.endAll(failure));
    }

    /** The spans of one batch of records. */
    public static final class RecordSpans {
        static final RecordSpans NONE = new RecordSpans();

        private final Map<Object, Span> byRecord = new IdentityHashMap<>();
        private final List<Span> all = new ArrayList<>();

        void add(Object record, Span span) {
            byRecord.put(record, span);
            all.add(span);
        }

        /**
         * Marks the record's span as refused (dead-lettered). The reason is a fixed phrase of the caller's, never an
         * exception's message: those can quote the record, and spans leave the service.
         */
        public void failed(Object record, String reason) {
            Span span = byRecord.get(record);
            if (span != null) {
                span.setStatus(StatusCode.ERROR, reason);
            }
        }

        /** Whether the spans are recorded: a caller can skip working out what it would annotate when not. */
        public boolean recording() {
            return !all.isEmpty();
        }

        /** Records a fact about what the record led to (its event's type, the decision taken). */
        public void annotate(Object record, String key, String value) {
            Span span = byRecord.get(record);
            if (span != null) {
                span.setAttribute(key, value);
            }
        }

        void endAll(Throwable failure) {
            for (Span span : all) {
                if (failure != null) { // the failure's kind only: its message may quote personal data
                    span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                }
                span.end();
            }
        }
    }

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            for (Header header : headers) {
                keys.add(header.key());
            }
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            if (headers == null) {
                return null;
            }
            Header header = headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };
}
