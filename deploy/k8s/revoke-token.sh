#!/usr/bin/env bash
# Revokes a bearer token in the cluster: reads the zs-revoked-tokens
# ConfigMap, adds the id with `zsctl admin revoke-token` (the same file
# format the services read, with a dated note), and applies the ConfigMap
# back. The services re-read the mounted list within about a minute, with
# no restart. Nobody edits the ConfigMap by hand.
#
#   deploy/k8s/revoke-token.sh NAMESPACE TOKEN_ID [NOTE]
#
# ZSCTL (default: zsctl on PATH, else build/client/zsctl) and KUBECTL
# (default: kubectl) may be overridden; --dry-run prints the ConfigMap
# instead of applying it.
set -euo pipefail
dry_run=0
if [ "${1:-}" = "--dry-run" ]; then dry_run=1; shift; fi
namespace="${1:?usage: revoke-token.sh [--dry-run] NAMESPACE TOKEN_ID [NOTE]}"
token_id="${2:?usage: revoke-token.sh [--dry-run] NAMESPACE TOKEN_ID [NOTE]}"
note="${3:-revoked $(date -u +%Y-%m-%dT%H:%MZ) by ${USER:-an administrator}}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
zsctl="${ZSCTL:-$(command -v zsctl || echo "$root/build/client/zsctl")}"
kubectl="${KUBECTL:-kubectl}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$kubectl" -n "$namespace" get configmap zs-revoked-tokens -o jsonpath='{.data.revoked}' \
  >"$work/revoked"
# (jsonpath drops the last newline; the new id must start a line)
if [ -s "$work/revoked" ] && [ -n "$(tail -c1 "$work/revoked")" ]; then echo >>"$work/revoked"; fi
if grep -qx "$token_id\( *#.*\)\?" "$work/revoked"; then
  echo "token $token_id is already revoked" >&2
  exit 0
fi
"$zsctl" admin revoke-token --revoked-file "$work/revoked" --token-id "$token_id" \
  --note "$note" >/dev/null
manifest="$("$kubectl" -n "$namespace" create configmap zs-revoked-tokens \
  --from-file=revoked="$work/revoked" --dry-run=client -o yaml)"
if [ $dry_run -eq 1 ]; then
  echo "$manifest"
else
  echo "$manifest" | "$kubectl" -n "$namespace" apply -f -
  echo "revoked $token_id in $namespace; the services pick it up within about a minute" >&2
fi
