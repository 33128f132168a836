#!/usr/bin/env bash
# The configuration profile "X.400 MTA" (profile/):
#   filters          every filter in it (display filter buttons, coloring
#                    rules, the columns' fields) compiles with tshark -Y and
#                    matches exactly the frames it should on captures/ and
#                    their mutated copies (the frames the plugin's own fields
#                    say: a precursor, a KB article, a state, a decode error);
#   install_user     the install-user target puts the plugin and the profile
#                    in a HOME, where tshark -C "X.400 MTA" (as that user)
#                    finds both: the profile's columns and coloring rules;
#   install_global   cmake --install (into a DESTDIR, as a package is built)
#                    puts the profile into Wireshark's global profiles
#                    folder, the one this tshark reads (-C copies it).
. "$(dirname "$0")/lib.sh"
PROFILE=$X400_SOURCE_DIR/profile
NAME="X.400 MTA"
work=$(mktemp -d /tmp/x400mta-profile.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

CANONICAL="connect_refused close_before_ok ndata_after_flow_error association_lost reconnect_storm duplicate_mtsid state_check_failure network_flapping"
KBS="Q188040 Q232602 Q152877 Q152897 Q319936"

# The profile's filters, "kind<TAB>name<TAB>filter" (buttons: UAT strings,
# quotes written \x22; coloring rules: @name@filter@colours@).
profile_filters() {
  grep -v '^#' "$PROFILE/dfilter_buttons" | sed '/^$/d' | while IFS= read -r line; do
    [[ $line =~ ^\"(TRUE|FALSE)\",\"([^\"]*)\",\"([^\"]*)\",\"([^\"]*)\"$ ]] ||
      fail "dfilter_buttons: not a UAT record: $line"
    printf 'button\t%s\t%s\n' "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]//\\x22/\"}"
  done
  grep -v '^#' "$PROFILE/colorfilters" | sed '/^$/d' | while IFS= read -r line; do
    [[ $line =~ ^@([^@]+)@([^@]+)@\[[0-9]+,[0-9]+,[0-9]+\]\[[0-9]+,[0-9]+,[0-9]+\]$ ]] ||
      fail "colorfilters: not a coloring rule: $line"
    printf 'color\t%s\t%s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
  done
  grep -o '%Cus:[a-z0-9_.]*' "$PROFILE/preferences" | while IFS= read -r c; do
    printf 'column\t%s\t%s\n' "${c#%Cus:}" "${c#%Cus:}"
  done
}

# What each filter must match, as the plugin's fields say (field-dump
# columns: 2 assoc, 3 state, 9 precursor, 10 kb, 23 decode_error), or
# "tcp" for Wireshark's own rules (compile, match something).
expectation() { # KIND NAME
  local id
  case "$1:$2" in
    button:Precursors | "color:X.400 related flag") echo '$9 != ""' ;;
    "color:X.400 precursor")
      echo "\$9 ~ /(^|;)($(tr ' ' '|' <<<"$CANONICAL"))(;|\$)/" ;;
    "button:Decode errors" | "color:X.400 decode error" | column:x400mta.decode_error) echo '$23 != ""' ;;
    "button:Association 1") echo '$2 == 1' ;;
    "color:X.400 refused") echo '$3 == "refused"' ;;
    "color:X.400 lost") echo '$3 == "lost"' ;;
    "color:X.400 aborted") echo '$3 == "aborted"' ;;
    "color:X.400 MTA" | column:x400mta.assoc | column:x400mta.dir | column:x400mta.state) echo 'NR > 0' ;;
    column:x400mta.precursor) echo '$9 != ""' ;;
    column:x400mta.pdu) echo '$5 != ""' ;;
    "color:Bad TCP" | "color:TCP RST" | "color:TCP SYN/FIN" | color:TCP) echo tcp ;;
    "color:ICMP errors" | color:UDP) echo compiles ;;
    button:*)
      for id in $CANONICAL; do [ "$2" = "$id" ] && { echo "\$9 ~ /(^|;)$id(;|\$)/"; return; }; done
      for id in $KBS; do [ "$2" = "$id" ] && { echo "\$10 ~ /(^|;)$id(;|\$)/"; return; }; done ;;
  esac
}

