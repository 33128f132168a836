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
