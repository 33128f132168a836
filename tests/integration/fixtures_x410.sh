#!/usr/bin/env bash
# X.410-1984-mode data transfer, which Wireshark 4.0 cannot decode: the
# plugin must give each transfer's MTS identifier, also when one P1 message
# spans several TCP segments and when several TPKTs share one segment.
# The captures are the replayer's committed output (captures/).
. "$(dirname "$0")/lib.sh"
C=$X400_SOURCE_DIR/captures

mtsids() { # CAPTURE -> "frame<TAB>mtsid" lines
  tshark_x400 -r "$C/$1.pcap" -Y x400mta.mtsid -T fields -E occurrence=a -E aggregator=';' \
    -e frame.number -e x400mta.mtsid
}

case "$1" in
  large_transfer)
    got=$(mtsids x410-large-transfer)
    [ "$(cut -f2 <<<"$got")" = "C=DE;A=VIAT;P=FIRMA;L=BIG-0001" ] || fail "large transfer: '$got'"
    frame=$(cut -f1 <<<"$got")
    # The APDU spans several segments: the identifier comes on the last one,
    # after segments of TP0 DTs only.
    segments=$(tshark_x400 -r "$C/x410-large-transfer.pcap" -Y "x400mta.pdu == \"SES AS\" || (x400mta.pdu == \"TP0 DT\" && frame.number < $frame && tcp.len > 1000)" -T fields -e frame.number | wc -l)
    [ "$segments" -ge 3 ] || fail "expected the message to span >= 3 segments, saw $segments"
    mode=$(tshark_x400 -r "$C/x410-large-transfer.pcap" -Y "frame.number == $frame" -T fields -e x400mta.mode)
    [ "$mode" = "x410-1984" ] || fail "mode '$mode'"
    echo "ok: MTS identifier of a message spanning $segments+ segments, mode x410-1984"
    ;;
  shared_segment)
    got=$(mtsids x410-shared-segment)
    [ "$(wc -l <<<"$got")" -eq 1 ] || fail "expected both transfers in one frame: '$got'"
    [ "$(cut -f2 <<<"$got")" = "C=US;A=ADMD;P=PRMD;L=PAIR-0001;C=US;A=ADMD;L=PAIR-0002" ] \
      || fail "shared segment: '$got'"
    echo "ok: two MTS identifiers from TPKTs sharing one segment (second without PRMD)"
    ;;
  healthy_both_modes)
    for cap in x410-healthy normal-healthy; do
      n=$(mtsids "$cap" | cut -f2 | tr ';' '\n' | grep -c '^L=' || true)
      [ "$n" -eq 3 ] || fail "$cap: expected 3 transfers with an MTS identifier, got $n"
    done
    echo "ok: three transfers each in X.410-1984 and normal mode"
    ;;
  two_pass_identical)
    for cap in x410-large-transfer x410-shared-segment x410-healthy normal-healthy; do
      [ "$(all_fields "$C/$cap.pcap")" = "$(all_fields "$C/$cap.pcap" -2)" ] \
        || fail "$cap: one-pass and two-pass differ"
    done
    echo "ok: one-pass and two-pass identical on the fixtures"
    ;;
  *) fail "unknown case $1" ;;
esac
