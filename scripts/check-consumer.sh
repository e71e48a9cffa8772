#!/usr/bin/env bash
# Publishing, checked as a user meets it: 'mvn -Ppublish deploy' of this commit to a file repository, the
# artifacts Maven Central requires checked in it (jar, sources, javadoc, POM, CycloneDX SBOM; the parent
# POM; the CLI's distribution; mlp4j-bench left out), then scripts/consumer/ built and run against that
# repository alone: offline, with a local repository that holds no mlp4j artifact. Needs the network for
# the deploy (the SBOM goal requires it) and a ~/.m2 that a build of mlp4j has filled.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
fail() { echo "consumer: $*" >&2; exit 1; }
version="$(mvn -B -q -Dstyle.color=never help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | tail -n 1)"
[ -n "$version" ] || fail "could not read the project's version"
repo="$work/repository"

git clone -q "$PWD" "$work/src"
(cd "$work/src" && mvn -B -Ppublish deploy -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true \
    -DaltDeploymentRepository="mlp4j-check::file://$repo") >"$work/deploy.log" 2>&1 \
  || { tail -n 40 "$work/deploy.log" >&2; fail "mvn -Ppublish deploy failed"; }

# what a release carries, module by module
# the newest file of module $1 whose name ends in $2 right after the version (timestamped for a snapshot)
latest() {
  local dir="$repo/org/mlp4j/$1/$version" re
  re="^$1-${version%-SNAPSHOT}(-[0-9]{8}\.[0-9]{6}-[0-9]+)?$(printf '%s' "$2" | sed 's/\./\\./g')\$"
  [ -d "$dir" ] && ls "$dir" | grep -E "$re" | sort -V | tail -n 1 | sed "s|^|$dir/|"
}
for m in mlp4j-core mlp4j-datasets mlp4j-spark mlp4j-cli; do
  for part in .jar -sources.jar -javadoc.jar .pom -cyclonedx.json -cyclonedx.xml; do
    [ -n "$(latest "$m" "$part")" ] || fail "$m has no ${part#-} in the deployed repository"
  done
done
for part in .tar.gz .zip; do
  [ -n "$(latest mlp4j-cli "$part")" ] || fail "the distribution ($part) was not deployed"
done
[ -n "$(latest mlp4j-parent .pom)" ] || fail "the parent POM was not deployed"
[ ! -e "$repo/org/mlp4j/mlp4j-bench" ] || fail "mlp4j-bench was deployed; it must not be"
unzip -p "$(latest mlp4j-core .jar)" META-INF/MANIFEST.MF | grep -q 'Automatic-Module-Name\|^Created-By' \
  || fail "mlp4j-core's jar has no manifest"
for m in mlp4j-spark mlp4j-cli; do
  unzip -p "$(latest "$m" .jar)" META-INF/MANIFEST.MF | grep -q "Automatic-Module-Name: org.mlp4j.${m#mlp4j-}" \
    || fail "$m's jar has no Automatic-Module-Name"
done
grep -q '"name" *: *"commons-compress"' "$(latest mlp4j-datasets -cyclonedx.json)" \
  || fail "mlp4j-datasets' SBOM does not list commons-compress"

# a local repository with everything but mlp4j (a copy: resolving may rewrite files in place)
cp -a "$HOME/.m2/repository" "$work/m2"
rm -rf "$work/m2/org/mlp4j"
cp -r scripts/consumer "$work/consumer"
(cd "$work/consumer" && mvn -B -o -Daether.offline.protocols=file -Dmaven.repo.local="$work/m2" \
    -Dmlp4j.repository="file://$repo" -Dmlp4j.version="$version" compile exec:exec) >"$work/consumer.log" 2>&1 \
  || { tail -n 40 "$work/consumer.log" >&2; fail "the consumer project did not build or run"; }
grep '^consumer: ' "$work/consumer.log"
grep -q "Downloaded from mlp4j: file://$repo/org/mlp4j/mlp4j-core/" "$work/consumer.log" \
  || fail "mlp4j-core did not come from the deployed repository"
echo "consumer: built and ran against $version deployed to a file repository, offline"
