#!/usr/bin/env bash
# Validates deploy/kubernetes/ against the Kubernetes API schemas with `kubernetes-validate`
# (PyPI), in strict mode (unknown fields are errors), after checking that it does refuse a
# broken manifest; checks that the kustomization lists every manifest and that
# docker-compose.yml and the nginx config it mounts are well-formed. Installs the checker into
# a virtualenv under target/. Exit 0 = valid; a registry that cannot be reached is a plain
# "SKIPPED" line and exit 0; anything else fails.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=target/deploy-validate-venv
K8S_VERSION=${K8S_VERSION:-1.37.0}
if [ ! -x "$VENV/bin/kubernetes-validate" ]; then
  python3 -m venv "$VENV" >/dev/null 2>&1 || { rm -rf "$VENV"; python3 -m venv --without-pip "$VENV"; }
  if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check 'kubernetes-validate>=1.30' >/dev/null 2>&1; then
    echo "deploy validation SKIPPED: kubernetes-validate could not be installed from PyPI (registry unreachable?)"
    exit 0
  fi
fi
KV="$VENV/bin/kubernetes-validate"

MANIFESTS=(deploy/kubernetes/deployment.yaml deploy/kubernetes/service.yaml deploy/kubernetes/hpa.yaml
           deploy/kubernetes/pdb.yaml deploy/kubernetes/ingress.yaml)

# The checker must refuse a wrong manifest, or a pass below means nothing.
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
sed 's/^  replicas: 2$/  replicas: two/; s/readOnlyRootFilesystem: true/readOnlyRootFilesystem: true\n            readOnlyRootFileSystem: true/' \
  deploy/kubernetes/deployment.yaml >"$TMP/broken.yaml"
if "$KV" --strict --quiet -k "$K8S_VERSION" "$TMP/broken.yaml" >/dev/null 2>&1; then
  echo "FAIL: kubernetes-validate accepted a broken Deployment; the check is not working" >&2
  exit 1
fi

echo "== kubernetes-validate --strict (Kubernetes $K8S_VERSION)"
"$KV" --strict -k "$K8S_VERSION" "${MANIFESTS[@]}"

echo "== kustomization, docker-compose.yml, nginx.conf"
"$VENV/bin/python" - "${MANIFESTS[@]}" <<'PY'
import os, sys, yaml
kust = yaml.safe_load(open("deploy/kubernetes/kustomization.yaml"))
listed = {os.path.join("deploy/kubernetes", r) for r in kust["resources"]}
missing = set(sys.argv[1:]) - listed
extra = {r for r in listed if not os.path.exists(r)}
assert not missing and not extra, f"kustomization: missing {missing}, not found {extra}"
compose = yaml.safe_load(open("docker-compose.yml"))
mcp = compose["services"]["mcp"]
assert mcp["deploy"]["replicas"] >= 2 and mcp["read_only"] is True, "two read-only replicas"
lb = compose["services"]["lb"]
mount = lb["volumes"][0].split(":")[0]
assert os.path.exists(mount), f"{mount} is mounted but missing"
conf = open(mount).read()
assert conf.count("{") == conf.count("}"), "nginx.conf: unbalanced braces"
assert "limit_req_zone" in conf and "X-Forwarded-For" in conf
print("ok: kustomization lists every manifest; compose has two read-only replicas behind nginx")
PY
