#!/usr/bin/env bash
# -z x400mta,assoc, -z x400mta,kb and the stats tree x400mta_tree: the rows
# and counts, on the public captures and on captures/.
. "$(dirname "$0")/lib.sh"
CAPS=$X400_SOURCE_DIR/captures
p772=$REALCAPS/x400/p772-transfer-success.unrewritten.pcap

# The table's rows (between the header line and the closing rule), one per
# line, columns joined by '|' (the table separates columns by 2+ spaces).
assoc_rows() { # FILE [tshark args]
  local f=$1; shift
  tshark_x400 "$@" -q -r "$f" -z x400mta,assoc \
    | sed -n '/^ *# /,/^====/p' | sed '1d;$d' | sed -E 's/^ +//; s/ {2,}/|/g'
}
# Column N (1-based) of row ASSOC.
cell() { # ROWS ASSOC N
  awk -F'|' -v a="$2" -v n="$3" '$1 == a { print $n }' <<<"$1"
}
expect_eq() { # ACTUAL EXPECTED WHAT
  [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
  echo "ok: $3"
}

case "$1" in
  p772)
    need_realcaps
    [ -f "$p772" ] || { echo "SKIP: no $p772"; exit 77; }
    rows=$(assoc_rows "$p772")
    expect_eq "$(wc -l <<<"$rows")" 2 "p772 has two associations"
    expect_eq "$(cell "$rows" 2 2)" 192.168.0.3:2289 "initiator of association 2"
    expect_eq "$(cell "$rows" 2 3)" 192.168.0.4:102 "responder of association 2"
    expect_eq "$(cell "$rows" 2 4)" X400-88/X400-88 "TSAPs"
    expect_eq "$(cell "$rows" 2 5)" percival.smhs.co.uk/guinevere.smhs.co.uk "MTA names"
    expect_eq "$(cell "$rows" 2 6)" normal "mode"
    expect_eq "$(cell "$rows" 2 7)" closed "final state"
    expect_eq "$(cell "$rows" 2 8)" "release by initiator" "how it ended"
    expect_eq "$(cell "$rows" 2 13)" 1 "one P1 transfer"
    expect_eq "$(cell "$rows" 2 14)" 3.686s "duration"
    expect_eq "$(cell "$rows" 2 15)" none "no precursor on the transfer"
    expect_eq "$(cell "$rows" 1 7)" refused "association 1 refused"
    expect_eq "$(cell "$rows" 1 8)" "refused by p1: busy" "association 1: the bind error"
    expect_eq "$(cell "$rows" 1 15)" connect_refused "association 1: connect_refused"
    # bytes each way add up to the TCP payload of the association's frames
    for a in 1 2; do
      for dir in i r; do
        if [ $dir = i ]; then col=11; flt="tcp.dstport == 102"; else col=12; flt="tcp.srcport == 102"; fi
        sum=$(tshark_x400 -r "$p772" -Y "x400mta.assoc == $a && $flt" -T fields -e tcp.len \
                | awk '{ s += $1 } END { print s + 0 }')
        expect_eq "$(cell "$rows" $a $col)" "$sum" "association $a bytes $dir>"
      done
    done
    ;;
  realcaps_two_pass)
    need_realcaps
    for f in "$REALCAPS"/x400/*.unrewritten.pcap; do
      one=$(tshark_x400 -q -r "$f" -z x400mta,assoc -z x400mta,kb)
      two=$(tshark_x400 -2 -q -r "$f" -z x400mta,assoc -z x400mta,kb)
      [ "$one" = "$two" ] || fail "$(basename "$f"): one-pass and two-pass tables differ"
      expect_contains "$one" "X.400 MTA associations:" "$(basename "$f") has the table"
    done
    ;;
  captures)
    rows=$(assoc_rows "$CAPS/q152877-network-cycling.pcap")
    expect_eq "$(wc -l <<<"$rows")" 6 "network cycling: six associations"
    expect_eq "$(awk -F'|' '$7 == "refused"' <<<"$rows" | wc -l)" 6 "every one refused"
    expect_eq "$(cell "$rows" 1 8)" "refused by tcp: reset answering the SYN" "SYN answered by RST"
    expect_contains "$(cell "$rows" 2 8)" "refused by tp0" "CR answered by DR"
    expect_contains "$(cell "$rows" 3 8)" "refused by session" "CN refused by RF"
    expect_contains "$(cell "$rows" 4 8)" "refused by rtse" "refused by RTORJ"
    expect_contains "$(cell "$rows" 5 15)" state_check_failure "data before the AC"
    rows=$(assoc_rows "$CAPS/x410-healthy.pcap")
    expect_eq "$(cell "$rows" 1 5)" MTA-A/MTA-B "healthy X.410: MTAs"
    expect_eq "$(cell "$rows" 1 6)" x410-1984 "healthy X.410: mode"
    expect_eq "$(cell "$rows" 1 8)" "release by initiator" "healthy X.410: released"
    expect_eq "$(cell "$rows" 1 13)" 3 "healthy X.410: three transfers"
    expect_eq "$(cell "$rows" 1 15)" none "healthy X.410: no precursor"
    rows=$(assoc_rows "$CAPS/q232602-outage.pcap")
    expect_eq "$(cell "$rows" 1 7)" lost "outage: first association lost"
    expect_contains "$(cell "$rows" 1 15)" association_lost "outage: association_lost"
    expect_contains "$(cut -d'|' -f15 <<<"$rows")" reconnect_storm "outage: reconnect_storm"
    expect_eq "$(cell "$rows" 2 8)" "no answer" "outage: reconnects unanswered"
    rows=$(assoc_rows "$CAPS/q319936-close-before-ok.pcap")
    expect_eq "$(cell "$rows" 1 8)" "FIN by initiator" "close before OK: the initiator's FIN"
    expect_contains "$(cell "$rows" 1 15)" close_before_ok "close before OK flagged"
    ;;
  captures_two_pass)
    for f in "$CAPS"/*.pcap; do
      one=$(tshark_x400 -q -r "$f" -z x400mta,assoc -z x400mta,kb -z x400mta_tree,tree)
      two=$(tshark_x400 -2 -q -r "$f" -z x400mta,assoc -z x400mta,kb -z x400mta_tree,tree)
      [ "$one" = "$two" ] || fail "$(basename "$f"): one-pass and two-pass tables differ"
    done
    echo "ok: every capture gives the same tables in one and two passes"
    ;;
  filter)
    out=$(tshark_x400 -q -r "$CAPS/q152877-network-cycling.pcap" -z 'x400mta,assoc,x400mta.assoc == 3')
    expect_contains "$out" "Filter: x400mta.assoc == 3" "filter echoed"
    expect_contains "$out" "X.400 MTA associations: 1" "one association passes the filter"
    ;;
  kb)
    out=$(tshark_x400 -q -r "$CAPS/q152877-network-cycling.pcap" -z x400mta,kb | sed -E 's/ {2,}/|/g')
    expect_contains "$out" "Q152877|connect_refused|6|6|" "six refusals, six associations"
    expect_contains "$out" "Q152877|state_check_failure|1|1|" "one state check failure"
    expect_contains "$out" "Q152877|network_flapping|1|1|" "one flapping burst"
    expect_contains "$out" "10.77.0.1 <-> 10.77.0.2|6|Q152877|connect_refused|6" "by pair of hosts"
    out=$(tshark_x400 -q -r "$CAPS/x410-healthy.pcap" -z x400mta,kb | sed -E 's/ {2,}/|/g')
    expect_contains "$out" "no precursor" "healthy: no precursor by KB"
    expect_contains "$out" "10.1.0.1 <-> 10.1.0.2|1|-|none|0" "healthy: the pair, none"
    ;;
  tree)
    out=$(tshark_x400 -q -r "$CAPS/q152897-duplicate-mtsid.pcap" -z x400mta_tree,tree | sed -E 's/ {2,}/|/g')
    # "X.400 MTA/Counts:" (4.0), "X.400 MTA / Counts:" (4.6)
    expect_contains "$out" "X.400 MTA" "tree title"
    expect_contains "$out" "Counts:" "tree title"
    expect_contains "$out" "Precursors by KB article|2|" "two flags"
    expect_contains "$out" " Q152897|1|" "one flag of Q152897"
    expect_contains "$out" "|duplicate_mtsid|1|" "duplicate_mtsid under Q152897"
    expect_contains "$out" " 10.97.0.1 <-> 10.97.0.2|2|" "the pair of hosts"
    expect_contains "$out" " P1 message|2|" "two P1 messages"
    expect_contains "$out" "Associations by final state|1|" "one association"
    expect_contains "$out" " aborted|1|" "aborted"
    expect_not_contains "$out" "10.97.0.1:1100" "no node per association"
    ;;
  *) fail "unknown case $1" ;;
esac
