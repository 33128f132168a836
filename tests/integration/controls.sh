#!/usr/bin/env bash
# RFC1006 traffic of other protocols: the plugin decodes what is OSI, then
# keeps quiet; no decode error, no warning from tshark, same in two passes.
. "$(dirname "$0")/lib.sh"
need_realcaps
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  err=$(mktemp)
  out=$(all_fields "$f" 2>"$err") || fail "$(basename "$f"): tshark failed: $(cat "$err")"
  [ ! -s "$err" ] || fail "$(basename "$f"): tshark said: $(head -3 "$err")"
  rm -f "$err"
  errors=$(cut -f15 <<<"$out" | sed '/^$/d' | sort -u | head -3)
  [ -z "$errors" ] || fail "$(basename "$f"): decode errors: $errors"
  [ "$out" = "$(all_fields "$f" -2)" ] || fail "$(basename "$f"): one-pass and two-pass differ"
done < <(find "$REALCAPS/controls" -type f \( -name '*.pcap' -o -name '*.pcapng' \) -print0 | sort -z)
[ "$n" -gt 0 ] || fail "no control captures found"
echo "ok: $n control captures decode without errors"
