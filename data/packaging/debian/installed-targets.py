#!/usr/bin/python3
"""installed-targets.py BUILDDIR: the ninja targets of the files meson
installs, relative to BUILDDIR, one per line (debian/rules builds only
these)."""
import json
import os
import subprocess
import sys

builddir = sys.argv[1]
targets = json.loads(subprocess.check_output(["meson", "introspect", "--targets", builddir]))
root = os.path.realpath(builddir)
for target in targets:
    if not target.get("installed"):
        continue
    for path in target["filename"]:
        print(os.path.relpath(os.path.realpath(path), root))
