#!/usr/bin/env bash
# test-deb.sh SRC BUILD: Ininjo's Debian packages (data/packaging/). Builds
# them from the tree with data/packaging/build-deb.sh into BUILD/tests/
# packaging/debs (again only when a file of the tree is newer than the
# last build; ININJO_DEBS=DIR takes ready ones instead), checks them with
# lintian (no error) and their fields, then installs them with dpkg into an
# overlay of / with a tmpfs upper directory, in a mount namespace of this
# test (the machine's own system is never written to, and nothing is
# fetched), and there checks that the installed ininjo-cli runs, speaks
# Japanese, the desktop file is valid, the schema is found, ininjo draws
# its window under Xvfb, and the installed ininjo-testbed checks a shipped
# scenario and draws the window against the bed.
set -euo pipefail
src=$(cd "$1" && pwd) build=$(cd "$2" && pwd)
. "$src/tests/cli/tap.sh"

bail() { echo "Bail out! $*"; exit 1; }
need() { command -v "$1" >/dev/null || bail "$1 is missing (Debian package $2)"; }

# ---- in a mount namespace of its own: mounts end with the test
if [ -z "${INJ_DEB_NS:-}" ]; then
  need unshare util-linux
  ns=(--mount --fork)
  [ "$(id -u)" = 0 ] || ns=(--map-root-user "${ns[@]}")
  INJ_DEB_NS=1 exec unshare "${ns[@]}" -- bash "$0" "$@"
fi
for t in dpkg-deb:dpkg dpkg-buildpackage:dpkg-dev dh:debhelper fakeroot:fakeroot lintian:lintian \
         chroot:coreutils xvfb-run:xvfb xauth:xauth desktop-file-validate:desktop-file-utils \
         gsettings:libglib2.0-bin appstreamcli:appstream python3:python3; do
  need "${t%%:*}" "${t#*:}"
done

version=$(sed -n "s/^ *version: *'\([^']*\)'.*/\1/p" "$src/meson.build" | head -n1)
arch=$(dpkg --print-architecture)
debs=${ININJO_DEBS:-$build/tests/packaging/debs}
main=$debs/ininjo_${version}_$arch.deb testbed=$debs/ininjo-testbed_${version}_$arch.deb

# ---- the packages, built from the tree when it changed since
if [ -z "${ININJO_DEBS:-}" ]; then
  stamp=$debs/built.stamp newer=""
  [ ! -e "$stamp" ] || newer=$(find "$src" \( -path "$src/build*" -o -path "$src/.git" -o -path "$src/_build" \) \
                                  -prune -o -newer "$stamp" -type f -print -quit)
  if [ ! -e "$stamp" ] || [ -n "$newer" ] || [ ! -e "$main" ] || [ ! -e "$testbed" ]; then
    rm -rf "$debs"; mkdir -p "$debs"
    start=$SECONDS
    touch "$debs/started.stamp"  # (a file changed during the build is newer)
    if ! DEB_BUILD_OPTIONS="parallel=$(nproc)" bash "$src/data/packaging/build-deb.sh" "$debs" > "$debs/build.log" 2>&1; then
      sed 's/^/# /' "$debs/build.log" | tail -n 40
      bail "build-deb.sh failed (log: $debs/build.log)"
    fi
    mv "$debs/started.stamp" "$stamp"
    echo "# built the packages in $((SECONDS - start)) s"
  else
    echo "# the packages of $stamp are current"
  fi
fi
check "debian/changelog's version is meson.build's ($version)" \
  test "$(dpkg-parsechangelog -l "$src/data/packaging/debian/changelog" -S Version)" = "$version"
check "ininjo_${version}_$arch.deb was built" test -s "$main"
check "ininjo-testbed_${version}_$arch.deb was built" test -s "$testbed"
[ -s "$main" ] && [ -s "$testbed" ] || { finish; exit 1; }

# ---- lintian: no error (its warnings are shown)
expect_exit "lintian --fail-on error: no error" 0 lintian --fail-on error "$main" "$testbed"
{ grep -v '^running with root' <<<"$out" || true; } | sed 's/^/# lintian: /'

# ---- the fields
field() { dpkg-deb -f "$1" "$2"; }
out=$(field "$main" Depends)
for p in pcscd opensc-pkcs11 p11-kit libgtk-4-1 libadwaita-1-0 libp11-kit0 libsecret-1-0 libxmlsec1-gnutls; do
  check "ininjo Depends on $p" contains "$p"
