#!/bin/sh
# Runs one node test file for ctest: run.sh FILE.test.mjs
# Needs node and the packages of package-lock.json (`npm ci` here; .ci/install-deps does it).
# Without them the test is skipped (exit 77, ctest's SKIP_RETURN_CODE) on a developer's machine,
# and fails in CI (CI set and not "false"), so that CI cannot pass without running it.
here=$(cd "$(dirname "$0")" && pwd)
missing=""
if ! command -v node >/dev/null 2>&1; then
  missing="node is not installed"
elif [ ! -f "$here/node_modules/.package-lock.json" ]; then
  missing="the test packages are not installed: run 'npm ci' in $here"
fi
if [ -n "$missing" ]; then
  if [ -n "${CI:-}" ] && [ "${CI}" != "false" ]; then
    echo "FAIL: $1: $missing (required in CI: .ci/install-deps installs them)" >&2
    exit 1
  fi
  echo "SKIP: $1: $missing" >&2
  exit 77
fi
exec node --test "$here/$1"
