#!/usr/bin/env python3
"""The operators' Grafana dashboards (issue 18, item 3), written as data here and rendered to one JSON file each in deploy/k8s/base/monitoring/dashboards/
(Grafana's dashboard model, schemaVersion 39; import them, or let the Grafana sidecar load the ConfigMap deploy/k8s
makes of them). Every metric a panel names must exist on the running services (check_metrics.py, run by CI).

usage: dashboards.py            # rewrites deploy/k8s/base/monitoring/dashboards/*.json
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
# the dashboards live beside the other monitoring objects, which make a ConfigMap of them for Grafana
DASHBOARDS = os.path.join(HERE, "..", "k8s", "base", "monitoring", "dashboards")
RATE = "5m"


def panel(title, unit, *targets, kind="timeseries", description=""):
    return {"title": title, "type": kind, "unit": unit, "description": description,
            "targets": [{"expr": expr, "legend": legend} for legend, expr in targets]}


PANELS = {
    "ingest": ("Consent Mesh — webhook ingest", [
        panel("Webhooks by provider and outcome", "reqps",
              ("{{provider}} {{kind}} {{outcome}}",
               f"sum by (provider, kind, outcome) (rate(mesh_ingest_webhooks_total[{RATE}]))")),
        panel("Webhook answers by status", "reqps",
              ("{{status}}", f'sum by (status) (rate(http_server_requests_seconds_count{{uri=~"/webhooks/.*"}}[{RATE}]))')),
        panel("Webhook latency p50 / p99", "s",
              ("p50", f'histogram_quantile(0.5, sum by (le) (rate(http_server_requests_seconds_bucket{{uri=~"/webhooks/.*"}}[{RATE}])))'),
              ("p99", f'histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{{uri=~"/webhooks/.*"}}[{RATE}])))')),
        panel("Dead-lettered records", "short",
              ("{{topic}}", f"sum by (topic) (increase(mesh_dead_letters_total[{RATE}]))")),
    ]),
    "authorization": ("Consent Mesh — authorization", [
        panel("Authorization requests by status", "reqps",
              ("{{status}}", f'sum by (status) (rate(http_server_requests_seconds_count{{uri="/v1/authorizations"}}[{RATE}]))')),
        panel("Authorization latency p50 / p99", "s",
              ("p50", f'histogram_quantile(0.5, sum by (le) (rate(http_server_requests_seconds_bucket{{uri="/v1/authorizations"}}[{RATE}])))'),
              ("p99", f'histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{{uri="/v1/authorizations"}}[{RATE}])))')),
        panel("Decisions published", "ops",
              ("decisions", f"sum(rate(mesh_consent_decisions_published_total[{RATE}]))")),
        panel("Contacts judged (sends reconciled with decisions)", "short",
              ("{{channel}} {{outcome}}", f"sum by (channel, outcome) (increase(mesh_consent_contacts_total[{RATE}]))")),
    ]),
    "revocations": ("Consent Mesh — revocations and enforcement", [
        panel("Revocations enforced", "short",
              ("revocations", f"sum(increase(mesh_consent_revocation_enforcement_seconds_count[{RATE}]))")),
        panel("Receipt to enforcement p99 (KW-07)", "s",
              ("p99", f"histogram_quantile(0.99, sum by (le) (rate(mesh_consent_revocation_enforcement_seconds_bucket[{RATE}])))"),
              ("slowest", "max(mesh_consent_revocation_enforcement_seconds_max)")),
        panel("Evidence records published", "ops",
              ("records", f"sum(rate(mesh_consent_evidence_published_total[{RATE}]))")),
        panel("Ledger checkpoints signed", "short",
              ("checkpoints", f"sum(increase(mesh_consent_ledger_checkpoints_total[{RATE}]))")),
    ]),
    "disclosure": ("Consent Mesh — recording disclosure", [
        panel("Call verdicts", "short",
              ("{{verdict}}", f"sum by (verdict) (increase(mesh_consent_disclosure_verdicts_total[{RATE}]))")),
        panel("Violations published (disclosure and contacts)", "short",
              ("violations", f"sum(increase(mesh_consent_violations_published_total[{RATE}]))")),
    ]),
    "retention": ("Consent Mesh — retention and deletion", [
        panel("Items due, overdue, held", "short",
              ("due", "max(mesh_retention_items_due)"), ("overdue", "max(mesh_retention_items_overdue)"),
              ("held", "max(mesh_retention_items_held)")),
        panel("Oldest overdue deletion", "s", ("oldest", "max(mesh_retention_oldest_overdue_seconds)")),
        panel("Deletion commands and receipts", "short",
              ("commands", f"sum(increase(mesh_retention_commands_issued_total[{RATE}]))"),
              ("receipts {{result}}", f"sum by (result) (increase(mesh_retention_receipts_total[{RATE}]))")),
        panel("Deletion agent commands by store", "short",
              ("{{store}} {{outcome}}", f"sum by (store, outcome) (increase(mesh_agent_commands_total[{RATE}]))")),
    ]),
    "dsar": ("Consent Mesh — data-subject requests", [
        panel("Requests at risk and overdue", "short",
              ("at risk", "max(mesh_dsar_requests_at_risk)"), ("overdue", "max(mesh_dsar_requests_overdue)"),
              ("confirmations overdue", "max(mesh_dsar_confirmations_overdue)")),
        panel("Oldest overdue request", "s", ("oldest", "max(mesh_dsar_oldest_overdue_seconds)")),
        panel("Clock alarms raised", "short",
              ("{{kind}}", f"sum by (kind) (increase(mesh_dsar_clock_raised_total[{RATE}]))")),
        panel("Access bundle assembly, slowest", "s",
              ("max", "max(mesh_dsar_bundle_assembly_seconds_max)")),
    ]),
}


def grafana(uid, title, panels):
    """Grafana's JSON model: two panels a row, each query a target with a legend."""
    out = []
    for i, p in enumerate(panels):
        out.append({
            "id": i + 1, "type": p["type"], "title": p["title"], "description": p["description"],
            "datasource": {"type": "prometheus", "uid": "${datasource}"},
            "gridPos": {"h": 8, "w": 12, "x": (i % 2) * 12, "y": (i // 2) * 8},
            "fieldConfig": {"defaults": {"unit": p["unit"]}, "overrides": []},
            "targets": [{"refId": chr(ord("A") + j), "expr": t["expr"], "legendFormat": t["legend"]}
                        for j, t in enumerate(p["targets"])],
        })
    return {
        "uid": f"consent-mesh-{uid}", "title": title, "tags": ["consent-mesh"], "schemaVersion": 39,
        "editable": False, "time": {"from": "now-6h", "to": "now"}, "refresh": "1m",
        "templating": {"list": [{"name": "datasource", "type": "datasource", "query": "prometheus",
                                 "label": "Prometheus"}]},
        "panels": out,
    }


def main():
    for uid, (title, panels) in PANELS.items():
        with open(os.path.join(DASHBOARDS, f"{uid}.json"), "w") as f:
            json.dump(grafana(uid, title, panels), f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
