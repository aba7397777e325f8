#!/usr/bin/env bash
# Installs the unpacked MARA Desktop build for this user (or, with --system, for everyone):
# the `mara-desktop` command, the menu entry, the icon, the AppStream data and the *.mara
# file type. The build folder stays where it is; run this again after moving it.
#
#   ./install-linux.sh            # into ~/.local (no root needed)
#   sudo ./install-linux.sh --system   # into /usr/local
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"
if [ "${1:-}" = "--system" ]; then
    prefix=/usr/local/share
    bin=/usr/local/bin
fi
mkdir -p "$bin" "$prefix/applications" "$prefix/metainfo" "$prefix/mime/packages" "$prefix/icons"
ln -sf "$here/mara-desktop" "$bin/mara-desktop"
cp "$here/share/applications/"*.desktop "$prefix/applications/"
cp "$here/share/metainfo/"*.xml "$prefix/metainfo/"
cp "$here/share/mime/packages/"*.xml "$prefix/mime/packages/"
cp -r "$here/share/icons/hicolor" "$prefix/icons/"
# The desktop file runs `mara-desktop` from PATH; name the build itself in case PATH lacks $bin.
sed -i "s|^Exec=mara-desktop|Exec=\"$here/mara-desktop\"|; s|^TryExec=mara-desktop|TryExec=$here/mara-desktop|" \
    "$prefix/applications/org.maradesktop.MaraDesktop.desktop"
command -v update-mime-database >/dev/null && update-mime-database "$prefix/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
# No icon cache here: a cache in a folder without the theme's index goes stale and hides
# icons installed later by other programs. Touching the folder tells desktops to look again.
touch "$prefix/icons/hicolor"
echo "installed: $bin/mara-desktop and the menu entry \"MARA Desktop\""
