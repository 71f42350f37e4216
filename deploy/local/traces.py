#!/usr/bin/env python3
"""The local mesh's traces (deploy/local/.state/traces.jsonl, one span per line, written by the test kit's collector).

  traces.py show FILE TRACE_ID   one trace as a tree: service, kind, name, attributes
  traces.py check FILE           exit 1 unless some trace runs webhook -> event -> consent: a call-ingest SERVER span
                                 on /webhooks/..., its PRODUCER span, and consent-service's CONSUMER span processing
                                 that record (CI, after the smoke test's webhooks)
  traces.py check --self-test    the check fails on a trace whose chain is broken, passes on a whole one
"""
import json
import os
import sys
import tempfile


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def by_trace(spans):
    traces = {}
    for span in spans:
        traces.setdefault(span["traceId"], []).append(span)
    return traces


def show(path, trace_id):
    spans = by_trace(load(path)).get(trace_id.lower())
    if not spans:
        sys.exit(f"no spans of trace {trace_id} in {path}")
    children = {}
    ids = {s["spanId"] for s in spans}
    for s in spans:
        parent = s["parentSpanId"] if s["parentSpanId"] in ids else ""
        children.setdefault(parent, []).append(s)

    def walk(parent, depth):
        for s in children.get(parent, []):
            attrs = " ".join(f"{k}={v}" for k, v in sorted(s["attributes"].items()) if k.startswith(("mesh.", "http.response")))
            error = " ERROR" if s["error"] else ""
            print(f"{'  ' * depth}{s['service']:<20} {s['kind']:<8} {s['name']}{error} {attrs}".rstrip())
            walk(s["spanId"], depth + 1)

    walk("", 0)


def whole_chains(spans):
    """Traces in which a webhook's record was processed by consent-service."""
    found = []
    for trace_id, trace in by_trace(spans).items():
        by_id = {s["spanId"]: s for s in trace}
        for consumer in trace:
            if consumer["service"] != "consent-service" or consumer["kind"] != "CONSUMER" \
                    or not consumer["name"].startswith("process "):
                continue
            producer = by_id.get(consumer["parentSpanId"])
            if not producer or producer["kind"] != "PRODUCER" or producer["service"] != "call-ingest-service":
                continue
            server = by_id.get(producer["parentSpanId"])
            if server and server["kind"] == "SERVER" and " /webhooks/" in server["name"]:
                found.append(trace_id)
                break
    return found


def check(path, quiet=False):
    spans = load(path)
    chains = whole_chains(spans)
    if not chains:
        if not quiet:
            print(f"FAIL: {len(spans)} spans, no trace runs webhook -> event -> consent-service", file=sys.stderr)
        return 1
    if not quiet:
        print(f"traces: {len(spans)} spans; {len(chains)} traces run webhook -> event -> consent (e.g. {chains[0]})")
    return 0


def self_test():
    def span(service, kind, name, span_id, parent):
        return {"service": service, "traceId": "t" * 32, "spanId": span_id, "parentSpanId": parent, "name": name,
                "kind": kind, "error": False, "attributes": {}}
    whole = [span("call-ingest-service", "SERVER", "POST /webhooks/twilio/sms", "a", ""),
             span("call-ingest-service", "PRODUCER", "telephony.sms.v1 publish", "b", "a"),
             span("consent-service", "CONSUMER", "process telephony.sms.v1", "c", "b")]
    broken = whole[:2] + [span("consent-service", "CONSUMER", "process telephony.sms.v1", "c", "x")]
    results = []
    for spans in (whole, broken):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            f.write("\n".join(json.dumps(s) for s in spans))
        try:
            results.append(check(f.name, quiet=True))
        finally:
            os.unlink(f.name)
    if results != [0, 1]:
        print(f"self-test FAILED: whole -> {results[0]}, broken -> {results[1]}", file=sys.stderr)
        return 1
    print("self-test: a whole chain passes, a broken one fails")
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "show" and len(sys.argv) == 4:
        show(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "check":
        sys.exit(self_test() if sys.argv[2] == "--self-test" else check(sys.argv[2]))
    else:
        sys.exit(__doc__)