# Frames matching FILTER on CAPTURE (fails when it does not compile).
matching() { # CAPTURE FILTER
  tshark_x400 -r "$1" -Y "$2" -T fields -e frame.number 2>"$work/err" ||
    fail "'$2' does not compile: $(head -3 "$work/err")"
}

# The profile's own files, installed for a user by install-user in HOME.
install_user_into() { # HOME
  HOME=$1 cmake --build "$X400_BUILD_DIR" --target install-user >"$work/install.log" 2>&1 ||
    fail "install-user: $(tail -5 "$work/install.log")"
}

# Wireshark's global data folder, as this tshark reports it.
global_data_dir() {
  tshark -G folders 2>/dev/null | awk -F'\t' '/^Global configuration:/ { print $2 }'
}

# expect_profile_used LABEL CAPTURE TSHARK-RUNNER...: the runner (a command
# taking tshark arguments) reads q152877-network-cycling.pcap (CAPTURE) with
# -C "X.400 MTA": the profile's columns (association, direction, state,
# PDU, precursor) and coloring rules.
expect_profile_used() {
  local label=$1 cap=$2; shift 2
  "$@" -C "$NAME" -r "$cap" -T tabs -c 7 >"$work/cols" 2>"$work/err" ||
    fail "$label: tshark -C \"$NAME\": $(head -3 "$work/err")"
  # Frame 7: TP0 DR refusing association 2 (tshark puts "→" between the addresses).
  local row
  row=$(awk -F'\t' 'NR == 7' "$work/cols" | sed -E 's/\t→//; s/ *\t */\t/g; s/^ +//')
  [ "$(cut -f6-10 <<<"$row")" = $'2\tresponder\trefused\tTP0 DR\tconnect_refused' ] ||
    fail "$label: frame 7 does not show the profile's columns: $row"
  "$@" -C "$NAME" -r "$cap" --color -T fields -e frame.number -e frame.coloring_rule.name \
    -c 12 >"$work/colors" 2>"$work/err" || fail "$label: --color: $(head -3 "$work/err")"
  [ "$(awk -F'\t' '$1 == 2 { print $2 }' "$work/colors")" = "X.400 precursor" ] ||
    fail "$label: the RST refusing association 1 is not coloured as a precursor: $(cat "$work/colors")"
  [ "$(awk -F'\t' '$1 == 8 { print $2 }' "$work/colors")" = "X.400 refused" ] ||
    fail "$label: frames of a refused association are not coloured so"
  [ "$(awk -F'\t' '$1 == 3 { print $2 }' "$work/colors")" = "X.400 MTA" ] ||
    fail "$label: the SYN of association 2 is not coloured as X.400"
  echo "ok: $label: tshark -C \"$NAME\" shows the profile's columns and colours"
}

