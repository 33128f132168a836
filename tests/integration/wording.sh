#!/usr/bin/env bash
# x400mta.mta_profile: the two wordings of the findings, on every capture.
# generic keeps every precursor and field (KB, event IDs, related frames,
# refusing layer, counts...) and the words of what happened, but its
# findings, expert infos and resolutions speak of no Exchange event or fix;
# exchange (the default) names them.
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d /tmp/x400mta-wording.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

# Words of Exchange and its fixes (case-insensitive extended regex).
EXCHANGE_WORDS='exchange|emsmta|service pack|hotfix|\bSP[0-9]\b'

# The fields that must not depend on the wording, then finding, resolution.
dump() { # CAPTURE WORDING
  tshark_x400 -o "x400mta.mta_profile:$2" -r "$1" -Y x400mta.precursor -T fields \
    -E occurrence=a -E aggregator='|' -e frame.number -e x400mta.assoc -e x400mta.state \
    -e x400mta.precursor -e x400mta.kb -e x400mta.event_id -e x400mta.related_frame \
    -e x400mta.refused_by -e x400mta.reason -e x400mta.ok_wait -e x400mta.retry_interval \
    -e x400mta.count -e x400mta.finding -e x400mta.resolution \
    -z expert,x400mta -z x400mta,kb
}

# What happened: a finding without the wording's tail.
what_happened() { sed -E 's/: (precursor of|related to) MSExchangeMTA .*//'; }

n=0 flagged=0
while IFS= read -r cap; do
  name=${cap#"$X400_SOURCE_DIR"/}
  dump "$cap" exchange >"$work/exchange"
  dump "$cap" generic >"$work/generic"
  # The per-frame lines (the -z tables follow them, after a blank line).
  sed '/^$/q' "$work/exchange" | sed '/^$/d' >"$work/ex.tsv"
  sed '/^$/q' "$work/generic" | sed '/^$/d' >"$work/ge.tsv"
  cut -f1-12 "$work/ex.tsv" >"$work/ex.fields"
  cut -f1-12 "$work/ge.tsv" >"$work/ge.fields"
  cmp -s "$work/ex.fields" "$work/ge.fields" ||
    fail "$name: the precursors or their fields depend on the wording: $(diff "$work/ex.fields" "$work/ge.fields" | head -5)"
  # Every flag keeps its KB article and event IDs in both.
  if awk -F'\t' '$4 != "" && ($5 == "" || $6 == "")' "$work/ge.tsv" | grep -q .; then
    fail "$name: a generic flag without x400mta.kb or x400mta.event_id"
  fi
  # generic: no Exchange in the findings, resolutions, expert infos, kb table.
  if sed -n '/^$/,$p' "$work/generic" | cat <(cut -f13,14 "$work/ge.tsv") - |
       grep -Ei "$EXCHANGE_WORDS" >"$work/hits"; then
    fail "$name: the generic wording speaks of Exchange: $(head -3 "$work/hits")"
  fi
  # exchange: every finding names the MSExchangeMTA events and the KB.
  if cut -f13 "$work/ex.tsv" | tr '|' '\n' | sed '/^$/d' | grep -v 'MSExchangeMTA .*, KB Q' | grep -q .; then
    fail "$name: an exchange finding without its MSExchangeMTA events"
  fi
  # Both tell what happened in the same words (the longer tail may cut them).
  paste <(cut -f13 "$work/ex.tsv") <(cut -f13 "$work/ge.tsv") | while IFS=$'\t' read -r ex ge; do
    [ -n "$ex" ] || continue
    mapfile -t exw < <(tr '|' '\n' <<<"$ex" | what_happened)
    mapfile -t gew < <(tr '|' '\n' <<<"$ge")
    [ ${#exw[@]} -eq ${#gew[@]} ] || fail "$name: $ex / $ge: not as many findings"
    for i in "${!exw[@]}"; do
      w=${exw[$i]} g=${gew[$i]}
      case "$g" in "$w: "*) continue ;; esac
      short=${g%%: *}
      case "$w" in "$short"*) ;; *) fail "$name: generic '$g' does not tell what '$w' tells" ;; esac
    done
  done
  flagged=$((flagged + $(grep -c . "$work/ex.tsv" || true)))
  n=$((n + 1))
done < <(every_capture "$work")
[ "$flagged" -gt 20 ] || fail "only $flagged flagged frames over $n captures: too few to test the wording"
echo "ok: $n captures, $flagged flagged frames: both wordings keep every field; generic names no Exchange event or fix"
