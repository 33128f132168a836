#!/usr/bin/env bash
# A fixed sample of scripts/tshark-sanitized: the plugin built with ASan and
# UBSan inside tshark over mutated captures/ (one pass -V, two passes with
# statistics), and the release plugin under valgrind memcheck: no report.
. "$(dirname "$0")/lib.sh"
"$X400_SOURCE_DIR/scripts/tshark-sanitized" --sample --valgrind 4 --release "$X400_BUILD_DIR" \
  --build "$X400_BUILD_DIR/sanitized" ||
  fail "sanitizer or memcheck report (above)"
