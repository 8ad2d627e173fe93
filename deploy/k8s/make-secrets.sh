#!/usr/bin/env bash
# Makes the secrets the manifests mount, in namespace NAMESPACE:
#   zs-service-tls    tls.crt, tls.key, ca.crt — the services' certificate
#   zs-token-signing-key signing.pem — the EC P-256 private key bearer tokens
#                     are signed with (mounted by zs-identity only)
#   zs-token-public-keys public-keys.pem — the public keys every service
#                     verifies tokens with: the new one and the one before
#   zs-<service>-token token — each service's (and zs-publish's) own credential
#   zs-db-<service>   password — each service's database role (--db-passwords)
# and prints an administrator's token for the first zsctl profile.
#
#   deploy/k8s/make-secrets.sh NAMESPACE [--tls-dir DIR] [--db-passwords]
#
# --tls-dir takes ca.crt, server.crt and server.key from the district's CA
# (or cert-manager); without it a development CA is made. --db-passwords
# makes random database passwords (production; the dev overlay has its own).
# Needs kubectl, openssl and a built zsctl (build/client/zsctl or on PATH).
# Re-running replaces the secrets and rotates the token key: the new public
# key is published beside the previous one, so tokens signed before keep
# working until they expire; restart the Deployments afterwards
# (kubectl rollout restart deployment -l app.kubernetes.io/part-of=zhaoshang).
# The run after next retires the previous key.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
namespace="${1:?usage: make-secrets.sh NAMESPACE [--tls-dir DIR] [--db-passwords]}"
shift
tls_dir="" db_passwords=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tls-dir) tls_dir="$2"; shift 2 ;;
    --db-passwords) db_passwords=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
zsctl="$(command -v zsctl || echo "$ROOT/build/client/zsctl")"
[ -x "$zsctl" ] || { echo "build zsctl first (./zs build)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
umask 077
apply() { kubectl -n "$namespace" create secret generic "$@" --dry-run=client -o yaml | kubectl apply -f -; }

if [ -z "$tls_dir" ]; then
  tls_dir="$work/tls"
  "$ROOT/deploy/tls/make-dev-certs.sh" "$tls_dir" >/dev/null
fi
apply zs-service-tls --from-file=tls.crt="$tls_dir/server.crt" \
  --from-file=tls.key="$tls_dir/server.key" --from-file=ca.crt="$tls_dir/ca.crt"

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/signing.pem"
openssl pkey -in "$work/signing.pem" -pubout -out "$work/public-keys.pem"
# The newest key already published stays trusted (it is the first block).
kubectl -n "$namespace" get secret zs-token-public-keys -o jsonpath='{.data.public-keys\.pem}' \
  2>/dev/null | base64 -d | sed -n '1,/-----END PUBLIC KEY-----/p' >>"$work/public-keys.pem" || true
apply zs-token-signing-key --from-file=signing.pem="$work/signing.pem"
apply zs-token-public-keys --from-file=public-keys.pem="$work/public-keys.pem"

for service in lead project supervision reporting identity publish; do
  "$zsctl" admin issue-token --signing-key-file "$work/signing.pem" --principal "zs-$service" --kind service \
    --ttl 8760h --out "$work/zs-$service.token"
  apply "zs-$service-token" --from-file=token="$work/zs-$service.token"
done

if [ $db_passwords -eq 1 ]; then
  for service in lead project supervision identity; do
    openssl rand -base64 24 | tr -d '\n' >"$work/db-$service"
    apply "zs-db-$service" --from-file=password="$work/db-$service"
  done
fi

"$zsctl" admin issue-token --signing-key-file "$work/signing.pem" --principal bureau-admin --kind bureau_admin \
  --ttl 720h --out "$work/admin.token"
echo "administrator token (keep it safe; zsctl admin issue-token makes more with the key in zs-token-signing-key):"
cat "$work/admin.token"
