#!/usr/bin/env python3
"""test-audit.py CLI: `ininjo-cli audit verify` and `audit show`.

The log is written here from its documented format (app/storage/inj-audit.h), an
implementation independent of Ininjo's: that the CLI accepts it checks the
format as documented. Then a line is changed, removed, swapped, cut off:
verify exits 1 and names the line. Messages are compared with the
translation of their msgid, whatever the language."""
import gettext
import hashlib
import os
import subprocess
import sys
import tempfile

cli = sys.argv[1]
results = []
tr = gettext.translation("ininjo", localedir=os.environ.get("ININJO_LOCALEDIR"),
                         languages=[os.environ.get("LANGUAGE", "ja")], fallback=True)
_ = tr.gettext
GENESIS = "ininjo audit log v1"


def tap(ok, what, detail=""):
    results.append(ok)
    print(("ok" if ok else "not ok") + f" {len(results)} - {what}")
    if not ok and detail:
        for line in detail.splitlines():
            print("# " + line)


def sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


def make_log(events):
    lines, prev = [], sha(GENESIS)
    for seq, ev in enumerate(events, 1):
        body = '{"seq":%d' % seq
        for key in ("time", "action", "fingerprint", "serial", "delegation", "result", "code",
                    "detail"):
            if key in ev:
                body += ',"%s":"%s"' % (key, ev[key])
        body += ',"prev":"%s"' % prev
        line = body + ',"hash":"%s"}' % sha(body)
        lines.append(line)
        prev = sha(line)
    return lines


def run(*args, env=None):
    p = subprocess.run([cli, *args], capture_output=True, text=True, env=env)
    return p.returncode, p.stdout, p.stderr


FP = "12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0"
events = [
    {"time": "2026-03-31T15:04:05Z", "action": "sign", "fingerprint": FP, "serial": "0A1B",
     "delegation": "0b6f5a3e-2c1d-4e5f-8a9b-0c1d2e3f4a5b", "result": "ok"},
    {"time": "2026-03-31T15:05:00Z", "action": "upload",
     "delegation": "0b6f5a3e-2c1d-4e5f-8a9b-0c1d2e3f4a5b", "result": "failed",
     "code": "inj-net-error:3", "detail": "http-422"},
    {"time": "2026-03-31T15:06:00Z", "action": "validity",
     "delegation": "0b6f5a3e-2c1d-4e5f-8a9b-0c1d2e3f4a5b", "result": "ok", "detail": "active"},
    {"time": "2026-03-31T15:07:00Z", "action": "sign", "result": "cancelled",
     "code": "g-io-error:19"},
]

with tempfile.TemporaryDirectory() as work:
    log = os.path.join(work, "audit.jsonl")
    good = make_log(events)

    def write(lines, end="\n"):
        with open(log, "w") as f:
            f.write("\n".join(lines) + end)

    write(good)
    rc, out, err = run("audit", "verify", log)
    tap(rc == 0, "verify: an intact log exits 0", err)
    tap(out == tr.ngettext("%s: intact (%u event)\n", "%s: intact (%u events)\n", 4) % (log, 4),
        "and counts its events", out)

    rc, out, err = run("audit", "show", log)
    tap(rc == 0, "show: exits 0", err)
    tap(_("Signed a delegation") in out and _("Sent a delegation to the service") in out and
        _("Checked a delegation's validity") in out, "names each action in the user's language",
        out)
    tap(_("succeeded") in out and _("failed") in out and _("cancelled") in out,
        "and each result", out)
    tap("2026-04-01 00:04:05" in out, "times in Japan time (JST)", out)
    tap(FP in out and "inj-net-error:3" in out and "http-422" in out,
        "the fingerprint, the error code and the service's answer", out)
    tap(out.index("00:04:05") < out.index("00:07:00"), "oldest first", out)

    def broken(lines, line, what, end="\n"):
        write(lines, end)
        rc, out, err = run("audit", "verify", log)
        tap(rc == 1, f"verify: {what} exits 1", out + err)
        tap(f"{log}:{line}:" in err, f"and names line {line}", err)
        return err

    edited = list(good)
    edited[1] = edited[1].replace("http-422", "http-423")
    err = broken(edited, 2, "an edited value")
    tap(_("Line %u was changed after it was written.") % 2 in err, "says it was changed", err)

    removed = good[:1] + good[2:]
    err = broken(removed, 2, "a removed line")
    tap(_("Line %u carries number %s: a line before it was removed or the lines were "
          "reordered.") % (2, "3") in err, "says a line before it was removed", err)

    swapped = [good[0], good[2], good[1], good[3]]
    broken(swapped, 2, "two swapped lines")

    cut = list(good)
    cut[3] = cut[3][: len(cut[3]) // 2]
    err = broken(cut, 4, "the last line cut half-way", end="")
    tap(_("Line %u is cut off: the log was truncated or a write did not finish.") % 4 in err,
        "says it is cut off", err)

    rc, out, err = run("audit", "show", log)
    tap(rc == 1, "show: a broken log exits 1 after the events", out + err)
    tap(_("Signed a delegation") in out, "and still shows what it can read", out)

    rc, out, err = run("audit", "verify", os.path.join(work, "missing.jsonl"))
    tap(rc == 3, "verify: a missing FILE exits 3", err)
    rc, out, err = run("audit", "verify", log, log)
    tap(rc == 2, "verify: two files is a usage error (2)", err)
    rc, out, err = run("audit")
    tap(rc == 2 and "verify" in err and "show" in err, "audit alone: usage (2), names verbs", err)

    # Without FILE: the user's log under $XDG_STATE_HOME.
    env = dict(os.environ, XDG_STATE_HOME=os.path.join(work, "state"))
    rc, out, err = run("audit", "verify", env=env)
    tap(rc == 0, "verify: no log yet is intact (0)", out + err)
    # (the CLI made the directory already: its log file lives there)
    os.makedirs(os.path.join(work, "state", "ininjo"), exist_ok=True)
    with open(os.path.join(work, "state", "ininjo", "audit.jsonl"), "w") as f:
        f.write("\n".join(good) + "\n")
    rc, out, err = run("audit", "show", env=env)
    tap(rc == 0 and FP in out, "show: reads $XDG_STATE_HOME/ininjo/audit.jsonl", out + err)

print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
