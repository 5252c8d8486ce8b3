#!/bin/sh
# with-keyring.sh CMD...   — private D-Bus session + throwaway unlocked gnome-keyring
# (build-and-test-recipes.md §4). Never relies on D-Bus autolaunch; the keyring lives in a
# temporary XDG_DATA_HOME, so the developer's real keyring is never touched.
set -eu
tmp=$(mktemp -d -t with-keyring.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -m 700 "$tmp/run" "$tmp/data"
export XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/data"   # keyrings go to $XDG_DATA_HOME/keyrings
dbus-run-session -- sh -c '
  eval "$(printf %s ci-keyring-pass | gnome-keyring-daemon --unlock --components=secrets)"  # creates+unlocks "login" keyring (= default collection)
  eval "$(gnome-keyring-daemon --start --components=secrets)"                              # registers org.freedesktop.secrets on this bus
  export GNOME_KEYRING_CONTROL
  exec "$@"
' with-keyring "$@"
