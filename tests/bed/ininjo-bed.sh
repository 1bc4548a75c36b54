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
#     directory, which survives between runs; or, with a scenario's
#     [front-end] kind = nginx, nginx (Debian's nginx-light) there instead,
#     verifying the client certificate and passing it to the service
#     (tests/service/front-end.sh), and the service on 8444 (direct) and
#     8445 (plain HTTP on loopback, for nginx alone);
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
#
# Reproduction: --scenario FILE puts the cards, the service and Ininjo's
# settings in the state a scenario file describes (tries left, locked
# passwords, faults, a card removed while signing, the service's knobs,
# another server or client certificate, no service at all — the format is
# in tests/bed/README.md, shipped ones in data/scenarios/). With --check the
# bed runs no window: ininjo-cli performs the steps of the scenario's
# [expect] groups and checks that each fails with the message it names
# (TAP on stdout; tests/bed/run-scenario.sh FILE does this).
#
# Scripts: --run COMMAND [ARG...] (the last option) runs COMMAND inside the
# bed instead of the window, with the bed's environment (cards, service,
# D-Bus, Secret Service, settings) and INJ_BED_RUN_DIR (STATE/run),
# INJ_BED_SERVICE_PID (empty when no service runs), INJ_BED_PERSONAS; its
# standard output is the bed's, the bed's account goes to stderr, and its
# exit status is the bed's (tests/privacy/test-sentinel.sh).
set -euo pipefail

