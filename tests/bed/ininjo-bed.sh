#!/usr/bin/env bash
# ininjo-bed.sh [OPTION...] [-- ININJO-OPTION...]: the test bed. Runs the
# application from a build tree against the embedded default — the virtual
# My Number cards and the local delegation service — with nothing of the
# machine's own readers, pcscd, settings or data involved:
#
#   - a private pcscd with the vpcd reader, in namespaces of its own
#     (tests/card/with-card.sh --pid: mount, network and PID namespaces, so
#     that everything started here ends with the bed);
#   - the virtual card of a persona in slot 0 ("Virtual PCD 00 00",
#     representative by default) and of the agent in slot 1 ("Virtual PCD
#     00 01", agent-zeirishi, port 35964), so the agent's submission can be
#     signed at the representative's desk;
#   - the local service (tests/service/ininjo-service) on
#     https://localhost:8443 as the embedded profile says
#     (data/service-profile.ini), its PKI made once in the build tree by
#     tests/service/make-service-pki.sh, its database in the state
#     directory, which survives between runs;
#   - a private D-Bus session bus (this Ininjo is never mistaken for one the
#     user runs: GApplication is unique per bus);
#   - build/ui/ininjo with GSettings in a key file of the state directory
#     (GSETTINGS_BACKEND=keyfile, XDG_CONFIG_HOME and XDG_DATA_HOME of the
#     bed: the user's own settings, drafts and outbox are untouched):
#     service-ca the bed's service CA, trust-anchors the personas' signing
#     CA, client-credential card.
#
# With a display (DISPLAY or WAYLAND_DISPLAY) the window opens; closing it
# (or Ctrl+C) stops everything. Without one (or with --headless) Ininjo runs
# under Xvfb, saves a PNG of its window once drawn (--screenshot), and
# everything stops.
#
# Support staff: --persona picks the card in slot 0 (expired, unknown-ca,
# proprietor, … — see build/tests/card/personas/personas/), --agent the one
# in slot 1, --state another state directory (a fresh service database).
# The APDU logs of both cards and the service's log of the last run are
# kept in STATE/run/. Every name, number and password is synthetic.
set -euo pipefail

self=$(readlink -f "${BASH_SOURCE[0]}")
src=$(cd "$(dirname "$self")/../.." && pwd)

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold="" plain=""; fi
say() { printf '%s==> %s%s\n' "$bold" "$*" "$plain"; }
die() { printf 'ininjo-bed: %s\n' "$@" >&2; exit 1; }

usage() {
  cat <<'EOF'
使い方 / usage: tests/bed/ininjo-bed.sh [OPTION...] [-- ININJO-OPTION...]

テストベッド（仮想マイナンバーカード 2 枚とローカル検証サービス）で Ininjo を起動します。
Runs Ininjo against the test bed: two virtual My Number cards and the local service.

  --build DIR        ビルドディレクトリ / the build tree (default: ./build of the sources,
                     or the current directory when it is a build tree)
  --persona NAME     スロット 0 のカード / the card in slot 0 (default: representative)
  --agent NAME       スロット 1 のカード / the card in slot 1 (default: agent-zeirishi;
                     none: no second card)
  --state DIR        状態ディレクトリ / state kept between runs: the service's database,
                     settings, drafts, outbox (default: BUILD/bed)
  --headless         画面がなくても Xvfb で起動 / run under Xvfb even with a display
  --screenshot FILE  ウィンドウの PNG を保存して終了 / save a PNG of the window and stop
                     (headless default: STATE/screenshot.png)
  --page NAME        最初に表示するページ / the page shown first (headless default: card)
  -h, --help         この説明 / this help
EOF
}

