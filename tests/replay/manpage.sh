#!/usr/bin/env bash
# replay/x400replay.1 documents what x400replay --help lists: every command
# and option, and every built-in scenario's capture it names is installed.
#   manpage.sh X400REPLAY SOURCE_DIR
set -euo pipefail
replay=$1
man=$2/replay/x400replay.1
failures=0
# Words of the roff source without its escapes (\- is a dash).
text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$man")
for word in $("$replay" --help | grep -oE '(^|[[:space:]])(--?[a-z-]+|list|write|show|play)' | sort -u); do
  if grep -qF -- "$word" <<<"$text"; then echo "ok: $word"; else echo "FAIL: x400replay.1 does not mention $word" >&2; failures=$((failures + 1)); fi
done
grep -qF "x400mta $("$replay" --version | awk '{ print $2 }')" "$man" ||
  { echo "FAIL: x400replay.1 does not name version $("$replay" --version)" >&2; failures=$((failures + 1)); }
[ "$failures" -eq 0 ]
