#!/usr/bin/env bash
# Install what is missing, then run the whole test suite: real models, real files.
# Pass pytest options through, e.g. scripts/test.sh -m "not slow" for the fast tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# OCR is optional for users (docsum --ocr); the tests run it for real.
if ! command -v ocrmypdf >/dev/null 2>&1 || ! command -v tesseract >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends ocrmypdf tesseract-ocr-eng
fi
exec .venv/bin/python -m pytest "$@"
