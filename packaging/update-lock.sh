#!/usr/bin/env bash
# Regenerates packaging/requirements.lock: the exact versions, with hashes, of everything
# the installable app is built from (the runtime dependencies and PyInstaller), for Linux,
# Windows and macOS at once. Run it after changing a range in pyproject.toml, then rebuild
# and retest. Uses uv from a throwaway venv; nothing is installed into the project's venv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT
python3 -m venv "$tool/venv"
"$tool/venv/bin/pip" install -q uv
cd "$root"
UV_CUSTOM_COMPILE_COMMAND="packaging/update-lock.sh" "$tool/venv/bin/uv" pip compile \
    pyproject.toml --extra packaging --universal --python-version 3.11 \
    --generate-hashes --no-header --quiet -o packaging/requirements.lock.new
{
    echo "# Exact versions and hashes for the installable build (Linux, Windows, macOS)."
    echo "# Regenerate with packaging/update-lock.sh; install with"
    echo "#   pip install --require-hashes -r packaging/requirements.lock"
    cat packaging/requirements.lock.new
} >packaging/requirements.lock
rm packaging/requirements.lock.new
echo "wrote packaging/requirements.lock ($(grep -c '==' packaging/requirements.lock) packages)"