self=$(readlink -f "${BASH_SOURCE[0]}")
src=$(cd "$(dirname "$self")/../.." && pwd)
. "$(dirname "$self")/scenario.sh"

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
  --scenario FILE    再現シナリオの状態で起動 / start everything in the state a scenario
                     file describes (tests/bed/README.md; data/scenarios/*.ini)
  --check            ウィンドウを開かず、シナリオの [expect] を ininjo-cli で確認
                     / no window: check the scenario's [expect] with ininjo-cli (TAP)
  --bundle FILE      --check の後に診断情報の一式を保存（ininjo-cli diagnose --bundle）
                     / after --check, save the diagnostic bundle support would receive
  --run COMMAND…     ウィンドウの代わりにベッドの中でコマンドを実行（最後のオプション）
                     / run COMMAND inside the bed instead of the window (last option)
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

  # --check, --run: TAP alone on standard output, the bed's account on stderr
  [ -z "${INJ_BED_CHECK:-}${INJ_BED_RUN:-}" ] || exec 5>&1 1>&2
  rm -rf "$run"
  mkdir -p -m 700 "$run" "$state/config" "$state/data"
  local scn=${INJ_BED_SCENARIO:-/dev/null}

  # --- slot 0 removed while signing: when the signing key's EF is selected
  # (the COMPUTE DIGITAL SIGNATURE is next, held by --latency-ms), the card
  # is pulled out through its control socket. (The log is polled: tail -F
  # misses the vcard's writes here.)
  if [ "$(scn_get "$scn" card remove-during)" = sign ]; then
    python3 - "$INJ_TEST_VCARD_LOG" "$INJ_TEST_VCARD_CONTROL" "$run/card-slot0.events" <<'PY' &
import socket, sys, time
log, control, events = sys.argv[1:4]
seen = 0
while True:
    with open(log, "rb") as f:
        f.seek(seen)
        data = f.read()
    if b'"fid":"001A"' in data:
        break
    seen += max(0, data.rfind(b"\n") + 1)
    time.sleep(0.01)
s = socket.socket(socket.AF_UNIX)
s.connect(control)
s.sendall(b"remove\n")
answer = s.makefile().readline().strip()
with open(events, "a") as f:
    f.write("removed while signing: %s\n" % answer)
PY
    pids+=($!)
  fi

  # --- slot 1: the agent's card
  if [ "$INJ_BED_AGENT" != none ]; then
    local agent_args=()
    for k in sign-tries auth-tries; do
      v=$(scn_get "$scn" agent $k); [ -z "$v" ] || agent_args+=("--$k=$v")
    done
    "$INJ_TEST_VCARD" --profile "$personas/personas/$INJ_BED_AGENT" --port 35964 \
      "${agent_args[@]+"${agent_args[@]}"}" \
      --log "$run/apdu-slot1.jsonl" > "$run/card-slot1.log" 2>&1 &
    pids+=($!)
    local seen=""
    for _ in $(seq 200); do
      if opensc-tool -l 2>/dev/null | grep -q 'Yes.*Virtual PCD 00 01'; then seen=1; break; fi
      sleep 0.05
    done
    [ -n "$seen" ] || { cat "$run/card-slot1.log" >&2; die "スロット 1 のカードが見えません / the card in slot 1 did not appear"; }
  fi

  # --- the accounts (issue 16), registered as the operator's web page does
  # it: the persona's card and the bed's file client, each in a run of the
  # service of its own with the default trust and clock, before the
  # scenario's knobs (another trust, --now) meet them. A persona the
  # service cannot accept (an unknown CA, an expired card) has none.
  preregister_accounts() {
    local spec n=0 acc=() pre=$run/accounts pid
    for spec in "$INJ_BED_PERSONA:$personas/personas/$INJ_BED_PERSONA/auth-cert.der" \
                "representative:$pki/client.pem"; do
      n=$((n + 1))
      mapfile -t acc < <(bash "$INJ_BED_SRC/tests/service/preregister.sh" \
        "$build/tests/service/make-account" "$personas" "$pre" "$spec" 2>>"$run/accounts.log" || true)
      [ ${#acc[@]} -eq 2 ] || { echo "no account for ${spec%%:*}" >>"$run/accounts.log"; continue; }
      rm -f "$pre/ready"
      "$build/tests/service/ininjo-service" --pki "$pki" --port 0 --db "$state/service.db" \
        --client-ca "$personas/ca/auth-ca.pem" --trust "$personas/ca/sign-ca.pem" \
        --ready-file "$pre/ready" "${acc[@]}" >>"$run/accounts.log" 2>&1 &
      pid=$!
      for _ in $(seq 200); do [ -s "$pre/ready" ] && break; kill -0 $pid 2>/dev/null || break; sleep 0.05; done
      kill $pid 2>/dev/null || true
      wait $pid 2>/dev/null || echo "no account for ${spec%%:*}" >>"$run/accounts.log"
    done
    # the statements hold the persona's name and address: the operator's
    # page keeps them, not the user's machine (the sentinel test searches it)
    rm -rf "$pre"
  }

  # --- the local service, with the scenario's knobs
  local service_name svc=() server_cert client_cas front front_cas svc_port=8443
  export INJ_BED_SERVICE_PID=""
  # [front-end] kind = nginx: nginx takes 8443, the service moves behind it
  front=$(scn_get "$scn" front-end kind none)
  if [ "$front" = nginx ]; then
    svc_port=8444
    svc+=(--front-end-port 8445 --front-end-header X-Ininjo-Client-Cert --public-url https://localhost:8443)
  fi
  server_cert=$(scn_get "$scn" service server-cert default)
  client_cas=$(scn_list "$scn" service client-ca)
  [ -n "$client_cas" ] || client_cas=$'card\nfile'
  ! grep -qx card <<<"$client_cas" || svc+=(--client-ca "$personas/ca/auth-ca.pem")
  ! grep -qx file <<<"$client_cas" || svc+=(--client-ca "$pki/client-ca.pem")
  [ "$(scn_get "$scn" service trust-signing-ca true)" = false ] || svc+=(--trust "$personas/ca/sign-ca.pem")
  case "$server_cert" in
    unknown-ca) svc+=(--cert "$pki/server-unknownca.pem" --key "$pki/server-unknownca.key") ;;
    wrong-host) svc+=(--cert "$pki/server-wronghost.pem" --key "$pki/server-wronghost.key") ;;
  esac
  for k in fail-rate seed delay-ms slow-body-ms verify-delay-ms now profile-name; do
    v=$(scn_get "$scn" service $k); [ -z "$v" ] || svc+=("--$k=$v")
  done
  for k in tls13-only drop-after-body; do
    ! scn_bool "$scn" service $k || svc+=("--$k")
  done
  if scn_bool "$scn" service down; then
    service_name="(シナリオにより停止 / not started: the scenario's service is down)"
  else
    preregister_accounts
    "$build/tests/service/ininjo-service" --pki "$pki" --port $svc_port --db "$state/service.db" \
      "${svc[@]}" --ready-file "$run/service.ready.live" \
      > "$run/service.log" 2>&1 &
    pids+=($!)
    INJ_BED_SERVICE_PID=$!
    for _ in $(seq 200); do [ -s "$run/service.ready.live" ] && break; sleep 0.05; done
    [ -s "$run/service.ready.live" ] || { cat "$run/service.log" >&2; die "サービスが起動しません / the service did not start"; }
    # Its ready file, kept after the service removes it when it stops.
    cp "$run/service.ready.live" "$run/service.ready"
    # It answers (a file client key of the bed's PKI, not the card's; a
    # scenario's other server certificate is not verified here).
    local tls=(--cacert "$pki/service-ca.pem")
    [ "$server_cert" = default ] || tls=(--insecure)
    if grep -qx file <<<"$client_cas"; then
      curl -sS --fail --max-time 10 "${tls[@]}" \
        --cert "$pki/client.pem" --key "$pki/client.key" \
        -o "$run/profile.json" https://localhost:$svc_port/api/v1/profile \
        || die "サービスが応答しません / the service does not answer (see $run/service.log)"
      service_name=$(jq -r .name "$run/profile.json")
    else
      service_name="(ファイルのクライアント証明書を受け付けない設定 / accepts no file client certificate)"
    fi
  fi
  if [ "$front" = nginx ]; then
    # the scenario's client CAs for nginx (default: the service's), as one
    # PEM bundle; its own answers (413, 503, 504) from the knobs
    local fe=(--listen 8443 --upstream 8445 --header X-Ininjo-Client-Cert) v
    front_cas=$(scn_list "$scn" front-end client-ca)
    [ -n "$front_cas" ] || front_cas=$client_cas
    ! grep -qx card <<<"$front_cas" || fe+=(--client-ca "$personas/ca/auth-ca.pem")
    ! grep -qx file <<<"$front_cas" || fe+=(--client-ca "$pki/client-ca.pem")
    case "$server_cert" in
      unknown-ca) fe+=(--cert "$pki/server-unknownca.pem" --key "$pki/server-unknownca.key") ;;
      wrong-host) fe+=(--cert "$pki/server-wronghost.pem" --key "$pki/server-wronghost.key") ;;
      *) fe+=(--cert "$pki/server.pem" --key "$pki/server.key") ;;
    esac
    for k in max-body answer retry-after read-timeout-ms; do
      v=$(scn_get "$scn" front-end $k); [ -z "$v" ] || fe+=("--$k" "$v")
    done
    mkdir -p "$run/front-end"
    bash "$INJ_BED_SRC/tests/service/front-end.sh" "$run/front-end" "${fe[@]}" \
      > "$run/front-end.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/8443) 2>/dev/null && break; sleep 0.05; done
    (exec 3<>/dev/tcp/127.0.0.1/8443) 2>/dev/null \
      || { cat "$run/front-end.log" "$run/front-end/error.log" >&2 2>/dev/null; die "nginx が起動しません / nginx did not start (see $run/front-end.log)"; }
    service_name="nginx → $service_name"
  fi

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
  # Under AddressSanitizer, the CLI checks of a scenario leave out GIO's
  # D-Bus messages that libsecret leaves queued (tests/lsan-dbus.supp).
  if [ -n "${INJ_BED_CHECK:-}${INJ_BED_RUN:-}" ]; then
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
    export LSAN_OPTIONS="suppressions=$INJ_BED_SRC/tests/lsan-dbus.supp:print_suppressions=0"
  fi

  # --- the settings: a key file of the bed
  export XDG_CONFIG_HOME=$state/config XDG_DATA_HOME=$state/data XDG_STATE_HOME=$state/state
  export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$build/data
  export ININJO_LOCALEDIR=${ININJO_LOCALEDIR:-$build/data/po}
  gvariant_string() { local s=${1//\\/\\\\}; printf "'%s'" "${s//\'/\\\'}"; }
  local schema=io.github.ininjo.Ininjo
  local service_ca=$pki/service-ca.pem credential client_cert="" client_key=""
  [ "$(scn_get "$scn" client service-ca bed)" = bed ] || service_ca=$pki/unknown-ca.pem
  credential=$(scn_get "$scn" client credential card)
  case "$credential" in
    file) client_cert=$pki/client.pem client_key=$pki/client.key ;;
    untrusted-file) client_cert=$pki/client-untrusted.pem client_key=$pki/client-untrusted.key ;;
  esac
  gsettings set $schema service-url "'https://localhost:8443'"
  gsettings set $schema service-ca "$(gvariant_string "$service_ca")"
  if [ -z "$client_cert" ]; then
    gsettings set $schema client-credential "'card'"
  else
    gsettings set $schema client-credential "'file'"
    gsettings set $schema client-certificate "$(gvariant_string "$client_cert")"
    gsettings set $schema client-key "$(gvariant_string "$client_key")"
  fi
  gsettings set $schema trust-anchors "[$(gvariant_string "$personas/ca/sign-ca.pem")]"
  # ininjo-cli reads the same settings. Two cards in the bed: the CLI is
  # told which one is the representative's (the window asks).
  [ -n "$client_cert" ] || gsettings set $schema card-reader "'Virtual PCD 00 00'"

  # --- what runs, and the synthetic passwords
  pin() { sed -n "/^\[$2\]/,/^\[/s/^pin *= *//p" "$personas/personas/$1/profile.ini"; }
  say "Ininjo テストベッド / test bed"
  echo "  スロット 0 / slot 0 (Virtual PCD 00 00): $INJ_BED_PERSONA"
  echo "      署名用電子証明書のパスワード / signing password: $(pin "$INJ_BED_PERSONA" sign-pin)"
  echo "      利用者証明用 PIN / authentication PIN: $(pin "$INJ_BED_PERSONA" auth-pin)"
  if [ "$INJ_BED_AGENT" != none ]; then
    echo "  スロット 1 / slot 1 (Virtual PCD 00 01): $INJ_BED_AGENT (受任者 / agent)"
    echo "      署名用電子証明書のパスワード / signing password: $(pin "$INJ_BED_AGENT" sign-pin)"
    echo "      利用者証明用 PIN / authentication PIN: $(pin "$INJ_BED_AGENT" auth-pin)"
  fi
  echo "  サービス / service: https://localhost:8443 — $service_name"
  [ "$front" != nginx ] || echo "      前段 / front end: nginx ($run/front-end/nginx.conf), サービス / service: https://localhost:8444, http://127.0.0.1:8445"
  if [ -n "${INJ_BED_SCENARIO:-}" ]; then
    echo "  シナリオ / scenario: $INJ_BED_SCENARIO — $(scn_get "$scn" scenario name)"
    echo "      カード / card: ${INJ_BED_VCARD_ARGS:-(既定 / as the persona)}"
    echo "      サービス / service: ${svc[*]:-(既定 / default)}"
    echo "      クライアント / client: $credential, service CA $service_ca"
  fi
  echo "      データベース / database: $state/service.db"
  echo "  設定 / settings: $XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
  echo "  データ / data (下書き・送信待ち / drafts, outbox): $XDG_DATA_HOME/ininjo"
  echo "  記録 / logs (APDU, service): $run"
  echo "  いずれも架空のテスト用データです / all of this is synthetic test data."

  if [ -n "${INJ_BED_CHECK:-}" ]; then
    check_scenario "$scn" >&5
    return $?
  fi
  if [ -n "${INJ_BED_RUN:-}" ]; then
    say "実行 / running: $*"
    export INJ_BED_RUN_DIR=$run INJ_BED_PERSONAS=$personas
    set +e
    "$@" >&5
    status=$?
    set -e
    return $status
  fi

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

# ---------------------------------------------------------------- --check
# check_scenario FILE: inside the bed, without a window. For every
# [expect] / [expect-…] group in file order, ininjo-cli does the step (card,
# sign, profile, upload) as a user would, with the persona's passwords (or
# wrong ones when [client] says so); the step must end with the exit status
# and show the message named. TAP on stdout.
check_scenario() {
  local scn=$1 cli=$build/app/ininjo-cli work=$run/check n=0 failed=0 group
  local ca=$personas/ca/sign-ca.pem
  local locale_dir=${ININJO_LOCALEDIR:-$build/data/po}
  mkdir -p -m 700 "$work"
  export ININJO_LOCALEDIR=$locale_dir
  secret() {  # PERSONA sign-pin|auth-pin
    sed -n "/^\[$2\]/,/^\[/s/^pin *= *//p" "$personas/personas/$1/profile.ini"
  }
  local sign_pw auth_pin
  sign_pw=$(secret "$INJ_BED_PERSONA" sign-pin) auth_pin=$(secret "$INJ_BED_PERSONA" auth-pin)
  [ "$(scn_get "$scn" client password right)" = right ] || sign_pw=WRONGPASS9
  [ "$(scn_get "$scn" client pin right)" = right ] || auth_pin=$([ "$auth_pin" = 9999 ] && echo 8888 || echo 9999)
  local pin_args=()
  [ "$(scn_get "$scn" client credential card)" != card ] || pin_args=(--password-fd 3)

  sign_it() {  # the representative's signature of a new delegation
    [ -s "$work/d.xml" ] || "$cli" new -i "$src/data/examples/corporation.ini" -o "$work/d.xml" > "$work/new.log" 2>&1
    rm -f "$work/signed.xml"
    "$cli" sign "$work/d.xml" -o "$work/signed.xml" --trust "$ca" -r "Virtual PCD 00 00" \
      --password-fd 3 3<<<"$sign_pw"
  }
  step() {  # STEP: runs it, its output on stdout and stderr
    case "$1" in
      card) "$cli" card ;;
      sign) sign_it ;;
      profile) "$cli" profile "${pin_args[@]+"${pin_args[@]}"}" 3<<<"$auth_pin" ;;
      upload)
        if ! ls "$XDG_DATA_HOME/ininjo/outbox" 2>/dev/null | grep -q .; then
          sign_it > "$work/sign.log" 2>&1 || { cat "$work/sign.log"; echo "# (the representative's signature failed)"; return 99; }
          "$cli" agent submit -d "$work/signed.xml" -o "$work/sub.xml" -r "Virtual PCD 00 01" \
            --trust "$ca" --password-fd 3 3<<<"$(secret "$INJ_BED_AGENT" sign-pin)" > "$work/agent.log" 2>&1 \
            || { cat "$work/agent.log"; echo "# (the agent's submission failed)"; return 99; }
          "$cli" package -d "$work/signed.xml" -s "$work/sub.xml" --trust "$ca" > "$work/package.log" 2>&1 \
            || { cat "$work/package.log"; echo "# (packaging failed)"; return 99; }
        fi
        "$cli" upload "${pin_args[@]+"${pin_args[@]}"}" 3<<<"$auth_pin" ;;
    esac
  }
  # shows MSGID PLURAL VALUES TEXT OUTPUT: the output holds MSGID translated
  # (ngettext with PLURAL), its printf conversions filled with VALUES in
  # order ("*" or none: anything), or TEXT
  shows() {
    python3 - "$locale_dir" "${LANGUAGE:-}" "$@" <<'PY'
import gettext, re, sys
localedir, langs, msgid, plural, values, text, path = sys.argv[1:8]
out = open(path, encoding="utf-8", errors="replace").read()
ok = True
def unescape(v):  # GKeyFile's escapes
    return re.sub(r"\\([snt\\])", lambda m: {"s": " ", "n": "\n", "t": "\t", "\\": "\\"}[m.group(1)], v)
msgid, plural = unescape(msgid), unescape(plural)
values = [v.strip() for v in values.split(";")] if values else []
if msgid:
    tr = gettext.translation("ininjo", localedir, languages=[l for l in langs.split(":") if l] or None,
                             fallback=True)
    if plural:
        n = next((int(v) for v in values if v.isdigit()), 1)
        t = tr.ngettext(msgid, plural, n)
    else:
        t = tr.gettext(msgid)
    parts = re.split(r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?(?:l|ll|z|h|hh)?[sducfgxX]", t)
    fill = [re.escape(values[i]) if i < len(values) and values[i] != "*" else ".*?"
            for i in range(len(parts) - 1)]
    pattern = "(?s)" + "".join(re.escape(p) + (fill[i] if i < len(fill) else "")
                               for i, p in enumerate(parts))
    t = "".join(p + ((values[i] if i < len(values) and values[i] != "*" else "…")
                     if i < len(parts) - 1 else "") for i, p in enumerate(parts)).strip()
    if not re.search(pattern, out):
        print("# the output lacks the message: " + t)
        ok = False
    else:
        print("# shows: " + t)
if text:
    if text not in out:
        print("# the output lacks the text: " + text)
        ok = False
    else:
        print("# shows: " + text)
sys.exit(0 if ok else 1)
PY
  }

  echo "# scenario: $(scn_get "$scn" scenario name) ($scn)"
  for group in $(scn_groups "$scn" | grep -E '^expect(-|$)'); do
    local what want msgid plural values text got
    what=$(scn_get "$scn" "$group" step) want=$(scn_get "$scn" "$group" exit)
    msgid=$(scn_get "$scn" "$group" message) text=$(scn_get "$scn" "$group" text)
    plural=$(scn_get "$scn" "$group" plural) values=$(scn_get "$scn" "$group" values)
    set +e
    step "$what" > "$work/$group.out" 2>&1
    got=$?
    set -e
    n=$((n + 1))
    if { [ -z "$want" ] || [ "$got" = "$want" ]; } && shows "$msgid" "$plural" "$values" "$text" "$work/$group.out" > "$work/$group.match"; then
      echo "ok $n - [$group] $what: exit $got, with the message the user sees"
      cat "$work/$group.match"
    else
      failed=$((failed + 1))
      echo "not ok $n - [$group] $what: exit $got${want:+ (wanted $want)}"
      cat "$work/$group.match" 2>/dev/null || true
      sed 's/^/#   /' "$work/$group.out"
    fi
  done
  # --bundle FILE: what support would receive after this run
  if [ -n "${INJ_BED_BUNDLE:-}" ]; then
    local pw_args=()
    [ "$(scn_get "$scn" client credential card)" != card ] || pw_args=(--password-fd 3)
    n=$((n + 1))
    if "$cli" diagnose --trust "$ca" --bundle "$INJ_BED_BUNDLE" "${pw_args[@]+"${pw_args[@]}"}" \
         3<<<"$auth_pin" > "$work/bundle.out" 2>&1; then
      echo "ok $n - the diagnostic bundle was written: $INJ_BED_BUNDLE"
    else
      failed=$((failed + 1))
      echo "not ok $n - the diagnostic bundle was not written"
      sed 's/^/#   /' "$work/bundle.out"
    fi
  fi
  echo "1..$n"
  [ "$n" -gt 0 ] && [ "$failed" -eq 0 ]
}