case "$1" in
  filters)
    cap=$work/captures.pcap
    mergecap -a -w "$cap" "$X400_SOURCE_DIR"/captures/*.pcap "$X400_SOURCE_DIR"/tests/fixtures/mutated/*.pcap
    chmod 644 "$cap"
    "$X400_SOURCE_DIR/scripts/field-dump" --build "$X400_BUILD_DIR" "$cap" >"$work/fields"
    profile_filters >"$work/filters"
    [ "$(cut -f1 "$work/filters" | sort | uniq -c | awk '{ print $2 $1 }' | paste -sd,)" = "button16,color13,column5" ] ||
      fail "the profile has $(cut -f1 "$work/filters" | sort | uniq -c | paste -sd,): update this test with it"
    n=0
    while IFS=$'\t' read -r kind name filter; do
      want=$(expectation "$kind" "$name")
      [ -n "$want" ] || fail "no expectation for the $kind '$name' ($filter): add one to this test"
      got=$(matching "$cap" "$filter" | paste -sd,)
      case "$want" in
        compiles) ;;
        tcp) [ -n "$got" ] || fail "$kind '$name' ($filter) matches no frame" ;;
        *) expect=$(awk -F'\t' "$want { print \$1 }" "$work/fields" | paste -sd,)
           [ -n "$expect" ] || fail "$kind '$name': no frame of the captures should match: test nothing"
           [ "$got" = "$expect" ] ||
             fail "$kind '$name' ($filter) matches $(wc -w <<<"${got//,/ }") frames, the fields say $(wc -w <<<"${expect//,/ }")" ;;
      esac
      n=$((n + 1))
    done <"$work/filters"
    echo "ok: $n filters of the profile compile and match what they should"
    ;;
  install_user)
    . "$X400_SOURCE_DIR/scripts/plugin-sandbox.sh"
    rm -rf "$work"
    sandbox_open "$X400_BUILD_DIR" x400mta-profile-user   # a new $work, removed on exit
    home=$work/home
    install_user_into "$home"
    [ -f "$home/.local/lib/wireshark/plugins/$majmin/epan/x400mta.so" ] || fail "install-user: no plugin"
    for f in preferences colorfilters dfilter_buttons recent; do
      [ -f "$home/.config/wireshark/profiles/$NAME/$f" ] || fail "install-user: no profiles/$NAME/$f"
      cmp -s "$PROFILE/$f" "$home/.config/wireshark/profiles/$NAME/$f" || fail "install-user: $f differs"
    done
    # A user who still has only the old ~/.wireshark gets it there.
    mkdir -p "$work/old/.wireshark"
    install_user_into "$work/old"
    [ -f "$work/old/.wireshark/profiles/$NAME/preferences" ] || fail "install-user ignores ~/.wireshark"
    [ ! -e "$work/old/.config/wireshark" ] || fail "install-user made ~/.config/wireshark beside ~/.wireshark"
    cp "$X400_SOURCE_DIR/captures/q152877-network-cycling.pcap" "$work/"
    sandbox_seal
    # tshark as that user, nothing else: the per-user plugin and profile.
    user_tshark() { (cd "$work" && as_nobody env -u WIRESHARK_PLUGIN_DIR tshark "$@"); }
    expect_profile_used "install-user" "$work/q152877-network-cycling.pcap" user_tshark
    ;;
  install_global)
    stage=$work/stage
    DESTDIR=$stage cmake --install "$X400_BUILD_DIR" >"$work/install.log" 2>&1 ||
      fail "cmake --install: $(tail -5 "$work/install.log")"
    data=$(global_data_dir)
    [ -n "$data" ] || fail "tshark -G folders names no global configuration folder"
    for f in preferences colorfilters dfilter_buttons recent; do
      [ -f "$stage$data/profiles/$NAME/$f" ] ||
        fail "cmake --install put no $f into $data/profiles/$NAME (Wireshark's global profiles)"
    done
    plugin=$(find "$stage" -name x400mta.so | head -1)
    [ -n "$plugin" ] || fail "cmake --install installed no plugin"
    # This tshark with the staged files as its global data folder: every
    # file of the real one, and profiles/ with ours beside Wireshark's own.
    mirror=$work/data
    mkdir -p "$mirror/profiles"
    for f in "$data"/*; do [ "$(basename "$f")" = profiles ] || ln -s "$f" "$mirror/"; done
    for f in "$data"/profiles/*; do [ -e "$f" ] && ln -s "$f" "$mirror/profiles/"; done
    cp -r "$stage$data/profiles/$NAME" "$mirror/profiles/"
    chmod -R a+rX "$work"
    global_tshark() { WIRESHARK_DATA_DIR=$mirror tshark_x400 "$@"; }
    expect_profile_used "cmake --install" "$X400_SOURCE_DIR/captures/q152877-network-cycling.pcap" global_tshark
    ;;
  *) fail "unknown case $1" ;;
esac
