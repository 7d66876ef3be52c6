#!/usr/bin/env bash
# Makes sure the Debian packages the test suite drives are present. Installs them
# with apt-get when run as root; otherwise prints the exact command to run.
# Then brings back any optional native binding `npm install` skipped because one
# of these packages was missing when it ran (README order: npm install first).
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: Playwright; pcscd + vsmartcard-vpcd: the PC/SC stack with virtual readers;
# libpcsclite-dev: headers @pokusew/pcsclite builds against; socat: pseudo-terminal pairs for serial tests;
# lintian, systemd (systemd-analyze), binutils (strip): the .deb test (tests/package/deb-package.test.ts).
# espeak-ng: the bridge's offline speech output (device-bridge/speech/).
packages=(chromium pcscd vsmartcard-vpcd libpcsclite-dev socat lintian systemd binutils espeak-ng)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ -n "${PLAYWRIGHT_CHROMIUM_PATH:-}" ] && [ -x "${PLAYWRIGHT_CHROMIUM_PATH}" ]; then
  missing=("${missing[@]/chromium}")
  read -r -a missing <<<"${missing[*]:-}"
fi

if [ ${#missing[@]} -eq 0 ]; then
  :
elif [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages for the tests: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

node scripts/optional-bindings.mjs restore
