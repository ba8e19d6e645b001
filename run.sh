#!/usr/bin/env bash
# ./run.sh                      the main job end to end on Azurite: demo shop -> signed webhooks -> queue -> tables -> nightly snapshot -> report
# ./run.sh --in-memory          the same, with a throwaway Azurite (nothing kept under .retention/)
# ./run.sh <command> [options]  any `retention` command (serve, shops, snapshot, demo, ...), on the same local Azurite
# With --storage "<connection string>" or RETENTION_STORAGE set, no Azurite is started and that account is used.
#
# Standard output is the command's own and nothing else (`./run.sh model fit ... > fit.json` is pure JSON); what this
# script says (installing, building, where Azurite listens) goes to standard error. Azurite is started only for a
# command that reaches storage, which the command line itself answers (`retention needs-storage <command line>`, from
# each command's own declaration), so `model fit`, `bench models`, `--help` or a mistyped command start nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
state="$root/.retention"

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "run.sh: '$tool' is required (see README.md)" >&2; exit 1; }
done

in_memory=0
args=()
uses_own_storage=0
[ -n "${RETENTION_STORAGE:-}" ] && uses_own_storage=1
for arg in "$@"; do
  case "$arg" in
    --in-memory) in_memory=1 ;;
    --storage|--storage=*) uses_own_storage=1; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
# The demo also leaves the day's report and exports in .retention/demo (git-ignored) and prints where.
[ ${#args[@]} -eq 0 ] && args=(demo --export-to "$state/demo")

echo "building ..." >&2
dotnet build functions/Retention.Cli/Retention.Cli.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null \
  || { dotnet build functions/Retention.Cli/Retention.Cli.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >&2; exit 1; }
retention=(dotnet "$root/functions/Retention.Cli/bin/Release/net10.0/retention.dll")

needs_azurite=0
if [ $uses_own_storage -eq 0 ]; then
  # Anything but a plain "no-storage" (the question itself failing included) starts Azurite: a command that gets
  # storage it did not need loses a second; one that misses it fails.
  [ "$("${retention[@]}" needs-storage "${args[@]}" 2>/dev/null || true)" = "no-storage" ] || needs_azurite=1
fi

pids=()
# Azurite saves its on-disk data when asked to stop; one that is still busy after 10 s (seen: the queue service
# deleting a queue of thousands of messages) is killed, so the script never hangs on it.
stop_azurite() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_azurite EXIT

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

if [ $needs_azurite -eq 1 ]; then
  # Azurite comes from npm, pinned by package-lock.json; installed once, and again only when the pinned version is not
  # the one installed. The version, not file times: a fresh checkout or a git worktree sharing node_modules has a lock
  # file newer than any install, and `npm ci` through a shared (symlinked) node_modules empties it for everyone.
  pinned=$(node -p "require('./package-lock.json').packages['node_modules/azurite'].version")
  installed=$(node -p "try { require('./node_modules/azurite/package.json').version } catch { '' }")
  if [ "$pinned" != "$installed" ]; then
    echo "installing Azurite $pinned (npm ci) ..." >&2
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi

  mkdir -p "$state"
  if [ $in_memory -eq 1 ]; then persistence=(--inMemoryPersistence); else mkdir -p "$state/azurite"; persistence=(--location "$state/azurite"); fi
  declare -A port
  # One Node process per service: Node is single-threaded, and three processes use both cores.
  for service in blob queue table; do
    port[$service]=$(free_port)
    node node_modules/azurite/dist/src/$service/main.js "${persistence[@]}" --silent --skipApiVersionCheck --loose \
      --disableProductStyleUrl --disableTelemetry --${service}Host 127.0.0.1 --${service}Port "${port[$service]}" \
      >>"$state/azurite.log" 2>&1 &
    pids+=($!)
  done
  for service in blob queue table; do
    for _ in $(seq 1 100); do
      (exec 3<>"/dev/tcp/127.0.0.1/${port[$service]}") 2>/dev/null && break
      sleep 0.1
    done
  done
  echo "Azurite on 127.0.0.1 (blob ${port[blob]}, queue ${port[queue]}, table ${port[table]}), data in ${persistence[*]}" >&2
  # The Azurite development account: a published, well-known key, not a secret.
  export RETENTION_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:${port[blob]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${port[queue]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:${port[table]}/devstoreaccount1;"
fi

if [ $in_memory -eq 1 ]; then
  settings_dir=$(mktemp -d)
  export RETENTION_SETTINGS="$settings_dir/local.settings.json"
fi

set +e
"${retention[@]}" "${args[@]}"
status=$?
set -e
[ $in_memory -eq 1 ] && rm -rf "$settings_dir"
exit $status
