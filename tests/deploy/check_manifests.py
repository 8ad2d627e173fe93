#!/usr/bin/python3
"""Renders both overlays with `kubectl kustomize`, validates every object
against the Kubernetes schemas offline (validate.mjs), and asserts what IT
relies on: every service has native gRPC probes (on its plaintext health
port), requires its TLS, token-public-keys and own-token secrets (and only
the issuer mounts the token signing key) and logs in to
PostgreSQL as its own role, a locked-down
securityContext, requests and limits, a PodDisruptionBudget, an autoscaler
and a NetworkPolicy; the namespace denies by default; production runs at
least two replicas on a CloudNativePG cluster; the container file builds
in two stages and runs as a non-root user. The gateway: HTTPS probes,
a Service, PDB and autoscaler, a policy admitting only the ingress
controller, every service admitting it, and the browsers' HTTPS Ingress.

usage: check_manifests.py REPO_ROOT WORK_DIR
"""
import os
import subprocess
import sys

import yaml

SERVICES = {"zs-lead": 7101, "zs-project": 7102, "zs-supervision": 7103, "zs-reporting": 7104,
            "zs-identity": 7105}
# The one pod that may hold the private key bearer tokens are signed with.
TOKEN_ISSUERS = {"Deployment/zs-identity"}
HEALTH_PORT = 8080  # plaintext, health only: the kubelet's gRPC probe has no TLS
METRICS_PORT = 9090  # plain HTTP, /metrics only, open to the monitoring namespace
SECURITY_SETTINGS = ("ZS_TLS_CERT_FILE", "ZS_TLS_KEY_FILE", "ZS_TOKEN_PUBLIC_KEYS_FILE",
                     "ZS_REVOKED_TOKENS_FILE", "ZS_SERVICE_TOKEN_FILE", "ZS_HEALTH_LISTEN",
                     "ZS_METRICS_LISTEN")
# What the on-call runbook (README "Operations") promises an alert for.
ALERTS = ("ZhaoshangHighErrorRatio", "ZhaoshangSlowCalls", "ZhaoshangQueueSaturated",
          "ZhaoshangCredentialExpiresSoon", "ZhaoshangPublishFailed", "ZhaoshangBackupFailed",
          "ZhaoshangReplicationLag", "ZhaoshangGatewayErrors")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def pod_specs(objects):
    """(owner, pod spec) for every workload that runs pods."""
    for o in objects:
        kind = o["kind"]
        if kind in ("Deployment", "StatefulSet", "Job"):
            yield f"{kind}/{o['metadata']['name']}", o["spec"]["template"]["spec"]
        elif kind == "CronJob":
            yield (f"{kind}/{o['metadata']['name']}",
                   o["spec"]["jobTemplate"]["spec"]["template"]["spec"])


GATEWAY, GATEWAY_PORT = "zs-gateway", 8443


