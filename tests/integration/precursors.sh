#!/usr/bin/env bash
# The precursors the plugin flags: on the public captures, on the controls
# (other protocols over TPKT), and on every capture of the replayer, which
# must get exactly the canonical precursors `x400replay list` declares
# (canonical_flags, expect_declared: lib.sh).
. "$(dirname "$0")/lib.sh"


flag_rows() { # CAPTURE FIELDS... -> one line per flagged frame
  local f=$1; shift
  tshark_x400 -r "$f" -Y x400mta.precursor -T fields -E occurrence=a -E aggregator=';' "$@"
}

case "$1" in
  realcaps)
    need_realcaps
    X=$REALCAPS/x400
    got=$(canonical_flags "$X/x400-ping-success.unrewritten.pcap")
    [ "$got" = none ] || fail "x400-ping-success: expected no precursor, got $got"
    echo "ok: x400-ping-success has no precursor"
    for cap in x400-ping-refuse p772-transfer-success; do
      f=$X/$cap.unrewritten.pcap
      [ "$(canonical_flags "$f")" = connect_refused ] || fail "$cap: $(canonical_flags "$f")"
      rows=$(flag_rows "$f" -e x400mta.precursor -e x400mta.refused_by -e x400mta.reason)
      expect_contains "$rows" $'connect_refused\tp1' "$cap refused by p1"
    done
    expect_contains "$(flag_rows "$X/x400-ping-refuse.unrewritten.pcap" -e x400mta.reason)" authentication-error "refusal reason"
    expect_contains "$(flag_rows "$X/p772-transfer-success.unrewritten.pcap" -e x400mta.reason)" busy "p772 refusal reason"
    ;;
  controls)
    need_realcaps
    forbidden="close_before_ok ndata_after_flow_error reconnect_storm duplicate_mtsid state_check_failure"
    n=0
    while IFS= read -r -d '' f; do
      n=$((n + 1))
      got=$(canonical_flags "$f")
      for id in $forbidden; do
        case ",$got," in *",$id,"*) fail "$(basename "$f"): flagged $id" ;; esac
      done
      # X.400-only refusals need X.400 evidence.
      rows=$(flag_rows "$f" -e x400mta.refused_by)
      case "$rows" in *rtse*|*p1*) fail "$(basename "$f"): RTSE/P1 refusal on non-X.400 traffic" ;; esac
    done < <(find "$REALCAPS/controls" -type f \( -name '*.pcap' -o -name '*.pcapng' \) -print0 | sort -z)
    echo "ok: $n control captures carry no X.400-only or state-order precursor"
    ;;
  captures)
    # The committed output of every built-in scenario.
    replay=$X400_BUILD_DIR/replay/x400replay
    n=0
    while IFS=$'\t' read -r name kb expected description; do
      n=$((n + 1))
      expect_declared "$name" "$X400_SOURCE_DIR/captures/$name.pcap" "$expected"
    done < <("$replay" list)
    [ "$n" -gt 0 ] || fail "x400replay list printed nothing"
    ;;
  fixtures)
    # Scenario files of the test suite, written afresh (e.g. the ICMP error
    # after flow control, IPv6): their 'precursors' line is the expectation.
    replay=$X400_BUILD_DIR/replay/x400replay
    work=$(mktemp -d /tmp/x400mta-fixtures.XXXXXX)
    trap 'rm -rf "$work"' EXIT
    for scenario in "$X400_SOURCE_DIR"/tests/fixtures/*.x4s; do
      expected=$(awk '$1 == "precursors" {print $2; exit}' "$scenario")
      [ -n "$expected" ] || continue
      name=$(basename "$scenario" .x4s)
      "$replay" write "$scenario" -o "$work/$name.pcap"
      expect_declared "$name" "$work/$name.pcap" "$expected"
    done
    # The same ICMP error over IPv6 (ICMPv6 quoting an IPv6 header).
    "$replay" write "$X400_SOURCE_DIR/tests/fixtures/q188040-icmp-error.x4s" -o "$work/icmpv6.pcap" \
      --set initiator=2001:db8:41::1 --set responder=2001:db8:41::2 --set router=2001:db8:41::fe
    expect_declared q188040-icmpv6-error "$work/icmpv6.pcap" ndata_after_flow_error
    ;;
  preferences)
    # Thresholds are preferences: the outage's storm needs 3 attempts by
    # default, and is no storm when 10 are required.
    cap=$X400_SOURCE_DIR/captures/q232602-outage.pcap
    expect_contains "$(canonical_flags "$cap")" reconnect_storm "storm at the default threshold"
    expect_not_contains "$(canonical_flags "$cap" -o x400mta.storm_attempts:10)" reconnect_storm "no storm with storm_attempts 10"
    ;;
  expert_text)
    # Each flag is an expert info naming the precursor's KB and events.
    out=$(tshark_x400 -r "$X400_SOURCE_DIR/captures/q319936-close-before-ok.pcap" -q -z expert,x400mta)
    expect_contains "$out" "Q319936" "expert info names the KB"
    expect_contains "$out" "4258" "expert info names the event IDs"
    ;;
  *) fail "unknown case $1" ;;
esac
