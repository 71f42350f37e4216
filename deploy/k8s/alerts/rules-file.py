#!/usr/bin/env python3
"""Writes the Prometheus rules file inside a PrometheusRule resource (its spec) to a path: what promtool checks and
what a Prometheus without the operator loads.   rules-file.py <resource.yaml> <rules.yml>"""
import sys

import yaml

resource = yaml.safe_load(open(sys.argv[1]))
assert resource["kind"] == "PrometheusRule", sys.argv[1] + " is not a PrometheusRule"
yaml.safe_dump(resource["spec"], open(sys.argv[2], "w"), sort_keys=False)