# ---------------------------------------------------------------- inside
# Run by with-card.sh inside the namespaces, next to pcscd and the card of
# slot 0. Everything it starts it stops; the PID namespace takes the rest.
inner() {
  # (not local: the EXIT trap needs them)
  build=$INJ_BED_BUILD state=$INJ_BED_STATE
  personas=$build/tests/card/personas pki=$build/tests/service/pki
  run=$state/run pids=() status=0 app=("$build/ui/ininjo")
  : "${INJ_TEST_VCARD_LOG:?run by with-card.sh --profile}"

  stop() {
    local pid
    for pid in "${pids[@]+"${pids[@]}"}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]+"${pids[@]}"}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
    cp "$INJ_TEST_VCARD_LOG" "$run/apdu-slot0.jsonl" 2>/dev/null || true
  }
  trap 'status=$?; stop; say "停止しました / stopped: Ininjo, サービス / service, カード / cards, pcscd"; exit $status' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  rm -rf "$run"
  mkdir -p -m 700 "$run" "$state/config" "$state/data"

  # --- slot 1: the agent's card
  if [ "$INJ_BED_AGENT" != none ]; then
    "$INJ_TEST_VCARD" --profile "$personas/personas/$INJ_BED_AGENT" --port 35964 \
      --log "$run/apdu-slot1.jsonl" > "$run/card-slot1.log" 2>&1 &
    pids+=($!)
    local seen=""
    for _ in $(seq 200); do
      if opensc-tool -l 2>/dev/null | grep -q 'Yes.*Virtual PCD 00 01'; then seen=1; break; fi
      sleep 0.05
    done
    [ -n "$seen" ] || { cat "$run/card-slot1.log" >&2; die "スロット 1 のカードが見えません / the card in slot 1 did not appear"; }
  fi

  # --- the local service
  "$build/tests/service/ininjo-service" --pki "$pki" --port 8443 --db "$state/service.db" \
    --client-ca "$personas/ca/auth-ca.pem" --client-ca "$pki/client-ca.pem" \
    --trust "$personas/ca/sign-ca.pem" --ready-file "$run/service.ready.live" \
    > "$run/service.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 200); do [ -s "$run/service.ready.live" ] && break; sleep 0.05; done
  [ -s "$run/service.ready.live" ] || { cat "$run/service.log" >&2; die "サービスが起動しません / the service did not start"; }
  # Its ready file, kept after the service removes it when it stops.
  cp "$run/service.ready.live" "$run/service.ready"
  # It answers (a file client key of the bed's PKI, not the card's).
  curl -sS --fail --max-time 10 --cacert "$pki/service-ca.pem" \
    --cert "$pki/client.pem" --key "$pki/client.key" \
    -o "$run/profile.json" https://localhost:8443/api/v1/profile \
    || die "サービスが応答しません / the service does not answer (see $run/service.log)"
  local service_name
  service_name=$(jq -r .name "$run/profile.json")

  # --- a private session bus
  dbus-daemon --session --nofork --nopidfile --print-address=3 \
    3> "$run/dbus.address" 2> "$run/dbus.log" &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$run/dbus.address" ] && break; sleep 0.05; done
  [ -s "$run/dbus.address" ] || { cat "$run/dbus.log" >&2; die "D-Bus を起動できません / dbus-daemon did not start"; }
  DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$run/dbus.address")
  export DBUS_SESSION_BUS_ADDRESS

  # --- a Secret Service of the bed: drafts and packages are encrypted with
  # a key in it (its keyring kept with the bed's state, unlocked with a
  # test password; the socket in the run directory)
  mkdir -p -m 700 "$state/keyring" "$run/keyring"
  printf 'ininjo-bed' | XDG_DATA_HOME=$state/keyring XDG_RUNTIME_DIR=$run/keyring \
    gnome-keyring-daemon --foreground --unlock --components=secrets > "$run/keyring.log" 2>&1 &
  pids+=($!)

  # --- the settings: a key file of the bed
  export XDG_CONFIG_HOME=$state/config XDG_DATA_HOME=$state/data
  export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$build/data
  export ININJO_LOCALEDIR=${ININJO_LOCALEDIR:-$build/data/po}
  gvariant_string() { local s=${1//\\/\\\\}; printf "'%s'" "${s//\'/\\\'}"; }
  local schema=io.github.ininjo.Ininjo
  gsettings set $schema service-url "'https://localhost:8443'"
  gsettings set $schema service-ca "$(gvariant_string "$pki/service-ca.pem")"
  gsettings set $schema client-credential "'card'"
  gsettings set $schema trust-anchors "[$(gvariant_string "$personas/ca/sign-ca.pem")]"

  # --- what runs, and the synthetic passwords
  pin() { sed -n "/^\[$2\]/,/^\[/s/^pin *= *//p" "$personas/personas/$1/profile.ini"; }
  say "Ininjo テストベッド / test bed"
  echo "  スロット 0 / slot 0 (Virtual PCD 00 00): $INJ_BED_PERSONA"
  echo "      署名用パスワード / signing password: $(pin "$INJ_BED_PERSONA" sign-pin)"
  echo "      利用者証明用 PIN / authentication PIN: $(pin "$INJ_BED_PERSONA" auth-pin)"
  if [ "$INJ_BED_AGENT" != none ]; then
    echo "  スロット 1 / slot 1 (Virtual PCD 00 01): $INJ_BED_AGENT (受任者 / agent)"
    echo "      署名用パスワード / signing password: $(pin "$INJ_BED_AGENT" sign-pin)"
    echo "      利用者証明用 PIN / authentication PIN: $(pin "$INJ_BED_AGENT" auth-pin)"
  fi
  echo "  サービス / service: https://localhost:8443 — 応答あり / answering: $service_name"
  echo "      データベース / database: $state/service.db"
  echo "  設定 / settings: $XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
  echo "  データ / data (下書き・送信待ち / drafts, outbox): $XDG_DATA_HOME/ininjo"
  echo "  記録 / logs (APDU, service): $run"
  echo "  いずれも架空のテスト用データです / all of this is synthetic test data."

  # --- the application
  [ -z "$INJ_BED_PAGE" ] || app+=(--page "$INJ_BED_PAGE")
  [ -z "$INJ_BED_SCREENSHOT" ] || app+=(--screenshot "$INJ_BED_SCREENSHOT")
  set +e
  if [ -n "$INJ_BED_HEADLESS" ]; then
    say "Ininjo を Xvfb で起動します（画面なし）/ starting Ininjo under Xvfb (no display)"
    GTK_A11Y=none NO_AT_BRIDGE=1 GDK_BACKEND=x11 ADW_DISABLE_PORTAL=1 GTK_USE_PORTAL=0 \
      xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp' "${app[@]}" "$@"
  else
    say "Ininjo を起動します。ウィンドウを閉じると（または Ctrl+C で）すべて停止します / starting Ininjo; closing its window (or Ctrl+C) stops everything"
    "${app[@]}" "$@"
  fi
  status=$?
  set -e
  if [ -n "$INJ_BED_SCREENSHOT" ] && [ "$status" -eq 0 ]; then
    [ -s "$INJ_BED_SCREENSHOT" ] || die "スクリーンショットがありません / no screenshot was saved"
    say "スクリーンショット / screenshot: $INJ_BED_SCREENSHOT"
  fi
  return $status
}

if [ "${1:-}" = --inner ]; then
  shift
  inner "$@"
  exit $?
fi

# ---------------------------------------------------------------- outside
build="" persona=representative agent=agent-zeirishi state="" headless="" screenshot="" page=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --persona) persona=$2; shift 2 ;;
    --agent) agent=$2; shift 2 ;;
    --state) state=$2; shift 2 ;;
    --headless) headless=1; shift ;;
    --screenshot) screenshot=$2; shift 2 ;;
    --page) page=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; break ;;
    *) usage >&2; exit 2 ;;
  esac
