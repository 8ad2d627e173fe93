#!/usr/bin/env bash
# Makes a development certificate authority and, signed by it, a server
# certificate (valid for localhost, 127.0.0.1 and the in-cluster service
# names) and client certificates for mutual TLS. Development and tests only:
# production certificates come from the district's CA or cert-manager.
#
#   deploy/tls/make-dev-certs.sh OUT_DIR [CLIENT_NAME...]
#
# OUT_DIR gets ca.{crt,key}, server.{crt,key} and <client>.{crt,key} for each
# client name (default: office-yrd office-fujian office-chengdu zs-service).
set -euo pipefail
out="${1:?usage: make-dev-certs.sh OUT_DIR [CLIENT_NAME...]}"
shift
clients=("$@")
[ ${#clients[@]} -eq 0 ] && clients=(office-yrd office-fujian office-chengdu zs-service)
mkdir -p "$out"
cd "$out"
umask 077

openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Zhaoshang development CA" \
  -keyout ca.key -out ca.crt 2>/dev/null

sign() {  # sign NAME EXTENSIONS
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$1.key" -out "$1.csr" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
    -extfile <(printf '%s\n' "$2") -out "$1.crt" 2>/dev/null
  rm -f "$1.csr"
}

names="DNS:localhost,IP:127.0.0.1"
for service in lead project supervision reporting gateway; do
  names="$names,DNS:zs-$service,DNS:zs-$service.zhaoshang.svc,DNS:zs-$service.zhaoshang.svc.cluster.local"
done
# Services present this certificate as clients too (mutual TLS between them).
sign server "subjectAltName=$names
extendedKeyUsage=serverAuth,clientAuth"
for client in "${clients[@]}"; do
  sign "$client" "extendedKeyUsage=clientAuth"
done
chmod 644 ./*.crt
echo "certificates in $out: ca.crt server.crt ${clients[*]/%/.crt}"
