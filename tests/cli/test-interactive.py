#!/usr/bin/env python3
"""test-interactive.py CLI: `ininjo-cli new` on a terminal (a pseudo-terminal).

Answers every question, including a wrong 法人番号 that must be asked again,
and checks that the delegation written is valid; then stops half-way with
Ctrl+D and checks that nothing is written and the exit status is 4."""
import os
import pty
import select
import subprocess
import sys
import tempfile
import time

cli = sys.argv[1]
results = []


def tap(ok, what, detail=""):
    results.append(ok)
    print(("ok" if ok else "not ok") + f" {len(results)} - {what}")
    if not ok and detail:
        for line in detail.splitlines():
            print("# " + line)


def converse(args, answers, eof_after=None):
    """Runs CLI on a pty; sends the next answer at every prompt (": ")."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(cli, [cli] + args)
    seen = b""
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
        text = seen.decode("utf-8", "replace").rstrip(" ")
        if (text.endswith(":") or text.endswith("]:")) and seen.endswith(b": "):
            if eof_after is not None and sent == eof_after:
                os.write(fd, b"\x04")
                sent += 1
                seen += b"\n"
                continue
            if sent < len(answers):
                os.write(fd, answers[sent].encode() + b"\n")
                sent += 1
                seen += b"\n"
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", "replace"), sent


with tempfile.TemporaryDirectory() as work:
    out = os.path.join(work, "t.xml")
    answers = [
        "1",                      # 法人
        "7000012050003",          # wrong check digit: asked again
        "7000012050002",
        "テスト商事株式会社",
        "東京都千代田区試験町一丁目1番1号",
        "代表取締役",
        "試験 太郎",
        "検証 花子",
        "7",                      # 税理士 (1 is "not a 士業")
        "大阪府大阪市北区検証通二丁目2番2号",
        "",                       # no registration number: asked again
        "123456",
        "法人税の電子申告に関する一切の権限",
        "",                       # no restrictions (optional)
        "たぶん",                 # 復代理の可否 neither 可 nor 不可: asked again
        "不可",
        "today",
        "today+1y",
        "y",
    ]
    code, text, sent = converse(["new", "-o", out], answers)
    tap(code == 0, "interactive new exits 0", text)
    tap(sent == len(answers), "every question was asked once, the wrong ones twice", text)
    tap("法人番号" in text and "検査" in text, "the wrong check digit is explained", text)
    tap("税理士" in text and "登録番号" in text, "the missing registration number is explained", text)
    tap("令和" in text, "the summary shows 和暦 dates before asking", text)
    tap("復代理の可否" in text and "「可」" in text, "a wrong 復代理の可否 is explained", text)
    tap("他の者に委任できません" in text, "the summary says what 不可 means", text)
    tap(os.path.exists(out), "the delegation was written")
    if os.path.exists(out):
        v = subprocess.run([cli, "validate", out], capture_output=True, text=True)
        tap(v.returncode == 0, "the delegation written is valid", v.stdout + v.stderr)
        tap("<Qualification>税理士</Qualification>" in open(out, encoding="utf-8").read(),
            "the 士業 chosen is in the XML")
        tap("<Subdelegation>not-allowed</Subdelegation>" in open(out, encoding="utf-8").read(),
            "復代理の可否 (不可) is in the XML")
    else:
        tap(False, "the delegation written is valid")
        tap(False, "the 士業 chosen is in the XML")
        tap(False, "復代理の可否 (不可) is in the XML")

    out2 = os.path.join(work, "stopped.xml")
    code, text, _ = converse(["new", "-o", out2], answers, eof_after=4)
    tap(code == 4, "Ctrl+D half-way exits 4", text)
    tap(not os.path.exists(out2), "and writes nothing")

    out3 = os.path.join(work, "declined.xml")
    code, text, _ = converse(["new", "-o", out3], answers[:-1] + ["n"])
    tap(code == 4, "answering no at the end exits 4", text)
    tap(not os.path.exists(out3), "and writes nothing")

print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
