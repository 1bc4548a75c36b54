#!/usr/bin/env bash
# build-deb.sh [OUTDIR]: builds Ininjo's Debian packages from this tree —
# ininjo (the application, ininjo-cli) and ininjo-testbed (the test bed for
# support staff) — into OUTDIR (default: build-deb/ of the tree, which git
# ignores). The tree's files (those git tracks, and new ones it does not
# ignore; every file outside build directories when it is no git checkout)
# are copied to a temporary directory with data/packaging/debian/ as its
# debian/, and dpkg-buildpackage -b -us -uc builds them there, unsigned.
# The test suite is not run in the package build (DEB_BUILD_OPTIONS=nocheck:
# meson test runs it on the tree). Needs dpkg-dev, debhelper, fakeroot and
# the Build-Depends of data/packaging/debian/control.
set -euo pipefail

src=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
out=${1:-$src/build-deb}
die() { printf 'build-deb.sh: %s\n' "$*" >&2; exit 1; }
for tool in dpkg-buildpackage:dpkg-dev dh:debhelper fakeroot:fakeroot dpkg-checkbuilddeps:dpkg-dev; do
  command -v "${tool%%:*}" >/dev/null || die "${tool%%:*} is missing (Debian package ${tool#*:})"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ininjo-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
tree=$work/ininjo
mkdir -p "$tree"
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # (deleted but not yet committed files are skipped)
  (cd "$src" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$src" && while IFS= read -r -d "" f; do if [ -e "$f" ] || [ -L "$f" ]; then printf "%s\0" "$f"; fi; done) |
    tar -C "$src" --null --no-recursion -T - -cf - | tar -C "$tree" -xf -
else
  (cd "$src" && find . \( -path './build' -o -path './build-*' -o -path './_build' \) -prune -o \
     \( -type f -o -type l \) -print0 | tar --null --no-recursion -T - -cf -) | tar -C "$tree" -xf -
fi
rm -rf "$tree/debian"
cp -a "$tree/data/packaging/debian" "$tree/debian"

cd "$tree"
dpkg-checkbuilddeps || die "install the Build-Depends above (apt-get install …), then run again"
DEB_BUILD_OPTIONS="nocheck${DEB_BUILD_OPTIONS:+ $DEB_BUILD_OPTIONS}" \
  dpkg-buildpackage -b -us -uc -rfakeroot

mkdir -p "$out"
version=$(dpkg-parsechangelog -S Version)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
for f in "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo; do
  [ -e "$f" ] && mv -f "$f" "$out/"
done
echo "build-deb.sh: built in $out:"
ls -1 "$out"/ininjo*_"${version}"_"${arch}".deb
