#!/usr/bin/env bash
# Validates the Kubernetes delivery offline (no cluster, no Docker engine): kustomize renders,
# every object against the Kubernetes schemas (Dapr objects against ours), yamllint, values.yaml
# against values.schema.json, a `## @param` for every value, chart/k8s agreement, the container
# recipes; the chart's templates executed by tests/deploy/render (Go text/template + sprig, Helm's
# engine) and compared object for object with kustomize's output; helm lint/template where a helm
# binary exists. Then it feeds itself broken copies and
# expects each to be refused, so a validator that stopped checking would show here.
# Ends with "ogi-suite: N passed, N failed, N skipped" (each check counted).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

passed=0; failed=0; skipped=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

validate() { node "$root/tests/deploy/validate.mjs" "$@"; }
render() { kubectl kustomize "$1" > "$2"; }

pass() { passed=$((passed + 1)); echo "ok      $1"; }
fail() { failed=$((failed + 1)); echo "FAILED  $1"; }
skip() { skipped=$((skipped + 1)); echo "skipped $1"; }

# check NAME COMMAND...: passes when the command succeeds (skipped when it says "SKIP: why");
# shows its output when it fails.
check() {
  local name=$1; shift
  local out
  if ! out=$("$@" 2>&1); then fail "$name"; sed 's/^/        /' <<< "$out"
  elif grep -q '^SKIP: ' <<< "$out"; then skip "$name ($(sed -n 's/^SKIP: //p' <<< "$out"))"
  else pass "$name${out:+ ($(tail -n1 <<< "$out"))}"; fi
}

# refuses NAME REASON COMMAND...: the validation must fail on a broken input, saying REASON (a regex).
refuses() {
  local name=$1 reason=$2; shift 2
  if "$@" > "$work/refused.log" 2>&1; then
    fail "$name: the broken copy was accepted"
  elif ! grep -Eq "$reason" "$work/refused.log"; then
    fail "$name: refused, but not for /$reason/"; sed 's/^/        /' "$work/refused.log"
  else
    pass "$name"
  fi
}

# broken SRC DST SED-SCRIPT: a copy of SRC with one deliberate fault; stops if the fault did not apply.
broken() {
  sed -E "$3" "$1" > "$2"
  if cmp -s "$1" "$2"; then echo "validate.sh: the fault '$3' changed nothing in $1" >&2; return 1; fi
}

echo "== rendering k8s/ with kustomize"
check "kustomize k8s/base" render k8s/base "$work/base.yaml"
check "kustomize k8s/overlays/dev" render k8s/overlays/dev "$work/dev.yaml"
for broker in kafka rabbitmq; do
  mkdir -p "$work/$broker"
  # kustomize wants relative paths to the directories it builds on
  printf 'resources:\n  - %s\ncomponents:\n  - %s\n' "$(realpath --relative-to="$work/$broker" k8s/base)" \
    "$(realpath --relative-to="$work/$broker" "k8s/components/pubsub-$broker")" > "$work/$broker/kustomization.yaml"
  check "kustomize k8s/base + components/pubsub-$broker" render "$work/$broker" "$work/$broker.yaml"
done

echo "== every object against the Kubernetes schemas (Dapr objects against tests/deploy/schemas)"
for rendering in base dev kafka rabbitmq; do
  check "objects of $rendering" validate objects "$work/$rendering.yaml"
done

echo "== YAML, values and chart"
check "yamllint --strict (config .yamllint.yaml)" yamllint --strict .
check "values.yaml against values.schema.json" validate values charts/ogi/values.yaml charts/ogi/values.schema.json
for f in kafka rabbitmq options; do
  check "values.yaml + tests/deploy/values/$f.yaml against values.schema.json" \
    validate values charts/ogi/values.yaml charts/ogi/values.schema.json "tests/deploy/values/$f.yaml"
done
check "every value has a ## @param line" validate params charts/ogi/values.yaml
check "chart templates iterate the services map (no per-service copies)" validate chart-shape charts/ogi
check "k8s/base agrees with the chart values (services, ports, probes, Dapr, images, topics)" validate agree charts/ogi "$work/base.yaml"
check "reference data identical in chart and k8s/base" validate reference charts/ogi k8s/base
check "the chart ships the building blocks' holiday tables and sample agency directory" validate shipped charts/ogi .
check "container recipes (Dockerfile per service) and make images" validate dockerfiles . charts/ogi/values.yaml

# The chart's templates executed by Go text/template + sprig, Helm's own engine (tests/deploy/render).
echo "== chart rendered without helm (tests/deploy/render)"
renderer=$root/.build/go/render
chart_render() { "$renderer" ogi charts/ogi "$@"; }
if command -v go > /dev/null 2>&1; then
  check "build the chart renderer" env GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$root/.build/go/cache" \
    go build -o "$renderer" ./tests/deploy/render
  check "render the chart (default values)" sh -c "'$renderer' ogi charts/ogi > '$work/chart.yaml'"
  check "objects of the chart rendering" validate objects "$work/chart.yaml"
  # the rendering carries the reference data's JSON lines as they are, so line length is not its concern
  printf 'extends: %s\nrules:\n  line-length: disable\n' "$root/.yamllint.yaml" > "$work/yamllint-rendering.yaml"
  check "yamllint --strict the chart rendering" yamllint --strict -c "$work/yamllint-rendering.yaml" "$work/chart.yaml"
  check "the chart rendering agrees with its values" validate agree charts/ogi "$work/chart.yaml"
  check "the chart rendering and k8s/base are the same objects" validate same "$work/chart.yaml" "$work/base.yaml"
  for broker in kafka rabbitmq; do
    check "render the chart with $broker" sh -c "'$renderer' ogi charts/ogi tests/deploy/values/$broker.yaml > '$work/chart-$broker.yaml'"
    check "objects of the chart rendering with $broker" validate objects "$work/chart-$broker.yaml"
    check "the chart with $broker and k8s/base + components/pubsub-$broker are the same objects" \
      validate same "$work/chart-$broker.yaml" "$work/$broker.yaml"
  done
  check "render the chart with every option switched" sh -c "'$renderer' ogi charts/ogi tests/deploy/values/options.yaml > '$work/chart-options.yaml'"
  check "objects of the chart rendering with every option switched" validate objects "$work/chart-options.yaml"
  check "each optional branch rendered its part" validate options "$work/chart-options.yaml"
