#!/usr/bin/env bash
# Makes sure Debian's Chromium and ChromeDriver (and CJK fonts, so Chinese renders) are installed
# for the browser tests. Nothing is downloaded by a test tool itself.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  exit 0
fi
apt_install chromium chromium-driver fonts-noto-cjk || {
  echo "setup-browser: Chromium and ChromeDriver are missing and could not be installed;" >&2
  echo "setup-browser: install the Debian packages chromium, chromium-driver and fonts-noto-cjk" >&2
  exit 1
}
