#!/usr/bin/env bash
# The stand-in for GitHub's CLI in the Action tests (actionRunner.ts): `gh api` on issue comments,
# kept in $GH_STORE, a folder per comment id holding its issue, user, edit count and body. Bash,
# not node: the Action calls it twice per pull-request run, and a node start costs ~20 bash ones.
set -euo pipefail
store=${GH_STORE:?}
mkdir -p "$store"
[ "${1:-}" = api ] || { echo "fake gh: $*" >&2; exit 2; }
shift
method=GET route="" jq="" body=""
while [ $# -gt 0 ]; do
  case $1 in
    --method) method=$2; shift 2 ;;
    --jq) jq=$2; shift 2 ;;
    -F) body=${2#body=@}; shift 2 ;;
    --paginate) shift ;;
    repos/*) route=$1; shift ;;
    *) echo "fake gh: unexpected argument $1" >&2; exit 2 ;;
  esac
done
marker='<!-- curi-report -->'
if [ "$method" = GET ] && [[ $route =~ issues/([0-9]+)/comments$ ]]; then
  issue=${BASH_REMATCH[1]}
  # The real gh filters with --jq; the Action must ask for our bot's comments that start with the marker.
  [[ $jq == *"startswith(\"$marker\")"* && $jq == *'"github-actions[bot]"'* ]] || exit 3
  for dir in "$store"/*/; do
    [ -f "$dir/body" ] || continue
    first=""
    IFS= read -r first < "$dir/body" || true
    if [ "$(< "$dir/issue")" = "$issue" ] && [ "$(< "$dir/user")" = "github-actions[bot]" ] && [[ $first == "$marker"* ]]; then
      dir=${dir%/}
      echo "${dir##*/}"
    fi
  done
elif [ "$method" = POST ] && [[ $route =~ issues/([0-9]+)/comments$ ]]; then
  id=100
  [ -f "$store/next" ] && id=$(< "$store/next")
  echo $((id + 1)) > "$store/next"
  mkdir "$store/$id"
  echo "${BASH_REMATCH[1]}" > "$store/$id/issue"
  echo "github-actions[bot]" > "$store/$id/user"
  echo 0 > "$store/$id/edits"
  cp "$body" "$store/$id/body"
elif [ "$method" = PATCH ] && [[ $route =~ issues/comments/([0-9]+)$ ]]; then
  dir=$store/${BASH_REMATCH[1]}
  [ -d "$dir" ] || exit 4
  cp "$body" "$dir/body"
  echo $(($(< "$dir/edits") + 1)) > "$dir/edits"
else
  echo "fake gh: $method $route" >&2
  exit 2
fi