if [ "${1:-}" = --inner ]; then
  shift
  inner "$@"
  exit $?
fi

# ---------------------------------------------------------------- outside
build="" persona=representative agent=agent-zeirishi state="" headless="" screenshot="" page=""
scenario="" check="" bundle="" run_it=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --persona) persona=$2; shift 2 ;;
    --agent) agent=$2; shift 2 ;;
    --state) state=$2; shift 2 ;;
    --headless) headless=1; shift ;;
    --screenshot) screenshot=$2; shift 2 ;;
    --page) page=$2; shift 2 ;;
    --scenario) scenario=$2; shift 2 ;;
    --check) check=1; shift ;;
    --bundle) bundle=$2; shift 2 ;;
    --run) run_it=1; shift; [ $# -gt 0 ] || die "--run にはコマンドが必要です / --run needs a COMMAND"; break ;;
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

[ -z "$check" ] || [ -n "$scenario" ] || die "--check にはシナリオが必要です / --check needs --scenario FILE"
[ -z "$bundle" ] || [ -n "$check" ] || die "--bundle は --check と使います / --bundle goes with --check"
[ -z "$bundle" ] || bundle=$(readlink -m "$bundle")
[ -z "$check" ] || [ -z "$run_it" ] || die "--check と --run は同時に使えません / --check and --run exclude each other"
# --check, --run: TAP alone on standard output
[ -z "$check$run_it" ] || exec 5>&1 1>&2
vcard_args=() profile_dir=""
if [ -n "$scenario" ]; then
  [ -r "$scenario" ] || die "シナリオがありません / no scenario file: $scenario"
  scenario=$(readlink -f "$scenario")
  scn_validate "$scenario"
  persona=$(scn_get "$scenario" card persona representative)
  if scn_bool "$scenario" card expired; then
    [ "$persona" = representative ] || [ "$persona" = expired ] || \
      die "[card] expired=true は persona=expired と同じです / expired=true is the expired persona, not $persona"
    persona=expired
  fi
  agent=$(scn_get "$scenario" agent persona agent-zeirishi)
  for k in sign-tries auth-tries latency-ms locked-query locked-verify reselect sign-pin-ef; do
    v=$(scn_get "$scenario" card $k); [ -z "$v" ] || vcard_args+=("--$k=$v")
  done
  for v in $(scn_list "$scenario" card locked); do vcard_args+=("--$v-tries=0"); done
  for v in $(scn_list "$scenario" card faults); do vcard_args+=("--fault=$v"); done
  ! scn_bool "$scenario" card clear-after-sign || vcard_args+=(--clear-after-sign)
  # removed while signing: the signature is held long enough to pull the card
  if [ "$(scn_get "$scenario" card remove-during)" = sign ] && [ -z "$(scn_get "$scenario" card latency-ms)" ]; then
    vcard_args+=(--latency-ms=300)
  fi
fi
if [ -z "$check$run_it" ]; then need_files=(ui/ininjo); else need_files=(app/ininjo-cli); fi
for p in "${need_files[@]}" tests/vcard/ininjo-vcard tests/service/ininjo-service tests/service/make-account data/gschemas.compiled; do
  [ -e "$build/$p" ] || die "$build/$p がありません / is missing: ninja -C $build"
done
need() { command -v "$1" >/dev/null || die "$1 がありません / is missing (Debian package $2)"; }
need openssl openssl; need curl curl;
[ -z "$scenario" ] || [ "$(scn_get "$scenario" front-end kind none)" = none ] || [ -x /usr/sbin/nginx ] \
  || die "/usr/sbin/nginx がありません / is missing (Debian package nginx-light)" need jq jq; need gsettings libglib2.0-bin
need dbus-daemon dbus-daemon; need gnome-keyring-daemon gnome-keyring; [ -n "$check$run_it" ] || need xvfb-run xvfb

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
profile_dir=$build/tests/card/personas/personas/$persona
# A scenario's ATR or token kind: a copy of the persona's profile with them
# (and [card] signing=absent: a card issued to a child under 15, without
# the signing certificate and key)
if [ -n "$scenario" ] && [ -n "$(scn_get "$scenario" card atr)$(scn_get "$scenario" card token-kind)" -o \
     "$(scn_get "$scenario" card signing)" = absent ]; then
  profile_dir=$state/profile-slot0
  rm -rf "$profile_dir"; mkdir -p -m 700 "$profile_dir"
  cp "$build/tests/card/personas/personas/$persona"/* "$profile_dir/"
  [ "$(scn_get "$scenario" card signing)" != absent ] || rm -f "$profile_dir/sign-cert.der" "$profile_dir/sign-key.pem"
  for k in atr token-kind; do
    v=$(scn_get "$scenario" card $k)
    [ -z "$v" ] && continue
    awk -v k="$k" -v v="$v" '
      /^\[/ { if (sec == "card" && !done) { print k " = " v; done = 1 } sec = $0; gsub(/[][ \t]/, "", sec) }
      sec == "card" && $0 ~ "^" k "[ \t]*=" { print k " = " v; done = 1; next }
      { print }
      END { if (!done) { if (sec != "card") print "[card]"; print k " = " v } }' \
      "$profile_dir/profile.ini" > "$profile_dir/profile.ini.new"
    mv "$profile_dir/profile.ini.new" "$profile_dir/profile.ini"
  done
  grep -q '^\[card\]' "$profile_dir/profile.ini" || die "profile copy without [card]"
fi

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
export INJ_BED_SCENARIO=$scenario INJ_BED_CHECK=$check INJ_BED_BUNDLE=$bundle INJ_BED_RUN=$run_it INJ_BED_SRC=$src INJ_BED_VCARD_ARGS="${vcard_args[*]-}"
unset INJ_TEST_NS
say "pcscd と仮想カードを起動します / starting pcscd and the virtual cards"
with_card=(bash "$src/tests/card/with-card.sh" --pid --vcard "$build/tests/vcard/ininjo-vcard" --profile "$profile_dir")
for a in "${vcard_args[@]+"${vcard_args[@]}"}"; do with_card+=(--vcard-arg "$a"); done
if [ -n "$check$run_it" ]; then
  exec "${with_card[@]}" -- bash "$self" --inner "$@" >&5
fi
exec "${with_card[@]}" -- bash "$self" --inner "$@"
