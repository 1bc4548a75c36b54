#!/usr/bin/env python3
"""bench-startup.py ININJO BARE N: start-up of the real GUI under Xvfb.

Run inside with-card.sh --profile (the bed's virtual card and private pcscd)
and xvfb-run. For each of N runs of each program: the time from exec to the
first frame drawn (the program writes the CLOCK_MONOTONIC time of its first
frame to $ININJO_FIRST_FRAME_FILE), then, after IDLE seconds at rest, its
resident memory (VmRSS) and peak resident memory (VmHWM) from /proc. Prints
the medians of Ininjo, of BARE (a libadwaita window with one label: what
GTK and libadwaita cost by themselves) and their ratios.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

IDLE_S = 3.0
TIMEOUT_S = 60.0


def now_us():
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000


def status_kib(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {key} for {pid}")


def one_run(cmd):
    with tempfile.TemporaryDirectory(prefix="ininjo-bench-") as tmp:
        mark = os.path.join(tmp, "first-frame")
        env = dict(os.environ, ININJO_FIRST_FRAME_FILE=mark)
        start = now_us()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
        try:
            while True:
                if os.path.exists(mark) and os.path.getsize(mark) > 0:
                    break
                if proc.poll() is not None:
                    raise RuntimeError(f"{cmd[0]} ended ({proc.returncode}) before drawing")
                if now_us() - start > TIMEOUT_S * 1e6:
                    raise RuntimeError(f"{cmd[0]} drew nothing in {TIMEOUT_S} s")
                time.sleep(0.002)
            with open(mark) as f:
                first = int(f.read())
            time.sleep(IDLE_S)
            rss = status_kib(proc.pid, "VmRSS")
            hwm = status_kib(proc.pid, "VmHWM")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    return (first - start) / 1000.0, rss / 1024.0, hwm / 1024.0


def measure(cmd, n):
    runs = [one_run(cmd) for _ in range(n)]
    return [statistics.median(r[i] for r in runs) for i in range(3)], runs


def main():
    ininjo, bare, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    card = "with the virtual card (representative) in a private pcscd" \
        if os.environ.get("INJ_TEST_VCARD_LOG") else "without a card"
    print(f"start-up under Xvfb, {card}; median of {n} runs; memory {IDLE_S:.0f} s after the first frame")
    results = {}
    for name, cmd in (("ininjo", [ininjo]), ("bare libadwaita window", [bare])):
        (ms, rss, hwm), runs = measure(cmd, n)
        results[name] = (ms, rss, hwm)
        print(f"# {name}: " + ", ".join(f"{r[0]:.0f} ms" for r in runs))
    print(f"{'':24} {'first frame ms':>15} {'VmRSS MiB':>10} {'VmHWM MiB':>10}")
    for name, (ms, rss, hwm) in results.items():
        print(f"{name:24} {ms:15.1f} {rss:10.1f} {hwm:10.1f}")
    a, b = results["ininjo"], results["bare libadwaita window"]
    print(f"ratio ininjo/bare window: first frame {a[0] / b[0]:.2f}, VmRSS {a[1] / b[1]:.2f}, "
          f"VmHWM {a[2] / b[2]:.2f}")


if __name__ == "__main__":
    main()
