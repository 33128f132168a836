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
#   golden.sh captures|fixtures|mutated|realcaps   compare
#   golden.sh update                            rewrite tests/golden/ (review the diff!)
# With X400_GOLDEN_KEEP=DIR (scripts/matrix) every dump compared is also kept
# as DIR/NAME.1.tsv and DIR/NAME.2.tsv (one and two passes; the public
# captures in full), so that Wireshark versions can be compared directly.
. "$(dirname "$0")/lib.sh"
GOLDEN=$X400_SOURCE_DIR/tests/golden
replay=$X400_BUILD_DIR/replay/x400replay
work=$(mktemp -d /tmp/x400mta-golden.XXXXXX)
trap 'rm -rf "$work"' EXIT

dump() { "$X400_SOURCE_DIR/scripts/field-dump" --build "$X400_BUILD_DIR" "$@"; }

keep() { # NAME PASSES FILE
  [ -n "${X400_GOLDEN_KEEP:-}" ] || return 0
  mkdir -p "$(dirname "$X400_GOLDEN_KEEP/$1")"
  cp "$3" "$X400_GOLDEN_KEEP/$1.$2.tsv"
}

# The fixtures are scenario files: the capture is written afresh.
fixture_capture() { # SCENARIO -> path of its capture
  local out=$work/$(basename "$1" .x4s).pcap
  "$replay" write "$1" -o "$out"
  echo "$out"
}

realcaps_list() {
  find "$REALCAPS" -type f \( -name '*.pcap' -o -name '*.pcapng' \) | LC_ALL=C sort
}

# compare NAME CAPTURE GOLDEN-FILE: the dump, one and two passes.
compare() {
  local name=$1 cap=$2 want=$3
  [ -f "$want" ] || fail "$name: no golden file $want (run golden.sh update)"
  dump "$cap" >"$work/one"
  dump "$cap" -2 >"$work/two"
  keep "$name" 1 "$work/one"
  keep "$name" 2 "$work/two"
  if ! cmp -s "$work/one" "$want"; then
    diff "$want" "$work/one" | head -20 >&2
    fail "$name: the fields differ from $want"
  fi
  cmp -s "$work/two" "$want" || fail "$name: two-pass fields differ from $want"
  echo "ok: $name, $(wc -l <"$want") frames, identical in one and two passes"
}

# The realcaps digests: "sha256  relative-path" per capture.
realcaps_digests() { # [tshark args]
  local f rel passes=1
  [ $# -eq 0 ] || passes=2
  while IFS= read -r f; do
    rel=${f#"$REALCAPS"/}
    dump "$f" "$@" >"$work/dump"
    keep "realcaps/$rel" "$passes" "$work/dump"
    printf '%s  %s\n' "$(sha256sum <"$work/dump" | cut -d' ' -f1)" "$rel"
  done < <(realcaps_list)
}

case "$1" in
  captures)
    for cap in "$X400_SOURCE_DIR"/captures/*.pcap; do
      n=$(basename "$cap" .pcap)
      compare "captures/$n" "$cap" "$GOLDEN/captures/$n.tsv"
    done
    ;;
  fixtures)
    for sc in "$X400_SOURCE_DIR"/tests/fixtures/*.x4s; do
      n=$(basename "$sc" .x4s)
      compare "fixtures/$n" "$(fixture_capture "$sc")" "$GOLDEN/fixtures/$n.tsv"
    done
    ;;
  mutated)
    for cap in "$X400_SOURCE_DIR"/tests/fixtures/mutated/*.pcap; do
      n=$(basename "$cap" .pcap)
      compare "mutated/$n" "$cap" "$GOLDEN/mutated/$n.tsv"
    done
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
    mkdir -p "$GOLDEN/captures" "$GOLDEN/fixtures" "$GOLDEN/mutated"
    for cap in "$X400_SOURCE_DIR"/tests/fixtures/mutated/*.pcap; do
      dump "$cap" >"$GOLDEN/mutated/$(basename "$cap" .pcap).tsv"
    done
    for cap in "$X400_SOURCE_DIR"/captures/*.pcap; do
      dump "$cap" >"$GOLDEN/captures/$(basename "$cap" .pcap).tsv"
    done
    for sc in "$X400_SOURCE_DIR"/tests/fixtures/*.x4s; do
      dump "$(fixture_capture "$sc")" >"$GOLDEN/fixtures/$(basename "$sc" .x4s).tsv"
    done
    if [ -d "$REALCAPS" ]; then realcaps_digests >"$GOLDEN/realcaps.sha256"; fi
    echo "tests/golden/ rewritten: review 'git diff tests/golden' before committing"
    ;;
  *) fail "unknown case $1" ;;
esac
