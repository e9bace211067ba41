#!/usr/bin/env bash
# Fuzzes one parser of member input with afl++ through SharpFuzz (ADR 54, fuzz/README.md):
#   scripts/fuzz.sh <target> [minutes]      e.g. scripts/fuzz.sh rrule 5
# Publishes fuzz/Kindred.Fuzz, instruments the Kindred assemblies and the parser libraries the target runs through with
# the sharpfuzz tool (dotnet-tools.json), then runs afl-fuzz from the seeds in fuzz/corpus/<target>/. Findings land in
# fuzz/work/<target>/findings (git-ignored); copy a crash into fuzz/corpus/<target>/ once it is fixed, so
# FuzzCorpusTests replays it on every test run. Needs afl++ (Debian: apt-get install afl++); CI does not run this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

target=${1:?usage: scripts/fuzz.sh <markdown|html|status-text|search-terms|rrule|calendar|image|params> [minutes]}
minutes=${2:-5}
[[ -d fuzz/corpus/$target ]] || { echo "no seeds in fuzz/corpus/$target" >&2; exit 2; }
command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install afl++" >&2; exit 2; }

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
work=fuzz/work/$target
rm -rf "$work"
mkdir -p "$work"

dotnet tool restore >/dev/null
dotnet publish fuzz/Kindred.Fuzz -c Release -o fuzz/work/publish --nologo -v quiet
cp -r fuzz/work/publish "$work/bin"

# The Kindred code, and the library that does the parsing for this target: coverage inside Markdig, AngleSharp or
# Ical.Net is what lets afl find its way through their grammars. System.Text.Json and ASP.NET's form reader are in the
# shared framework, outside the published folder, so "params" is guided by Kindred.Server's own branches only; Skia
# decodes in native code, so "image" is guided by the managed checks around it.
libraries=(Kindred.Core.dll Kindred.Data.dll)
case $target in
    markdown|html|status-text) libraries+=(Markdig.dll HtmlSanitizer.dll AngleSharp.dll AngleSharp.Css.dll) ;;
    search-terms) libraries+=(Kindred.Data.Sqlite.dll Kindred.Data.Postgres.dll) ;;
    rrule|calendar) libraries+=(Ical.Net.dll) ;;
    image) libraries+=(SkiaSharp.dll) ;;
    params) libraries+=(Kindred.Server.dll) ;;
esac
for library in "${libraries[@]}"; do
    dotnet tool run sharpfuzz "$work/bin/$library" >/dev/null
done

# Other programs share the machine: no core pinning, no CPU-governor check; the kernel's core pattern is not ours.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
afl-fuzz -i "fuzz/corpus/$target" -o "$work/findings" -t 10000 -m none -V $((minutes * 60)) \
    -- dotnet "$work/bin/Kindred.Fuzz.dll" "$target" > "$work/afl.log" 2>&1 || { tail -40 "$work/afl.log" >&2; exit 1; }

stats=$work/findings/default/fuzzer_stats
echo "$target: $(awk -F' *: ' '$1 ~ /^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs)$/ { printf "%s=%s ", $1, $2 }' "$stats")"
ls "$work/findings/default/crashes" "$work/findings/default/hangs" 2>/dev/null | grep -v README || true
