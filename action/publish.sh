#!/usr/bin/env bash
# The curi-report Action's work (action.yml; every input in docs/github-actions.md):
#   push            build the runs into the site's root (history.json carries every earlier run),
#                   apply retention (prune), check, publish;
#   pull request    build them into pr/<number>/ (a site of its own), check, publish, and keep one
#                   comment with the summary against the default branch's newest run;
#   PR closed       remove pr/<number>/.
# With publish: pages-branch the site is the pages branch: fetched, built on and pushed; a push
# that loses a race with another workflow run starts again from the fresh branch (the rebuild
# merges history.json with the other run's), up to MAX_ATTEMPTS times.
set -euo pipefail

here=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this as the curi-report Action}
cr() { node "$here/bin/curi-report.js" "$@"; }
ev() { node "$here/action/event.mjs" "$@"; }
MAX_ATTEMPTS=5

ws=${GITHUB_WORKSPACE:-$PWD}
abs() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s' "$ws/$1" ;; esac }
runs=$(abs "${INPUT_RUNS:-runs}")
mode=${INPUT_PUBLISH:-pages-branch}
pages=${INPUT_PAGES_BRANCH:-gh-pages}
case $mode in
  pages-branch | artifact | none) ;;
  *) echo "::error::curi-report: publish must be pages-branch, artifact or none, not '$mode'." && exit 2 ;;
esac
{ read -r kind && read -r pr && read -r branch && read -r fork && read -r default_branch; } < <(ev facts)
default_branch=${default_branch:-$branch}
repo=${GITHUB_REPOSITORY:?}
site_url=${INPUT_SITE_URL:-https://${GITHUB_REPOSITORY_OWNER:-${repo%%/*}}.github.io/${repo#*/}}
site_url=${site_url%/}
site=$(abs "${INPUT_SITE_DIR:-${RUNNER_TEMP:?}/curi-report-site}")
work="${RUNNER_TEMP:?}/curi-report-work"
mkdir -p "$work"

# Where this build goes, and the page it publishes.
out=$site
url=$site_url/
if [ "$kind" != push ] && [ "$mode" = pages-branch ]; then
  out=$site/pr/$pr
  url=$site_url/pr/$pr/
fi
if [ "$fork" = true ] && [ "$mode" = pages-branch ]; then
  echo "curi-report: a pull request from a fork has a read-only token: no preview, no comment; the job summary has the report."
  mode=none
fi
[ "$mode" = none ] && url=""
run=$runs/latest
if [ "$kind" != closed ] && [ ! -e "$run" ]; then
  echo "::error::curi-report: $run is missing: run the experiment before this step (it writes runs/<reference>/ and runs/latest), or set the runs input."
  exit 3
fi

# The pages branch is worked on with the workspace's repository (its objects, and the checkout's
# credentials for the push) through a separate work tree ($site) and index, never its HEAD: the
# site holds no .git, and the workspace's own checkout is left as it was.
gitdir=$(git -C "$ws" rev-parse --absolute-git-dir)
pages_git() { GIT_DIR="$gitdir" GIT_WORK_TREE="$site" GIT_INDEX_FILE="$work/pages.index" git "$@"; }
parent=""

# Fills $site with the pages branch as it is on the remote, or leaves it empty when the branch
# does not exist yet ($parent: the branch's commit, or empty).
checkout_pages() {
  rm -rf "$site" "$work/pages.index"
  mkdir -p "$site"
  parent=""
  if git -C "$ws" ls-remote --exit-code --heads origin "$pages" > /dev/null; then
    git -C "$ws" fetch -q --depth 1 origin "+refs/heads/$pages:refs/remotes/origin/$pages"
    parent=$(git -C "$ws" rev-parse "refs/remotes/origin/$pages")
    pages_git read-tree "$parent"
    pages_git checkout-index -a -f
  fi
}

# The summary's base: the default branch's newest published run (its results.json in the pages
# branch, or latest.json at the site's URL), a file, or a URL.
pick_base() {
  local base=$work/base.json
  rm -f "$base"
  case ${INPUT_BASE:-auto} in
    none) return 0 ;;
    auto)
      if [ "$mode" = pages-branch ]; then
        local folder
        folder=$(ev base-folder "$site/history.json" "$default_branch")
        if [ -n "$folder" ] && [ -f "$site/$folder/results.json" ]; then cp "$site/$folder/results.json" "$base"; fi
      elif curl -fsS --max-time 30 "$site_url/latest.json" -o "$base" 2> /dev/null && grep -q '"facts": *{' "$base"; then
        :
      else
        rm -f "$base"
      fi
      ;;
    http://* | https://*) curl -fsSL --max-time 60 "$INPUT_BASE" -o "$base" ;;
    *) base=$(abs "$INPUT_BASE") ;;
  esac
  [ -e "$base" ] && printf '%s' "$base"
  return 0
}