done
out=$(field "$main" Recommends)
check "ininjo Recommends a Secret Service (gnome-keyring | …)" contains "gnome-keyring |"
out=$(dpkg-deb -c "$main")
check "ininjo holds /usr/bin/ininjo and /usr/bin/ininjo-cli" contains "./usr/bin/ininjo-cli"
check "ininjo holds the schema" contains "./usr/share/glib-2.0/schemas/io.github.ininjo.Ininjo.gschema.xml"
check "ininjo holds the Japanese translation" contains "./usr/share/locale/ja/LC_MESSAGES/ininjo.mo"
check "ininjo holds the metainfo" contains "./usr/share/metainfo/io.github.ininjo.Ininjo.metainfo.xml"
# data/man/: the program's pages in English and Japanese
check "ininjo holds the manual page ininjo-cli(1)" contains "./usr/share/man/man1/ininjo-cli.1.gz"
check "and ininjo(1)" contains "./usr/share/man/man1/ininjo.1.gz"
check "and ininjo-delegation(5)" contains "./usr/share/man/man5/ininjo-delegation.5.gz"
check "and the Japanese ininjo-cli(1)" contains "./usr/share/man/ja/man1/ininjo-cli.1.gz"
check "but not ininjo-scenario(5), the test bed's" lacks "ininjo-scenario"
check "ininjo holds no test bed (virtual card, service)" lacks "ininjo-testbed"
check "... nor the virtual card" lacks "ininjo-vcard"
out=$(field "$testbed" Depends)
check "ininjo-testbed Depends on ininjo (= $version)" contains "ininjo (= $version)"
for p in vsmartcard-vpcd pcscd openssl gnome-keyring xvfb; do
  check "ininjo-testbed Depends on $p" contains "$p"
done
out=$(dpkg-deb -c "$testbed")
for f in usr/bin/ininjo-testbed usr/lib/ininjo-testbed/ininjo-vcard usr/lib/ininjo-testbed/ininjo-service \
         usr/share/ininjo-testbed/tests/bed/ininjo-bed.sh usr/share/ininjo-testbed/data/scenarios/one-try-left.ini \
         usr/share/man/man5/ininjo-scenario.5.gz usr/share/man/ja/man5/ininjo-scenario.5.gz; do
  check "ininjo-testbed holds /$f" contains "./$f"
done

# ---- installed into an overlay of / (upper: tmpfs of this namespace)
# (a mount point of the build tree, empty again when the namespace ends)
root=$build/tests/packaging/root
mkdir -p "$root"
mount -t tmpfs -o mode=755 tmpfs "$root"
mkdir "$root/upper" "$root/work" "$root/m"
mount -t overlay overlay -o "lowerdir=/,upperdir=$root/upper,workdir=$root/work" "$root/m"
m=$root/m
mount --rbind /dev "$m/dev"
mount -t proc proc "$m/proc"
mount --rbind /sys "$m/sys"
mount -t tmpfs -o mode=1777 tmpfs "$m/tmp"
mount -t tmpfs -o mode=755 tmpfs "$m/run"
mkdir -p "$m/tmp/debs"
cp "$main" "$testbed" "$m/tmp/debs/"
# in_root COMMAND…: COMMAND in the overlay, with a clean environment
in_root() {
  chroot "$m" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}

# what the installation must bring: none of it is there before (an Ininjo
# the machine has installed is removed from the overlay first; the schemas
# are looked for in /usr/share alone, not a meson install's /usr/local)
if in_root dpkg-query -W -f='${Status}\n' ininjo 2>/dev/null | grep -q ' installed$'; then
  echo "# the machine has ininjo installed: purged in the overlay first"
  in_root dpkg --purge ininjo-testbed ininjo > /dev/null
fi
expect_exit "before: no /usr/bin/ininjo-cli" 1 in_root test -e /usr/bin/ininjo-cli
expect_exit "before: the schema is not found" 1 \
  in_root env XDG_DATA_DIRS=/usr/share gsettings list-keys io.github.ininjo.Ininjo

expect_exit "dpkg -i ininjo ininjo-testbed" 0 in_root dpkg -i "/tmp/debs/${main##*/}" "/tmp/debs/${testbed##*/}"
out=$(in_root dpkg-query -W -f='${Status} ${Version}\n' ininjo ininjo-testbed 2>&1 || true)
check "both are installed, version $version" test "$(grep -c "^install ok installed $version\$" <<<"$out")" = 2

