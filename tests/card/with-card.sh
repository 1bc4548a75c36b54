#!/usr/bin/env bash
# with-card.sh [--pid] [--vcard BIN] [--profile DIR [--vcard-arg ARG]...] -- COMMAND [ARG...]
#
# Runs COMMAND next to a private pcscd that knows only the vpcd reader, in
# a mount and network namespace of its own (unshare -mn as root, -rmn
# otherwise), so the machine's readers and pcscd are neither seen nor
# touched. With --pid also in a PID namespace of its own: when COMMAND has
# ended, whatever it left running (daemons its programs spawned) is killed
# by the kernel with the namespace. With --profile it also starts the virtual My Number card and
# waits until OpenSC sees it. OpenSC is configured to use its jpki driver.
# Only the processes started here are stopped. COMMAND's exit status is
# returned.
#
# COMMAND sees: INJ_TEST_NS=1, OPENSC_CONF, INJ_TEST_VCARD (the emulator),
# and with --profile INJ_TEST_VCARD_LOG and INJ_TEST_VCARD_CONTROL.
set -euo pipefail

vcard="" profile="" vcard_args=() pidns=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pid) pidns=1; shift ;;
    --vcard) vcard=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    --vcard-arg) vcard_args+=("$2"); shift 2 ;;
    --) shift; break ;;
    *) echo "with-card.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "with-card.sh: no command" >&2; exit 2; }

need() {
  command -v "$1" >/dev/null || { echo "with-card.sh: $1 is missing (Debian package $2)" >&2; exit 1; }
}

if [ -z "${INJ_TEST_NS:-}" ]; then
  need unshare util-linux
  need pcscd pcscd
  need opensc-tool opensc
  need ip iproute2
  [ -e /usr/lib/pcsc/drivers/serial/libifdvpcd.so ] || {
    echo "with-card.sh: the vpcd reader driver is missing (Debian package vsmartcard-vpcd)" >&2; exit 1; }
  if [ "$(id -u)" -eq 0 ]; then ns=(-m -n); else ns=(-r -m -n); fi
  [ -z "$pidns" ] || ns+=(-p --mount-proc)
  export INJ_TEST_NS=1
  exec unshare "${ns[@]}" --fork -- "$0" ${vcard:+--vcard "$vcard"} ${profile:+--profile "$profile"} \
    $(for a in "${vcard_args[@]+"${vcard_args[@]}"}"; do printf -- '--vcard-arg %q ' "$a"; done) -- "$@"
fi

# ---- inside the namespaces
work=$(mktemp -d "${TMPDIR:-/tmp}/inj-card.XXXXXX")
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]+"${pids[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]+"${pids[@]}"}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${INJ_TEST_KEEP:-}" ] || rm -rf "$work"
  exit $status
}
trap cleanup EXIT INT TERM

ip link set lo up
# pcscd's socket lives in /run/pcscd: a private, empty one here.
if [ -d /run/pcscd ]; then
  mount -t tmpfs -o mode=0755 tmpfs /run/pcscd
else
  # The user's runtime directory (a Wayland display, the session bus) stays
  # where it was: held open, then bound again over the new /run.
  runtime=""
  if [ -n "${XDG_RUNTIME_DIR:-}" ] && [ -d "$XDG_RUNTIME_DIR" ] && [[ $XDG_RUNTIME_DIR == /run/* ]]; then
    runtime=$XDG_RUNTIME_DIR
    exec 8<"$runtime"
  fi
  mount -t tmpfs -o mode=0755 tmpfs /run
  mkdir -p /run/pcscd
  if [ -n "$runtime" ]; then
    mkdir -p "$runtime"
    mount --no-canonicalize --bind /proc/self/fd/8 "$runtime"
    exec 8<&-
  fi
fi

mkdir -p "$work/reader.conf.d"
cat > "$work/reader.conf.d/vpcd" <<CONF
FRIENDLYNAME "Virtual PCD"
DEVICENAME   /dev/null:0x8C7B
LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
CHANNELID    0x8C7B
CONF
cat > "$work/opensc.conf" <<CONF
app default {
  card_drivers = jpki;
  # What a user's machine has by default (OpenSC 0.23): the card stays as it
  # is when a process ends. Ininjo must leave it unverified by itself.
  reader_driver pcsc { disconnect_action = leave; }
}
CONF
export OPENSC_CONF="$work/opensc.conf"

pcscd -f -a -c "$work/reader.conf.d" > "$work/pcscd.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -S /run/pcscd/pcscd.comm ] && break; sleep 0.05; done
[ -S /run/pcscd/pcscd.comm ] || { echo "with-card.sh: pcscd did not start:" >&2; cat "$work/pcscd.log" >&2; exit 1; }

if [ -n "$vcard" ]; then export INJ_TEST_VCARD="$vcard"; fi
if [ -n "$profile" ]; then
  [ -n "$vcard" ] || { echo "with-card.sh: --profile needs --vcard" >&2; exit 2; }
  export INJ_TEST_VCARD_LOG="$work/apdu.jsonl" INJ_TEST_VCARD_CONTROL="$work/vcard.sock"
  "$vcard" --profile "$profile" --log "$INJ_TEST_VCARD_LOG" --control "$INJ_TEST_VCARD_CONTROL" \
    "${vcard_args[@]+"${vcard_args[@]}"}" > "$work/vcard.out" 2>&1 &
  pids+=($!)
  seen=""
  for _ in $(seq 200); do
    if opensc-tool -l 2>/dev/null | grep -q 'Yes'; then seen=1; break; fi
    sleep 0.05
  done
  if [ -z "$seen" ]; then
    echo "with-card.sh: OpenSC does not see the virtual card:" >&2
    cat "$work/vcard.out" >&2; opensc-tool -l >&2 || true
    exit 1
  fi
fi

set +e
"$@"
status=$?
set -e
exit $status
