#!/usr/bin/env bash
# Wireshark as the oracle of the TCP x400replay writes: for every built-in
# scenario (and the IPv6 and --repeat fixtures), no bad IP or TCP checksum,
# and exactly the TCP analysis flags the scenario declares in its
# tcp-anomalies line (window updates are always allowed).
#   tshark_oracle.sh X400REPLAY SOURCE_DIR
set -euo pipefail
replay=$1
src=$2
command -v tshark >/dev/null || { echo "SKIP: no tshark"; exit 77; }
work=$(mktemp -d /tmp/replay-tshark.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
known="retransmission fast_retransmission spurious_retransmission duplicate_ack lost_segment ack_lost_segment out_of_order zero_window zero_window_probe zero_window_probe_ack window_full keep_alive keep_alive_ack reused_ports"
ts() { tshark -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE "$@" 2>/dev/null; }

# check NAME PCAP "EXPECTED FLAGS": one tshark pass (PDML) per capture.
check() {
  local name=$1 pcap=$2 expected=$3
  ts -r "$pcap" -T pdml >"$work/pdml"
  local total icmp icmp_good tcp_good ip4 ip4_good bad
  total=$(grep -c '<packet>' "$work/pdml" || true)
  icmp=$(grep -c '<proto name="icmp\(v6\)\?" ' "$work/pdml" || true)
  icmp_good=$(grep -c 'name="icmp\(v6\)\?.checksum.status"[^>]*show="1"' "$work/pdml" || true)
  tcp_good=$(grep -c 'name="tcp.checksum.status"[^>]*show="1"' "$work/pdml" || true)
  ip4=$(grep -c '<proto name="ip" ' "$work/pdml" || true)
  ip4_good=$(grep -c 'name="ip.checksum.status"[^>]*show="1"' "$work/pdml" || true)
  bad=$(grep -c 'name="\(tcp\|ip\|icmp\|icmpv6\).checksum.status"[^>]*show="0"' "$work/pdml" || true)
  [ "$total" -gt 0 ] || fail "$name: tshark reads no frame"
  # an ICMP error quotes only the start of a TCP header: its TCP checksum is not verifiable
  if [ "$bad" -eq 0 ] && [ "$tcp_good" -eq $((total - icmp)) ] && [ "$ip4_good" -eq "$ip4" ] \
     && [ "$icmp_good" -eq "$icmp" ]; then
    echo "ok: $name: $total frames, all checksums good"
  else
    fail "$name: $bad bad checksums; TCP $tcp_good of $((total - icmp)), IPv4 $ip4_good of $ip4, ICMP $icmp_good of $icmp verified good"
  fi
  local seen want
  seen=$({ grep -o 'name="tcp\.analysis\.[a-z_]*"' "$work/pdml" || true; } \
         | sed 's/name="tcp\.analysis\.//; s/"//' | sort -u | while read -r f; do
             if [[ " $known " == *" $f "* ]]; then echo "$f"; fi; done | tr '\n' ' ' | sed 's/ $//')
  want=$(tr ', ' '\n\n' <<<"$expected" | { grep -v -e '^none$' -e '^$' || true; } | sort -u | tr '\n' ' ' | sed 's/ $//')
  [ "$seen" = "$want" ] && echo "ok: $name: TCP analysis flags [${seen:-none}] as declared" \
    || fail "$name: TCP analysis flags [${seen:-none}], scenario declares [${want:-none}]"
}

for name in $("$replay" list | cut -f1); do
  "$replay" write "$name" -o "$work/$name.pcap"
  expected=$("$replay" show "$name" | sed -n 's/^tcp-anomalies[[:space:]]*//p')
  check "$name" "$work/$name.pcap" "$expected"
done

# The scenario files under tests/fixtures (IPv6, ICMP error, benchmark load).
for f in "$src"/tests/fixtures/*.x4s; do
  n=$(basename "$f" .x4s)
  "$replay" write "$f" -o "$work/$n.pcap"
  check "$n" "$work/$n.pcap" "$(sed -n 's/^tcp-anomalies[[:space:]]*//p' "$f")"
done
cp "$work/ipv6-association.pcap" "$work/v6.pcap"
[ "$(ts -r "$work/q188040-icmp-error.pcap" -Y "icmp.type == 3 && icmp.code == 1 && tcp.srcport == 1100" | wc -l)" -eq 1 ] \
  && echo "ok: q188040-icmp-error: one ICMP host unreachable quoting the flow" || fail "q188040-icmp-error: no ICMP error quoting the flow"
[ "$(ts -r "$work/v6.pcap" -Y ipv6 | wc -l)" -eq "$(ts -r "$work/v6.pcap" | wc -l)" ] \
  && echo "ok: ipv6-association is all IPv6" || fail "ipv6-association has non-IPv6 frames"

# --repeat: every copy its own initiator address, still correct TCP.
"$replay" write x410-healthy -o "$work/rep.pcap" --repeat 5
check "x410-healthy --repeat 5" "$work/rep.pcap" none
streams=$(ts -r "$work/rep.pcap" -T fields -e tcp.stream | sort -u | wc -l)
sources=$(ts -r "$work/rep.pcap" -Y "tcp.flags.syn == 1 && tcp.flags.ack == 0" -T fields -e ip.src | sort -u | wc -l)
[ "$streams" -eq 5 ] && [ "$sources" -eq 5 ] && echo "ok: --repeat 5 gives 5 connections from 5 initiators" \
  || fail "--repeat 5: $streams streams from $sources initiators"

# The X.410 fixtures the plugin tests rely on.
"$replay" write x410-large-transfer -o "$work/large.pcap"
segs=$(ts -r "$work/large.pcap" -Y "tcp.srcport != 102 && tcp.len > 0 && tcp.seq_raw" -T fields -e tcp.len | awk '$1 >= 1460' | wc -l)
[ "$segs" -ge 3 ] && echo "ok: x410-large-transfer: $segs full-size segments" || fail "x410-large-transfer: only $segs full segments"
shared=$(ts -r "$work/x410-shared-segment.pcap" -T fields -e frame.number -e tpkt.length | awk -F'\t' '{n = split($2, a, ","); if (n >= 6) c++} END {print c+0}')
[ "$shared" -ge 1 ] && echo "ok: x410-shared-segment: a segment with >= 6 TPKTs" || fail "x410-shared-segment: no segment carries 6 TPKTs"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
