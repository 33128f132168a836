#!/usr/bin/env bash
# Hostile bytes through the whole plugin: the replayer's captures and the
# public X.400 captures with bytes changed at random (editcap -E, fixed
# seeds, so a failure reproduces).  tshark must finish every file, print no
# dissector bug, and report what it cannot decode as malformed items only.
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d /tmp/x400mta-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT

inputs=("$X400_SOURCE_DIR"/captures/*.pcap)
[ -d "$REALCAPS/x400" ] && inputs+=("$REALCAPS"/x400/*.unrewritten.pcap)

n=0
for f in "${inputs[@]}"; do
  for seed in 1 2 3; do
    for p in 0.002 0.02; do
      out=$work/$(basename "$f" .pcap)-$seed-$p.pcap
      editcap -E "$p" --seed "$seed" "$f" "$out" >/dev/null 2>&1
      n=$((n + 1))
    done
  done
done
# One tshark run over all of them keeps this test quick.
mergecap -a -F pcap -w "$work/all.pcap" "$work"/*.pcap
err=$work/stderr
tshark_x400 -r "$work/all.pcap" -V >"$work/out" 2>"$err" || fail "tshark failed: $(head -5 "$err")"
grep -qi "dissector bug\|assert" "$err" "$work/out" && fail "dissector bug: $(grep -i -m3 'dissector bug\|assert' "$err" "$work/out")"
frames=$(grep -c '^Frame ' "$work/out")
x400=$(grep -c 'X.400 MTA association analysis' "$work/out")
[ "$x400" -gt 0 ] || fail "the plugin annotated no frame of the mutated captures"
echo "ok: $n mutated captures ($frames frames, $x400 annotated by x400mta) without a dissector bug"
