#!/usr/bin/env bash
# The association table dialog (Statistics > X.400 MTA > Associations) is
# the stat_tap_table that tshark prints with -z x400mta,table: on every
# capture its rows are the rows of -z x400mta,assoc, cell for cell and in
# the same order, in one pass, in two, and with a filter (as the dialog's
# own display filter gives its tap; on the X.400 captures).  The
# stats tree (-z x400mta_tree,tree) holds only counts (no node per
# association), and they add up to the tables': associations by final state, precursors by KB article, TPDUs
# and P1 transfers.
#   stats_table.sh one_pass | two_pass | filter
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d /tmp/x400mta-table.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

# Filters the dialog may be given: one side's frames, and the end of each
# association (which reorders them whenever associations overlap: the
# table must still print them in order).
FILTERS=('x400mta.dir == "responder"' 'x400mta.state in {"closed", "aborted", "lost", "refused"}')

# -z x400mta,assoc rows, columns joined by '|' (its columns are 2+ spaces apart).
assoc_rows() { sed -n '/^ *#  *Initiator/,/^====/p' "$1" | sed '1d;$d' | sed -E 's/^ +//; s/ {2,}/|/g'; }
# -z x400mta,table rows: after the table's title, "cell |cell |...".
table_rows() { sed -n '/^X\.400 MTA associations$/,/^====/p' "$1" | sed '1d;$d' | sed -E 's/ \|$//; s/ \|/|/g'; }

# same_rows NAME OUT: the two tables of one tshark output agree.
same_rows() {
  assoc_rows "$2" >"$work/assoc"
  table_rows "$2" >"$work/table"
  grep -q '^X\.400 MTA associations$' "$2" || fail "$1: no -z x400mta,table output"
  local n
  n=$(sed -n 's/^X\.400 MTA associations: //p' "$2")
  [ "$(grep -c . "$work/assoc")" = "$n" ] || fail "$1: -z x400mta,assoc says $n associations"
  if ! cmp -s "$work/assoc" "$work/table"; then
    diff "$work/assoc" "$work/table" | head -6 >&2
    fail "$1: the table dialog's rows differ from -z x400mta,assoc (< assoc, > table)"
  fi
}

# The tree's nodes as "depth|name|count".
tree_nodes() {
  awk '/^Topic \/ Item/ { head = 1; next }
       head && /^-+$/ { if (body) exit; body = 1; next }
       body && NF { match($0, /^ */); depth = RLENGTH; line = substr($0, depth + 1)
                    split(line, part, /  +/); print depth "|" part[1] "|" part[2] }' "$1"
}

PDU_NAME='^((TP0|SES|PRES|P1) [A-Za-z0-9-]+|AARQ|AARE|RLRQ|RLRE|ABRT|RTORQ|RTOAC|RTORJ|RTTP|RTTR|RTAB|unknown PDU)$'
ENDINGS='closed|refused|aborted|lost|no answer \(SYN unanswered\)|open at capture end'

