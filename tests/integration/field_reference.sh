#!/usr/bin/env bash
# The README's field reference is exactly what scripts/field-reference prints
# from the built plugin (tshark -G fields), so it cannot drift.
. "$(dirname "$0")/lib.sh"
readme=$X400_SOURCE_DIR/README.md
want=$("$X400_SOURCE_DIR/scripts/field-reference" --build "$X400_BUILD_DIR")
have=$(sed -n '/<!-- fields:begin -->/,/<!-- fields:end -->/p' "$readme" | sed '1d;$d')
[ -n "$have" ] || fail "README.md has no <!-- fields:begin --> ... <!-- fields:end --> section"
expect_contains "$want" '`x400mta.precursor`' "the generated table lists x400mta.precursor"
if [ "$want" != "$have" ]; then
  diff <(echo "$have") <(echo "$want") >&2 || true
  fail "README.md field reference differs from scripts/field-reference (refresh it; diff above: < README, > generated)"
fi
echo "ok: README field reference matches tshark -G fields ($(($(wc -l <<<"$want") - 2)) fields)"
