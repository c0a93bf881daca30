#!/usr/bin/env bash
# Installs what `make test` needs, idempotently: Debian packages (when root and missing) and the
# npm packages pinned by the committed lock files. Safe to run on every `make test`.
set -euo pipefail
cd "$(dirname "$0")/../.."

apt_packages=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || apt_packages+=(postgresql)
command -v yamllint >/dev/null 2>&1 || apt_packages+=(yamllint)
command -v kubectl >/dev/null 2>&1 || apt_packages+=(kubernetes-client)
# tests/deploy/render executes the Helm chart's templates (Go text/template + sprig) where no helm exists.
command -v go >/dev/null 2>&1 || apt_packages+=(golang-go)
[ -d /usr/share/gocode/src/github.com/Masterminds/sprig ] || apt_packages+=(golang-github-masterminds-sprig-dev)
[ -d /usr/share/gocode/src/github.com/ghodss/yaml ] || apt_packages+=(golang-github-ghodss-yaml-dev)
if [ "${OGI_BENCH:-}" = 1 ]; then
  command -v h2load >/dev/null 2>&1 || apt_packages+=(nghttp2-client)
  command -v pgbench >/dev/null 2>&1 || apt_packages+=(postgresql-contrib)
fi

if [ ${#apt_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing ${apt_packages[*]}; install them (apt-get install ${apt_packages[*]}) or run as root" >&2
    exit 1
  fi
  echo "install-deps: apt-get install ${apt_packages[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

# npm packages: one lock file per Node project, installed only when the lock changed.
for lock in $(git ls-files '*package-lock.json' 2>/dev/null || true); do
  dir=$(dirname "$lock")
  stamp="$dir/node_modules/.ogi-lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
    echo "install-deps: npm ci in $dir"
    # npm ci refuses a lock without other platforms' optional binaries (@bufbuild/buf-darwin-*, …), which
    # this registry copy does not serve; npm install --no-save still follows the lock for the rest.
    (cd "$dir" && { npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-save --no-audit --no-fund --loglevel=error; })
    cp "$lock" "$stamp"
  fi
done
