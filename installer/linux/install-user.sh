#!/bin/sh
# Install Sote-suunnittelija from this unpacked folder for the current user only (no root needed):
#   ./install-user.sh            copies the app to ~/.local/opt/sote-planner, adds the menu entry,
#                                the icon, the .sote file type and ~/.local/bin/sote-planner
#   ./install-user.sh --remove   removes all of them again (your projects are not touched)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
dest=$HOME/.local/opt/sote-planner
entry=$data/applications/fi.soteplanner.desktop.desktop
icon=$data/icons/hicolor/256x256/apps/sote-planner.png
mime=$data/mime/packages/sote-planner.xml
link=$HOME/.local/bin/sote-planner
if [ "${1:-}" = "--remove" ]; then
  rm -rf "$dest"; rm -f "$entry" "$icon" "$mime" "$link"
  command -v update-mime-database >/dev/null && update-mime-database "$data/mime" >/dev/null 2>&1 || true
  echo "Sote-suunnittelija poistettu."; exit 0
fi
rm -rf "$dest"; mkdir -p "$dest" "$(dirname "$entry")" "$(dirname "$icon")" "$(dirname "$mime")" "$(dirname "$link")"
cp -a "$here/." "$dest/"
sed "s|^Exec=.*|Exec=$dest/sote-planner gui %f|; s|^TryExec=.*|TryExec=$dest/sote-planner|" \
  "$here/sote-planner.desktop" > "$entry"
cp "$here/sote-planner.png" "$icon"
cat > "$mime" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-sote-project">
    <comment>Sote-suunnittelija project</comment>
    <comment xml:lang="fi">Sote-suunnittelijan projekti</comment>
    <glob pattern="*.sote" weight="60"/>
  </mime-type>
</mime-info>
XML
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" >/dev/null 2>&1 || true
ln -sf "$dest/sote-planner" "$link"
echo "Sote-suunnittelija asennettu: $dest (komento: $link)"
