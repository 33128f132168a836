#!/usr/bin/env bash
# The CLI contract of x400replay (docs/contract.md, "The replayer"): list format, exit
# codes, file:line:column errors, no output file on any failure, determinism.
#   cli.sh X400REPLAY SOURCE_DIR
set -euo pipefail
replay=$(readlink -f "$1")
src=$2
work=$(mktemp -d /tmp/replay-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# expect_exit CODE DESCRIPTION CMD...
expect_exit() {
  local want=$1 what=$2; shift 2
  local rc=0
  "$@" >"$work/out" 2>"$work/err" || rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$what (exit $rc)"; else fail "$what: exit $rc, expected $want; stderr: $(cat "$work/err")"; fi
}

no_output() {
  if [ -e "$1" ] || ls "$1".tmp* >/dev/null 2>&1; then fail "$2: output or temp file left: $(ls "$1"*)"; else ok "$2: no output file"; fi
}

# ---- list
"$replay" list >"$work/list"
n=$(wc -l <"$work/list")
[ "$n" -ge 7 ] && ok "list has $n scenarios" || fail "list has only $n lines"
canon="connect_refused close_before_ok ndata_after_flow_error association_lost reconnect_storm duplicate_mtsid state_check_failure network_flapping"
covered=""
while IFS= read -r line; do
  IFS=$'\t' read -r name kb precursors description <<<"$line"
  fields=$(awk -F'\t' '{print NF}' <<<"$line")
  [ "$fields" -eq 4 ] || fail "list line for $name has $fields fields"
  [ -n "$description" ] || fail "$name has no description"
  if [ "$kb" = "-" ]; then
    [ "$precursors" = none ] || fail "healthy $name declares precursors $precursors"
  else
    [[ "$kb" =~ ^Q[0-9]+$ ]] || fail "$name: kb '$kb' is not a KB article"
    [ "$precursors" != none ] || fail "$name reproduces $kb but declares no precursor"
  fi
  for p in ${precursors//,/ }; do
    [ "$p" = none ] && continue
    [[ " $canon " == *" $p "* ]] || fail "$name declares unknown precursor $p"
    covered="$covered $p"
  done
done <"$work/list"
for p in $canon; do
  [[ " $covered " == *" $p "* ]] && ok "precursor $p exercised" || fail "no built-in scenario exercises $p"
done
# one built-in scenario per KB article of docs/kb.md (its table's first column)
kbs=$(grep -o '^| Q[0-9]\{6\} ' "$src/docs/kb.md" | grep -o 'Q[0-9]*' | sort -u)
[ "$(wc -w <<<"$kbs")" -eq 5 ] && ok "docs/kb.md lists five KB articles" || fail "docs/kb.md lists: $kbs"
for kb in $kbs; do
  cut -f2 "$work/list" | grep -qx "$kb" && ok "KB $kb has a scenario" || fail "KB $kb has no scenario"
done
grep -q $'^x410-healthy\t-\tnone\t' "$work/list" && ok "x410-healthy baseline listed" || fail "x410-healthy missing"
grep -q $'^normal-healthy\t-\tnone\t' "$work/list" && ok "normal-healthy baseline listed" || fail "normal-healthy missing"

# ---- usage and exit codes
expect_exit 0 "--help" "$replay" --help
grep -q "Exit status" "$work/out" || fail "--help documents no exit status"
expect_exit 2 "no command" "$replay"
expect_exit 2 "unknown command" "$replay" frobnicate
expect_exit 2 "list with an argument" "$replay" list extra
expect_exit 2 "write without -o" "$replay" write x410-healthy
expect_exit 2 "write without scenario" "$replay" write -o "$work/x.pcap"
expect_exit 2 "unknown option" "$replay" write x410-healthy -o "$work/x.pcap" --fast
expect_exit 2 "--repeat 0" "$replay" write x410-healthy -o "$work/x.pcap" --repeat 0
expect_exit 2 "--repeat -3" "$replay" write x410-healthy -o "$work/x.pcap" --repeat -3
expect_exit 2 "--set without =" "$replay" write x410-healthy -o "$work/x.pcap" --set content
expect_exit 2 "--set unknown variable" "$replay" write x410-healthy -o "$work/x.pcap" --set nope=1
grep -q "no variable 'nope'" "$work/err" || fail "--set unknown: message: $(cat "$work/err")"
expect_exit 2 "unknown scenario" "$replay" write no-such-scenario -o "$work/x.pcap"
no_output "$work/x.pcap" "failed writes"
expect_exit 2 "show unknown" "$replay" show nope
expect_exit 0 "show x410-healthy" "$replay" show x410-healthy
grep -q '^scenario x410-healthy' "$work/out" || fail "show prints the scenario text"

# ---- malformed scenario file: file:line:column, exit 2, no output, old file kept
cat >"$work/bad.x4s" <<'SCN'
scenario bad
host a 10.0.0.1
host b 10.0.0.2
connect c from a to b
c -> tp0-cr tpdu-size 3000
SCN
expect_exit 2 "malformed scenario" "$replay" write "$work/bad.x4s" -o "$work/bad.pcap"
grep -qx "$work/bad.x4s:5:1: .*power of two.*" "$work/err" || true
if grep -q "^$work/bad.x4s:5:6: tpdu-size 3000 is not a power of two" "$work/err"; then ok "error names file:line:column"; else fail "error text: $(cat "$work/err")"; fi
[ "$(wc -l <"$work/err")" -eq 1 ] && ok "one error line" || fail "more than one error line"
no_output "$work/bad.pcap" "malformed scenario"
echo keep >"$work/old.pcap"
expect_exit 2 "malformed scenario over an existing file" "$replay" write "$work/bad.x4s" -o "$work/old.pcap"
[ "$(cat "$work/old.pcap")" = keep ] && ok "existing output untouched" || fail "existing output changed"
printf 'scenario t\ndescription "no end\n' >"$work/lex.x4s"
expect_exit 2 "lexical error" "$replay" write "$work/lex.x4s" -o "$work/lex.pcap"
grep -qx "$work/lex.x4s:2:13: unterminated string.*" "$work/err" && ok "lexical error located" || fail "lexical error: $(cat "$work/err")"
no_output "$work/lex.pcap" "lexical error"
printf 'scenario t\nhost a 10.0.0.1\nhost b 10.0.0.2\nat 5s connect c from a to b\nat 1s c -> fin\n' >"$work/time.x4s"
expect_exit 2 "run-time error (time goes back)" "$replay" write "$work/time.x4s" -o "$work/time.pcap"
grep -q "^$work/time.x4s:5:1: " "$work/err" && ok "run-time error located" || fail "run-time error: $(cat "$work/err")"
no_output "$work/time.pcap" "run-time error"

# ---- a scenario file named like a built-in is read as a file
"$replay" show x410-healthy | sed 's/size \$content/size 10/' >"$work/x410-healthy.x4s"
(cd "$work" && "$replay" write x410-healthy.x4s -o "$work/file.pcap")
"$replay" write x410-healthy -o "$work/builtin.pcap"
cmp -s "$work/file.pcap" "$work/builtin.pcap" && fail "x410-healthy.x4s was taken as the built-in" || ok "a .x4s name is a file"
expect_exit 2 "missing scenario file" "$replay" write "$work/nope.x4s" -o "$work/nope.pcap"
no_output "$work/nope.pcap" "missing scenario file"

# ---- I/O errors: exit 1, nothing left
expect_exit 1 "unwritable directory" "$replay" write x410-healthy -o "$work/missing/dir/x.pcap"
expect_exit 0 "write to /dev/null" "$replay" write x410-healthy -o /dev/null
[ -c /dev/null ] && ok "/dev/null is still a device" || fail "/dev/null replaced"

# ---- determinism, repeat, variables
"$replay" write x410-healthy -o "$work/a.pcap"
"$replay" write x410-healthy -o "$work/b.pcap"
cmp -s "$work/a.pcap" "$work/b.pcap" && ok "byte-for-byte deterministic" || fail "two runs differ"
"$replay" write x410-healthy -o "$work/r.pcap" --repeat 3
"$replay" write x410-healthy -o "$work/r2.pcap" --repeat 3
cmp -s "$work/r.pcap" "$work/r2.pcap" && ok "--repeat deterministic" || fail "--repeat runs differ"
s1=$(stat -c %s "$work/a.pcap"); s3=$(stat -c %s "$work/r.pcap")
[ "$s3" -eq $(( 3 * (s1 - 24) + 24 )) ] && ok "--repeat 3 writes three copies" || fail "--repeat 3 size $s3 vs one copy $s1"
"$replay" write x410-healthy -o "$work/s.pcap" --set content=100
cmp -s "$work/a.pcap" "$work/s.pcap" && fail "--set content=100 changed nothing" || ok "--set changes the capture"
[ "$(stat -c %a "$work/a.pcap")" != 600 ] && ok "output mode follows the umask" || fail "output is 0600"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
