#!/usr/bin/env bash
# Adds up the per-suite result lines in a test log into one closing line: "Tests: N passed, N failed, N skipped",
# after the names of the tests that failed.
# dotnet prints "Failed:  0, Passed:  38, Skipped:  0"; suites of ours print "ogi-suite: N passed, N failed, N skipped".
set -euo pipefail
log=$1
passed=0; failed=0; skipped=0
while read -r f p s; do
  failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s))
done < <(sed -nE 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/p' "$log")
while read -r p f s; do
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done < <(sed -nE 's/^ogi-suite: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped.*/\1 \2 \3/p' "$log")
# Name each failure again at the end, where a CI log that shows only its tail still shows it:
# dotnet's "  Failed Ns.Class.Method [1 s]", validate.sh's "FAILED  check", node's "not ok 3 - test".
if ((failed > 0)); then
  echo "Failed:"
  grep -E '^\s+Failed [A-Za-z_]|^FAILED  |^\s*not ok ' "$log" | sed -E 's/^\s+//; s/^/  /' || true
fi
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
