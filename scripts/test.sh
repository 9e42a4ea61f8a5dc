#!/usr/bin/env bash
# Runs Hark's whole test suite after making sure setup is done (setup is idempotent and quick when
# nothing is missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
mvn -B test
