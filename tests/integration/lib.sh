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
