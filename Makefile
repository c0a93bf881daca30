# The two commands that matter: `make run` and `make test`. Everything else is here for developers.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CONFIG ?= Release
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
BUILD_DIR := .build
TEST_LOG := $(BUILD_DIR)/test.log

.PHONY: help deps build run demo test test-dotnet bench lint images clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

deps: ## install what builds and tests need (apt when root, npm from lock files); idempotent
	@tests/tooling/install-deps.sh

build: ## build every project
	$(DOTNET) build Microservices.sln -c $(CONFIG) -warnaserror --nologo -v quiet -clp:NoSummary

run: build ## start the whole platform on the embedded default (Ctrl+C stops everything)
	services/Platform/bin/$(CONFIG)/net10.0/Ogi.Platform run

demo: build ## against a running make run: one application through all five services, each step printed with where to look
	OGI_DEMO_DATABASE_URL="$$(cat $(BUILD_DIR)/run/database-url 2>/dev/null || true)" ./ogi demo

test: deps build ## install what is needed, build, and run every test
	@mkdir -p $(BUILD_DIR)
	@rm -f $(TEST_LOG)
	@status=0; \
	$(MAKE) --no-print-directory test-dotnet 2>&1 | tee -a $(TEST_LOG) || status=1; \
	tests/deploy/validate.sh 2>&1 | tee -a $(TEST_LOG) || status=1; \
	CONFIG=$(CONFIG) node tests/interop/run-suite.mjs 2>&1 | tee -a $(TEST_LOG) || status=1; \
	tests/tooling/summarize.sh $(TEST_LOG); \
	exit $$status

# The console logger at "minimal" prints each failure's message and stack trace, which "quiet" leaves out.
test-dotnet:
	$(DOTNET) test Microservices.sln -c $(CONFIG) --no-build --nologo -v quiet --logger "console;verbosity=minimal"

BENCH_RESULTS := $(abspath $(BUILD_DIR))/bench/results.jsonl
bench: build ## run the benchmarks, print their figures as one table and write docs/performance.md (not a test)
	@OGI_BENCH=1 tests/tooling/install-deps.sh
	@mkdir -p $(BUILD_DIR)/bench && rm -f $(BENCH_RESULTS)
	CONFIG=$(CONFIG) OGI_BENCH_RESULTS=$(BENCH_RESULTS) tests/bench/grpc-bench.sh
	OGI_BENCH_RESULTS=$(BENCH_RESULTS) $(DOTNET) tests/Ogi.Messaging.Bench/bin/$(CONFIG)/net10.0/Ogi.Messaging.Bench.dll
	OGI_BENCH_RESULTS=$(BENCH_RESULTS) $(DOTNET) tests/Ogi.SecrecyReview.Bench/bin/$(CONFIG)/net10.0/Ogi.SecrecyReview.Bench.dll
	OGI_BENCH_RESULTS=$(BENCH_RESULTS) $(DOTNET) tests/Ogi.Intake.Bench/bin/$(CONFIG)/net10.0/Ogi.Intake.Bench.dll
	OGI_BENCH_RESULTS=$(BENCH_RESULTS) $(DOTNET) tests/Ogi.Assessment.Bench/bin/$(CONFIG)/net10.0/Ogi.Assessment.Bench.dll
	OGI_BENCH_RESULTS=$(BENCH_RESULTS) $(DOTNET) tests/Ogi.Platform.Bench/bin/$(CONFIG)/net10.0/Ogi.Platform.Bench.dll
	OGI_BENCH_RESULTS=$(BENCH_RESULTS) node tests/bench/report.mjs docs/performance.md

lint: deps ## check formatting and the protos (buf lint)
	$(DOTNET) format Microservices.sln --verify-no-changes -v quiet
	cd protos && ../tests/interop/node_modules/.bin/buf lint

IMAGE_REGISTRY ?= registry.local/ogi
IMAGE_TAG ?= 0.1.0
IMAGE_SERVICES := intake:Intake secrecy-review:SecrecyReview coordination:Coordination assessment:Assessment accountability:Accountability
images: ## build the five service images (needs a Docker engine; IMAGE_REGISTRY, IMAGE_TAG)
	@docker info >/dev/null 2>&1 || { echo "make images: no Docker engine answers 'docker info'; build the images on a machine that has one" >&2; exit 1; }
	@for pair in $(IMAGE_SERVICES); do \
	  name=$${pair%%:*}; folder=$${pair#*:}; \
	  echo "docker build $(IMAGE_REGISTRY)/$$name:$(IMAGE_TAG)"; \
	  docker build -f services/$$folder/Dockerfile -t $(IMAGE_REGISTRY)/$$name:$(IMAGE_TAG) . || exit 1; \
	done

clean: ## remove build output and stop leftover embedded clusters
	-@for d in $(BUILD_DIR)/*/*/data; do [ -f "$$d/postmaster.pid" ] && runuser -u postgres -- $$(ls -d /usr/lib/postgresql/*/bin | tail -1)/pg_ctl -D "$$d" -m immediate stop || true; done 2>/dev/null
	rm -rf $(BUILD_DIR)
	find . -type d \( -name bin -o -name obj \) -not -path './node_modules/*' -prune -exec rm -rf {} +
