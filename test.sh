#!/usr/bin/env bash
# ./test.sh — every test, against real parts: each test class starts its own in-memory Azurite (from npm,
# pinned in package-lock.json) on free loopback ports and stops it after; HTTP goes to Kestrel on 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "test.sh: '$tool' is required (see README.md)" >&2; exit 1; }
done

# The figures are proven on the team's real reference data, read in place from ../shared beside the repository (as CI
# lays it out), never copied in. Without it a third of the suite could only fail with a missing file each: say so once.
if [ ! -f ../shared/reference/README.md ]; then
  echo "test.sh: the reference data is missing: clone the repository beside the team's shared/ folder (../shared/reference, see README.md)" >&2
  exit 1
fi

# Installed once, and again only when the pinned version is not the one installed (as run.sh does): by version, not
# file times, since a fresh checkout's lock file is newer than any install and `npm ci` empties a shared node_modules.
pinned=$(node -p "require('./package-lock.json').packages['node_modules/azurite'].version")
installed=$(node -p "try { require('./node_modules/azurite/package.json').version } catch { '' }")
if [ "$pinned" != "$installed" ]; then
  echo "installing Azurite $pinned (npm ci) ..."
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

# The Azure Functions app must build: its packages are served, and a test holds its generated functions.metadata to
# the local host's table of functions (FunctionsMetadataContractTests).
app=functions/RetentionFunctions/RetentionFunctions.csproj
dotnet build "$app" -c Release --nologo -v quiet -clp:ErrorsOnly
echo "built functions/RetentionFunctions (Azure Functions app)"

# The Bicep templates under infra/: the Bicep CLI from NuGet builds and lints them offline; any warning fails.
bash infra/validate.sh

# The report's browser tests drive Debian's Chromium through Playwright (never Playwright's own browser download).
# Installed once when missing; where it cannot be, those tests fail at once and say why.
if ! command -v chromium >/dev/null; then
  echo "installing Debian's chromium for the report's browser tests (apt-get) ..."
  apt_log=$(mktemp)
  if ! (export DEBIAN_FRONTEND=noninteractive; apt-get update && apt-get install -y --no-install-recommends chromium) >"$apt_log" 2>&1; then
    tail -n 5 "$apt_log" >&2
    echo "could not install chromium: the report's browser tests will fail, saying so" >&2
  fi
  rm -f "$apt_log"
fi
artifacts=tests/Retention.Tests/bin/Release/net10.0/artifacts
rm -rf "$artifacts"

results=$(mktemp -d)
set +e
dotnet test tests/Retention.Tests/Retention.Tests.csproj -c Release --nologo \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx" --results-directory "$results" 2>&1 \
  | grep -vE "warning NU1603|^\s*$"
status=${PIPESTATUS[0]}
set -e

# The browser tests' screenshots of the report, for a person to look at.
if compgen -G "$artifacts/*.png" >/dev/null; then
  echo "report screenshots: $(cd "$artifacts" && pwd)/ ($(cd "$artifacts" && ls *.png | tr '\n' ' '))"
fi

# One closing line in the plain form CI reads: 'N passed, N failed, N skipped'.
if [ -f "$results/results.trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$results/results.trx")
  count() { printf '%s' "$counters" | sed -E "s/.* $1=\"([0-9]+)\".*/\1/"; }
  passed=$(count passed); failed=$(count failed); total=$(count total); executed=$(count executed)
  echo "tests: $passed passed, $failed failed, $((total - executed)) skipped"
fi
rm -rf "$results"
exit $status