# Builds the runs into $out (with the site's history, or the published one for an artifact) and
# checks it; a push also applies retention to the site.
build() {
  local from=()
  [ "$mode" = artifact ] && [ "$kind" = push ] && from=(--history-from "$site_url/history.json")
  if [ "$kind" = closed ]; then
    rm -rf "$out"
    rmdir "$site/pr" 2> /dev/null || true
    return 0
  fi
  cr build "$runs" --out "$out" --branch "$branch" --default-branch "$default_branch" "${from[@]}"
  local keep=()
  [ "${INPUT_KEEP:-0}" != 0 ] && keep+=(--keep "$INPUT_KEEP")
  [ -n "${INPUT_OLDER_THAN:-}" ] && keep+=(--older-than "$INPUT_OLDER_THAN")
  if [ "$kind" = push ] && [ ${#keep[@]} -gt 0 ]; then cr prune "$site" "${keep[@]}"; fi
  cr check "$out" --quiet
}

# Commits the site on top of the branch and pushes it; 1 when the push lost a race (the branch
# moved meanwhile).
publish_pages() {
  pages_git add -A
  local tree commit
  tree=$(pages_git write-tree)
  if [ -n "$parent" ] && [ "$tree" = "$(git -C "$ws" rev-parse "$parent^{tree}")" ]; then
    echo "curi-report: the pages branch already holds this site."
    return 0
  fi
  local what="${GITHUB_SHA:0:7} on $branch"
  [ "$kind" = preview ] && what="preview of #$pr ($what)"
  [ "$kind" = closed ] && what="remove the preview of #$pr"
  commit=$(git -C "$ws" -c user.name="github-actions[bot]" -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
    commit-tree "$tree" ${parent:+-p "$parent"} -m "curi-report: $what")
  git -C "$ws" push -q origin "$commit:refs/heads/$pages"
}

base=""
if [ "$mode" = pages-branch ]; then
  if [ -n "${INPUT_SITE_DIR:-}" ] && [ -n "$(ls -A "$site" 2> /dev/null)" ]; then
    echo "::error::curi-report: site-dir $site is not empty; with publish: pages-branch the Action fills it with the branch, so give it a new folder."
    exit 2
  fi
  attempt=1
  while :; do
    checkout_pages
    [ "$attempt" = 1 ] && base=$(pick_base)
    build
    if publish_pages; then break; fi
    if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
      echo "::error::curi-report: the $pages branch kept moving; gave up after $MAX_ATTEMPTS attempts. Serialise the workflow with concurrency: (docs/github-actions.md)."
      exit 1
    fi
    echo "curi-report: $pages moved while this run published; building again on the fresh branch (attempt $((attempt + 1)))."
    attempt=$((attempt + 1))
  done
else
  mkdir -p "$site"
  base=$(pick_base)
  build
fi

{
  echo "site-path=$site"
  echo "url=$url"
} >> "${GITHUB_OUTPUT:-/dev/null}"
[ "$kind" = closed ] && exit 0

link=()
[ -n "$url" ] && link=(--base-url "${url%/}")
with_base=()
[ -n "$base" ] && with_base=(--base "$base")
cr summary "$run" "${with_base[@]}" "${link[@]}" --step-summary

if [ "$kind" = preview ] && [ "${INPUT_COMMENT:-true}" = true ] && [ "$mode" = pages-branch ]; then
  comment=$work/comment.md
  cr summary "$run" "${with_base[@]}" "${link[@]}" --max-chars 64000 > "$comment"
  printf '\n**Preview of this pull request:** %s (removed when it closes)\n' "$url" >> "$comment"
  ids=$(gh api --paginate "repos/$repo/issues/$pr/comments" \
    --jq '.[] | select(.user.login == "github-actions[bot]" and (.body | startswith("<!-- curi-report -->"))) | .id')
  id=${ids%%$'\n'*}
  if [ -n "$id" ]; then
    gh api --method PATCH "repos/$repo/issues/comments/$id" -F "body=@$comment" > /dev/null
  else
    gh api --method POST "repos/$repo/issues/$pr/comments" -F "body=@$comment" > /dev/null
  fi
fi
