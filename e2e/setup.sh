#!/usr/bin/env bash
# Run before the e2e tests (npm's pretest): installs what comment-render.test.mjs needs from
# Debian when it is missing: Chromium, cmark-gfm (GitHub's markdown renderer) and the fonts a
# comment shows (colour emoji; Liberation Sans and Mono stand in for Arial and the monospace
# fonts of GitHub's CSS). Quick when all of it is there. Never fails the run itself: without the
# browser the test fails in CI (CI=true) and is skipped elsewhere, saying what is missing.
set -uo pipefail

has_font() { command -v fc-list >/dev/null && fc-list | grep -qi "$1"; }
missing=()
[ -n "${CHROMIUM_PATH:-}" ] || [ -x /usr/bin/chromium ] || missing+=(chromium)
[ -n "${CMARK_GFM_PATH:-}" ] || command -v cmark-gfm >/dev/null || missing+=(cmark-gfm)
has_font 'Noto Color Emoji' || missing+=(fonts-noto-color-emoji)
has_font 'Liberation Sans' || missing+=(fonts-liberation)
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "e2e/setup.sh: missing ${missing[*]}; not root, so not installed (apt-get install ${missing[*]})" >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null; then
  echo "e2e/setup.sh: missing ${missing[*]}; no apt-get here to install them" >&2
  exit 0
fi

echo "e2e/setup.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
  echo "e2e/setup.sh: apt-get could not install ${missing[*]}" >&2
fi
exit 0
