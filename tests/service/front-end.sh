#!/usr/bin/env bash
# front-end.sh DIR OPTION...: nginx (Debian's nginx-light) as a TLS front end
# of ininjo-service, run as the caller's own process: the configuration is
# written to DIR (the caller's temporary directory), then nginx replaces this
# shell (exec: the caller's PID is nginx's), in the foreground (daemon off,
# one process), with nothing read or written outside DIR but the
# certificates it is given; loopback only. Stop it with SIGTERM.
#
#   --listen PORT        127.0.0.1:PORT with TLS (the client's https://localhost:PORT)
#   --upstream PORT      the service's --front-end-port (plain HTTP on 127.0.0.1)
#   --cert PEM --key PEM the server certificate and key (the service's)
#   --client-ca PEM      accepted client CAs, repeatable; a file may hold several
#                        certificates (ssl_client_certificate takes one bundle)
#   --header NAME        the service's --front-end-header (default X-Ininjo-Client-Cert)
#   --max-body SIZE      client_max_body_size (default 8m): above it, 413
#   --answer STATUS      every request answered STATUS by nginx itself (503: maintenance)
#   --retry-after N      with --answer: a Retry-After: N header
#   --read-timeout-ms N  proxy_read_timeout (default 60000): a slower service is a 504
#
# What nginx answers on its own is its built-in HTML error page: 400 when
# the client certificate is refused (ssl_verify_client on), 413, 502 when
# the upstream is down, 503, 504.
set -euo pipefail
dir=${1:?usage: front-end.sh DIR --listen PORT --upstream PORT --cert PEM --key PEM --client-ca PEM...}
shift
listen="" upstream="" cert="" key="" cas=() header=X-Ininjo-Client-Cert max_body=8m answer=""
retry_after="" read_timeout=60000
while [ $# -gt 0 ]; do
  case "$1" in
    --listen) listen=$2 ;;
    --upstream) upstream=$2 ;;
    --cert) cert=$2 ;;
    --key) key=$2 ;;
    --client-ca) cas+=("$2") ;;
    --header) header=$2 ;;
    --max-body) max_body=$2 ;;
    --answer) answer=$2 ;;
    --retry-after) retry_after=$2 ;;
    --read-timeout-ms) read_timeout=$2 ;;
    *) echo "front-end.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[ -n "$listen" ] && [ -n "$upstream" ] && [ -n "$cert" ] && [ -n "$key" ] && [ ${#cas[@]} -gt 0 ] \
  || { echo "front-end.sh: --listen, --upstream, --cert, --key and --client-ca are needed" >&2; exit 2; }
nginx=${INJ_NGINX:-/usr/sbin/nginx}
[ -x "$nginx" ] || { echo "front-end.sh: $nginx not found (Debian package nginx-light)" >&2; exit 1; }
# Every value goes into nginx's configuration: nothing but what it must be.
bad() { echo "front-end.sh: $1" >&2; exit 2; }
[[ $listen =~ ^[0-9]{1,5}$ && $upstream =~ ^[0-9]{1,5}$ ]] || bad "--listen and --upstream are port numbers"
[[ $header =~ ^[A-Za-z][A-Za-z0-9-]{0,62}$ ]] || bad "--header $header: letters, digits and -"
[[ $max_body =~ ^[0-9]+[kKmM]?$ ]] || bad "--max-body $max_body: a size (1024, 4k, 8m)"
[[ -z $answer || $answer =~ ^[45][0-9][0-9]$ ]] || bad "--answer $answer: a status 400-599"
[[ -z $retry_after || $retry_after =~ ^[0-9]+$ ]] || bad "--retry-after $retry_after: seconds"
[[ $read_timeout =~ ^[0-9]+$ ]] || bad "--read-timeout-ms $read_timeout: milliseconds"
for f in "$cert" "$key" "${cas[@]}"; do
  [ -r "$f" ] || bad "cannot read $f"
  case "$f" in *[\;\"\'\ \{\}]*) bad "$f: a path nginx's configuration cannot quote" ;; esac
done

dir=$(cd "$dir" && pwd)
# nginx reads relative paths from its prefix (DIR): absolute ones
cert=$(readlink -f "$cert") key=$(readlink -f "$key")
for i in "${!cas[@]}"; do cas[i]=$(readlink -f "${cas[i]}"); done
mkdir -p "$dir/tmp"
# One PEM file of every accepted CA (several generations may sit in one file).
cat "${cas[@]}" > "$dir/client-cas.pem"
what="proxy_pass http://127.0.0.1:$upstream;"
if [ -n "$answer" ]; then
  what="return $answer;"
  [ -z "$retry_after" ] || what="add_header Retry-After $retry_after always; $what"
fi
cat > "$dir/nginx.conf" <<CONF
# written by tests/service/front-end.sh; everything under $dir
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log info;
events { worker_connections 64; }
http {
  access_log $dir/access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server {
    listen 127.0.0.1:$listen ssl;
    server_name localhost;
    ssl_certificate $cert;
    ssl_certificate_key $key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_client_certificate $dir/client-cas.pem;
    ssl_verify_client on;
    ssl_verify_depth 3;
    client_max_body_size $max_body;
    location / {
      # a client's own header of that name never reaches the service
      proxy_set_header $header \$ssl_client_escaped_cert;
      proxy_set_header $header-Verify \$ssl_client_verify;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_read_timeout ${read_timeout}ms;
      $what
    }
  }
}
CONF
exec "$nginx" -p "$dir/" -c "$dir/nginx.conf" -e "$dir/error.log"
