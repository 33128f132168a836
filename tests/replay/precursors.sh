#!/usr/bin/env bash
# Each built-in scenario's capture raises, through the x400mta plugin,
# exactly the canonical precursors `x400replay list` declares for it (the
# plugin's finer, non-canonical flags are reported but not compared).
#   precursors.sh X400REPLAY SOURCE_DIR BUILD_DIR
set -euo pipefail
replay=$1
src=$2
build=$3
command -v tshark >/dev/null || { echo "SKIP: no tshark"; exit 77; }
find "$build/plugins" -name x400mta.so 2>/dev/null | grep -q . || { echo "SKIP: plugin not built"; exit 77; }
work=$(mktemp -d /tmp/replay-precursors.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
canon="connect_refused close_before_ok ndata_after_flow_error association_lost reconnect_storm duplicate_mtsid state_check_failure network_flapping"
failures=0
while IFS=$'\t' read -r name kb declared description; do
  "$replay" write "$name" -o "$work/$name.pcap"
  all=$("$src/scripts/tshark-x400" --build "$build" -r "$work/$name.pcap" -Y x400mta.precursor \
          -T fields -e x400mta.precursor 2>/dev/null | tr ',;' '\n\n' | { grep -v '^$' || true; } | sort -u)
  got=$(for p in $all; do if [[ " $canon " == *" $p "* ]]; then echo "$p"; fi; done | paste -sd, -)
  extra=$(for p in $all; do if [[ " $canon " != *" $p "* ]]; then echo "$p"; fi; done | paste -sd, -)
  want=$(tr ',' '\n' <<<"$declared" | { grep -vx none || true; } | sort -u | paste -sd, -)
  if [ "$got" = "$want" ]; then
    echo "ok: $name ($kb): [${got:-none}]${extra:+ (plus finer flags: $extra)}"
  else
    echo "FAIL: $name: the plugin raises [${got:-none}], the scenario declares [${want:-none}]" >&2
    failures=$((failures + 1))
  fi
done < <("$replay" list)
[ "$failures" -eq 0 ]
