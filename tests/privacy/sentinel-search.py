#!/usr/bin/env python3
"""sentinel-search.py TREE PERSONA_DIR FIRST LOCALEDIR: after the sentinel test's run,
every regular file under TREE is read as bytes and searched for each of the
sentinel persona's secrets and personal data, in every form they may take.
TAP lines numbered from FIRST on stdout (no plan: test-sentinel.sh ends it).

What is searched, and what is not (each exclusion is printed with why):
  - everything under TREE: what Ininjo wrote in HOME, XDG_STATE_HOME (logs,
    audit log), XDG_DATA_HOME (outbox, sent packages, drafts),
    XDG_CONFIG_HOME (settings key file, ininjo.ini), XDG_CACHE_HOME, TMPDIR,
    the documents and bundle it was asked to write, the screenshots, and
    what every command printed (TREE/output: stdout and stderr, the log as
    the user sees it);
  - archives (a .tar, gzip) both as bytes and member by member;
  - PDF files (issue 17: the rendered delegation, the print output, and any
    print spool GTK leaves in TMPDIR) both as bytes and as their text
    (pdftotext): a PDF's text is in compressed streams, in a subset font's
    codes, where a byte search never finds it;
  - base64 (a signed statement kept in a file or sent in a request is
    base64-encoded): the main forms of each group also at each of the
    three alignments;
  - the account's 基本情報 (issue 16): the 代表者電話番号 the test gave
    the sentinel (TREE/test/phone) is searched like the address, and the
    address and the date of birth are in it too;
  - the documents the user explicitly asked for (the delegation, the signed
    delegation, the agent's submission: TREE/docs/*.xml) may hold the name
    and address, which are their legal content, and nothing else; on
    standard output the address may be shown as the corporation's head
    office (see below).

The 4-digit authentication PIN is too short to search blindly (it occurs in
hashes, fingerprints, sizes and times by chance): it is searched only where
a PIN could appear, after "pin", "password", "=", ":" and similar words, or
as a number of its own, not inside a longer run of digits or hex digits;
its APDU form (ASCII hex, 8 digits) is searched everywhere. (Not as a
number in the virtual cards' APDU logs, which count milliseconds.)
"""
import base64
import configparser
import gettext
import gzip
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile

tree, persona_dir, first, localedir = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
n = first - 1
failed = 0


def ok(desc):
    global n
    n += 1
    print("ok %d - %s" % (n, desc))


def not_ok(desc, lines=()):
    global n, failed
    n += 1
    failed += 1
    print("not ok %d - %s" % (n, desc))
    for l in lines:
        print("# " + l)


def ini(path):
    cp = configparser.ConfigParser(interpolation=None)
    cp.read(path, encoding="utf-8")
    return cp


persona = ini(os.path.join(persona_dir, "persona.ini"))
name = persona["san"]["name"]
address = persona["san"]["address"]
birth = persona["san"]["birth-date"]          # era digit + YYYYMMDD
sign_pw = persona["card"]["sign-pin"]
auth_pin = persona["card"]["auth-pin"]
wrong_pw = open(os.path.join(tree, "test", "wrong-password"), encoding="utf-8").read().strip()
new_pw = open(os.path.join(tree, "test", "new-password"), encoding="utf-8").read().strip()
phone_path = os.path.join(tree, "test", "phone")
phone = open(phone_path, encoding="utf-8").read().strip() if os.path.exists(phone_path) else None


as_bytes = lambda v: v if isinstance(v, bytes) else v.encode()


def hexes(text):
    b = text.encode()
    forms = {}
    for case, h in (("upper", b.hex().upper()), ("lower", b.hex())):
        forms["hex " + case] = h
        forms["spaced hex " + case] = " ".join(h[i:i + 2] for i in range(0, len(h), 2))
        forms["colon hex " + case] = ":".join(h[i:i + 2] for i in range(0, len(h), 2))
    return forms


def json_escaped(text):
    lo = "".join(c if ord(c) < 128 else "\\u%04x" % ord(c) for c in text)
    return {"JSON \\u escapes": lo, "JSON \\u escapes upper": lo.replace("\\u", "\\U").upper().replace("\\U", "\\u")}


def width_fold(text):
    """full-width digits and letters to ASCII"""
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)


