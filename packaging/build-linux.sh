#!/usr/bin/env bash
# Builds the installable Linux app: a PyInstaller one-folder build, packed as a tar.gz.
#
#   bash packaging/build-linux.sh            # result in packaging/.build/
#   MARA_BUILD_DIR=/tmp/mara-build bash packaging/build-linux.sh
#
# PyInstaller goes into a venv of its own (never into the project's), installed from
# packaging/requirements.lock with hashes, so two builds of the same commit use the very
# same packages. The app itself is taken from this source tree.
# Needs python3 (3.11+) with venv (Debian/Ubuntu: python3-venv) and glibc 2.34+.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${MARA_BUILD_DIR:-$here/.build}
python=${PYTHON:-python3}
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$root/mara_desktop/__init__.py")
arch=$(uname -m)
name="mara-desktop-$version-linux-$arch"

mkdir -p "$build"
if [ ! -x "$build/venv/bin/pyinstaller" ] || ! cmp -s "$here/requirements.lock" "$build/venv/lock"; then
    rm -rf "$build/venv"
    "$python" -m venv "$build/venv"
    "$build/venv/bin/pip" install -q --require-hashes -r "$here/requirements.lock"
    cp "$here/requirements.lock" "$build/venv/lock"
fi

start=$(date +%s)
"$build/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$build/dist" --workpath "$build/work" "$here/mara-desktop.spec"
echo "built in $(( $(date +%s) - start )) s"

app="$build/dist/mara-desktop"
# Desktop integration files travel with the build; an installer or a user copies them
# into ~/.local/share or /usr/share (see packaging/README.md).
mkdir -p "$app/share/applications" "$app/share/metainfo" "$app/share/mime/packages"
cp "$here/org.maradesktop.MaraDesktop.desktop" "$app/share/applications/"
cp "$here/org.maradesktop.MaraDesktop.metainfo.xml" "$app/share/metainfo/"
cp "$here/mara-desktop-mime.xml" "$app/share/mime/packages/"
mkdir -p "$app/share/icons"
cp -r "$here/icons/hicolor" "$app/share/icons/"
cp "$here/install-linux.sh" "$app/"

# A smoke test of what breaks first when freezing: the program starts, finds its resources
# (the demo, the protocol, the fonts), opens an encrypted file, and writes and leak-checks
# minutes in its worker processes (every copy and the chair's: enough for the workers to be
# used). Run from elsewhere, without the source on the path.
smoke=$(mktemp -d)
trap 'rm -rf "$smoke"' EXIT
(
    cd "$smoke"
    env -i HOME="$smoke" PATH=/usr/bin:/bin "$app/mara-desktop" --help >/dev/null
    env -i HOME="$smoke" PATH=/usr/bin:/bin "$app/mara-desktop" demo demo.mara >/dev/null
    env -i HOME="$smoke" PATH=/usr/bin:/bin MARA_PASSPHRASE="northshire demo only" \
        "$app/mara-desktop" minutes demo.mara --conference ns-2026-11-26 --all --chair \
        --out minutes >/dev/null
    test "$(ls minutes/*.pdf | wc -l)" -eq 14
)
echo "smoke test passed: help, demo, minutes with leak check"

# Same names, owners and times in every tarball of the same build.
tarball="$build/$name.tar.gz"
rm -f "$tarball"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='@0' \
    -C "$build/dist" --transform "s,^mara-desktop,$name," -czf "$tarball" mara-desktop
echo "folder:  $(du -sh "$app" | cut -f1)  $app"
echo "tarball: $(du -h "$tarball" | cut -f1)  $tarball"