expect_exit "the installed ininjo-cli --version runs" 0 in_root /usr/bin/ininjo-cli --version
check "it says ininjo-cli $version" contains "ininjo-cli $version"
expect_exit "ininjo-cli --help in Japanese from the installed translation" 0 \
  in_root env LANGUAGE=ja /usr/bin/ininjo-cli --help
check "(コマンド:)" contains "コマンド:"

desktop=/usr/share/applications/io.github.ininjo.Ininjo.desktop
check "the desktop file is in /usr/share/applications" test -f "$m$desktop"
expect_exit "desktop-file-validate: valid" 0 in_root desktop-file-validate "$desktop"
out=$(sed -n 's/^Exec=//p' "$m$desktop" 2>/dev/null || true)
check "its Exec is the installed ininjo" test "${out%% *}" = ininjo
check "and /usr/bin/ininjo is there" test -x "$m/usr/bin/ininjo"

expect_exit "appstreamcli validate: the installed metainfo" 0 \
  in_root appstreamcli validate --no-net --no-color /usr/share/metainfo/io.github.ininjo.Ininjo.metainfo.xml

expect_exit "gsettings finds the installed schema (compiled by the trigger)" 0 \
  in_root env XDG_DATA_DIRS=/usr/share gsettings list-keys io.github.ininjo.Ininjo
check "with its keys (service-url)" contains "service-url"

# the window, drawn under Xvfb, with settings in memory and no session bus
shot=/tmp/ininjo-window.png
expect_exit "ininjo --screenshot draws a PNG under Xvfb" 0 \
  in_root timeout 120 xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp' \
    env GSETTINGS_BACKEND=memory GDK_BACKEND=x11 GTK_A11Y=none NO_AT_BRIDGE=1 ADW_DISABLE_PORTAL=1 \
        GTK_USE_PORTAL=0 GDK_DEBUG=gl-disable LANGUAGE=ja /usr/bin/ininjo --screenshot "$shot"
size=$(python3 - "$m$shot" <<'PY' 2>/dev/null || true
import struct, sys
data = open(sys.argv[1], "rb").read(33)
if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
    print(*struct.unpack(">II", data[16:24]))
PY
)
read -r w h <<<"${size:-0 0}"
check "it is a PNG of a window (${w}x${h})" test "$w" -ge 300 -a "$h" -ge 200
[ -z "${G_TEST_BUILDDIR:-}" ] || cp "$m$shot" "$build/tests/packaging/screenshot-installed.png" 2>/dev/null || true

# (readelf in English: its messages are what the check reads)
expect_exit "the packaged binaries are hardened (Debian's flags and the project's)" 0 \
  env -u LANGUAGE LC_ALL=C bash "$src/tests/checks/check-hardening.sh" "$m/usr/bin/ininjo" "$m/usr/bin/ininjo-cli" \
    "$m/usr/lib/ininjo-testbed/ininjo-vcard" "$m/usr/lib/ininjo-testbed/ininjo-service"

# The installed bed, from the installed paths alone: a shipped scenario
# checked through the installed ininjo-cli, then the window headless.
expect_exit "ininjo-testbed --help runs the installed bed" 0 in_root /usr/bin/ininjo-testbed --help
check "and lists --scenario" contains "--scenario"
expect_exit "man ininjo-testbed renders without a warning" 0 \
  in_root sh -c 'MANWIDTH=80 man --warnings -E UTF-8 ininjo-testbed 2>&1 >/dev/null | tee /dev/stderr | grep -q . && exit 1; man -w ininjo-testbed'
check "from the installed page" contains "/usr/share/man/man1/ininjo-testbed.1.gz"
scenario=/usr/share/ininjo-testbed/data/scenarios/one-try-left.ini
expect_exit "ininjo-testbed --scenario one-try-left.ini --check passes" 0 \
  in_root env HOME=/tmp/home LANGUAGE=ja timeout 300 /usr/bin/ininjo-testbed --scenario "$scenario" --check
check "its [expect] was checked (ok 1)" contains "ok 1 - [expect] sign"
check "in the user's cache, not in /usr (the bed's synthetic certificates)" \
  test -f "$m/tmp/home/.cache/ininjo-testbed/tests/card/personas/ca/sign-ca.pem"
expect_exit "ininjo-testbed --headless --screenshot FILE: the installed window against the bed" 0 \
  in_root env HOME=/tmp/home LANGUAGE=ja timeout 300 /usr/bin/ininjo-testbed --headless \
    --screenshot /tmp/bed.png
check "it saved a PNG" test "$(head -c 4 "$m/tmp/bed.png" 2>/dev/null | od -An -c | tr -d ' ')" = '211PNG'

finish
