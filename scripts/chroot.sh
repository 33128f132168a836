# Sourced by scripts/matrix: cached Debian chroots, one per suite, made with
# debootstrap --variant=minbase from the Debian mirror.
#   $X400_MATRIX_CACHE/SUITE        the chroot (reused from run to run)
#   $X400_MATRIX_CACHE/SUITE.tmp    a debootstrap in progress (renamed when done)
#   $X400_MATRIX_CACHE/SUITE.lock   held while a run uses the chroot
# Default cache: /var/cache/x400mta/chroots.  X400_MATRIX_MIRROR and
# X400_MATRIX_SECURITY name the mirrors (default deb.debian.org).
#
#   chroot_lock SUITE                 waits for and holds SUITE's lock until exit
#                                     (adds SUITE to $chroot_locked)
#   chroot_ensure SUITE LOG           debootstraps SUITE when missing; sets up apt
#   chroot_mount SUITE / chroot_umount SUITE
#   chroot_run SUITE CMD...           CMD as root in SUITE, clean environment
#                                     (plus the variables named in $chroot_pass)

chroot_cache=${X400_MATRIX_CACHE:-/var/cache/x400mta/chroots}
chroot_mirror=${X400_MATRIX_MIRROR:-http://deb.debian.org/debian}
chroot_security=${X400_MATRIX_SECURITY:-http://deb.debian.org/debian-security}
chroot_pass=()
chroot_locked=()   # the suites this run holds: the only ones it may unmount

chroot_root() { echo "$chroot_cache/$1"; }

chroot_lock() { # SUITE
  local fd
  mkdir -p "$chroot_cache"
  exec {fd}>"$chroot_cache/$1.lock"
  flock -n "$fd" || { echo "matrix: waiting for another run to release the $1 chroot" >&2; flock "$fd"; }
  chroot_locked+=("$1")
}

# apt sources: the suite, and for a stable release its updates and security.
chroot_sources() { # SUITE
  echo "deb $chroot_mirror $1 main"
  case $1 in
    sid | unstable | experimental) ;;
    *) echo "deb $chroot_mirror $1-updates main"
       echo "deb $chroot_security $1-security main" ;;
  esac
}

need_debootstrap() {
  command -v debootstrap >/dev/null && return 0
  echo "matrix: installing debootstrap" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}

chroot_ensure() { # SUITE LOG
  local suite=$1 log=$2 root
  root=$(chroot_root "$1")
  if [ ! -x "$root/usr/bin/apt-get" ]; then
    need_debootstrap
    chroot_umount_dir "$root.tmp"
    rm -rf "$root.tmp"
    debootstrap --variant=minbase "$suite" "$root.tmp" "$chroot_mirror" >>"$log" 2>&1 ||
      { echo "matrix: debootstrap $suite failed (see $log)" >&2; return 1; }
    mv "$root.tmp" "$root"
  fi
  chroot_sources "$suite" >"$root/etc/apt/sources.list"
  # This mirror may be a dated snapshot whose Release files have expired;
  # nothing recommended; no daemon started by a package in the chroot.
  cat >"$root/etc/apt/apt.conf.d/99x400mta-matrix" <<'EOF'
Acquire::Check-Valid-Until "false";
APT::Install-Recommends "false";
EOF
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
}

chroot_mount() { # SUITE
  local root
  root=$(chroot_root "$1")
  chroot_umount_dir "$root"
  mount -t proc proc "$root/proc"
  mount -t sysfs sysfs "$root/sys"
  mount --bind /dev "$root/dev"
  mount --bind /dev/pts "$root/dev/pts"
}

# Every mount at or below DIR, deepest first (lazily when still busy).
chroot_umount_dir() { # DIR
  local m
  [ -d "$1" ] || return 0
  while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m"
  done < <(awk -v d="$(realpath "$1")" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r)
}

chroot_umount() { chroot_umount_dir "$(chroot_root "$1")"; }

chroot_run() { # SUITE CMD...
  local root env=() v
  root=$(chroot_root "$1"); shift
  for v in "${chroot_pass[@]}"; do env+=("$v=${!v:-}"); done
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${env[@]}" "$@"
}
