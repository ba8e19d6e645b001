#!/usr/bin/env bash
# infra/validate.sh [OUTFILE] — compiles and lints the Bicep templates, offline, and fails on any warning or error.
#
#   1. restores the Bicep CLI (the Azure.Bicep.CommandLine.linux-x64 NuGet package, version pinned in
#      infra/tools/BicepCli.proj) into the NuGet global packages folder: a no-op once it is there;
#   2. bicep build infra/main.bicep --outfile OUTFILE (default infra/.build/main.json, git-ignored);
#   3. bicep lint infra/main.bicep, with the rules of infra/bicepconfig.json.
#
# Both bicep commands run with --no-restore: the templates use local modules only, and without that flag Bicep
# looks up a registry host even when there is nothing to restore. Nothing here needs the network once the
# package is in the NuGet cache. tests/Retention.Tests/Infra/InfraTemplateTests.cs runs this script and checks
# the compiled template against the names in the code.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

out="${1:-infra/.build/main.json}"
project=infra/tools/BicepCli.proj
package=azure.bicep.commandline.linux-x64
started=$SECONDS

fail() { echo "validate.sh: $*" >&2; exit 1; }

command -v dotnet >/dev/null || fail "'dotnet' is required (see README.md)"
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || fail "the Bicep CLI package restored here is $package; this machine is $(uname -s)-$(uname -m)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# bicep is a single-file .NET app that extracts a native library on first run: give it a writable place.
export DOTNET_BUNDLE_EXTRACT_BASE_DIR="${DOTNET_BUNDLE_EXTRACT_BASE_DIR:-$root/infra/.build/dotnet-bundle}"
mkdir -p "$DOTNET_BUNDLE_EXTRACT_BASE_DIR" "$(dirname "$out")"

# 1. The Bicep CLI from NuGet.
version=$(sed -n 's:.*<BicepCliVersion>\(.*\)</BicepCliVersion>.*:\1:p' "$project")
[ -n "$version" ] || fail "no <BicepCliVersion> in $project"
if ! restore_log=$(dotnet restore "$project" --nologo -v quiet 2>&1); then
  echo "$restore_log" >&2
  fail "could not restore $package $version from NuGet"
fi
packages="${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')}"
bicep="${packages%/}/$package/$version/tools/bicep"
[ -f "$bicep" ] || fail "restored $package $version, but $bicep is missing"
[ -x "$bicep" ] || chmod +x "$bicep"

# 2 and 3. Any diagnostic line that says Warning or Error fails the run (bicep exits 0 on warnings).
run_bicep() {
  local output status=0
  output=$("$bicep" "$@" 2>&1) || status=$?
  [ -z "$output" ] || printf '%s\n' "$output" | sed "s|$root/||g" >&2
  if [ "$status" -ne 0 ]; then fail "bicep $1 exited with $status"; fi
  if printf '%s\n' "$output" | grep -qiE '(^|[^a-z])(warning|error)([^a-z]|$)'; then fail "bicep $1 reported warnings or errors"; fi
}

rm -f "$out"
run_bicep build infra/main.bicep --no-restore --outfile "$out"
[ -s "$out" ] || fail "bicep build wrote no $out"
run_bicep lint infra/main.bicep --no-restore

echo "infra: main.bicep builds and lints clean with Bicep CLI $version ($((SECONDS - started)) s) -> $out"
