#!/usr/bin/env bash
# tshark -G fields lists every canonical field of docs/contract.md.
. "$(dirname "$0")/lib.sh"
listed=$(tshark_x400 -G fields | awk -F'\t' '$5 == "x400mta" || $3 == "x400mta" {print $3}')
for f in assoc state pdu mode mta mtsid precursor kb event_id related_frame \
         refused_by reason ok_wait retry_interval; do
  grep -qx "x400mta.$f" <<<"$listed" || fail "field x400mta.$f not registered"
done
grep -qx "x400mta" <<<"$(tshark_x400 -G protocols | cut -f3)" || fail "protocol x400mta not registered"
echo "ok: all contract fields registered"
