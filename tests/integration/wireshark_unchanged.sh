#!/usr/bin/env bash
# The plugin changes nothing of Wireshark's own dissection: it takes IP's
# entry for TCP and TPKT's port entries while enabled (plugin/epan/tcp_hook.c,
# tpkt_hook.c) and adds one generated subtree per frame.  Every
# line of tshark -V (every protocol, field, expert info and TCP analysis flag) but
# that subtree is the same with the plugin enabled as with it disabled, in
# one pass and in two on captures/, in one pass on every public capture
# (X.400 ones and other RFC1006 protocols; their first 1000 frames).
#   wireshark_unchanged.sh captures|realcaps
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d /tmp/x400mta-unchanged.XXXXXX)
trap 'rm -rf "$work"' EXIT

# tshark -V without the x400mta subtree: from its top line to the next
# top-level line.
without_x400mta() {
  awk '/^\[X\.400 MTA association analysis/ { skip = 1; next }
       skip && !/^ / { skip = 0 }
       !skip'
}

compare() { # CAPTURE PASS-ARGS...
  local cap=$1; shift
  tshark_x400 -r "$cap" -c 1000 -V "$@" | without_x400mta >"$work/on"
  tshark_x400 -r "$cap" -c 1000 -V "$@" --disable-protocol x400mta >"$work/off"
  grep -q '^Frame 1:' "$work/off" || fail "$cap: tshark printed no frame"
  cmp -s "$work/on" "$work/off" ||
    fail "$cap $*: Wireshark's dissection differs with the plugin enabled: $(diff "$work/off" "$work/on" | head -8)"
}

case "$1" in
  captures) caps=$(ls "$X400_SOURCE_DIR"/captures/*.pcap) ;;
  realcaps) need_realcaps; caps=$(find "$REALCAPS" -type f \( -name '*.pcap' -o -name '*.pcapng' \) | LC_ALL=C sort) ;;
  *) fail "unknown case $1" ;;
esac
n=0
for cap in $caps; do
  compare "$cap"
  [ "$1" = realcaps ] || compare "$cap" -2   # two passes: on ours (CI runs three versions)
  n=$((n + 1))
done
[ "$n" -gt 0 ] || fail "no capture"
echo "ok: Wireshark's own dissection of $n captures ($1) is the same with the plugin enabled and disabled"
