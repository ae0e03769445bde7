#!/usr/bin/env bash
# Installs Debian's chromium and chromedriver if missing (SinksPageBrowserTest drives them), and prints
# SCIM_BRIDGE_TEST_CHROMIUM=<path>, which makes that test fail instead of skip when the browser is gone.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  nice -n 19 ionice -c3 apt-get update -qq >&2
  nice -n 19 ionice -c3 apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2
fi
echo "SCIM_BRIDGE_TEST_CHROMIUM=$(command -v chromium)"
