#!/usr/bin/env bash
# Refreshes the README's gallery (docs/screenshots/): the browser test GalleryTests photographs the demo community's
# main pages on a desktop and a phone, in English and French, into the folder named by KINDRED_SCREENSHOTS_DIR.
# Needs what scripts/test.sh installs (Debian's Chromium).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export KINDRED_SCREENSHOTS_DIR="$PWD/docs/screenshots"
mkdir -p "$KINDRED_SCREENSHOTS_DIR"
dotnet test tests/Kindred.BrowserTests --filter "FullyQualifiedName~GalleryTests"
ls -l "$KINDRED_SCREENSHOTS_DIR"
