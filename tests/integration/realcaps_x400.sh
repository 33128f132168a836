#!/usr/bin/env bash
# The public X.400 captures (normal mode, MTAs percival and guinevere).
. "$(dirname "$0")/lib.sh"
need_realcaps
X=$REALCAPS/x400
ping_ok=$X/x400-ping-success.unrewritten.pcap
ping_refuse=$X/x400-ping-refuse.unrewritten.pcap
p772=$X/p772-transfer-success.unrewritten.pcap

values() { # FILE FIELD [tshark args]
  local f=$1 field=$2; shift 2
  tshark_x400 "$@" -r "$f" -T fields -E occurrence=a -E aggregator=';' -e "$field" | sed '/^$/d'
}

case "$1" in
  mta_names)
    names=$(values "$ping_ok" x400mta.mta)
    expect_contains "$names" percival.smhs.co.uk "initiator MTA name"
    expect_contains "$names" guinevere.smhs.co.uk "responder MTA name"
    ;;
  mode_normal)
    for f in "$ping_ok" "$ping_refuse" "$p772"; do
      modes=$(values "$f" x400mta.mode | tr ';' '\n' | sort -u | tr '\n' ' ')
      [ "$modes" = "normal " ] || fail "$(basename "$f"): modes '$modes', expected only normal"
    done
    echo "ok: every capture is in normal mode"
    ;;
  refuse_reason)
    expect_contains "$(values "$ping_refuse" x400mta.reason)" authentication-error "bind error of the refusal"
    ;;
  busy_stream0)
    expect_contains "$(values "$p772" x400mta.reason -Y 'tcp.stream == 0')" busy "bind error in p772 stream 0"
    ;;
  p772_mtsid)
    ids=$(values "$p772" x400mta.mtsid)
    [ "$ids" = "C=gb;A= ;P=smhs;L=percival.s:055680:20051001113050" ] || fail "mtsid '$ids'"
    echo "ok: p772 MTS identifier"
    ;;
  two_pass_identical)
    for f in "$ping_ok" "$ping_refuse" "$p772"; do
      one=$(all_fields "$f")
      two=$(all_fields "$f" -2)
      [ -n "$(cut -f2 <<<"$one" | sed '/^$/d')" ] || fail "$(basename "$f"): no x400mta output at all"
      [ "$one" = "$two" ] || fail "$(basename "$f"): one-pass and two-pass differ: $(diff <(echo "$one") <(echo "$two") | head -5)"
    done
    echo "ok: one-pass and two-pass field output identical"
    ;;
  *) fail "unknown case $1" ;;
esac