def base64_forms(label, text):
    """@text base64-encoded inside a longer text, at each of the three
    alignments: only the characters that depend on @text's bytes alone"""
    b = as_bytes(text)
    forms = {}
    for shift in range(3):
        enc = base64.b64encode(b"\0" * shift + b)
        first, last = -(-8 * shift // 6), 8 * (shift + len(b)) // 6
        forms["%s, base64 (alignment %d)" % (label, shift)] = enc[first:last]
    return forms


def with_base64(forms, *labels):
    for label in labels:
        forms.update(base64_forms(label, forms[label]))
    return forms


def password_forms(pw):
    forms = {"as typed": pw, "lower-case": pw.lower()}
    forms.update(hexes(pw))
    forms["UTF-16"] = pw.encode("utf-16-le")
    return with_base64(forms, "as typed")


surname, given = name.split("\u3000")
name_forms = {"as on the card": name, "without the space": surname + given,
              "with a half-width space": surname + " " + given,
              "UTF-16": name.encode("utf-16-le")}
name_forms.update(json_escaped(name))
with_base64(name_forms, "as on the card", "with a half-width space")
pref_end = address.index("道") + 1 if "道" in address[:4] else 3
after_pref = address[pref_end:]
address_forms = {"whole": address, "after the prefecture": after_pref,
                 "whole, half-width digits": width_fold(address),
                 "after the prefecture, half-width digits": width_fold(after_pref),
                 "UTF-16": address.encode("utf-16-le")}
address_forms.update(json_escaped(after_pref))
with_base64(address_forms, "whole", "after the prefecture")
era, y, m, d = birth[0], int(birth[1:5]), int(birth[5:7]), int(birth[7:9])
era_names = {"1": ("明治", 1867, "M"), "2": ("大正", 1911, "T"), "3": ("昭和", 1925, "S"),
             "4": ("平成", 1988, "H"), "5": ("令和", 2018, "R")}
en, base, letter = era_names[era]
ey = y - base
birth_forms = {
    "the card's encoding (era digit + YYYYMMDD)": birth,
    "YYYYMMDD": "%04d%02d%02d" % (y, m, d),
    "YYYY-MM-DD": "%04d-%02d-%02d" % (y, m, d),
    "YYYY/MM/DD": "%04d/%02d/%02d" % (y, m, d),
    "YYYY年M月D日": "%d年%d月%d日" % (y, m, d),
    "和暦": "%s%d年%d月%d日" % (en, ey, m, d),
    "和暦, two digits": "%s%02d年%02d月%02d日" % (en, ey, m, d),
    "S26.03.27 style": "%s%02d.%02d.%02d" % (letter, ey, m, d),
    "S26.3.27 style": "%s%d.%d.%d" % (letter, ey, m, d),
    "和暦 full-width digits": "%s%s年%s月%s日" % (en, *("".join(chr(ord(c) + 0xFEE0) for c in str(v))
                                                     for v in (ey, m, d))),
}
with_base64(birth_forms, "YYYY-MM-DD")

groups = [
    ("the signing password", password_forms(sign_pw), True),
    ("the wrong password typed first", password_forms(wrong_pw), True),
    ("the new password of the change (issue 17)", password_forms(new_pw), True),
    ("the date of birth", birth_forms, True),
    ("the name", name_forms, False),
    ("the address", address_forms, False),
]
if phone:
    # 代表者電話番号: as typed, its digits alone, full-width
    phone_forms = {"as typed": phone, "digits alone": re.sub(r"[^0-9]", "", phone),
                   "full-width digits": "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c
                                                for c in phone),
                   "UTF-16": phone.encode("utf-16-le")}
    groups.append(("the telephone number", with_base64(phone_forms, "as typed"), True))
# the authentication PIN: plain forms anywhere, the number in context only
pin_plain = {"APDU hex": auth_pin.encode().hex().upper(), "APDU hex lower": auth_pin.encode().hex(),
             "APDU spaced hex": " ".join("3%s" % c for c in auth_pin)}
pin_regexes = {
    "after a PIN or password word": re.compile(
        rb"(?i)(?:pin|password|passwd|passcode|secret|code|" + "暗証番号|パスワード".encode() + rb")"
        rb"[\s\"':=\-]{0,4}" + auth_pin.encode()),
    # not the start of a longer digit or hex run (the audit log's chain
    # hashes stand after "prev":)
    "after = or :": re.compile(rb"[=:][\s\"']{0,3}" + auth_pin.encode() + rb"(?![0-9A-Fa-f])"),
    # not inside a hex or digit run, a UUID's group or a decimal number
    "a number of its own": re.compile(rb"(?<![0-9A-Fa-f.\-])" + auth_pin.encode() + rb"(?![0-9A-Fa-f\-]|\.[0-9])"),
}

all_needles = []
for _, forms, _ in groups:
    all_needles += [as_bytes(v) for v in forms.values()]
all_needles += [as_bytes(v) for v in pin_plain.values()]


