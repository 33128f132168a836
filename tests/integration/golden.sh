#!/usr/bin/env bash
# Output identity: every x400mta field of every frame (scripts/field-dump) of
# every capture in captures/, every fixture in tests/fixtures/ (scenarios,
# and captures/ with bytes changed at random in tests/fixtures/mutated/:
# editcap -E at three rates and seeds, kept as files since editcap's random
# numbers may differ between versions) and every
# public capture in ../shared/realcaps is what tests/golden/ recorded, in one
# pass and in two.  A refactor or a port to another Wireshark must not change
# one byte of it.  The public captures are not ours to copy, so for them the
# golden file keeps only the SHA-256 of each dump.
#
# The plugin's associations are Wireshark's TCP streams (x400mta.assoc: one
# per TCP connection), so NAME.streams records Wireshark's tcp.stream of
# every frame beside NAME.tsv, and each run checks it first.  Where a
# Wireshark version splits a capture into other TCP streams than the
# baseline's (tests/golden/BASELINE) did, and only there, the fields it gives
# are recorded in tests/golden/wireshark-X.Y/ (with its .streams), which
# applies to X.Y and later: a difference in the plugin's own output is never
# recorded as a version difference.
#   golden.sh captures|fixtures|mutated|realcaps   compare
#   golden.sh update     rewrite tests/golden/ on the baseline Wireshark, or
#                        record this version's TCP-stream differences (review the diff!)
# With X400_GOLDEN_KEEP=DIR (scripts/matrix) every dump compared is also kept
# as DIR/NAME.1.tsv and DIR/NAME.2.tsv (one and two passes; the public
# captures in full) and DIR/NAME.streams, so that Wireshark versions can be
# compared directly.
. "$(dirname "$0")/lib.sh"
GOLDEN=$X400_SOURCE_DIR/tests/golden
work=$(mktemp -d /tmp/x400mta-golden.XXXXXX)
trap 'rm -rf "$work"' EXIT

dump() { "$X400_SOURCE_DIR/scripts/field-dump" --build "$X400_BUILD_DIR" "$@"; }
streams() { tshark_x400 -r "$1" -T fields -e frame.number -e tcp.stream; }

keep() { # NAME SUFFIX FILE
  [ -n "${X400_GOLDEN_KEEP:-}" ] || return 0
  mkdir -p "$(dirname "$X400_GOLDEN_KEEP/$1")"
  cp "$3" "$X400_GOLDEN_KEEP/$1.$2"
}

realcaps_list() {
  find "$REALCAPS" -type f \( -name '*.pcap' -o -name '*.pcapng' \) | LC_ALL=C sort
}

# compare NAME CAPTURE: Wireshark's TCP streams, then the fields in one and
# two passes, against what this version must give.
compare() {
  local name=$1 cap=$2 want
  want=$(expected "$name")
  [ -f "$want.tsv" ] && [ -f "$want.streams" ] || fail "$name: no golden file $want.tsv/.streams (run golden.sh update)"
  streams "$cap" >"$work/streams"
  dump "$cap" >"$work/one"
  dump "$cap" -2 >"$work/two"
  keep "$name" streams "$work/streams"
  keep "$name" 1.tsv "$work/one"
  keep "$name" 2.tsv "$work/two"
  if ! cmp -s "$work/streams" "$want.streams"; then
    diff "$want.streams" "$work/streams" | head -10 >&2
    fail "$name: Wireshark $majmin splits the capture into other TCP streams than $want.streams (a TCP dissector change: golden.sh update records what this version gives)"
  fi
  if ! cmp -s "$work/one" "$want.tsv"; then
    diff "$want.tsv" "$work/one" | head -20 >&2
    fail "$name: the fields differ from $want.tsv"
  fi
  cmp -s "$work/two" "$want.tsv" || fail "$name: two-pass fields differ from $want.tsv"
  echo "ok: $name, $(wc -l <"$want.tsv") frames, identical in one and two passes (${want#"$GOLDEN"/})"
}

# update NAME CAPTURE: on the baseline Wireshark, its files; on another,
# its own files where its TCP streams differ from the baseline's.
update() {
  local name=$1 cap=$2 want dir
  streams "$cap" >"$work/streams"
  dump "$cap" >"$work/one"
  if [ "$majmin" = "$baseline" ]; then
    mkdir -p "$(dirname "$GOLDEN/$name")"
    cp "$work/streams" "$GOLDEN/$name.streams"
    cp "$work/one" "$GOLDEN/$name.tsv"
    return
  fi
  want=$(expected "$name")
  cmp -s "$work/streams" "$want.streams" && cmp -s "$work/one" "$want.tsv" && return
  if cmp -s "$work/streams" "$GOLDEN/$name.streams"; then
    fail "$name: Wireshark $majmin gives other fields than the baseline on the same TCP streams: a change of the plugin's output, not recorded"
  fi
  dir=$GOLDEN/wireshark-$majmin
  mkdir -p "$(dirname "$dir/$name")"
  cp "$work/streams" "$dir/$name.streams"
  cp "$work/one" "$dir/$name.tsv"
  echo "recorded $name for Wireshark $majmin: $(cut -f2 "$work/streams" | sort -u | grep -c .) TCP streams, the baseline $(cut -f2 "$GOLDEN/$name.streams" | sort -u | grep -c .)"
}

# The realcaps digests: "sha256  relative-path" per capture.
realcaps_digests() { # [tshark args]
  local f rel passes=1
  [ $# -eq 0 ] || passes=2
  while IFS= read -r f; do
    rel=${f#"$REALCAPS"/}
    dump "$f" "$@" >"$work/dump"
    keep "realcaps/$rel" "$passes.tsv" "$work/dump"
    printf '%s  %s\n' "$(sha256sum <"$work/dump" | cut -d' ' -f1)" "$rel"
  done < <(realcaps_list)
}

case "$1" in
  captures | fixtures | mutated)
    while read -r name cap; do compare "$name" "$cap"; done < <(captures_of "$1")
    ;;
  realcaps)
    need_realcaps
    realcaps_digests >"$work/one"
    realcaps_digests -2 >"$work/two"
    if ! cmp -s "$work/one" "$GOLDEN/realcaps.sha256"; then
      diff "$GOLDEN/realcaps.sha256" "$work/one" >&2 || true
      fail "realcaps: the fields of the captures above differ from tests/golden/realcaps.sha256"
    fi
    cmp -s "$work/two" "$GOLDEN/realcaps.sha256" || fail "realcaps: two-pass fields differ"
    echo "ok: $(wc -l <"$work/one") public captures, fields identical in one and two passes"
    ;;
  update)
    for set in captures fixtures mutated; do
      while read -r name cap; do update "$name" "$cap"; done < <(captures_of "$set")
    done
    if [ "$majmin" = "$baseline" ] && [ -d "$REALCAPS" ]; then realcaps_digests >"$GOLDEN/realcaps.sha256"; fi
    echo "tests/golden/ updated for Wireshark $majmin: review 'git status tests/golden; git diff tests/golden' before committing"
    ;;
  *) fail "unknown case $1" ;;
esac
