#!/usr/bin/env bash
# captures/ holds the output of every built-in scenario: regenerating each
# into a temporary directory gives identical bytes, and no capture is stale.
#   regenerate.sh X400REPLAY SOURCE_DIR
set -euo pipefail
replay=$1
captures=$2/captures
work=$(mktemp -d /tmp/replay-regen.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
names=$("$replay" list | cut -f1)
for name in $names; do
  "$replay" write "$name" -o "$work/$name.pcap"
  if [ ! -f "$captures/$name.pcap" ]; then
    echo "FAIL: captures/$name.pcap is missing (run: x400replay write $name -o captures/$name.pcap)" >&2
    failures=$((failures + 1))
  elif cmp -s "$work/$name.pcap" "$captures/$name.pcap"; then
    echo "ok: $name regenerates byte for byte"
  else
    echo "FAIL: captures/$name.pcap differs from x400replay write $name" >&2
    failures=$((failures + 1))
  fi
done
for f in "$captures"/*.pcap; do
  n=$(basename "$f" .pcap)
  grep -qx "$n" <<<"$names" || { echo "FAIL: captures/$n.pcap has no built-in scenario" >&2; failures=$((failures + 1)); }
done
[ "$failures" -eq 0 ]