def masked_context(data, off, length):
    lo, hi = max(0, off - 40), min(len(data), off + length + 40)
    chunk = data[lo:off] + b"\x00SENTINEL\x00" + data[off + length:hi]
    for nd in sorted(all_needles, key=len, reverse=True):
        chunk = chunk.replace(nd, b"\x00SENTINEL\x00")
    text = chunk.decode("utf-8", errors="replace").replace("\x00SENTINEL\x00", "«sentinel»")
    return repr(text)


# --- which files, and which rules
rel = lambda p: os.path.relpath(p, tree)
draft = open(os.path.join(tree, "test", "draft-path")).read().strip() \
    if os.path.exists(os.path.join(tree, "test", "draft-path")) else None
excluded = [
    (lambda r: r.startswith("test/"),
     "test/: the test's own files (the input file with the sentinel's name and address, TAP records, "
     "the bed's account with the personas' passwords, copies of the commands' output in test/cmd/)"),
    (lambda r: re.match(r"tmp/inj-card\.[^/]+/", r) is not None,
     "tmp/inj-card.*/: with-card.sh's work directory, left only with INJ_TEST_KEEP (pcscd's debug "
     "log: every APDU, VERIFY's password bytes among them, by design; the virtual card's own log)"),
    (lambda r: re.fullmatch(r"bed/service\.db(-wal|-shm|-journal)?", r) is not None,
     "bed/service.db: the local service's database (the service's, not Ininjo's: it stores the "
     "delegation and the agent's data as the real service does)"),
]
if draft:
    dr = rel(draft)
    excluded.append((lambda r: r == dr,
                     dr + ": the plaintext draft the test put there for the GUI's editor (the input file)"))
documents = {"docs/delegation.xml", "docs/signed.xml", "docs/submission.xml",
             "docs/delegation.pdf", "docs/printed.pdf"}  # a PDF's text is searched as its file
# What the commands printed on standard output (output/*.out: new, sign,
# agent submit, show… show the delegation): the head office's address is
# the corporation's (public, shown unmasked by design: security.md item 11
# masks a natural person's name, address and date of birth); the sentinel's
# address stands in for it so that it goes through every log and file,
# where it must not appear. So on standard output the address may stand on
# the line of the head office's label ("本店所在地: …") and nowhere else.
# Likewise a corporation's 代表者名 is public registry data, shown unmasked
# (issue 15): the sentinel's name, the representative's, may stand on the
# line of that label ("代表者名: …") and nowhere else. The password, the PIN
# and the date of birth are searched there as anywhere.
def labels_of(msgid):
    return {msgid} | {
        gettext.translation("ininjo", localedir, languages=[lang], fallback=True).gettext(msgid)
        for lang in [l for l in os.environ.get("LANGUAGE", "").split(":") if l] + ["ja"]}


shown_on_label = {"the address": labels_of("Head office address"),
                  "the name": labels_of("Representative's name")}


def labelled_line(data, off, labels):
    start = data.rfind(b"\n", 0, off) + 1
    return any(data[start:off].strip().startswith(l.encode() + b":") for l in labels)

def pdf_text(path):
    """The text of a PDF as pdftotext gives it (UTF-8, reading order)."""
    if shutil.which("pdftotext") is None:
        not_ok("the text of %s searched" % rel(path),
               ["pdftotext is missing: install poppler-utils (quickstart's test packages)"])
        return b""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True)
    if done.returncode != 0:
        not_ok("the text of %s searched" % rel(path),
               ["pdftotext failed: " + done.stderr.decode(errors="replace").strip()])
    return done.stdout


files = []
for root, dirs, names in os.walk(tree):
    dirs.sort()
    for nm in sorted(names):
        p = os.path.join(root, nm)
        if os.path.isfile(p) and not os.path.islink(p):
            files.append(p)

used_exclusions = {}
searched = []          # (label, data, is_document)
total_bytes = 0
members = 0
for p in files:
    r = rel(p)
    why = next((why for test, why in excluded if test(r)), None)
    if why:
        used_exclusions.setdefault(why, []).append(r)
        continue
    data = open(p, "rb").read()
    total_bytes += len(data)
    doc = "document" if r in documents else \
        "display" if r.startswith("output/") and r.endswith(".out") else False
    searched.append((r, data, doc))
    if data[:2] == b"\x1f\x8b":
        try:
            searched.append((r + " (gunzipped)", gzip.decompress(data), doc))
            members += 1
        except (OSError, EOFError):
            pass
    if data[:5] == b"%PDF-":
        searched.append((r + " (text)", pdf_text(p), doc))
        members += 1
    try:
        with tarfile.open(fileobj=io.BytesIO(data)) as tf:
            for m in tf.getmembers():
                if m.isfile():
                    searched.append(("%s!%s" % (r, m.name), tf.extractfile(m).read(), False))
                    members += 1
    except (tarfile.TarError, EOFError, OSError):
        pass

