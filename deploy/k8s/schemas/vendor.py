#!/usr/bin/env python3
"""Re-vendors the schemas deploy/k8s/check.sh validates against, from the upstream repositories' git history.

    vendor.py <dir holding owner+name/repo bare clones>

Each source below names a repository, a tag and the files read from it; only the kinds (and API versions) the mesh's
manifests use are kept, descriptions dropped, so the files stay small. The tag's commit is written into each file.
To move to another release, change the tag here, re-run, run deploy/k8s/check.sh and update README.md's table.
"""
import json
import os
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

# Kubernetes: its OpenAPI v2 document as kubernetes-client/python vendors it for a release (KUBERNETES_BRANCH).
KUBERNETES = {
    "repo": "kubernetes-client/python", "tag": "v32.0.1", "path": "kubernetes/swagger.json.unprocessed",
    "out": "kubernetes-1.32.json",
    "kinds": ["v1/Namespace", "v1/ConfigMap", "v1/Secret", "v1/Service", "apps/v1/Deployment",
              "policy/v1/PodDisruptionBudget", "networking.k8s.io/v1/NetworkPolicy", "networking.k8s.io/v1/Ingress",
              "autoscaling/v2/HorizontalPodAutoscaler"],
}
CRDS = [
    {"repo": "strimzi/strimzi-kafka-operator", "tag": "0.51.0", "out": "strimzi-0.51.0.json",
     "paths": ["packaging/install/cluster-operator/040-Crd-kafka.yaml",
               "packaging/install/cluster-operator/043-Crd-kafkatopic.yaml",
               "packaging/install/cluster-operator/044-Crd-kafkauser.yaml",
               "packaging/install/cluster-operator/045-Crd-kafkanodepool.yaml"],
     # KafkaUser v1beta2 too: kafka-users.yaml is generated in that version (mesh-testkit KafkaUsersManifestTest)
     "versions": {"Kafka": ["v1"], "KafkaTopic": ["v1"], "KafkaUser": ["v1", "v1beta2"], "KafkaNodePool": ["v1"]}},
    {"repo": "cloudnative-pg/cloudnative-pg", "tag": "v1.30.0", "out": "cloudnative-pg-1.30.0.json",
     "paths": ["config/crd/bases/postgresql.cnpg.io_clusters.yaml"]},
    {"repo": "kedacore/keda", "tag": "v2.20.2", "out": "keda-2.20.2.json",
     "paths": ["config/crd/bases/keda.sh_scaledobjects.yaml", "config/crd/bases/keda.sh_triggerauthentications.yaml"]},
    {"repo": "prometheus-operator/prometheus-operator", "tag": "v0.93.0", "out": "prometheus-operator-0.93.0.json",
     "paths": ["example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml",
               "example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml"]},
    {"repo": "cert-manager/cert-manager", "tag": "v1.21.1", "out": "cert-manager-1.21.1.json",
     "paths": ["deploy/crds/cert-manager.io_certificates.yaml"]},
]


def git(mirrors, repo, *args):
    git_dir = os.path.join(mirrors, repo.replace("/", "+"), "repo")
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True, capture_output=True).stdout


def strip(node):
    """Drops descriptions (most of the bytes); keeps every constraint."""
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def kubernetes(mirrors):
    spec = json.loads(git(mirrors, KUBERNETES["repo"], "show", f"{KUBERNETES['tag']}:{KUBERNETES['path']}"))
    definitions = spec["definitions"]
    by_gvk = {}
    for name, definition in definitions.items():
        for gvk in definition.get("x-kubernetes-group-version-kind", []):
            group_version = f"{gvk['group']}/{gvk['version']}" if gvk["group"] else gvk["version"]
            by_gvk[f"{group_version}/{gvk['kind']}"] = name
    kinds = {kind: by_gvk[kind] for kind in KUBERNETES["kinds"]}
    keep, todo = {}, list(kinds.values())
    while todo:  # the definitions the kinds reach through $ref
        name = todo.pop()
        if name in keep:
            continue
        keep[name] = strip(definitions[name])
        todo += [ref.split("/")[-1] for ref in refs(keep[name])]
    return {"kinds": kinds, "definitions": keep}


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def crds(mirrors, source):
    kinds = {}
    for path in source["paths"]:
        crd = yaml.safe_load(git(mirrors, source["repo"], "show", f"{source['tag']}:{path}"))
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        wanted = source.get("versions", {}).get(kind)
        for version in crd["spec"]["versions"]:
            if version.get("served") and (wanted is None or version["name"] in wanted):
                kinds[f"{group}/{version['name']}/{kind}"] = strip(version["schema"]["openAPIV3Schema"])
    return {"kinds": kinds}


def write(mirrors, source, content):
    commit = git(mirrors, source["repo"], "rev-list", "-n", "1", source["tag"]).decode().strip()
    content = {"source": {"repo": source["repo"], "tag": source["tag"], "commit": commit,
                          "paths": source.get("paths", [source.get("path")])}, **content}
    with open(os.path.join(HERE, source["out"]), "w") as out:
        json.dump(content, out, sort_keys=True, separators=(",", ":"))
        out.write("\n")
    print(f"{source['out']}: {', '.join(sorted(content['kinds']))}")


def main():
    mirrors = sys.argv[1]
    write(mirrors, KUBERNETES, kubernetes(mirrors))
    for source in CRDS:
        write(mirrors, source, crds(mirrors, source))


if __name__ == "__main__":
    main()
