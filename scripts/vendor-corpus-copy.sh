#!/usr/bin/env bash
# Copies the selection of third-party BPMN models under test/corpus/vendor/ from local mirrors of
# their repositories and writes SOURCES.md. Run once; kept so the selection can be redone or widened.
#   MIRRORS=/work/.mirror scripts/vendor-corpus-copy.sh
set -euo pipefail
MIRRORS=${MIRRORS:-/work/.mirror}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/test/corpus/vendor
rm -rf "$OUT" && mkdir -p "$OUT"
SOURCES=$OUT/SOURCES.md
{
  echo '# Third-party BPMN models'
  echo
  echo 'Real models written by others, copied unchanged (one file per row) to test that Tongban reads'
  echo 'standard and vendor BPMN: see docs/standard-bpmn.md. Each folder keeps its source'"'"'s licence.'
  echo 'Selected by scripts/vendor-corpus-copy.sh (small files, duplicates by content dropped).'
  echo
} >"$SOURCES"

# copy <local-folder> <owner/repo> <licence> <licence-file-or-"-"> <paths...>
copy() {
  local folder=$1 repo=$2 licence=$3 licfile=$4; shift 4
  local git=$MIRRORS/${repo/\//+}/repo
  local commit; commit=$(git -C "$git" rev-parse HEAD)
  mkdir -p "$OUT/$folder"
  if [ "$licfile" != - ]; then git -C "$git" show "HEAD:$licfile" >"$OUT/$folder/LICENSE"; fi
  {
    echo "## $folder"
    echo
    echo "Repository https://github.com/$repo at commit \`$commit\`, licence $licence."
    echo
    echo '| file | path in the repository |'
    echo '| --- | --- |'
  } >>"$SOURCES"
  declare -A seen=()
  for path in "$@"; do
    local hash; hash=$(git -C "$git" rev-parse "HEAD:$path")
    [ -n "${seen[$hash]:-}" ] && continue
    seen[$hash]=1
    local name; name=$(basename "$path")
    if [ -e "$OUT/$folder/$name" ]; then name="$(basename "$(dirname "$path")")-$name"; fi
    if [ -e "$OUT/$folder/$name" ]; then name="$(echo "$path" | tr / -)"; fi
    git -C "$git" show "HEAD:$path" >"$OUT/$folder/$name"
    echo "| $name | $path |" >>"$SOURCES"
  done
  echo >>"$SOURCES"
}

list() { # list <owner/repo> <grep -E pattern> [max size]
  local git=$MIRRORS/${1/\//+}/repo
  git -C "$git" ls-tree -r -l HEAD | awk -v max="${3:-20000}" '$4 < max {print $5}' | grep -E "$2" | sort
}

BPMN='\.bpmn(20)?(\.xml)?$'
mapfile -t camunda < <(list camunda/camunda-bpm-examples "$BPMN")
copy camunda-bpm-examples camunda/camunda-bpm-examples Apache-2.0 LICENSE "${camunda[@]}"

mapfile -t engine < <(list paed01/bpmn-engine "^test/resources/.*$BPMN" 20000)
copy bpmn-engine paed01/bpmn-engine MIT LICENSE "${engine[@]}"

mapfile -t bpmnio < <(list bpmn-io/bpmn-js-examples "$BPMN" 30000)
copy bpmn-js-examples bpmn-io/bpmn-js-examples 'MIT (README: "MIT (unless noted otherwise)"; the repository has no LICENSE file)' - "${bpmnio[@]}"
cat >"$OUT/bpmn-js-examples/LICENSE" <<'LIC'
The bpmn-io/bpmn-js-examples repository states in its README.md, section "License":
"MIT (unless noted otherwise)". It has no separate LICENSE file.
See https://github.com/bpmn-io/bpmn-js-examples#license
LIC

F=modules/flowable-engine/src/test/resources/org/flowable
mapfile -t flowable < <(
  list flowable/flowable-engine "^$F/examples/(bpmn/(gateway|usertask|servicetask|event|subprocess|receivetask|callactivity)|taskforms)/.*$BPMN" 8000
  list flowable/flowable-engine "^$F/engine/test/bpmn/gateway/(Exclusive|Parallel)GatewayTest.*$BPMN" 5000
  list flowable/flowable-engine "^$F/engine/test/bpmn/usertask/TaskAssignment.*$BPMN" 5000
  list flowable/flowable-engine "^$F/engine/test/bpmn/multiinstance/MultiInstanceTest.testParallelUserTasks.*$BPMN" 6000
  list flowable/flowable-engine "^$F/engine/test/bpmn/event/timer/BoundaryTimerEventTest.*$BPMN" 2600
)
copy flowable-engine flowable/flowable-engine Apache-2.0 LICENSE "${flowable[@]}"
