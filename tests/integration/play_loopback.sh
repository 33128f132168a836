#!/usr/bin/env bash
# x400replay play --loopback: every built-in scenario sockets can play, and
# the live variants in tests/replay/live, played by both roles over the
# loopback of a private network namespace the command creates, captured
# with libpcap, read by tshark with the plugin as an unprivileged user.
# The kernel-made capture must get exactly the canonical precursors the
# scenario declares (one pass and two), carry the same OSI bytes as the
# synthetic capture of the same scenario, and be the kernel's (SYN options
# the synthesiser never writes).  Unplayable built-ins must be refused with
# no capture file.  Needs root (network namespace, capture): exit 77 without.
#   play_loopback.sh SCENARIO
. "$(dirname "$0")/lib.sh"
replay=$X400_BUILD_DIR/replay/x400replay
live=$X400_SOURCE_DIR/tests/replay/live
[ "$(id -u)" -eq 0 ] || { echo "SKIP: playing over a private network namespace and capturing need root"; exit 77; }
work=$(mktemp -d /tmp/x400mta-play.XXXXXX)
trap 'rm -rf "$work"' EXIT

name=$1
scenario=$name
[ -f "$live/$name.x4s" ] && scenario=$live/$name.x4s

# Time parameters that make each play last seconds, not minutes (the
# attempts of q152877 keep their uneven spacing, so they are no storm).
sets=()
case $name in
  q152877-network-cycling)
    sets=(--set tp0_refusal_at=140ms --set session_refusal_at=620ms --set rtse_refusal_at=860ms
          --set state_check_at=1560ms --set bind_refusal_at=1900ms) ;;
  q319936-close-before-ok) sets=(--set peer_timeout=1s --set late_by=200ms) ;;
  q232602-lost-then-refused-live) sets=(--set open_interval=300ms) ;;
esac

rc=0
"$replay" play "$scenario" --loopback --capture "$work/live.pcap" --timeout 5 "${sets[@]}" \
  >"$work/out" 2>"$work/err" || rc=$?
if grep -q "capturing needs root or CAP_NET_RAW" "$work/err"; then
  echo "SKIP: $(cat "$work/err")"; exit 77
fi

if ! "$replay" play "$scenario" --check >/dev/null 2>&1; then
  [ "$rc" -eq 2 ] || fail "$name: unplayable, but play exited $rc: $(cat "$work/err")"
  grep -q "cannot be played live" "$work/err" || fail "$name: no located refusal: $(cat "$work/err")"
  ls "$work"/live.pcap* >/dev/null 2>&1 && fail "$name: a refused play left a capture file"
  echo "ok: $name is refused before anything is sent, no capture file: $(grep -c 'cannot be played live' "$work/err") step(s)"
  exit 0
fi
[ "$rc" -eq 0 ] || fail "$name: play exited $rc: $(cat "$work/err")"
grep -q "played as the scenario says" "$work/err" || fail "$name: $(cat "$work/err")"
echo "ok: $name played by both roles: $(tail -1 "$work/err")"

# The kernel's TCP, not the synthesiser's: a SYN with SACK-permitted.
sack=$(tshark -r "$work/live.pcap" -Y 'tcp.flags.syn == 1 && tcp.options.sack_perm' 2>/dev/null | wc -l)
[ "$sack" -gt 0 ] || fail "$name: no SYN with SACK-permitted: not a kernel-made capture?"

declared=$(awk '$1 == "precursors" {sub(/^precursors[ \t]+/, ""); gsub(/[ \t]/, ""); print; exit}' \
             <("$replay" show "$name" 2>/dev/null || cat "$scenario"))
expect_declared "$name (live)" "$work/live.pcap" "$declared"

# The same OSI bytes as `write`: per TCP stream and direction, the
# reassembled payload equals the synthetic capture's.
"$replay" write "$scenario" -o "$work/synthetic.pcap" "${sets[@]}"
payloads() { # CAPTURE -> one line per stream and direction: "stream dir hex"
  local n s z=()
  n=$(tshark -r "$1" -T fields -e tcp.stream 2>/dev/null | sort -un | tail -1)
  for s in $(seq 0 "$n"); do z+=(-z "follow,tcp,raw,$s"); done
  tshark -r "$1" -q "${z[@]}" 2>/dev/null | awk '
    function out() { if (s != "") { print s, "i", a; print s, "r", b } a = b = "" }
    /^Filter: tcp.stream eq / { out(); s = $4; next }
    /^(=+|Follow:|Node [01]:)/ { next }
    /^\t/ { sub(/^\t/, ""); b = b $0; next }
    { a = a $0 }
    END { out() }' | sort -n
}
payloads "$work/live.pcap" >"$work/live.bytes"
payloads "$work/synthetic.pcap" >"$work/synthetic.bytes"
# A receiver that stops reading gets as much as its window took: there the
# shorter stream must be the start of the longer one.
prefix_ok=0
grep -q stop-reading "$scenario" 2>/dev/null && prefix_ok=1
if paste -d'\n' "$work/synthetic.bytes" "$work/live.bytes" | awk -v prefix_ok="$prefix_ok" '
    NR % 2 { want = $0; next }
    { n = split(want, w, " "); split($0, g, " ")
      if (w[1] != g[1] || w[2] != g[2]) bad = 1
      else if (w[3] != g[3] && !(prefix_ok && (index(w[3], g[3]) == 1 || index(g[3], w[3]) == 1))) bad = 1 }
    END { exit bad }' && [ "$(wc -l <"$work/live.bytes")" -eq "$(wc -l <"$work/synthetic.bytes")" ]; then
  echo "ok: $name: the live streams carry the synthetic capture's bytes ($(wc -l <"$work/live.bytes") stream directions)"
else
  diff <(cut -c1-120 "$work/synthetic.bytes") <(cut -c1-120 "$work/live.bytes") | head >&2
  fail "$name: the live payload differs from the synthetic one"
fi

case $name in
  q188040-flow-control-live)
    # What real TCP makes of Q188040: the zero window and the reset after
    # it (the finer flow_control_error); never the NDATA after the reset.
    rows=$(tshark_x400 -r "$work/live.pcap" -Y x400mta.precursor -T fields -e x400mta.precursor)
    expect_contains "$rows" flow_control_error "$name: the error after flow control is flagged"
    zero=$(tshark -r "$work/live.pcap" -Y tcp.analysis.zero_window 2>/dev/null | wc -l)
    [ "$zero" -gt 0 ] && echo "ok: $name: the kernel advertised a zero window ($zero frames)" \
      || fail "$name: no zero window in the live capture"
    ;;
esac
