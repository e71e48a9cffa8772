#!/usr/bin/env bash
# Builds the committed HEAD twice, in two fresh clones, as it is published (-Ppublish), and checks that every
# jar, the distribution's .tar.gz and .zip, and the SBOMs are the same bytes both times
# (project.build.outputTimestamp in the root POM fixes the entries' times). Run after a build has filled ~/.m2;
# the SBOM goal needs Maven online. Exit 1, naming the files, when a build is not reproducible.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for n in a b; do
  git clone -q "$PWD" "$work/$n"
  (cd "$work/$n" && mvn -B -q -Ppublish package -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true) \
    >"$work/$n.log" 2>&1 || { tail -n 40 "$work/$n.log" >&2; echo "reproducible: build $n failed" >&2; exit 1; }
done
status=0
count=0
while IFS= read -r jar; do
  count=$((count + 1))
  if ! cmp -s "$work/a/$jar" "$work/b/$jar"; then
    echo "reproducible: $jar differs between two builds of $(git rev-parse --short HEAD)" >&2
    status=1
  fi
done < <(cd "$work/a" && find . \( -path '*/target/*.jar' -o -path '*/target/*.tar.gz' -o -path '*/target/*.zip' \
  -o -path '*/target/bom.json' -o -path '*/target/bom.xml' \) -not -path '*/surefire/*' | sort)
if [ "$count" -eq 0 ]; then
  echo "reproducible: nothing was built" >&2
  exit 1
fi
[ "$status" -eq 0 ] && echo "reproducible: $count files (jars, distributions, SBOMs), byte-identical in two clean builds of $(git rev-parse --short HEAD)"
exit "$status"
