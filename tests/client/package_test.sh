#!/usr/bin/env bash
# The zsctl .deb as an office gets it: CPack builds it from this build tree,
# dpkg-shlibdeps has declared the libraries the binary needs, apt would
# install it on this Debian 12, and the binary unpacked into a scratch root
# runs and prints its version. Its bash completion completes commands.
#   package_test.sh BUILD_DIR VERSION
set -euo pipefail
build="$1" version="$2"
work="$(mktemp -d /tmp/zsctl-package-test.XXXXXX)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack"; }
deb="$work/out/zsctl_${version}-1_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { ls -R "$work/out" >&2; fail "no $deb"; }

# Depends: what dpkg-shlibdeps found in the binary, with versions, and
# nothing only the services need.
info="$(dpkg-deb -I "$deb")"
echo "$info"
depends="$(dpkg-deb -f "$deb" Depends)"
for library in libc6 'libgrpc++1.51' libprotobuf32 libabsl20220623 libstdc++6 libinireader0 libjwt0; do
  [[ ", $depends," == *", $library "* ]] || fail "Depends lacks $library: $depends"
done
[[ "$depends" =~ libc6\ \(\>=\ [0-9] ]] || fail "Depends has no version for libc6: $depends"
for service_only in libpqxx libpq5 libspdlog; do
  [[ "$depends" != *"$service_only"* ]] || fail "Depends has $service_only: $depends"
done
[ "$(dpkg-deb -f "$deb" Package)" = zsctl ] || fail "package name"

# Only zsctl and its completion are inside.
contents="$(dpkg-deb -c "$deb" | awk '{print $6}' | grep -v '/$')"
[ "$contents" = "$(printf './usr/bin/zsctl\n./usr/share/bash-completion/completions/zsctl')" ] ||
  fail "contents: $contents"

# apt would install it here: every dependency resolves (simulated, so the
# machine's own packages are untouched).
apt-get install --simulate --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; fail "apt-get cannot install it"; }
grep -q "^Inst zsctl (${version}-1" "$work/apt.log" || { cat "$work/apt.log" >&2; fail "apt plan"; }

# Installed into a scratch root by dpkg (its own database there), the
# binary runs with the system's libraries.
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
dpkg --root="$root" --force-depends --force-not-root --log=/dev/null -i "$deb" >"$work/dpkg.log" 2>&1 ||
  { cat "$work/dpkg.log" >&2; fail "dpkg --root -i"; }
dpkg --root="$root" -s zsctl | grep -q "^Status: install ok installed" || fail "not installed"
out="$(env -i PATH=/usr/bin:/bin HOME="$work" "$root/usr/bin/zsctl" --version)"
echo "$out"
[[ "$out" == "zsctl $version"* ]] || fail "--version: $out"
[[ "$out" == *"contracts v1 ("* ]] || fail "--version lacks the contract version: $out"
ldd "$root/usr/bin/zsctl" | grep -q "not found" && fail "unresolved libraries"

# The packaged completion completes commands and their aliases.
completions="$(bash -c '
  source "$1"
  COMP_WORDS=(zsctl lead cre); COMP_CWORD=2; _zsctl; echo "${COMPREPLY[*]}"
  COMP_WORDS=(zsctl lead create --ti); COMP_CWORD=3; _zsctl; echo "${COMPREPLY[*]}"' _ \
  "$root/usr/share/bash-completion/completions/zsctl")"
echo "$completions"
[[ "$completions" == *create-lead* && "$completions" == *create-enterprise* ]] ||
  fail "completion of 'lead cre': $completions"
[[ "$(echo "$completions" | tail -1)" == *--title* ]] || fail "completion of --ti: $completions"
echo "PASS: $deb"
