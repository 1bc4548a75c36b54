#!/usr/bin/env python3
"""test-cli-change.py CLI EXAMPLES PERSONAS: `ininjo-cli card change-password`
and `change-pin` on the representative's virtual card (inside with-card.sh
--profile representative).

On a terminal (a pseudo-terminal): the tries are shown before anything is
asked, the values are asked without echo, the password is changed and the
delegation is then signed with the new one (and not with the old); two new
entries that differ are refused with nothing sent to the card. With
--password-fd (no terminal): the PIN is changed; a bad new value, a wrong
current value and a missing terminal each fail as they should. The APDU
log is the proof of what reached the card. The audit log has an event for
each change the card was asked for (ok, or failed with the card's code),
none for what stopped before, never a value, and its chain holds."""
import json
import re
import os
import pty
import select
import socket
import subprocess
import sys
import tempfile
import time

cli, examples, personas = sys.argv[1:4]
apdu_log = os.environ["INJ_TEST_VCARD_LOG"]
control_path = os.environ["INJ_TEST_VCARD_CONTROL"]
ca = os.path.join(personas, "ca", "sign-ca.pem")
results = []


def tap(ok, what, detail=""):
    results.append(ok)
    print(("ok" if ok else "not ok") + f" {len(results)} - {what}", flush=True)
    if not ok and detail:
        for line in detail.splitlines():
            print("# " + line)


