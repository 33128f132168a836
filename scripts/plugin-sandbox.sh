# Sourced by the scripts that run Wireshark or tshark with the plugin from a
# build tree (tshark-x400, bench-plugin, screenshots).  Wireshark run as root
# ignores per-user plugins and WIRESHARK_PLUGIN_DIR, so as root they run it
# as nobody, in a private world-readable folder holding a copy of the plugin
# (nobody may not read the build tree or the user's captures).
#
#   sandbox_open BUILD PREFIX   sets $plugin, $majmin, $work (with $work/home)
#   sandbox_plugin_dir DIR      copies the plugin to DIR/<majmin>/epan
#   sandbox_seal                lets nobody read $work and own $work/home
#   as_nobody CMD...            runs CMD with HOME=$work/home, as nobody when root
#   "${nobody[@]}" CMD...       the same prefix, for exec (set by sandbox_seal)
#   sandbox_xvfb WxH            starts an X server of our own: $display, $xvfb_pid
#                               (the caller kills it)
#   as_gui_user CMD...          CMD as nobody on $display, in a clean environment
#                               with HOME=$work/home (exec it in a subshell)
# The caller removes $work (trap 'rm -rf "$work"' EXIT).

sandbox_open() {
  local build=$1 prefix=$2
  plugin=$(find "$build/plugins" -name x400mta.so -print -quit 2>/dev/null || true)
  if [ -z "$plugin" ]; then
    echo "$(basename "$0"): no x400mta.so under $build/plugins (build first)" >&2
    exit 2
  fi
  majmin=$(basename "$(dirname "$(dirname "$plugin")")")
  work=$(mktemp -d "/tmp/$prefix.XXXXXX")
  mkdir -p "$work/home"
}

sandbox_plugin_dir() {
  mkdir -p "$1/$majmin/epan"
  cp "$plugin" "$1/$majmin/epan/"
}

sandbox_seal() {
  chmod -R a+rX "$work"
  nobody=(env HOME="$work/home")
  if [ "$(id -u)" -eq 0 ]; then
    chown -R 65534:65534 "$work/home"
    nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups "${nobody[@]}")
  fi
}

as_nobody() {
  "${nobody[@]}" "$@"
}

sandbox_xvfb() {
  display=":$((90 + RANDOM % 200))"
  Xvfb "$display" -screen 0 "$1x24" -ac -nolisten tcp >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  # Bounded: ready when its socket is there, 5 s at most.
  for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
}

as_gui_user() {
  exec "${nobody[@]}" env -i HOME="$work/home" DISPLAY="$display" PATH=/usr/bin:/bin \
    XDG_RUNTIME_DIR="$work/home" "$@"
}
