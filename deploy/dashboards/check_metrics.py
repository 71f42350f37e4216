#!/usr/bin/env python3
"""Every metric a dashboard panel or an alert rule names exists on the running services (issue 18, item 5): a renamed
meter, a typo or a suffix Prometheus does not write (`_total`, `_bucket`) would leave a panel empty or an alert that
can never fire, and nothing else would notice. Reads the dashboards here and every PrometheusRule under deploy/k8s,
scrapes each service's /q/metrics and lists what is named but not served. Run against a mesh that has done some work
(CI: after the smoke, fuzz and fault tests), since a labelled counter appears at its first increment unless its
service registers it at start.

usage: check_metrics.py [--ports 9181,9182,9183,9184,9185] [--self-test]
"""
import argparse
import glob
import json
import os
import re
import sys
import urllib.request

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
from dashboards import DASHBOARDS  # noqa: E402  (where dashboards.py writes them)
K8S = os.path.join(HERE, "..", "k8s")
# the families the mesh's services export; PromQL's functions, keywords and label names never start so
METRIC = re.compile(r"\b((?:mesh|http_server|kafka|jvm|process)_[a-zA-Z0-9_:]*)")


def named_in(expr):
    return set(METRIC.findall(expr))


def dashboard_metrics():
    found = {}
    for path in sorted(glob.glob(os.path.join(DASHBOARDS, "*.json"))):
        for panel in json.load(open(path))["panels"]:
            for target in panel["targets"]:
                for name in named_in(target["expr"]):
                    found.setdefault(name, set()).add(f"{os.path.basename(path)}: {panel['title']}")
    return found


def alert_metrics():
    found = {}
    for path in sorted(glob.glob(os.path.join(K8S, "**", "*.yaml"), recursive=True)):
        for doc in yaml.safe_load_all(open(path)):
            if not isinstance(doc, dict) or doc.get("kind") != "PrometheusRule":
                continue
            for group in doc["spec"]["groups"]:
                for rule in group["rules"]:
                    for name in named_in(str(rule["expr"])):
                        found.setdefault(name, set()).add(f"{os.path.relpath(path, K8S)}: {rule.get('alert')}")
    return found


def served(ports):
    names = set()
    for port in ports:
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/q/metrics", timeout=10).read().decode()
        for line in text.splitlines():
            if line and not line.startswith("#"):
                names.add(re.split(r"[{ ]", line, maxsplit=1)[0])
    return names


def missing(named, available):
    return {name: where for name, where in named.items() if name not in available}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ports", default="9181,9182,9183,9184,9185")
    parser.add_argument("--self-test", action="store_true",
                        help="a planted unknown metric must be reported (the check can fail)")
    args = parser.parse_args()
    named = dashboard_metrics()
    for name, where in alert_metrics().items():
        named.setdefault(name, set()).update(where)
    available = served([int(p) for p in args.ports.split(",")])
    if args.self_test:
        planted = {"mesh_planted_typo_total": {"self-test"}}
        if missing(planted, available) != planted:
            print("[metrics] self-test: a planted unknown metric was not reported", file=sys.stderr)
            return 1
        print("[metrics] self-test: a planted unknown metric is reported")
    absent = missing(named, available)
    for name, where in sorted(absent.items()):
        print(f"[metrics] {name} is not served by any service; named in: {'; '.join(sorted(where))}", file=sys.stderr)
    if absent:
        return 1
    print(f"[metrics] all {len(named)} metrics named by {len(glob.glob(os.path.join(DASHBOARDS, '*.json')))} dashboards"
          " and the alert rules are served")
    return 0


if __name__ == "__main__":
    sys.exit(main())
