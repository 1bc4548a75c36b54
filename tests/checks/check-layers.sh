#!/usr/bin/env bash
# check-layers.sh SRCROOT BUILDROOT: the folders are the layers (design.md).
# No GTK outside ui/ (and the GUI's main), no curl outside net/, no PKCS#11
# calls outside pkcs11/ — in the sources, and in the compiler's include path;
# inside app/, one part a folder, each over the parts below it.
set -euo pipefail
src=$1 build=$2
. "$src/tests/cli/tap.sh"

# forbidden PATTERN in the C sources of FOLDER (GUI main allowed GTK)
forbid() {
  local folder=$1 what=$2 pattern=$3 hits
  [ -d "$src/$folder" ] || { not_ok "$folder exists" "no folder $folder"; return; }
  hits=$(grep -rnE --include='*.c' --include='*.h' "$pattern" "$src/$folder" \
           | grep -v -E '/ininjo(-gui)?-main\.c:' || true)
  if [ -z "$hits" ]; then ok "no $what in $folder/"; else not_ok "no $what in $folder/" "$hits"; fi
}

gtk='#include *<(gtk|gdk|adwaita|adw)[/.]'
curl='#include *<curl/|curl_easy_|curl_multi_'
p11='#include *<(p11-kit/|pkcs11|PCSC/|winscard)|\bC_(Initialize|GetSlotList|OpenSession|Login|SignInit|Sign|FindObjects)\b|\bSCard[A-Z][a-zA-Z]+ *\('

for layer in app pkcs11 net ui; do
  [ -d "$src/$layer" ] || continue
  [ "$layer" = ui ] || forbid "$layer" "GTK" "$gtk"
  [ "$layer" = net ] || forbid "$layer" "curl" "$curl"
  [ "$layer" = pkcs11 ] || forbid "$layer" "PKCS-11 call" "$p11"
done

# Inside app/: a part includes only the headers of the parts below it
# (app/meson.build): the document knows nothing of signatures, nothing
# below the CLI knows the CLI. inj-app.h, which includes every part below
# the workflows, is for the workflows and the CLI (and ui/, tests/).
declare -A below=(
  [core]=""
  [document]="core"
  [signature]="core document"
  [storage]="core document signature"
  [printout]="core document signature"
  [service]="core document signature storage printout app"
  [support]="core document signature storage printout app"
  [cli]="core document signature storage printout app service support"
)
parts="core document signature storage printout service support cli"
declare -A part_of=()
if [ -f "$src/app/inj-app.h" ]; then part_of[inj-app.h]=app; fi
for part in $parts; do
  [ -d "$src/app/$part" ] || { not_ok "app/$part exists" "no folder app/$part"; continue; }
  for h in "$src/app/$part"/*.h; do
    [ -e "$h" ] && part_of[$(basename "$h")]=$part
  done
done
for part in $parts; do
  [ -d "$src/app/$part" ] || continue
  bad=""
  while IFS=: read -r file line header; do
    owner=${part_of[$header]:-}
    [ -n "$owner" ] && [ "$owner" != "$part" ] || continue
    case " ${below[$part]} " in *" $owner "*) ;; *) bad+="$file:$line: $header ($owner)"$'\n' ;; esac
  done < <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$src/app/$part"/*.[ch] \
             | sed -E 's/^([^:]*):([0-9]+):.*"([^"]+)".*/\1:\2:\3/')
  if [ -z "$bad" ]; then ok "app/$part includes only the parts below it"
  else not_ok "app/$part includes only the parts below it" "$bad"; fi
done

# The CLI's headers are its own: nothing outside app/cli/ includes them.
hits=$(grep -rnE --include='*.c' --include='*.h' '#[[:space:]]*include[[:space:]]*"ininjo-cli' \
         "$src/app" "$src/ui" "$src/net" "$src/pkcs11" "$src/tests" 2>/dev/null \
         | grep -v "^$src/app/cli/" || true)
if [ -z "$hits" ]; then ok "no CLI header outside app/cli/"; else not_ok "no CLI header outside app/cli/" "$hits"; fi

# The compiler must not even see GTK's headers outside ui/.
cc_json="$build/compile_commands.json"
if [ -f "$cc_json" ]; then
  bad=$(python3 - "$cc_json" <<'PY'
import json, sys, re
for e in json.load(open(sys.argv[1])):
    f = e["file"]
    cmd = e.get("command", " ".join(e.get("arguments", [])))
    if "/ui/" in f:
        continue
    if re.search(r"-I\S*(gtk-4|libadwaita|curl)", cmd):
        print(f)
PY
)
  if [ -z "$bad" ]; then ok "no GTK or curl include path outside ui/ and net/"; else not_ok "include paths" "$bad"; fi
else
  not_ok "compile_commands.json exists" "missing $cc_json"
fi
finish
