#!/usr/bin/env bash
# The note x400mta puts in front of the Info column (plugin/epan/frame_info.h:
# the OSI steps a frame carried, then each precursor flagged on it) is what
# tests/golden/info/ recorded, for every capture in captures/ and every
# fixture, in one pass and in two.  The note is taken as the enabled Info
# less Wireshark's own (the same run with --disable-protocol x400mta), which
# must be its end: the plugin only prepends, and Wireshark's own words,
# which differ between versions, stay out of the golden files.  Frames with
# no note are left out of them.  Where a Wireshark version splits a capture
# into other TCP streams than the baseline (tests/golden/wireshark-X.Y), the
# notes are only checked to be the same in one pass and in two.
#   info_column.sh captures|fixtures|mutated   compare
#   info_column.sh update                      rewrite tests/golden/info/ (review the diff!)
. "$(dirname "$0")/lib.sh"
INFO_GOLDEN=$X400_SOURCE_DIR/tests/golden/info
work=$(mktemp -d /tmp/x400mta-info.XXXXXX)
trap 'rm -rf "$work"' EXIT

info_only() { tshark_x400 -r "$1" -o 'gui.column.format:"Info","%i"' "${@:2}"; }

# notes CAPTURE [PASS-ARGS]: "frame<TAB>note" for each frame with a note.
notes() {
  local cap=$1; shift
  info_only "$cap" "$@" >"$work/on"
  info_only "$cap" "$@" --disable-protocol x400mta >"$work/off"
  awk -v cap="$cap" '
    NR == FNR { own[FNR] = $0; n = FNR; next }
    {
      s = own[FNR]
      if (FNR > n || substr($0, length($0) - length(s) + 1) != s) {
        print cap ": frame " FNR ": the Info column does not end with Wireshark'"'"'s own: " $0 > "/dev/stderr"
        exit 1
      }
      note = substr($0, 1, length($0) - length(s))
      if (note != "") print FNR "\t" note
    }
    END { if (FNR != n) exit 1 }' "$work/off" "$work/on"
}

compare() { # NAME CAPTURE
  local name=$1 cap=$2 want=$INFO_GOLDEN/$1.txt
  [ -f "$want" ] || fail "$name: no golden file $want (run info_column.sh update)"
  notes "$cap" >"$work/one" || fail "$name: the plugin changed more than the front of the Info column"
  notes "$cap" -2 >"$work/two" || fail "$name: two passes: the plugin changed more than the front of the Info column"
  cmp -s "$work/two" "$work/one" || fail "$name: the Info notes differ between one pass and two"
  # Where this Wireshark splits the capture into other TCP streams than the
  # baseline did, the associations differ, so the notes do too: the fields
  # golden of this version (tests/golden/wireshark-X.Y) pins that analysis.
  if [ "$(expected "$name")" != "$FIELDS_GOLDEN/$name" ]; then
    echo "ok: $name, Info notes the same in one and two passes (TCP streams of Wireshark $majmin: $(expected "$name" | sed "s|$FIELDS_GOLDEN/||").tsv)"
    return
  fi
  if ! cmp -s "$work/one" "$want"; then
    diff "$want" "$work/one" | head -20 >&2
    fail "$name: the Info notes differ from $want"
  fi
  echo "ok: $name, $(wc -l <"$want") frames with a note, identical in one and two passes"
}

case "$1" in
  captures | fixtures | mutated)
    while read -r name cap; do compare "$name" "$cap"; done < <(captures_of "$1")
    ;;
  update)
    [ "$majmin" = "$baseline" ] || fail "record tests/golden/info on the baseline Wireshark $baseline (this is $majmin)"
    for set in captures fixtures mutated; do
      while read -r name cap; do
        mkdir -p "$(dirname "$INFO_GOLDEN/$name")"
        notes "$cap" >"$INFO_GOLDEN/$name.txt" || fail "$name: the plugin changed more than the front of the Info column"
      done < <(captures_of "$set")
    done
    echo "tests/golden/info/ updated: review 'git status tests/golden/info; git diff tests/golden/info' before committing"
    ;;
  *) fail "unknown case $1" ;;
esac
