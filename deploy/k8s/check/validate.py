#!/usr/bin/env python3
"""Checks one rendered overlay (the output of `kubectl kustomize`): every object against its kind's schema, then the
references between objects and between the objects and the services' own configuration.

    validate.py <render.yaml> <repo root>

Prints one line per problem and exits 1 if there is any. Run by deploy/k8s/check.sh.
"""
import glob
import json
import os
import re
import sys

import jsonschema
import yaml

K8S = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMAS = os.path.join(K8S, "schemas")
HEALTH = {"readinessProbe": "/q/health/ready", "livenessProbe": "/q/health/live", "startupProbe": "/q/health/live"}
IMAGE = re.compile(r"^ghcr\.io/consent-mesh/(?P<name>[a-z-]+):[0-9][0-9A-Za-z.-]*$")

problems = []


def problem(obj, message):
    problems.append(f"{obj['kind']}/{obj['metadata']['name']}: {message}")


# ---------------------------------------------------------------------------------------------------------- schemas


def closed(node, in_branch=False):
    """Makes object schemas refuse unknown fields, as the API server does (kubeconform's strict mode): a misspelt
    field is otherwise silently dropped on apply. Branches of anyOf/oneOf/allOf are left open: they only restate
    constraints on fields their parent declares."""
    if isinstance(node, list):
        return [closed(item, in_branch) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: closed(value, in_branch or key in ("anyOf", "oneOf", "allOf", "not")) for key, value in node.items()}
    if node.get("x-kubernetes-int-or-string") and "anyOf" not in node:
        node.pop("type", None)
        node["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if node.get("nullable") and isinstance(node.get("type"), str):
        node["type"] = [node["type"], "null"]
    if ("properties" in node and "additionalProperties" not in node and not in_branch
            and not node.get("x-kubernetes-preserve-unknown-fields")):
        node["additionalProperties"] = False
    return node


def load_schemas():
    """kind key "group/version/Kind" (core: "v1/Kind") -> (validator, source)"""
    validators = {}
    with open(os.path.join(SCHEMAS, "kubernetes-1.32.json")) as f:
        kubernetes = json.load(f)
    definitions = closed(kubernetes["definitions"])
    # OpenAPI v2 says "string" for these; the API server takes numbers too
    definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = {"type": ["string", "integer"]}
    definitions["io.k8s.apimachinery.pkg.api.resource.Quantity"] = {"type": ["string", "number"]}
    for kind, name in kubernetes["kinds"].items():
        schema = {"$ref": f"#/definitions/{name}", "definitions": definitions}
        validators[kind] = jsonschema.Draft4Validator(schema)
    for path in sorted(glob.glob(os.path.join(SCHEMAS, "*.json"))):
        if path.endswith("kubernetes-1.32.json"):
            continue
        with open(path) as f:
            vendored = json.load(f)
        for kind, schema in vendored["kinds"].items():
            validators[kind] = jsonschema.Draft7Validator(closed(schema))
    return validators


def check_schemas(objects, validators):
    for obj in objects:
        kind = f"{obj['apiVersion']}/{obj['kind']}"
        validator = validators.get(kind)
        if validator is None:
            problem(obj, f"no schema for {kind}: vendor it (deploy/k8s/schemas/vendor.py)")
            continue
        for error in sorted(validator.iter_errors(obj), key=lambda e: list(e.absolute_path)):
            where = ".".join(str(p) for p in error.absolute_path) or "(object)"
            problem(obj, f"schema: {where}: {error.message[:300]}")


# ---------------------------------------------------------------------------------------------- the services' config


def properties(service, repo):
    """application.properties of the service's module, default profile only (None if the module does not exist)"""
    path = os.path.join(repo, service, "src", "main", "resources", "application.properties")
    if not os.path.exists(path):
        return None
    values, key = {}, None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if "=" in line and not line.startswith(" "):
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip()
    return values


def group_ids(props):
    """the consumer groups of the service's incoming channels; ${...} ones (the deletion agent's) left out"""
    return {value for key, value in props.items()
            if re.fullmatch(r"mp\.messaging\.incoming\.[^.]+\.group\.id", key) and "${" not in value}


# ----------------------------------------------------------------------------------------------------------- helpers


def matches(selector, labels):
    """a LabelSelector (matchLabels, matchExpressions; empty: everything) against labels"""
    if selector is None:
        return False
    for key, value in selector.get("matchLabels", {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions", []):
        key, operator, values = expression["key"], expression["operator"], expression.get("values", [])
        if not {"In": lambda: labels.get(key) in values, "NotIn": lambda: labels.get(key) not in values,
                "Exists": lambda: key in labels, "DoesNotExist": lambda: key not in labels}[operator]():
            return False
    return True


def service_selects(service, labels):
    """a Service's selector is a plain map; none (or empty) selects no pod of ours"""
    selector = service["spec"].get("selector")
    return bool(selector) and matches({"matchLabels": selector}, labels)


def pod_templates(objects):
    return [(obj, obj["spec"]["template"]) for obj in objects if obj["kind"] == "Deployment"]


def containers(template):
    return template["spec"].get("containers", []) + template["spec"].get("initContainers", [])


def container_port(template, port):
    """the containerPort a Service targetPort or probe port (name or number) names in a pod template, or None"""
    for container in containers(template):
        for declared in container.get("ports", []):
            if port in (declared.get("name"), declared["containerPort"]):
                return declared["containerPort"]
    return None


def by_kind(objects, kind):
    return {obj["metadata"]["name"]: obj for obj in objects if obj["kind"] == kind}


# ------------------------------------------------------------------------------------------------------------ checks


def check_workloads(objects, repo):
    """Deployments against their modules: image, ports, probes, writable /tmp, non-root"""
    for deployment, template in pod_templates(objects):
        name = deployment["metadata"]["name"]
        if not matches(deployment["spec"]["selector"], template["metadata"].get("labels", {})):
            problem(deployment, "spec.selector does not select its own pod template")
        props = properties(name, repo)
        pod_security = template["spec"].get("securityContext", {})
        volumes = {v["name"]: v for v in template["spec"].get("volumes", [])}
        for container in template["spec"]["containers"]:
            image = IMAGE.match(container.get("image", ""))
            if not image or image["name"] != name:
                problem(deployment, f"image {container.get('image')} is not ghcr.io/consent-mesh/{name}:<version>,"
                                    " the name the Jib build gives it")
            security = container.get("securityContext", {})
            if not security.get("runAsNonRoot", pod_security.get("runAsNonRoot")):
                problem(deployment, f"container {container['name']} may run as root (runAsNonRoot)")
            if security.get("readOnlyRootFilesystem"):
                tmp = [m for m in container.get("volumeMounts", []) if m["mountPath"] == "/tmp"]
                if not tmp or "emptyDir" not in volumes.get(tmp[0]["name"], {}):
                    problem(deployment, f"container {container['name']} has a read-only root filesystem and no"
                                        " emptyDir at /tmp")
            if props is None:
                problem(deployment, f"no module {name}/ with an application.properties to check it against")
                continue
            ports = {p.get("name"): p["containerPort"] for p in container.get("ports", [])}
            expected = {"management": props.get("quarkus.management.port")}
            if "http" in ports:
                expected["http"] = props.get("quarkus.http.port")
            for port_name, value in expected.items():
                if value is None or ports.get(port_name) != int(value):
                    problem(deployment, f"port {port_name} is {ports.get(port_name)}, the service listens on"
                                        f" {value} (quarkus.{'management' if port_name == 'management' else 'http'}"
                                        ".port)")
            for probe_kind, path in HEALTH.items():
                probe = container.get(probe_kind)
                if probe is None:
                    if probe_kind != "startupProbe":
                        problem(deployment, f"no {probe_kind}")
                    continue
                get = probe.get("httpGet", {})
                if get.get("path") != path:
                    problem(deployment, f"{probe_kind} asks {get.get('path')}, the service answers {path}")
                if container_port(template, get.get("port")) != ports.get("management"):
                    problem(deployment, f"{probe_kind} is on port {get.get('port')}, not the management port"
                                        " (health is served there only)")


def check_services(objects):
    templates = pod_templates(objects)
    for service in by_kind(objects, "Service").values():
        selected = [t for _, t in templates if service_selects(service, t["metadata"]["labels"])]
        if not selected:
            problem(service, f"selector {service['spec'].get('selector')} matches no pod template")
            continue
        for port in service["spec"]["ports"]:
            target = port.get("targetPort", port["port"])
            if not any(container_port(t, target) for t in selected):
                problem(service, f"targetPort {target} is no port of the pods it selects")


def check_ingresses(objects, config):
    services = by_kind(objects, "Service")
    certificates = by_kind(objects, "Certificate")
    for ingress in by_kind(objects, "Ingress").values():
        for rule in ingress["spec"].get("rules", []):
            for path in rule.get("http", {}).get("paths", []):
                backend = path["backend"]["service"]
                service = services.get(backend["name"])
                port = backend["port"].get("name", backend["port"].get("number"))
                if service is None:
                    problem(ingress, f"backend Service {backend['name']} is not defined")
                elif not any(port in (p.get("name"), p["port"]) for p in service["spec"]["ports"]):
                    problem(ingress, f"backend port {port} is not a port of Service {backend['name']}")
        hosts = {rule.get("host") for rule in ingress["spec"].get("rules", [])}
        for tls in ingress["spec"].get("tls", []):
            issued = [c for c in certificates.values() if c["spec"]["secretName"] == tls["secretName"]]
            for certificate in issued:
                if set(tls["hosts"]) - set(certificate["spec"].get("dnsNames", [])):
                    problem(ingress, f"TLS hosts {tls['hosts']} are not all in Certificate"
                                     f" {certificate['metadata']['name']}'s dnsNames")
        public = config.get("MESH_INGEST_PUBLIC_BASE_URL")
        routes_webhooks = any(p["backend"]["service"]["name"] == "call-ingest-service"
                              for r in ingress["spec"].get("rules", []) for p in r.get("http", {}).get("paths", []))
        if routes_webhooks and public and re.sub(r"^https?://([^/:]+).*$", r"\1", public) not in hosts:
            problem(ingress, f"hosts {sorted(hosts)} do not include MESH_INGEST_PUBLIC_BASE_URL's ({public}):"
                             " the providers sign the URL they call")


def produced_secrets(objects):
    """Secrets the operators make from objects in the render"""
    made = set()
    for obj in objects:
        if obj["kind"] == "KafkaUser":
            made.add(obj["metadata"]["name"])
        elif obj["kind"] == "Certificate":
            made.add(obj["spec"]["secretName"])
        elif obj["kind"] == "Cluster" and obj["apiVersion"].startswith("postgresql.cnpg.io/"):
            made |= {obj["metadata"]["name"] + suffix for suffix in ("-app", "-ca", "-server", "-replication")}
    return made


def check_references(objects, allowed, docs):
    secrets = {o["metadata"]["name"] for o in objects if o["kind"] == "Secret"} | produced_secrets(objects)
    config_maps = by_kind(objects, "ConfigMap")
    operator_secrets = set(allowed.get("secrets", []))

    def secret(obj, name, what):
        if name not in secrets and name not in operator_secrets:
            problem(obj, f"{what} names Secret {name}, which nothing defines and"
                         " deploy/k8s/operator-provided.yaml does not list")

    def config_map(obj, name, key, what):
        if name not in config_maps:
            problem(obj, f"{what} names ConfigMap {name}, which is not defined")
        elif key is not None and key not in config_maps[name].get("data", {}):
            problem(obj, f"{what} names key {key} of ConfigMap {name}, which it does not have")

    for obj in objects:
        if obj["kind"] == "Deployment":
            spec = obj["spec"]["template"]["spec"]
            for container in containers(obj["spec"]["template"]):
                for env in container.get("env", []):
                    ref = env.get("valueFrom", {})
                    if "secretKeyRef" in ref:
                        secret(obj, ref["secretKeyRef"]["name"], f"env {env['name']}")
                    if "configMapKeyRef" in ref:
                        config_map(obj, ref["configMapKeyRef"]["name"], ref["configMapKeyRef"]["key"],
                                   f"env {env['name']}")
                for source in container.get("envFrom", []):
                    if "secretRef" in source:
                        secret(obj, source["secretRef"]["name"], "envFrom")
                    if "configMapRef" in source:
                        config_map(obj, source["configMapRef"]["name"], None, "envFrom")
            for volume in spec.get("volumes", []):
                if "secret" in volume:
                    secret(obj, volume["secret"]["secretName"], f"volume {volume['name']}")
                if "configMap" in volume:
                    config_map(obj, volume["configMap"]["name"], None, f"volume {volume['name']}")
        elif obj["kind"] == "Ingress":
            for tls in obj["spec"].get("tls", []):
                secret(obj, tls["secretName"], "tls")
        elif obj["kind"] == "Cluster":
            for role in obj["spec"].get("managed", {}).get("roles", []):
                if "passwordSecret" in role:
                    secret(obj, role["passwordSecret"]["name"], f"role {role['name']}")
        elif obj["kind"] == "TriggerAuthentication":
            for ref in obj["spec"].get("secretTargetRef", []):
                secret(obj, ref["name"], f"parameter {ref['parameter']}")
            for ref in obj["spec"].get("configMapTargetRef", []):
                config_map(obj, ref["name"], ref["key"], f"parameter {ref['parameter']}")
        elif obj["kind"] == "Certificate":
            issuer = obj["spec"]["issuerRef"]
            kind = issuer.get("kind", "Issuer")
            defined = any(o["kind"] == kind and o["metadata"]["name"] == issuer["name"] for o in objects)
            if not defined and issuer["name"] not in allowed.get("issuers", []):
                problem(obj, f"issuer {kind} {issuer['name']} is neither defined nor listed as operator-provided")
    # every operator-provided name is explained to the operator
    for section, names in allowed.items():
        for name in names:
            if f"`{name}`" not in docs:
                problems.append(f"operator-provided.yaml: {section} {name} is not documented in docs/operations.md")


def check_scaling(objects, repo):
    deployments = by_kind(objects, "Deployment")
    targeted = {}
    for obj in objects:
        if obj["kind"] in ("ScaledObject", "HorizontalPodAutoscaler"):
            ref = obj["spec"]["scaleTargetRef"]
            if ref.get("kind", "Deployment") != "Deployment" or ref["name"] not in deployments:
                problem(obj, f"scales Deployment {ref['name']}, which is not defined")
                continue
            if ref["name"] in targeted:
                problem(obj, f"Deployment {ref['name']} is already scaled by {targeted[ref['name']]}: two"
                             " autoscalers would fight over its replicas")
            targeted[ref["name"]] = f"{obj['kind']}/{obj['metadata']['name']}"
            if deployments[ref["name"]]["spec"].get("replicas") is not None:
                problem(obj, f"Deployment {ref['name']} also sets spec.replicas: every apply would reset the"
                             " autoscaler's count")
            low, high = (("minReplicaCount", "maxReplicaCount") if obj["kind"] == "ScaledObject"
                         else ("minReplicas", "maxReplicas"))
            if obj["spec"].get(low, 1) > obj["spec"].get(high, 100):
                problem(obj, f"{low} {obj['spec'].get(low)} is more than {high} {obj['spec'].get(high)}")
        if obj["kind"] == "PodDisruptionBudget":
            if not any(matches(obj["spec"]["selector"], t["metadata"]["labels"]) for _, t in pod_templates(objects)):
                problem(obj, f"selector {obj['spec']['selector']} matches no Deployment's pods")
    kafkas = by_kind(objects, "Kafka")
    auths = by_kind(objects, "TriggerAuthentication")
    for scaled in by_kind(objects, "ScaledObject").values():
        target = scaled["spec"]["scaleTargetRef"]["name"]
        groups = set()
        for trigger in scaled["spec"]["triggers"]:
            if trigger["type"] != "kafka":
                continue
            metadata = trigger["metadata"]
            groups.add(metadata.get("consumerGroup"))
            auth = trigger.get("authenticationRef", {}).get("name")
            if auth not in auths:
                problem(scaled, f"kafka trigger {metadata.get('consumerGroup')}: TriggerAuthentication {auth} is"
                                " not defined")
            host, _, port = metadata.get("bootstrapServers", "").partition(":")
            cluster = re.fullmatch(r"(.+)-kafka-bootstrap\.(.+)\.svc", host)
            if not cluster or cluster[1] not in kafkas or cluster[2] != scaled["metadata"].get("namespace"):
                problem(scaled, f"bootstrapServers {metadata.get('bootstrapServers')} is not"
                                " <kafka>-kafka-bootstrap.<namespace>.svc of a Kafka in this namespace")
            elif not any(str(l["port"]) == port for l in kafkas[cluster[1]]["spec"]["kafka"]["listeners"]):
                problem(scaled, f"bootstrapServers port {port} is no listener of Kafka {cluster[1]}")
        props = properties(target, repo)
        if props is not None:
            consumed = group_ids(props)
            if consumed - groups:
                problem(scaled, f"no kafka trigger watches group(s) {sorted(consumed - groups)}, which {target}'s"
                                " application.properties consumes in")
            if groups - consumed:
                problem(scaled, f"kafka triggers watch group(s) {sorted(groups - consumed)}, which {target} does"
                                " not consume in")


def check_kafka(objects):
    kafkas = by_kind(objects, "Kafka")
    roles = {name: set() for name in kafkas}
    brokers = {name: 0 for name in kafkas}
    for obj in objects:
        if obj["kind"] in ("KafkaTopic", "KafkaUser", "KafkaNodePool"):
            cluster = obj["metadata"].get("labels", {}).get("strimzi.io/cluster")
            if cluster not in kafkas:
                problem(obj, f"names Kafka cluster {cluster} (label strimzi.io/cluster), which is not defined")
            elif obj["kind"] == "KafkaNodePool":
                roles[cluster] |= set(obj["spec"]["roles"])
                if "broker" in obj["spec"]["roles"]:
                    brokers[cluster] += obj["spec"]["replicas"]
    for name, kafka in kafkas.items():
        annotations = kafka["metadata"].get("annotations", {})
        for key in ("strimzi.io/node-pools", "strimzi.io/kraft"):
            if annotations.get(key) != "enabled":
                problem(kafka, f"annotation {key}: enabled is missing")
        if roles[name] != {"controller", "broker"}:
            problem(kafka, f"its KafkaNodePools have roles {sorted(roles[name])}; KRaft needs controller and broker")
        for key in ("default.replication.factor", "offsets.topic.replication.factor"):
            if int(kafka["spec"]["kafka"].get("config", {}).get(key, 1)) > brokers[name]:
                problem(kafka, f"{key} is more than its {brokers[name]} broker(s)")
    for topic in by_kind(objects, "KafkaTopic").values():
        cluster = topic["metadata"].get("labels", {}).get("strimzi.io/cluster")
        replicas = topic["spec"].get("replicas", 1)
        if cluster in brokers and replicas > brokers[cluster]:
            problem(topic, f"replicas {replicas} is more than Kafka {cluster}'s {brokers[cluster]} broker(s)")
        if int(topic["spec"].get("config", {}).get("min.insync.replicas", 1)) > replicas:
            problem(topic, f"min.insync.replicas is more than its {replicas} replica(s): nothing could be written")


def check_database(objects, config, repo):
    """each service logs in as the role whose Secret it reads, and that role owns the service's Flyway schema"""
    clusters = [o for o in objects if o["kind"] == "Cluster" and o["apiVersion"].startswith("postgresql.cnpg.io/")]
    url = config.get("QUARKUS_DATASOURCE_JDBC_URL", "")
    target = re.fullmatch(r"jdbc:postgresql://([^:/]+)(?::\d+)?/(.+)", url)
    for cluster in clusters:
        name, database = cluster["metadata"]["name"], cluster["spec"]["bootstrap"]["initdb"]["database"]
        if not target or target[1] != f"{name}-rw" or target[2] != database:
            problem(cluster, f"mesh-config's QUARKUS_DATASOURCE_JDBC_URL {url} is not {name}-rw/{database}")
    roles = {r["passwordSecret"]["name"]: r for c in clusters for r in c["spec"].get("managed", {}).get("roles", [])
             if "passwordSecret" in r}
    sql = " ".join(s for c in clusters for s in c["spec"]["bootstrap"]["initdb"].get("postInitApplicationSQL", []))
    for deployment, template in pod_templates(objects):
        props = properties(deployment["metadata"]["name"], repo)
        if props is None or "quarkus.datasource.username" not in props:
            continue
        env = {e["name"]: e for c in template["spec"]["containers"] for e in c.get("env", [])}
        ref = env.get("QUARKUS_DATASOURCE_PASSWORD", {}).get("valueFrom", {}).get("secretKeyRef", {})
        role = roles.get(ref.get("name"))
        if role is None:
            problem(deployment, f"its database password Secret {ref.get('name')} is no managed role's passwordSecret")
            continue
        if role["name"] != props["quarkus.datasource.username"]:
            problem(deployment, f"logs in with role {role['name']}'s Secret, but is configured as"
                                f" {props['quarkus.datasource.username']}")
        schema = props.get("quarkus.flyway.schemas")
        if not re.search(rf"CREATE SCHEMA {re.escape(schema)} AUTHORIZATION {re.escape(role['name'])}\b", sql):
            problem(deployment, f"no postInitApplicationSQL creates schema {schema} owned by {role['name']}")


def check_monitoring(objects):
    """every Deployment's management port is scraped by a ServiceMonitor"""
    services = by_kind(objects, "Service")
    for deployment, template in pod_templates(objects):
        if container_port(template, "management") is None:
            continue
        scraped = False
        for monitor in by_kind(objects, "ServiceMonitor").values():
            for service in services.values():
                if not matches(monitor["spec"]["selector"], service["metadata"].get("labels", {})):
                    continue
                if not service_selects(service, template["metadata"]["labels"]):
                    continue
                for endpoint in monitor["spec"]["endpoints"]:
                    port = next((p for p in service["spec"]["ports"] if p.get("name") == endpoint.get("port")), None)
                    if port and container_port(template, port.get("targetPort", port["port"])) == \
                            container_port(template, "management"):
                        scraped = True
        if not scraped:
            problem(deployment, "no ServiceMonitor scrapes its management port")


def check_network_policies(objects):
    """a named port in a policy must be a port of some pod the policy selects, or the rule opens nothing"""
    for policy in by_kind(objects, "NetworkPolicy").values():
        selected = [t for _, t in pod_templates(objects)
                    if matches(policy["spec"]["podSelector"], t["metadata"]["labels"])]
        if not selected:
            continue  # the operators' pods (Strimzi, CloudNativePG, cert-manager): their ports are numbers
        for rule in policy["spec"].get("ingress", []):
            for port in rule.get("ports", []):
                if not any(container_port(t, port.get("port")) for t in selected):
                    problem(policy, f"port {port.get('port')} is no port of the pods it selects")


def main():
    render, repo = sys.argv[1], sys.argv[2]
    with open(render) as f:
        objects = [o for o in yaml.safe_load_all(f) if o]
    with open(os.path.join(K8S, "operator-provided.yaml")) as f:
        allowed = yaml.safe_load(f)
    with open(os.path.join(repo, "docs", "operations.md")) as f:
        docs = f.read()
    config = by_kind(objects, "ConfigMap").get("mesh-config", {}).get("data", {})
    check_schemas(objects, load_schemas())
    invalid = len(problems)
    checks = [lambda: check_workloads(objects, repo), lambda: check_services(objects),
              lambda: check_ingresses(objects, config), lambda: check_references(objects, allowed, docs),
              lambda: check_scaling(objects, repo), lambda: check_kafka(objects),
              lambda: check_database(objects, config, repo), lambda: check_monitoring(objects),
              lambda: check_network_policies(objects)]
    for run in checks:
        try:
            run()
        except (KeyError, TypeError, AttributeError, ValueError) as e:
            if not invalid:
                raise
            # a field the schema requires is missing or mistyped: already reported above
            problems.append(f"(a consistency check stopped on the invalid objects above: {e!r})")
    for line in problems:
        print(f"  {line}")
    print(f"{len(objects)} objects, {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
