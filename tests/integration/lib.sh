# Helpers for the tshark integration tests (sourced).
set -euo pipefail

: "${X400_BUILD_DIR:?}" "${X400_SOURCE_DIR:?}"
X400_SHARED_DIR=${X400_SHARED_DIR:-$X400_SOURCE_DIR/../shared}
REALCAPS=$X400_SHARED_DIR/realcaps

tshark_x400() {
  "$X400_SOURCE_DIR/scripts/tshark-x400" --build "$X400_BUILD_DIR" "$@"
}

need_realcaps() {
  if [ ! -d "$REALCAPS" ]; then
    echo "SKIP: $REALCAPS not present"
    exit 77
  fi
}

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_contains HAYSTACK NEEDLE WHAT
expect_contains() {
  case "$1" in
    *"$2"*) echo "ok: $3" ;;
    *) fail "$3: expected '$2' in: $1" ;;
  esac
}

expect_not_contains() {
  case "$1" in
    *"$2"*) fail "$3: did not expect '$2' in: $1" ;;
    *) echo "ok: $3" ;;
  esac
}

# All x400mta fields of every frame, one line per frame.
all_fields() {
  local f=$1; shift
  tshark_x400 "$@" -r "$f" -T fields -E occurrence=a -E aggregator=';' \
    -e frame.number -e x400mta.assoc -e x400mta.state -e x400mta.dir -e x400mta.pdu \
    -e x400mta.mode -e x400mta.mta -e x400mta.mtsid -e x400mta.reason \
    -e x400mta.precursor -e x400mta.kb -e x400mta.event_id -e x400mta.related_frame \
    -e x400mta.refused_by -e x400mta.decode_error
}

CANONICAL="connect_refused close_before_ok ndata_after_flow_error association_lost reconnect_storm duplicate_mtsid state_check_failure network_flapping"

# Sorted, unique canonical precursor ids flagged in a capture, comma-joined.
canonical_flags() {
  local ids
  ids=$(tshark_x400 "${@:2}" -r "$1" -Y x400mta.precursor -T fields -E occurrence=a -E aggregator=';' \
          -e x400mta.precursor | tr ';' '\n' | sed '/^$/d' | sort -u)
  local out=()
  for id in $ids; do
    case " $CANONICAL " in *" $id "*) out+=("$id") ;; esac
  done
  local IFS=,
  echo "${out[*]:-none}"
}

# expect_declared NAME CAPTURE DECLARED: exactly the declared canonical
# precursors, in one pass and in two.
expect_declared() {
  local want one two
  want=$(tr ',' '\n' <<<"$3" | sort | paste -sd, -)
  one=$(canonical_flags "$2")
  two=$(canonical_flags "$2" -2)
  [ "$one" = "$want" ] || fail "$1: declares $want, plugin flags $one"
  [ "$two" = "$want" ] || fail "$1: two-pass flags $two, declared $want"
  echo "ok: $1 flags exactly $want"
}

# every_capture DIR: every capture the tests know, one path a line:
# captures/, the scenario fixtures (written into DIR), the mutated copies of
# captures/, and the public captures when ../shared/realcaps is there.
every_capture() {
  local f out
  ls "$X400_SOURCE_DIR"/captures/*.pcap
  for f in "$X400_SOURCE_DIR"/tests/fixtures/*.x4s; do
    out=$1/$(basename "$f" .x4s).pcap
    "$X400_BUILD_DIR/replay/x400replay" write "$f" -o "$out" >/dev/null
    echo "$out"
  done
  ls "$X400_SOURCE_DIR"/tests/fixtures/mutated/*.pcap
  if [ -d "$REALCAPS" ]; then
    find "$REALCAPS" -type f \( -name '*.pcap' -o -name '*.pcapng' \) | LC_ALL=C sort
  fi
}

# Every capture of a set, as "NAME CAPTURE" lines (the caller sets $work,
# where the fixtures' captures are written).
captures_of() { # captures|fixtures|mutated
  local f
  case "$1" in
    captures) for f in "$X400_SOURCE_DIR"/captures/*.pcap; do echo "captures/$(basename "$f" .pcap) $f"; done ;;
    fixtures) for f in "$X400_SOURCE_DIR"/tests/fixtures/*.x4s; do
                echo "fixtures/$(basename "$f" .x4s) $(fixture_capture "$f")"; done ;;
    mutated) for f in "$X400_SOURCE_DIR"/tests/fixtures/mutated/*.pcap; do echo "mutated/$(basename "$f" .pcap) $f"; done ;;
  esac
}

# The fixtures are scenario files: the capture is written afresh.
fixture_capture() { # SCENARIO -> path of its capture
  local out=$work/$(basename "$1" .x4s).pcap
  "$X400_BUILD_DIR/replay/x400replay" write "$1" -o "$out"
  echo "$out"
}

majmin=$(basename "$(dirname "$(dirname "$(find "$X400_BUILD_DIR/plugins" -name x400mta.so -print -quit)")")")
FIELDS_GOLDEN=$X400_SOURCE_DIR/tests/golden
baseline=$(cat "$FIELDS_GOLDEN/BASELINE")
version_le() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]; }

# The Wireshark version under test (the plugin's build folder), the one
# tests/golden was recorded on, and what NAME's fields are on this version
# (path without .tsv/.streams): the baseline's, or the newest
# wireshark-X.Y/NAME with X.Y up to this version (where its TCP streams differ).
expected() { # NAME
  local d want=$FIELDS_GOLDEN/$1
  for d in $(find "$FIELDS_GOLDEN" -maxdepth 1 -name 'wireshark-*' | sort -V); do
    if version_le "${d##*/wireshark-}" "$majmin" && [ -f "$d/$1.tsv" ]; then want=$d/$1; fi
  done
  echo "$want"
}
