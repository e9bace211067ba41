#!/usr/bin/env bash
# Usage: scripts/sum-test-results.sh LOG [TEST_EXIT_STATUS]
#
# Sums the summary line VSTest prints for every test project in a `dotnet test` log, e.g.
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 3 s - X.dll (net10.0)
#   Failed!  - Failed:     1, Passed:    11, Skipped:     0, Total:    12, Duration: 3 s - Y.dll (net10.0)
#   Skipped! - Failed:     0, Passed:     0, Skipped:     1, Total:     1, Duration: 3 ms - Z.dll (net10.0)
# and prints one line, "N passed, N failed". Exits non-zero when anything failed.
#
# A run that printed no summary line (a build error, a crashed test host before any summary) tested
# nothing and counts as "0 passed, 1 failed". A non-zero TEST_EXIT_STATUS with no failed test in the
# summaries (a project that did not build or whose test host crashed) counts as one failure too, so
# the line never reads "0 failed" for a run that failed.
set -euo pipefail

log=${1:?usage: sum-test-results.sh LOG [TEST_EXIT_STATUS]}
test_status=${2:-0}

# Strip colour codes in case the log came from a terminal; awk is mawk on Debian, so no gawk extensions.
sed 's/\x1b\[[0-9;]*m//g' "$log" | awk -v test_status="$test_status" '
    function count(line, label,    s) {
        if (!match(line, label ":[ \t]*[0-9]+")) { return 0 }
        s = substr(line, RSTART, RLENGTH)
        gsub(/[^0-9]/, "", s)
        return s + 0
    }
    /^[ \t]*(Passed|Failed|Skipped)![ \t]+-[ \t]+Failed:[ \t]*[0-9]+,[ \t]*Passed:[ \t]*[0-9]+/ {
        summaries++
        passed += count($0, "Passed")
        failed += count($0, "Failed")
    }
    END {
        if (summaries == 0) {
            print "no test summary line found in the log; counting the run as failed" > "/dev/stderr"
            print "0 passed, 1 failed"
            exit 1
        }
        if (test_status != 0 && failed == 0) {
            print "dotnet test exited " test_status " but no summary reported a failed test; counting one failure" > "/dev/stderr"
            failed = 1
        }
        print passed + 0 " passed, " failed + 0 " failed"
        exit (failed > 0) ? 1 : 0
    }'