done

if [ -z "$build" ]; then
  if [ -f build.ninja ] && [ -x ui/ininjo ]; then build=.; else build=$src/build; fi
fi
[ -d "$build" ] || die "ビルドディレクトリがありません / no build tree: $build (meson setup build && ninja -C build)"
build=$(cd "$build" && pwd)
state=${state:-$build/bed}
mkdir -p -m 700 "$state"
state=$(cd "$state" && pwd)

for p in ui/ininjo tests/vcard/ininjo-vcard tests/service/ininjo-service data/gschemas.compiled; do
  [ -e "$build/$p" ] || die "$build/$p がありません / is missing: ninja -C $build"
done
need() { command -v "$1" >/dev/null || die "$1 がありません / is missing (Debian package $2)"; }
need openssl openssl; need curl curl; need jq jq; need gsettings libglib2.0-bin
need dbus-daemon dbus-daemon; need gnome-keyring-daemon gnome-keyring; need xvfb-run xvfb

# The synthetic personas and the service's PKI, made once in the build tree
# (both scripts do nothing when their stamp is current).
say "テスト用の証明書 / the synthetic certificates"
bash "$src/tests/vcard/make-personas.sh" "$build/tests/card/personas" >/dev/null
bash "$src/tests/service/make-service-pki.sh" "$build/tests/service/pki" >/dev/null
cards=("$persona")
[ "$agent" = none ] || cards+=("$agent")
for p in "${cards[@]}"; do
  [ -f "$build/tests/card/personas/personas/$p/profile.ini" ] || \
    die "ペルソナ $p はありません / no persona $p; there are: $(ls "$build/tests/card/personas/personas" | tr '\n' ' ')"
done

# A display: its own (X11 through /tmp/.X11-unix, Wayland through
# $XDG_RUNTIME_DIR: both reachable from the bed's namespaces), or Xvfb.
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then headless=1; fi
if [ -z "$headless" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  case "$DISPLAY" in
    :*|unix:*|/*) ;;
    *) die "DISPLAY=$DISPLAY は TCP の画面で、テストベッドの専用ネットワークからは届きません。--headless で Xvfb を使ってください。" \
           "DISPLAY=$DISPLAY is a display over TCP (ssh -X?), which the bed's private network cannot reach: use --headless for Xvfb." ;;
  esac
fi
if [ -n "$headless" ]; then
  screenshot=${screenshot:-$state/screenshot.png}
  page=${page:-card}
fi
[ -z "$screenshot" ] || screenshot=$(readlink -m "$screenshot")

export INJ_BED_BUILD=$build INJ_BED_STATE=$state INJ_BED_PERSONA=$persona INJ_BED_AGENT=$agent
export INJ_BED_HEADLESS=$headless INJ_BED_SCREENSHOT=$screenshot INJ_BED_PAGE=$page
unset INJ_TEST_NS
say "pcscd と仮想カードを起動します / starting pcscd and the virtual cards"
exec bash "$src/tests/card/with-card.sh" --pid --vcard "$build/tests/vcard/ininjo-vcard" \
  --profile "$build/tests/card/personas/personas/$persona" -- bash "$self" --inner "$@"
