#!/usr/bin/env bash
# The command line of x400replay play, without root: usage errors, --to
# taking one explicit address, the located refusal of steps no socket can
# play (exit 2, nothing sent, no capture file), and a peer that answers
# otherwise reported in words (exit 3).  Traffic stays on this host's
# loopback, on ports nothing listens on; every wait is bounded (--timeout).
#   play_cli.sh X400REPLAY SOURCE_DIR
set -euo pipefail
replay=$(readlink -f "$1")
work=$(mktemp -d /tmp/replay-play-cli.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

expect_exit() { # CODE DESCRIPTION CMD...
  local want=$1 what=$2; shift 2
  local rc=0
  "$@" >"$work/out" 2>"$work/err" || rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$what (exit $rc)"; else fail "$what: exit $rc, expected $want; stderr: $(cat "$work/err")"; fi
}
expect_err() { # PATTERN DESCRIPTION (grep -E over the last stderr)
  if grep -qE -- "$1" "$work/err"; then ok "$2"; else fail "$2: no /$1/ in: $(cat "$work/err")"; fi
}
no_file() {
  if ls "$1"* >/dev/null 2>&1; then fail "$2: left $(ls "$1"*)"; else ok "$2: no capture file"; fi
}

# A TCP port nothing on this host listens on (from /proc/net/tcp{,6}).
listening=$(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$4 == "0A" {split($2, a, ":"); print a[2]}')
next_port=$((20000 + $$ % 20000))
free_port() {
  local hex
  while :; do
    next_port=$((next_port + 1))
    hex=$(printf '%04X' "$next_port")
    grep -qx "$hex" <<<"$listening" || { echo "$next_port"; return; }
  done
}

# Waits (at most 5 s) until something listens on 127.0.0.1:PORT.
wait_listening() {
  local hex i
  hex=$(printf '0100007F:%04X' "$1")
  for i in $(seq 50); do
    awk -v a="$hex" '$2 == a && $4 == "0A" {found = 1} END {exit !found}' /proc/net/tcp && return 0
    sleep 0.1
  done
  fail "nothing listens on 127.0.0.1:$1 after 5 s"
}

# ---- usage
expect_exit 2 "play without a scenario" "$replay" play
expect_exit 2 "play without a role" "$replay" play x410-healthy
expect_exit 2 "--as something else" "$replay" play x410-healthy --as observer --to 127.0.0.1:1
expect_exit 2 "--as initiator without --to" "$replay" play x410-healthy --as initiator
expect_exit 2 "--as responder without --listen" "$replay" play x410-healthy --as responder --to 127.0.0.1:1
expect_exit 2 "--loopback with --to" "$replay" play x410-healthy --loopback --to 127.0.0.1:1
expect_exit 2 "--check with --capture" "$replay" play x410-healthy --check --capture "$work/c.pcap"
expect_exit 2 "--timeout 0" "$replay" play x410-healthy --loopback --timeout 0
expect_exit 2 "unknown scenario" "$replay" play no-such-scenario --check
for to in 10.0.0.1-5:102 10.0.0.0/24:102 '10.0.0.*:102' mta.example.org:102 10.0.0.1 0.0.0.0:102 \
          224.0.0.1:102 255.255.255.255:102 '[::]:102' '[ff02::1]:102' 10.0.0.1:0 10.0.0.1:65536 \
          10.0.0.1,10.0.0.2:102 '::1:102'; do
  expect_exit 2 "--to $to is not one explicit address" "$replay" play x410-healthy --as initiator --to "$to"
done
expect_err "expected one numeric address and port|not the address of one host" "the message says what --to takes"

# ---- which built-ins sockets can play
for name in $("$replay" list | cut -f1); do
  case $name in
    q188040-flow-control|q232602-outage)
      expect_exit 2 "$name is refused" "$replay" play "$name" --check ;;
    *)
      expect_exit 0 "$name is playable" "$replay" play "$name" --check
      grep -q "^$name: playable live: [0-9]* connections\?, [0-9]* steps$" "$work/out" \
        && ok "$name: one summary line" || fail "$name: summary: $(cat "$work/out")" ;;
  esac
done
"$replay" play q188040-flow-control --check 2>"$work/err" || true
expect_err "^q188040-flow-control\.x4s:40:14: transfer cannot be played live: the connection was reset at line 38" \
  "q188040: the NDATA after the reset is located and explained"