print("# excluded from the search, and why:")
for why, paths in used_exclusions.items():
    print("#   %s" % why)
    for r in paths:
        print("#       %s" % r)
print("# searched: %d files (%d bytes) and %d archive members, among them:" %
      (len([s for s in searched if "!" not in s[0] and "(gunzipped)" not in s[0]]), total_bytes, members))
for r, _, doc in searched:
    print("#   %s%s" % (r, {"document": " (a document the user asked for: name and address allowed)",
                         "display": " (standard output: the address allowed as the head office's, "
                                    "the name as 代表者名)"}.get(doc, "")))

searched_names = {s[0] for s in searched}


def must_have(desc, pred):
    hits = [s for s in searched_names if pred(s)]
    if hits:
        ok("%s searched (%s)" % (desc, ", ".join(sorted(hits)[:3])))
    else:
        not_ok("%s searched" % desc, ["no such file in the tree"])


must_have("Ininjo's log file", lambda s: re.fullmatch(r"bed/state/ininjo/logs/[^!]*\.log", s) is not None)
must_have("the audit log", lambda s: s == "bed/state/ininjo/audit.jsonl")
must_have("the diagnostic bundle and its members", lambda s: s.startswith("docs/bundle.tar!"))
must_have("the sent package (encrypted)", lambda s: s.startswith("bed/data/ininjo/sent/"))
must_have("the settings key file", lambda s: s == "bed/config/glib-2.0/settings/keyfile")
must_have("the commands' output", lambda s: s.startswith("output/"))
must_have("the rendered delegation, as its text", lambda s: s == "docs/delegation.pdf (text)")
must_have("the print output, as its text", lambda s: s == "docs/printed.pdf (text)")
logs = [d for r, d, _ in searched if re.fullmatch(r"bed/state/ininjo/logs/[^!]*\.log", r)]
if logs and any(b"DEBUG" in d or b"debug" in d.lower() for d in logs):
    ok("the log file holds debug messages (verbose mode was on)")
else:
    not_ok("the log file holds debug messages (verbose mode was on)",
           ["%d log files" % len(logs)])


def report(desc, finds):
    if not finds:
        ok(desc)
        return
    lines = []
    for r, off, form, ctx in finds[:40]:
        lines.append("%s at byte %d: %s: %s" % (r, off, form, ctx))
    if len(finds) > 40:
        lines.append("… and %d more" % (len(finds) - 40))
    not_ok(desc, lines)


for what, forms, strict_in_docs in groups:
    finds = []
    for r, data, doc in searched:
        if doc == "document" and not strict_in_docs:
            continue
        display = doc == "display" and what in shown_on_label
        for form, value in forms.items():
            nd = as_bytes(value)
            start = data.find(nd)
            while start >= 0:
                if not (display and labelled_line(data, start, shown_on_label[what])):
                    finds.append((r, start, form, masked_context(data, start, len(nd))))
                start = data.find(nd, start + 1)
    scope = "file" if strict_in_docs else \
        "file but the documents asked for" + \
        {"the address": " and the head office's line on standard output",
         "the name": " and the 代表者名 line on standard output"}.get(what, "")
    report("%s appears in no %s (%d forms: %s)" % (what, scope, len(forms), ", ".join(forms)), finds)

finds = []
# The virtual cards' APDU logs (the bed's) stamp every APDU with a
# millisecond clock ("ms":1370): the PIN as a number is not searched there
# (they log a VERIFY's data masked; its APDU hex is searched as everywhere).
clocked = re.compile(r"bed/run/apdu-slot[01]\.jsonl")
for r, data, doc in searched:
    for form, value in pin_plain.items():
        nd = as_bytes(value)
        start = data.find(nd)
        while start >= 0:
            finds.append((r, start, form, masked_context(data, start, len(nd))))
            start = data.find(nd, start + 1)
    for form, rx in pin_regexes.items():
        if clocked.fullmatch(r):
            continue
        for mt in rx.finditer(data):
            off = mt.end() - len(auth_pin)
            finds.append((r, off, form, masked_context(data, off, len(auth_pin))))
report("the authentication PIN appears nowhere (in its APDU form anywhere; as a number after "
       "PIN/password words, = or :, or standing alone — not inside longer digit or hex runs)", finds)

# The documents prove that the sentinel was used.
docs = {r: d for r, d, doc in searched if doc == "document"}
sig = docs.get("docs/signed.xml", b"")
if surname.encode() in sig and given.encode() in sig:
    ok("the signed delegation holds the sentinel's name (the sentinel was used)")
else:
    not_ok("the signed delegation holds the sentinel's name (the sentinel was used)")

print("# %d checks here, %d failed" % (n - first + 1, failed))
sys.exit(1 if failed else 0)