def log_entries():
    with open(apdu_log, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def count(ins, with_data=None):
    n = 0
    for e in log_entries():
        if e.get("event") != "apdu" or e.get("ins") != ins:
            continue
        if with_data is not None and (e.get("empty") is False) != with_data:
            continue
        n += 1
    return n


def status():
    s = socket.socket(socket.AF_UNIX)
    s.connect(control_path)
    s.sendall(b"status\n")
    return json.loads(s.makefile().readline())


def audit_events():
    path = os.path.join(os.environ["XDG_STATE_HOME"], "ininjo", "audit.jsonl")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def audit_changes(since):
    """The events of a change of the password or PIN after the first @since."""
    return [e for e in audit_events()[since:]
            if e.get("action") in ("password-change", "pin-change")]


def audit_bare_text():
    """audit.jsonl without its hashes (hex, where 4 digits may occur)."""
    path = os.path.join(os.environ["XDG_STATE_HOME"], "ininjo", "audit.jsonl")
    with open(path, encoding="utf-8") as f:
        return re.sub(r'"(prev|hash)":"[0-9a-f]*"', "", f.read())


def audited(since, what, action, result, code=None):
    """Taps that there is exactly one change event since @since: @action,
    @result, @code."""
    got = audit_changes(since)
    ok = (len(got) == 1 and got[0].get("action") == action and got[0].get("result") == result
          and got[0].get("code") == code and "detail" not in got[0]
          and "fingerprint" not in got[0])
    tap(ok, what, json.dumps(got, ensure_ascii=False))


def converse(args, answers):
    """Runs CLI on a pty; sends the next answer at every prompt (": ").
    Returns the exit code, the whole output, and the output seen before
    the first answer."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(cli, [cli] + args)
    seen = b""
    before_first = None
    sent = 0
    deadline = time.time() + 30
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        if seen.endswith(b": ") and sent < len(answers):
            if before_first is None:
                before_first = seen.decode("utf-8", "replace")
            os.write(fd, answers[sent].encode() + b"\n")
            sent += 1
            seen += b"\n"
    else:
        print("# no end after 30 s; seen: " + seen.decode("utf-8", "replace").replace("\n", "\n# "),
              flush=True)
        os.kill(pid, 15)
    _, st = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(st), seen.decode("utf-8", "replace"), before_first or ""


def wait_second_card(present):
    """Until `opensc-tool -l` shows (or no longer shows) a card in the
    second vpcd slot."""
    for _ in range(200):
        listing = subprocess.run(["opensc-tool", "-l"], capture_output=True, text=True).stdout
        if bool(re.search(r"Yes.*Virtual PCD 00 01", listing)) == present:
            return
        time.sleep(0.05)


def run(args, fd_text=None):
    """Runs CLI without a terminal (a new session: no /dev/tty); @fd_text
    is given on descriptor 3, as the shell tests do."""
    env = dict(os.environ)
    if fd_text is None:
        command = [cli] + args
    else:
        env["FD_TEXT"] = fd_text
        command = ["bash", "-c", 'exec "$0" "$@" 3< <(printf %s "$FD_TEXT")', cli] + args
    p = subprocess.run(command, capture_output=True, text=True, start_new_session=True,
                       stdin=subprocess.DEVNULL, env=env, timeout=120)
    return p.returncode, p.stdout + p.stderr


with tempfile.TemporaryDirectory() as work:
    env_xdg = {"XDG_DATA_HOME": os.path.join(work, "data"),
               "XDG_STATE_HOME": os.path.join(work, "state")}
    os.environ.update(env_xdg)
    draft = os.path.join(work, "d.xml")
    subprocess.run([cli, "new", "-i", os.path.join(examples, "corporation.ini"), "-o", draft],
                   check=True, capture_output=True)

    # --- the signing password, on a terminal
    audited_before = len(audit_events())
    code, out, first = converse(["card", "change-password"],
                                ["testpass1", "newpass22", "NEWPASS22"])
    tap(code == 0, "change-password on a terminal: exit 0", out)
    tap("署名用電子証明書のパスワード：残り 5 回（最大 5 回）" in first,
        "the tries left are shown before anything is asked", first)
    tap("現在の署名用電子証明書のパスワード: " in out and "新しい署名用電子証明書のパスワード: " in out
        and "新しい署名用電子証明書のパスワード（確認のため、もう一度）: " in out,
        "asks the current value, then the new one twice", out)
    tap("英字（A〜Z）と数字（0〜9）の6〜16文字" in out, "says the new value's rule", out)
    tap("署名用電子証明書のパスワードを変更しました" in out, "says it was changed", out)
    tap(not any(s in out.upper() for s in ("TESTPASS1", "NEWPASS22")),
        "no value is echoed", out)
    tap(count("VERIFY", True) == 1 and count("CHANGE REFERENCE DATA") == 1,
        "one VERIFY with data and one CHANGE reached the card")
    st = status()
    tap(not st["sign_verified"] and not st["auth_verified"], "the card is left unverified",
        json.dumps(st))
    with open(apdu_log, encoding="utf-8") as f:
        text = f.read().upper()
    tap("TESTPASS1" not in text and "NEWPASS22" not in text and "4E455750415353323232" not in text,
        "no value reaches the APDU log")
    audited(audited_before, "the audit log has the change: password-change, ok",
            "password-change", "ok")

    # --- the new password signs, the old one does not
    code, out = run(["sign", draft, "-o", os.path.join(work, "old.xml"), "--trust", ca,
                     "--password-fd", "3"], fd_text="TESTPASS1\n")
    tap(code == 5 and "残り 4 回" in out, "signing with the old password fails (exit 5)", out)
    code, out = run(["sign", draft, "-o", os.path.join(work, "s.xml"), "--trust", ca,
                     "--password-fd", "3"], fd_text="NEWPASS22\n")
    tap(code == 0 and os.path.exists(os.path.join(work, "s.xml")),
        "signing with the new password works", out)

    # --- two new entries that differ: nothing sent
    verifies, changes = count("VERIFY", True), count("CHANGE REFERENCE DATA")
    audited_before = len(audit_events())
    code, out, _ = converse(["card", "change-password"], ["NEWPASS22", "ABCDEF12", "ABCDEF13"])
    tap(code == 1, "a mismatch of the two new entries: exit 1", out)
    tap("1回目と2回目で一致しません" in out and "カードには何も送っていません" in out,
        "says so, and that nothing was sent", out)
    tap(count("VERIFY", True) == verifies and count("CHANGE REFERENCE DATA") == changes,
        "no VERIFY with data and no CHANGE reached the card")
    tap(audit_changes(audited_before) == [], "nothing reached the card: nothing audited",
        json.dumps(audit_changes(audited_before)))
    code, out = run(["sign", draft, "-o", os.path.join(work, "s2.xml"), "--trust", ca,
                     "--password-fd", "3"], fd_text="NEWPASS22\n")
    tap(code == 0, "the password is still the new one", out)

    # --- the authentication PIN, from a file descriptor
    audited_before = len(audit_events())
    code, out = run(["card", "change-pin", "--password-fd", "3"], fd_text="1234\n8642\n8642\n")
    tap(code == 0 and "利用者証明用電子証明書の暗証番号を変更しました" in out,
        "change-pin with --password-fd: exit 0", out)
    tap("利用者証明用電子証明書の暗証番号：残り 3 回（最大 3 回）" in out, "shows the tries left", out)
    audited(audited_before, "the audit log has it: pin-change, ok", "pin-change", "ok")
    st = status()
    tap(not st["sign_verified"] and not st["auth_verified"], "the card is left unverified",
        json.dumps(st))

    # --- a bad new value: nothing sent
    before = len([e for e in log_entries() if e.get("event") == "apdu"])
    verifies = count("VERIFY", True)
    audited_before = len(audit_events())
    code, out = run(["card", "change-pin", "--password-fd", "3"], fd_text="8642\n123\n123\n")
    tap(code == 5 and "数字4桁にしてください" in out, "a 3-digit new PIN is refused (exit 5)", out)
    tap(count("VERIFY", True) == verifies and count("CHANGE REFERENCE DATA") == changes + 1,
        "and no VERIFY with data nor CHANGE was sent")
    tap(audit_changes(audited_before) == [], "a bad new value is not audited (nothing sent)",
        json.dumps(audit_changes(audited_before)))

    # --- a wrong current value: one try, the tries left said
    code, out = run(["card", "change-pin", "--password-fd", "3"], fd_text="0000\n1111\n1111\n")
    tap(code == 5 and "残り 2 回" in out, "a wrong current PIN: exit 5, 2 tries left", out)
    tap(count("VERIFY", True) == verifies + 1 and count("CHANGE REFERENCE DATA") == changes + 1,
        "exactly one VERIFY with data, no CHANGE")
    tap(status()["auth_tries"] == 2, "one try used on the card")
    audited(audited_before,
            "the audit log has it: pin-change, failed, with the card's code (CKR_PIN_INCORRECT)",
            "pin-change", "failed", "inj-pkcs11-error:160")
    audited_before = len(audit_events())
    code, out = run(["card", "change-pin", "--password-fd", "3"], fd_text="8642\n1234\n1234\n")
    tap(code == 0, "the right one changes it back (and the count is full again)", out)
    tap(status()["auth_tries"] == 3, "3 tries again")
    audited(audited_before, "changed back: pin-change, ok", "pin-change", "ok")

    # --- a locked password, on a second card: refused before anything is
    # asked, under both answers a locked card may give to the tries query
    for query in ("63C0", "6984"):
        second_log = os.path.join(work, f"locked-{query}.jsonl")
        second = subprocess.Popen([os.environ["INJ_TEST_VCARD"], "--profile",
                                   os.path.join(personas, "personas", "representative"),
                                   "--port", "35964", "--sign-tries", "0", "--locked-query", query,
                                   "--log", second_log, "--exit-with-parent"],
                                  stdout=subprocess.PIPE, text=True)
        second.stdout.readline()  # "ininjo-vcard: ready"
        wait_second_card(True)
        audited_before = len(audit_events())
        code, out = run(["card", "change-password", "-r", "Virtual PCD 00 01", "--password-fd",
                         "3"], fd_text="TESTPASS1\nNEWPASS33\nNEWPASS33\n")
        tap(code == 5 and "市区町村の窓口" in out and "ロックされています" in out,
            f"a locked password ({query}): exit 5, with the municipal office", out)
        # (from --password-fd no prompt is shown; the new value's rule is,
        # after the current value was read)
        tap("英字（A〜Z）" not in out, f"nothing was asked ({query})", out)
        with open(second_log, encoding="utf-8") as f:
            entries = [json.loads(line) for line in f if line.strip()]
        tap(not any(e.get("ins") in ("VERIFY", "CHANGE REFERENCE DATA") and e.get("empty") is False
                    or e.get("ins") == "CHANGE REFERENCE DATA" for e in entries),
            f"no VERIFY with data, no CHANGE on that card ({query})")
        tap(audit_changes(audited_before) == [], f"a locked card is not audited ({query})",
            json.dumps(audit_changes(audited_before)))
        second.terminate()
        second.wait()
        wait_second_card(False)

    # --- the audit log: its chain holds, the changes are labelled, no value
    code, out = run(["audit", "verify"])
    tap(code == 0, "audit verify: the chain holds (exit 0)", out)
    code, out = run(["audit", "show"])
    tap(code == 0 and out.count("署名用電子証明書のパスワードを変更: 成功") == 1
        and out.count("利用者証明用電子証明書の暗証番号を変更: 成功") == 2
        and out.count("利用者証明用電子証明書の暗証番号を変更: 失敗 (inj-pkcs11-error:160)") == 1,
        "audit show labels each change and its result", out)
    bare = audit_bare_text()
    tap(not any(v in bare.upper() for v in ("TESTPASS1", "NEWPASS22", "ABCDEF12", "ABCDEF13",
                                              "NEWPASS33")),
        "no password, old or new, is in audit.jsonl", bare)
    # the PINs (4 digits may be in another event's serial): in no change event
    changes = json.dumps([{k: v for k, v in e.items() if k not in ("prev", "hash")}
                          for e in audit_changes(0)])
    tap(len(audit_changes(0)) == 4
        and not any(v in changes for v in ("1234", "8642", "0000", "1111")),
        "no PIN, old or new, is in the change events", changes)

    # --- no terminal and no --password-fd
    code, out = run(["card", "change-password"])
    tap(code != 0 and "端末がありません" in out, "without a terminal it says to use --password-fd", out)

    # --- the card verb itself
    code, out = run(["card"])
    tap(code == 0 and "署名用電子証明書のパスワード: 残り 5 回" in out,
        "`card` with no argument still shows the card", out)
    code, out = run(["card", "change-passwd"])
    tap(code == 2, "an unknown word is a usage error", out)
    code, out = run(["card", "--help"])
    tap(code == 0 and "card [change-password|change-pin]" in out, "card --help names the two", out)
    code, out = run(["--help"])
    tap("署名用電子証明書のパスワードと利用者証明用電子証明書の暗証番号の変更もできます" in out,
        "ininjo-cli --help says the card verb changes them", out)
    code, out = run(["card", "change-password", "--help"])
    tap(code == 0 and "--password-fd" in out, "change-password --help", out)

print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
