#!/usr/bin/env bash
# Installs the Debian 12 packages ModKeeper needs to build, run and test.
# Only what is missing is installed; apt runs through sudo when we are not root.
# Usage: packaging/install-deps.sh [--test]   (--test adds what the test suite needs)
set -euo pipefail

# qt6-tools-dev and qt6-l10n-tools: lrelease builds the translations into the program;
# qt6-translations-l10n: Qt's own words (standard dialogs, units); fonts-noto-cjk: Chinese glyphs.
want=(build-essential cmake ninja-build pkg-config
      qt6-base-dev qt6-tools-dev qt6-l10n-tools qtkeychain-qt6-dev libzip-dev libdeflate-dev
      libssl-dev libsecret-1-0 gnome-keyring dbus golang-go
      qt6-translations-l10n fonts-noto-cjk)
if [[ "${1:-}" == "--test" ]]; then
    # The real go commands are the judges in the tests: Debian's 1.19 and 1.23 from backports.
    # openssl: the TLS tests make throw-away CAs and certificates with the openssl command.
    want+=(golang-1.23-go xvfb xauth python3 appstream desktop-file-utils openssl)
fi

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

need_backports=0
for p in "${want[@]}"; do [[ $p == golang-1.23-go ]] && need_backports=1; done
if (( need_backports )) && ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "install-deps: enabling bookworm-backports (for golang-1.23-go)"
    as_root tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    updated_sources=1
fi

missing=()
for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if (( ${#missing[@]} )); then
    echo "install-deps: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
elif [[ -n "${updated_sources:-}" ]]; then
    as_root apt-get update -qq
fi
