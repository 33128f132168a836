#!/usr/bin/env bash
# The README's console examples (```console blocks whose command is
# `$ tshark ...` on a capture of captures/) print what the README shows:
# each is run with the built plugin and its output compared line by line.
. "$(dirname "$0")/lib.sh"
readme=$X400_SOURCE_DIR/README.md
work=$(mktemp -d /tmp/x400mta-readme.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Split the console blocks into work/N.cmd (the command, continuation lines
# joined) and work/N.out (the output the README shows).
awk -v dir="$work" '
  /^```console$/ { inblock = 1; n++; cmd = ""; incmd = 0; next }
  inblock && /^```$/ { inblock = 0; next }
  inblock && /^\$ / { incmd = 1; sub(/^\$ /, "") }
  inblock && incmd {
    line = $0; cont = sub(/\\$/, "", line)
    cmd = cmd line
    if (!cont) { print cmd > (dir "/" n ".cmd"); incmd = 0 }
    next
  }
  inblock { print > (dir "/" n ".out") }
' "$readme"

# Trailing spaces and the blank lines around the output do not count.
normalise() { sed 's/[[:space:]]*$//' | sed -e '/./,$!d' | tac | sed -e '/./,$!d' | tac; }

n=0
for cmdfile in "$work"/*.cmd; do
  cmd=$(cat "$cmdfile")
  case "$cmd" in "tshark -r captures/"*) ;; *) continue ;; esac
  n=$((n + 1))
  expected=${cmdfile%.cmd}.out
  # Run it from the source folder with the plugin; words as the shell reads them.
  actual=$(cd "$X400_SOURCE_DIR" && eval "tshark_x400 ${cmd#tshark }")
  if ! diff <(normalise <"$expected") <(normalise <<<"$actual") >"$work/diff"; then
    fail "README example drifted: $cmd
$(head -20 "$work/diff")"
  fi
  echo "ok: $cmd"
done
[ "$n" -gt 0 ] || fail "no tshark example found in README.md"