else
  for step in build render objects yamllint agree same render-kafka objects-kafka same-kafka render-rabbitmq objects-rabbitmq \
    same-rabbitmq render-options objects-options options; do
    skip "chart renderer: $step (no Go toolchain; tests/tooling/install-deps.sh installs it as root)"
  done
fi

echo "== helm"
if command -v helm > /dev/null 2>&1; then
  check "helm lint" helm lint --strict charts/ogi
  check "helm template" sh -c "helm template ogi charts/ogi > '$work/helm.yaml'"
  check "objects of helm template" validate objects "$work/helm.yaml"
  check "helm template and k8s/base are the same objects" validate same "$work/helm.yaml" "$work/base.yaml"
else
  for step in "helm lint" "helm template" "objects of helm template" "helm template and k8s/base are the same objects"; do
    skip "$step (no helm binary on this machine)"
  done
fi

echo "== the validation refuses broken copies"
mkdir -p "$work/broken"
b=$work/broken
while read -r fault reason; do
  node tests/deploy/break.mjs "$fault" "$work/base.yaml" "$b/$fault.yaml" &&
    refuses "objects: refuses $fault" "$reason" validate objects "$b/$fault.yaml"
done <<'FAULTS'
string-container-port containerPort must be integer
writable-root-filesystem readOnlyRootFilesystem must be true
http-liveness-probe livenessProbe must be a gRPC probe
unknown-dapr-broker Component/pubsub: .*allowed values
FAULTS
while read -r fault reason; do
  node tests/deploy/break.mjs "$fault" "$work/base.yaml" "$b/$fault.yaml" &&
    refuses "agreement: refuses k8s/ with $fault" "$reason" validate agree charts/ogi "$b/$fault.yaml"
done <<'FAULTS'
drift-memory-limit resources: chart says
drift-service-port Service port: chart says
drift-readiness-period probes: chart says
drift-dapr-app-id Dapr app: chart says
drift-topics topics \(publishingScopes\): chart says
drift-image image: chart says
FAULTS
broken charts/ogi/values.yaml "$b/values-port.yaml" '0,/port: 5005[0-9]/s//port: "fifty"/' &&
  refuses "a string port fails values.schema.json" "port must be integer" validate values "$b/values-port.yaml" charts/ogi/values.schema.json
broken charts/ogi/values.yaml "$b/values-key.yaml" 's/^podAnnotations: \{\}/podAnnotations: {}\npodAnotations: {}/' &&
  refuses "an unknown (misspelt) value fails values.schema.json" "must NOT have additional properties" validate values "$b/values-key.yaml" charts/ogi/values.schema.json
broken charts/ogi/values.yaml "$b/values-param.yaml" 's/^terminationGracePeriodSeconds: 30/&\nundocumented: 1/' &&
  refuses "a value without ## @param fails" "value undocumented has no" validate params "$b/values-param.yaml"
cp -r charts/ogi "$b/chart"
broken charts/ogi/templates/services.yaml "$b/chart/templates/intake-deployment.yaml" 's/\$name/"intake"/g' &&
  refuses "a per-service template copy fails the chart shape" "names the service intake" validate chart-shape "$b/chart"
cp -r charts/ogi "$b/chart-unclosed"
broken charts/ogi/templates/ingress.yaml "$b/chart-unclosed/templates/ingress.yaml" '0,/\{\{- end \}\}/s///' &&
  refuses "a template with an unclosed block fails the chart shape" "unclosed block" validate chart-shape "$b/chart-unclosed"
fault=drift-memory-limit
node tests/deploy/break.mjs "$fault" "$work/base.yaml" "$b/same-$fault.yaml" &&
  refuses "same objects: refuses k8s/ with $fault" "Deployment/ogi-accountability: chart says" validate same "$work/base.yaml" "$b/same-$fault.yaml"
refuses "values.schema.json refuses an unknown broker" "allowed values" \
  validate values charts/ogi/values.yaml charts/ogi/values.schema.json tests/deploy/values/broken-broker.yaml
if [ -x "$renderer" ]; then
  refuses "the chart refuses to render an unknown broker" "pubsub.broker must be" chart_render tests/deploy/values/broken-broker.yaml
  refuses "options: the default rendering lacks the optional branches" "no HorizontalPodAutoscaler" validate options "$work/chart.yaml"
else
  skip "the chart refuses to render an unknown broker (no renderer)"
  skip "options: the default rendering lacks the optional branches (no renderer)"
fi
mkdir -p "$b/lint" && printf 'kind: Service\nmetadata:\n  name: x\n  name: y\n' > "$b/lint/dup.yaml"
refuses "yamllint refuses a duplicated key" "duplication of key" yamllint --strict -c .yamllint.yaml "$b/lint"
mkdir -p "$b/kustomize" && printf 'resources:\n  - missing.yaml\n' > "$b/kustomize/kustomization.yaml"
refuses "kustomize refuses a missing resource" "missing.yaml" render "$b/kustomize" "$b/kustomize.yaml"

echo "ogi-suite: ${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