def check_gateway(name, by_kind):
    d = by_kind.get("Deployment", {}).get(GATEWAY)
    check(d is not None, f"{name}: no {GATEWAY} Deployment")
    if d:
        c = d["spec"]["template"]["spec"]["containers"][0]
        for probe in ("readinessProbe", "livenessProbe"):
            get = c.get(probe, {}).get("httpGet", {})
            check(get.get("port") == GATEWAY_PORT and get.get("scheme") == "HTTPS",
                  f"{name}: {GATEWAY} {probe} is not HTTPS on {GATEWAY_PORT}")
        env = {e["name"]: e.get("value") for e in c.get("env", [])}
        check(env.get("ZS_LISTEN") == f"0.0.0.0:{GATEWAY_PORT}", f"{name}: {GATEWAY} listen")
        check(all(f"ZS_{s.upper()}_ADDRESS" in env for s in ("lead", "project", "supervision",
                                                            "reporting", "identity")),
              f"{name}: {GATEWAY} lacks a service address")
        check("ZS_ALLOW_PLAINTEXT" not in env, f"{name}: {GATEWAY} serves plaintext")
        if name == "prod":
            check(d["spec"]["replicas"] >= 2, f"prod: {GATEWAY} has fewer than 2 replicas")
    for kind in ("Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy"):
        check(GATEWAY in by_kind.get(kind, {}), f"{name}: {GATEWAY} has no {kind}")
    policy = by_kind.get("NetworkPolicy", {}).get(GATEWAY)
    if policy:
        rules = policy["spec"].get("ingress", [])
        ports = {p["port"] for rule in rules for p in rule.get("ports", [])}
        sources = [f for rule in rules for f in rule.get("from", [])]
        check(ports == {GATEWAY_PORT} and all("namespaceSelector" in f for f in sources),
              f"{name}: {GATEWAY} admits more than the ingress controller on {GATEWAY_PORT}")
    for service in SERVICES:
        policy = by_kind.get("NetworkPolicy", {}).get(service)
        sources = [f for rule in (policy or {"spec": {}})["spec"].get("ingress", [])
                   for f in rule.get("from", [])]
        check(any(f.get("podSelector", {}).get("matchLabels", {}).get("app.kubernetes.io/name")
                  == GATEWAY for f in sources), f"{name}: {service} does not admit {GATEWAY}")
    web = by_kind.get("Ingress", {}).get("zs-web")
    check(web is not None and web["metadata"]["annotations"].get(
        "nginx.ingress.kubernetes.io/backend-protocol") == "HTTPS" and web["spec"].get("tls")
        and web["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]["name"] == GATEWAY,
        f"{name}: browsers have no HTTPS ingress to {GATEWAY}")


def check_overlay(name, objects):
    by_kind = {}
    for o in objects:
        by_kind.setdefault(o["kind"], {})[o["metadata"]["name"]] = o
    deployments = by_kind.get("Deployment", {})
    check(set(deployments) == set(SERVICES) | {GATEWAY},
          f"{name}: deployments {sorted(deployments)}")
    check_gateway(name, by_kind)
    for service, port in SERVICES.items():
        d = deployments.get(service)
        if d is None:
            continue
        spec = d["spec"]["template"]["spec"]
        c = spec["containers"][0]
        ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
        check(ports.get("metrics") == METRICS_PORT,
              f"{name}: {service} has no metrics port {METRICS_PORT}")
        for probe in ("readinessProbe", "livenessProbe"):
            check(c.get(probe, {}).get("grpc", {}).get("port") == HEALTH_PORT,
                  f"{name}: {service} {probe} is not a native gRPC probe on {HEALTH_PORT}")
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        for volume, secret in (("tls", "zs-service-tls"), ("token-public-keys", "zs-token-public-keys"),
                               ("service-token", f"{service}-token")):
            source = volumes.get(volume, {}).get("secret", {})
            check(source.get("secretName") == secret and not source.get("optional"),
                  f"{name}: {service} does not require the secret {secret}")
        env = {e["name"]: e.get("value") for e in c.get("env", [])}
        if service != "zs-reporting":
            role = service.replace("-", "_")
            check(env.get("PGUSER") == role, f"{name}: {service} is not the database role {role}")
            # (kustomize's secretGenerator appends a content hash in dev)
            check(volumes.get("db", {}).get("secret", {}).get("secretName", "")
                  .startswith(f"zs-db-{service[3:]}"),
                  f"{name}: {service} does not use its own database password")
        check(spec.get("terminationGracePeriodSeconds", 30) > 30,
              f"{name}: {service} grace period not longer than the longest call")
        check("preStop" in c.get("lifecycle", {}), f"{name}: {service} has no preStop pause")
        check(all(k in c.get("resources", {}).get(r, {}) for r in ("requests", "limits")
                  for k in ("cpu", "memory")), f"{name}: {service} lacks requests/limits")
        check(any(e.get("configMapRef") for e in c.get("envFrom", [])),
              f"{name}: {service} takes no settings from the ConfigMap")
        if name == "prod":
            check(d["spec"]["replicas"] >= 2, f"prod: {service} has fewer than 2 replicas")
            hpa = by_kind.get("HorizontalPodAutoscaler", {}).get(service)
            check(hpa is not None and hpa["spec"]["minReplicas"] >= 2,
                  f"prod: {service} autoscaler allows fewer than 2")
        check(service in by_kind.get("PodDisruptionBudget", {}), f"{name}: {service} has no PDB")
        check(service in by_kind.get("HorizontalPodAutoscaler", {}), f"{name}: {service} no HPA")
        policy = by_kind.get("NetworkPolicy", {}).get(service)
        check(policy is not None and policy["spec"]["podSelector"]["matchLabels"]
              ["app.kubernetes.io/name"] == service, f"{name}: {service} has no NetworkPolicy")
        if policy:
            ports = {p["port"] for rule in policy["spec"].get("ingress", [])
                     for p in rule.get("ports", [])}
            check(ports == {port}, f"{name}: {service} policy admits ports {ports}")

    for owner, spec in pod_specs(objects):
        mounts_signing_key = any(
            v.get("secret", {}).get("secretName") == "zs-token-signing-key"
            for v in spec.get("volumes", []))
        check(mounts_signing_key == (owner in TOKEN_ISSUERS),
              f"{name}: {owner} {'mounts' if mounts_signing_key else 'lacks'} the token signing key")
        if owner.startswith("StatefulSet/"):
            continue  # the dev database image's own layout
        pod = spec.get("securityContext", {})
        check(pod.get("runAsNonRoot") is True, f"{name}: {owner} may run as root")
        for c in spec.get("containers", []) + spec.get("initContainers", []):
            sc = c.get("securityContext", {})
            check(sc.get("readOnlyRootFilesystem") is True, f"{name}: {owner} root fs writable")
            check(sc.get("allowPrivilegeEscalation") is False, f"{name}: {owner} may escalate")
            check(sc.get("capabilities", {}).get("drop") == ["ALL"],
                  f"{name}: {owner} keeps capabilities")

    deny = by_kind.get("NetworkPolicy", {}).get("zs-default-deny")
    check(deny is not None and deny["spec"]["podSelector"] == {}
          and set(deny["spec"]["policyTypes"]) == {"Ingress", "Egress"},
          f"{name}: no default-deny policy")
    database = by_kind.get("NetworkPolicy", {}).get("zs-database")
    check(database is not None, f"{name}: the database accepts anyone")
    # Each service with a schema migrates it in an init container (under an
    # advisory lock): no immutable Job to delete between releases.
    check("zs-migrate" not in by_kind.get("Job", {}), f"{name}: an immutable migration Job")
    for service in ("zs-lead", "zs-project", "zs-supervision", "zs-identity"):
        spec = deployments.get(service, {}).get("spec", {}).get("template", {}).get("spec", {})
        init = spec.get("initContainers", [])
        check(any(c.get("command", [])[-1:] == ["--migrate=only"] for c in init),
              f"{name}: {service} does not migrate before it starts")
        main = spec.get("containers", [{}])[0]
        check("--migrate=off" in main.get("args", []), f"{name}: {service} migrates as it serves")
    check(by_kind.get("Job", {}).get("zs-db-roles") is not None, f"{name}: no database roles Job")
    config = next((o for o in objects if o["kind"] == "ConfigMap"
                   and o["metadata"]["name"].startswith("zs-config")), {"data": {}})
    for setting in SECURITY_SETTINGS:
        check(config["data"].get(setting), f"{name}: zs-config does not set {setting}")
    check("user=" not in config["data"].get("ZS_DB_CONNINFO", ""),
          f"{name}: ZS_DB_CONNINFO names one user for every service")
    cron = by_kind.get("CronJob", {})
    check({"zs-weekly-summary", "zs-monthly-ranking"} <= set(cron), f"{name}: CronJobs {cron}")
    ingress = by_kind.get("Ingress", {}).get("zs-grpc")
    check(ingress is not None and ingress["metadata"]["annotations"].get(
        "nginx.ingress.kubernetes.io/backend-protocol") == "GRPCS" and ingress["spec"].get("tls"),
        f"{name}: the office ingress is not gRPC over TLS")
    metrics_policy = by_kind.get("NetworkPolicy", {}).get("zs-allow-metrics")
    check(metrics_policy is not None and {p["port"] for rule in metrics_policy["spec"]["ingress"]
                                          for p in rule["ports"]} == {METRICS_PORT},
          f"{name}: Prometheus cannot reach the metrics port, or reaches more")
    if name == "prod":
        cluster = by_kind.get("Cluster", {}).get("zs-db")
        check(cluster is not None and cluster["apiVersion"] == "postgresql.cnpg.io/v1"
              and cluster["spec"]["instances"] >= 2, "prod: no CloudNativePG cluster")
        check(cluster is not None and cluster["spec"].get("monitoring", {}).get("enablePodMonitor"),
              "prod: the database's own metrics are not scraped")
        monitor = by_kind.get("PodMonitor", {}).get("zs-services")
        check(monitor is not None and any(e.get("port") == "metrics"
                                          for e in monitor["spec"]["podMetricsEndpoints"]),
              "prod: no PodMonitor scrapes the services' metrics port")
        rules = by_kind.get("PrometheusRule", {}).get("zs-alerts", {"spec": {"groups": []}})
        alerts = {r.get("alert") for g in rules["spec"]["groups"] for r in g["rules"]}
        for alert in ALERTS:
            check(alert in alerts, f"prod: no alert {alert}")
        for g in rules["spec"]["groups"]:
            for r in g["rules"]:
                check(r.get("annotations", {}).get("summary"), f"prod: {r.get('alert')} says nothing")
        check("StatefulSet" not in by_kind, "prod: a hand-made database StatefulSet")
        read = config["data"].get("ZS_DB_READ_CONNINFO", "")
        check("host=zs-db-ro" in read and "user=" not in read,
              "prod: lists and reports do not read from the replicas (zs-db-ro)")
        check(monitor is not None and "zs-gateway" in next(
            (e["values"] for e in monitor["spec"]["selector"].get("matchExpressions", [])
             if e["key"] == "app.kubernetes.io/name"), []),
            "prod: the gateway's metrics are not scraped")
        backup = (cluster or {}).get("spec", {}).get("backup", {})
        check(backup.get("barmanObjectStore", {}).get("wal") is not None
              and backup.get("retentionPolicy"), "prod: no continuous backup with a retention")
        scheduled = by_kind.get("ScheduledBackup", {})
        check(any(b["spec"]["cluster"]["name"] == "zs-db" for b in scheduled.values()),
              "prod: no ScheduledBackup of zs-db")


def check_container_file(path):
    lines = [l.strip() for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]
    froms = [l for l in lines if l.startswith("FROM ")]
    # Debian 12 compiles and runs; the console is built in between on Node.js 20.
    check(len(froms) == 3 and "debian:12" in froms[0] and "node:20" in froms[1]
          and "debian:12" in froms[2], f"container: stages {froms}")
    final = lines[lines.index(froms[-1]):]
    check(any(l.startswith("USER ") and not l.startswith("USER 0") and "root" not in l
              for l in final), "container: runtime stage runs as root")
    check(not any("-dev" in l for l in final), "container: -dev packages in the runtime stage")
    check(not any(l.startswith("ADD ") for l in lines), "container: ADD instead of COPY")
    check(any(l.startswith("COPY --from=build") for l in final),
          "container: runtime stage does not copy the built binaries")
    check(any(l.startswith("COPY --from=console") for l in final),
          "container: runtime stage does not carry the console")


def main():
    root, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    rendered = []
    for overlay in ("dev", "prod"):
        out = subprocess.run(["kubectl", "kustomize", f"{root}/deploy/k8s/overlays/{overlay}"],
                             check=True, capture_output=True, text=True).stdout
        path = f"{work}/{overlay}.yaml"
        open(path, "w", encoding="utf-8").write(out)
        rendered.append(path)
        check_overlay(overlay, [o for o in yaml.safe_load_all(out) if o])
    check_container_file(f"{root}/deploy/container/Containerfile")
    # The restore runbook's cluster is applied by hand; it must validate too.
    restore = f"{root}/deploy/k8s/restore/zs-db-restore.yaml"
    schema = subprocess.run(["node", f"{root}/tests/deploy/validate.mjs", *rendered, restore],
                            capture_output=True, text=True)
    print(schema.stdout.strip())
    check(schema.returncode == 0, "schema validation failed:\n" + schema.stderr)
    for f in failures:
        print("FAIL", f)
    print(f"manifests: {len(failures)} problems")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