# only_counts NAME OUT: every node of the tree is a count of ours, and the
# counts match the tables of the same run.
only_counts() {
  local name=$1 out=$2 parent="" kb="" line depth node count
  tree_nodes "$out" >"$work/nodes"
  [ -s "$work/nodes" ] || fail "$name: no stats tree output"
  assoc_rows "$out" >"$work/assoc"
  while IFS='|' read -r depth node count; do
    case "$depth" in
      0) parent=$node
         case "$node" in
           "Precursors by KB article" | "Precursors by pair of hosts") ;;
           "PDUs by type" | "Associations by final state") ;;
           *) fail "$name: tree root '$node' is not a count of ours" ;;
         esac ;;
      1) case "$parent" in
           "Precursors by KB article") [[ $node =~ ^Q[0-9]+$ ]] || fail "$name: '$node' is no KB" ;;
           "Precursors by pair of hosts") [[ $node == *" <-> "* ]] || fail "$name: '$node' is no pair" ;;
           "PDUs by type") [[ $node =~ $PDU_NAME ]] || fail "$name: '$node' is no PDU type" ;;
           *) [[ $node =~ ^($ENDINGS)$ ]] || fail "$name: '$node' is no final state" ;;
         esac ;;
      2) [[ $node =~ ^[a-z_]+( \(Q[0-9]+\))?$ ]] || fail "$name: '$node' is no precursor" ;;
      *) fail "$name: node '$node' nested too deep" ;;
    esac
  done <"$work/nodes"
  # Associations by final state: one per table row, under its state.
  local rows want
  rows=$(grep -c . "$work/assoc" || true)
  node_count() { awk -F'|' -v p="$1" -v n="$2" '
      $1 == 0 { root = $2 } $1 == 0 && n == "" && $2 == p { print $3 }
      $1 == 1 && root == p && $2 == n { print $3 }' "$work/nodes"; }
  [ "$rows" = 0 ] || [ "$(node_count "Associations by final state" "")" = "$rows" ] ||
    fail "$name: associations by final state != $rows rows"
  for state in closed refused aborted lost; do
    want=$(awk -F'|' -v s="$state" '$7 == s' "$work/assoc" | wc -l)
    [ "$want" = 0 ] || [ "$(node_count "Associations by final state" "$state")" = "$want" ] ||
      fail "$name: $want associations $state in the table, not in the tree"
  done
  # Precursors: the flags of the table's rows, "id" or "id(n)".
  want=$(cut -d'|' -f15 "$work/assoc" | tr ',' '\n' | { grep -v '^none$' || true; } |
           sed -E 's/^[a-z_]+\(([0-9]+)\)$/\1/; s/^[a-z_]+$/1/' | awk '{ s += $1 } END { print s + 0 }')
  [ "$want" = 0 ] || [ "$(node_count "Precursors by KB article" "")" = "$want" ] ||
    fail "$name: $want flags in the table, not in the tree"
  # TPDUs and P1 transfers.
  want=$(awk -F'|' '{ s += $9 + $10 } END { print s + 0 }' "$work/assoc")
  have=$(awk -F'|' '$1 == 0 { root = $2 } $1 == 1 && root == "PDUs by type" && $2 ~ /^TP0 / { s += $3 }
                    END { print s + 0 }' "$work/nodes")
  [ "$want" = "$have" ] || fail "$name: $want TPDUs in the table, $have in the tree"
  want=$(awk -F'|' '{ s += $13 } END { print s + 0 }' "$work/assoc")
  have=$(awk -F'|' '$1 == 0 { root = $2 } $1 == 1 && root == "PDUs by type" &&
                    $2 ~ /^P1 (message|report|probe)$/ { s += $3 } END { print s + 0 }' "$work/nodes")
  [ "$want" = "$have" ] || fail "$name: $want P1 transfers in the table, $have in the tree"
}

n=0 rows=0 reordered=0
while IFS= read -r cap; do
  name=${cap#"$X400_SOURCE_DIR"/}
  case "$1" in
    one_pass | two_pass)
      args=(); [ "$1" = two_pass ] && args=(-2)
      tshark_x400 "${args[@]}" -q -r "$cap" -z x400mta,assoc -z x400mta,table \
        -z x400mta_tree,tree >"$work/out"
      same_rows "$name" "$work/out"
      only_counts "$name" "$work/out"
      rows=$((rows + $(grep -c . "$work/assoc" || true)))
      ;;
    filter)
      # The X.400 captures (ours, the fixtures, their mutated copies, the
      # public X.400 ones; one and two passes cover every capture): the
      # filters reorder associations in them, and CI runs three versions.
      case "$cap" in "$REALCAPS"/controls/*) continue ;; esac
      for f in "${FILTERS[@]}"; do
        # The frames passing the filter (their association numbers), then the tables.
        tshark_x400 -r "$cap" -Y "$f" -T fields -e x400mta.assoc \
          -z "x400mta,assoc,$f" -z "x400mta,table,$f" >"$work/out"
        grep -qF "Filter: $f" "$work/out" || fail "$name: -z x400mta,assoc did not take the filter $f"
        same_rows "$name with $f" "$work/out"
        rows=$((rows + $(grep -c . "$work/assoc" || true)))
        # Did the filter let a later association in first?  (Then the
        # table inserted a row before others.)
        if [ "$(cut -d'|' -f1 "$work/assoc" | paste -sd,)" != \
             "$(sed '/^====/q' "$work/out" | awk '/^[0-9]+$/ && !s[$1]++' | paste -sd,)" ]; then
          reordered=$((reordered + 1))
        fi
      done
      ;;
    *) fail "unknown case $1" ;;
  esac
  n=$((n + 1))
done < <(every_capture "$work")
min_rows=50; [ "$1" = filter ] && min_rows=40   # filter: the X.400 captures
[ "$rows" -gt "$min_rows" ] || fail "only $rows rows over $n captures"
if [ "$1" = filter ]; then
  [ "$reordered" -gt 0 ] || fail "no filter reordered the associations: the insertion is untested"
  echo "ok: $n captures x ${#FILTERS[@]} filters, $rows rows ($reordered runs reordered): table = -z x400mta,assoc"
else
  echo "ok: $n captures, $rows rows, $1: table = -z x400mta,assoc; the tree holds only counts that add up"
fi
