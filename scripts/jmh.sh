#!/usr/bin/env bash
# Runs the JMH microbenchmarks under src/test/java/org/scimbridge/bench (not part of mvn verify).
#   scripts/jmh.sh                      # every benchmark, default forks/iterations (about 5 minutes)
#   scripts/jmh.sh Normalize -f 1       # a subset, with any JMH option
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B test-compile
cp_file=target/jmh.classpath
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "target/test-classes:target/classes:$(cat "$cp_file")" org.openjdk.jmh.Main "${@:-RequestPathBenchmark}"
