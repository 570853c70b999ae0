#!/usr/bin/env bash
# Install what is missing, then run the whole test suite: real models, real files.
# Pass pytest options through, e.g. scripts/test.sh -m "not slow" for the fast tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