"$replay" play q232602-outage --check 2>"$work/err" || true
expect_err "^q232602-outage\.x4s:35:1: outage cannot be played live" "q232602: the outage is located"
expect_err "^q232602-outage\.x4s:37:14: retransmit cannot be played live" "q232602: the retransmissions are located"
expect_err "^q232602-outage\.x4s:42:3: connect \.\.\. unanswered cannot be played live" "q232602: the unanswered SYNs are located"
[ "$(grep -c 'cannot be played live' "$work/err")" -eq 3 ] && ok "q232602: three refusals, each once" || fail "q232602: $(cat "$work/err")"
"$replay" play x410-healthy --check -v >"$work/plan"
grep -qP '^0\.006000\tc1\tline 22\tresponder tp0-cc\tTP0 CC$' "$work/plan" && ok "--check -v prints the plan" \
  || fail "--check -v: $(head -4 "$work/plan")"

# ---- refused before anything is sent: a listener sees no connection, no capture file
port=$(free_port)
"$replay" play x410-healthy --as responder --listen "127.0.0.1:$port" --timeout 2 >"$work/listener.out" 2>"$work/listener.err" &
listener=$!; pids+=("$listener")
wait_listening "$port"
expect_exit 2 "q232602-outage against a listener" "$replay" play q232602-outage --as initiator \
  --to "127.0.0.1:$port" --capture "$work/refused.pcap"
expect_err "nothing was sent" "the refusal says nothing was sent"
no_file "$work/refused.pcap" "refused play"
rc=0; wait "$listener" || rc=$?
[ "$rc" -eq 3 ] && grep -q "expected a connection to 127.0.0.1:$port, none came within 2.0 s" "$work/listener.err" \
  && ok "the listener saw no connection: nothing was sent" || fail "listener: exit $rc: $(cat "$work/listener.err")"

# ---- a peer that answers otherwise, in the plugin's words
cat >"$work/busy.x4s" <<'SCN'
scenario busy-mta
host a 10.0.0.1
host b 10.0.0.2
at 0s connect c1 from a to b
c1 -> tp0-cr calling MTAA called MTAB
+3ms c1 <- tp0-dr reason congestion
c1 <- fin
SCN
port=$(free_port)
"$replay" play "$work/busy.x4s" --as responder --listen "127.0.0.1:$port" --timeout 3 >/dev/null 2>"$work/busy.err" &
busy=$!; pids+=("$busy")
wait_listening "$port"
expect_exit 3 "x410-healthy against an MTA that refuses the CR" "$replay" play x410-healthy --as initiator \
  --to "127.0.0.1:$port" --timeout 2
expect_err "^x410-healthy\.x4s:22:13: initiator: c1: expected TP0 CC, got TP0 DR reason congestion at TSAP$" \
  "the difference is located and said in words"
wait "$busy" || true   # it may see the initiator give up (close) before its own FIN: a difference too

# ---- a peer faster than the scenario: Q319936 against an MTA that confirms at once
port=$(free_port)
"$replay" play x410-healthy --as responder --listen "127.0.0.1:$port" --timeout 2 >/dev/null 2>&1 &
fast=$!; pids+=("$fast")
wait_listening "$port"
expect_exit 3 "q319936 against an MTA that sends its CC at once" "$replay" play q319936-close-before-ok \
  --as initiator --to "127.0.0.1:$port" --timeout 2 --set peer_timeout=500ms
expect_err "^q319936-close-before-ok\.x4s:28:22: initiator: c1: got TP0 CC at [0-9.]+ s, before this step \(fin, at [0-9.]+ s\)" \
  "the early OK response is reported at the FIN"
wait "$fast" || true

# ---- both roles of a healthy scenario over this host's loopback, no root needed
port=$(free_port)
"$replay" play normal-healthy --as responder --listen "127.0.0.1:$port" --timeout 3 >/dev/null 2>"$work/resp.err" &
resp=$!; pids+=("$resp")
wait_listening "$port"
expect_exit 0 "normal-healthy initiator against its responder" "$replay" play normal-healthy --as initiator \
  --to "127.0.0.1:$port" --timeout 3
expect_err "played as the scenario says" "the initiator says so"
rc=0; wait "$resp" || rc=$?
[ "$rc" -eq 0 ] && ok "and so does the responder" || fail "responder: exit $rc: $(cat "$work/resp.err")"

# ---- capturing needs root: a clear exit 1 and no file otherwise
if [ "$(id -u)" -ne 0 ]; then
  expect_exit 1 "--capture without the right to capture" "$replay" play x410-healthy --loopback \
    --capture "$work/denied.pcap" --timeout 1
  no_file "$work/denied.pcap" "denied capture"
fi

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
