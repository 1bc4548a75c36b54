/* ininjo-service.c: the local delegation service (電子委任状取扱事業者) of
 * the test bed, speaking data/ininjo-service-api.yaml over HTTPS with
 * mutual TLS: libmicrohttpd with GnuTLS, SQLite, and the client's own
 * verification (app/) to decide what is stored. Also the embedded default
 * service at https://localhost:8443, and a service support staff can make
 * fail the way a user's did (the knobs). This file: the options, the
 * daemon and the HTTP plumbing (bodies, knobs, replies); the handlers are
 * svc-handlers.c, the TLS side svc-tls.c, the database svc-store*.c, the
 * verification worker svc-worker.c. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <microhttpd.h>

#include "inj-app.h"
#include "svc-account.h"
#include "svc-service.h"
#include "svc-tls.h"

#define DEFAULT_PORT 8443
#define MAX_BODY (4 * 1024 * 1024)
#define SLOW_CHUNK 256

/* ------------------------------------------------------------ plumbing */

typedef struct {
  char *data;
  size_t length;
  guint delay_ms;
} SlowBody;

static ssize_t
slow_body_read (void *cls,
                uint64_t pos,
                char *buf,
                size_t max)
{
  SlowBody *sb = cls;
  size_t n;

  if (pos >= sb->length)
    return MHD_CONTENT_READER_END_OF_STREAM;
  g_usleep ((gulong) sb->delay_ms * 1000);
  n = MIN (max, MIN ((size_t) SLOW_CHUNK, sb->length - (size_t) pos));
  memcpy (buf, sb->data + pos, n);
  return (ssize_t) n;
}

static void
slow_body_free (void *cls)
{
  SlowBody *sb = cls;

  g_free (sb->data);
  g_free (sb);
}

static enum MHD_Result
send_reply (Service *svc,
            struct MHD_Connection *conn,
            Request *req,
            Reply *reply)
{
  struct MHD_Response *response;
  size_t length = reply->body ? strlen (reply->body) : 0;
  enum MHD_Result ret;

  if (svc->slow_body_ms > 0 && length > 0)
    {
      /* --slow-body-ms: SLOW_CHUNK bytes at a time, each after a pause */
      SlowBody *sb = g_new0 (SlowBody, 1);
      sb->data = g_steal_pointer (&reply->body);
      sb->length = length;
      sb->delay_ms = (guint) svc->slow_body_ms;
      response = MHD_create_response_from_callback (length, SLOW_CHUNK, slow_body_read, sb,
                                                    slow_body_free);
    }
  else
    response = MHD_create_response_from_buffer (length, reply->body ? reply->body : (char *) "",
                                                MHD_RESPMEM_MUST_COPY);
  if (response == NULL)
    return MHD_NO;
  MHD_add_response_header (response, MHD_HTTP_HEADER_CONTENT_TYPE, reply->content_type);
  /* the answers carry personal data and signed states of the moment */
  MHD_add_response_header (response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  if (reply->location)
    MHD_add_response_header (response, MHD_HTTP_HEADER_LOCATION, reply->location);
  if (reply->allow)
    MHD_add_response_header (response, MHD_HTTP_HEADER_ALLOW, reply->allow);
  if (reply->retry_after)
    MHD_add_response_header (response, MHD_HTTP_HEADER_RETRY_AFTER, "1");
  ret = MHD_queue_response (conn, reply->status, response);
  MHD_destroy_response (response);
  req->status = reply->status;
  return ret;
}

static gboolean
draw_failure (Service *svc)
{
  gboolean fail;

  if (svc->fail_rate <= 0)
    return FALSE;
  g_mutex_lock (&svc->rand_lock);
  fail = g_rand_double (svc->rand) < svc->fail_rate;
  g_mutex_unlock (&svc->rand_lock);
  return fail;
}

static enum MHD_Result
handle_request (void *cls,
                struct MHD_Connection *conn,
                const char *url,
                const char *method,
                const char *version,
                const char *upload_data,
                size_t *upload_data_size,
                void **con_cls)
{
  Service *svc = cls;
  Request *req = *con_cls;
  Reply reply = { 0 };
  enum MHD_Result ret;

  if (req == NULL)
    {
      const char *length = MHD_lookup_connection_value (conn, MHD_HEADER_KIND,
                                                        MHD_HTTP_HEADER_CONTENT_LENGTH);
      req = g_new0 (Request, 1);
      req->method = g_strdup (method);
      req->url = g_strdup (url);
      req->started = g_get_monotonic_time ();
      /* the front end's header on its own listener only, never on this one */
      req->principal = svc_front_owns (&svc->front, conn) ? svc_front_principal (&svc->front, conn)
                                                          : svc_tls_client_principal (conn);
      *con_cls = req;
      /* Answered before the body is read (the connection is then closed). */
      if (req->principal == NULL)
        svc_reply_problem (&reply, req, MHD_HTTP_FORBIDDEN, "client-certificate",
                           "クライアント証明書が必要です（このサービスが信頼する認証局の証明書）。");
      else if (length && g_ascii_strtoull (length, NULL, 10) > MAX_BODY)
        svc_reply_problem (&reply, req, MHD_HTTP_CONTENT_TOO_LARGE, "too-large",
                           "本文が大きすぎます（上限は %d MiB です）。", MAX_BODY / (1024 * 1024));
      if (reply.body == NULL)
        return MHD_YES;
      req->answered = TRUE;
      ret = send_reply (svc, conn, req, &reply);
      svc_reply_clear (&reply);
      return ret;
    }

  if (*upload_data_size > 0)
    {
      if (!req->answered && !req->too_large)
        {
          if (req->body == NULL)
            req->body = g_byte_array_new ();
          if (req->body->len + *upload_data_size > MAX_BODY)
            {
              /* a body without Content-Length: read to its end, keep none */
              req->too_large = TRUE;
              g_clear_pointer (&req->body, g_byte_array_unref);
            }
          else
            g_byte_array_append (req->body, (const guint8 *) upload_data, (guint) *upload_data_size);
        }
      *upload_data_size = 0;
      return MHD_YES;
    }
  if (req->answered)
    return MHD_YES;

  if (req->too_large)
    svc_reply_problem (&reply, req, MHD_HTTP_CONTENT_TOO_LARGE, "too-large",
                       "本文が大きすぎます（上限は %d MiB です）。", MAX_BODY / (1024 * 1024));
  else if (draw_failure (svc))
    {
      svc_reply_problem (&reply, req, MHD_HTTP_SERVICE_UNAVAILABLE, "server-error",
                         "サービスが一時的に利用できません（--fail-rate）。しばらくしてから再試行して"
                         "ください。");
      reply.retry_after = TRUE;
    }
  else
    svc_route (svc, req, conn, &reply);

  if (svc->drop_after_body && g_str_equal (method, "POST"))
    {
      /* --drop-after-body: what was registered stays, the answer is lost */
      req->dropped = TRUE;
      svc_reply_clear (&reply);
      return MHD_NO;
    }
  if (svc->delay_ms > 0)
    g_usleep ((gulong) svc->delay_ms * 1000);
  ret = send_reply (svc, conn, req, &reply);
  svc_reply_clear (&reply);
  return ret;
}

static void
request_completed (void *cls,
                   struct MHD_Connection *conn,
                   void **con_cls,
                   enum MHD_RequestTerminationCode toe)
{
  Request *req = *con_cls;
  gint64 ms;

  if (req == NULL)
    return;
  ms = (g_get_monotonic_time () - req->started) / 1000;
  if (req->dropped)
    svc_log ("%s %s dropped after the body (--drop-after-body), %" G_GINT64_FORMAT " ms",
             req->method, req->url, ms);
  else
    svc_log ("%s %s %u client %.16s %" G_GINT64_FORMAT " ms%s", req->method, req->url,
             req->status, req->principal ? req->principal : "(none)", ms,
             toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (not completed)");
  g_free (req->method);
  g_free (req->url);
  g_free (req->principal);
  g_free (req->account);
  if (req->body)
    g_byte_array_unref (req->body);
  g_free (req);
  *con_cls = NULL;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
mhd_log (void *cls,
         const char *format,
         va_list ap)
{
  g_autofree char *text = g_strdup_vprintf (format, ap);

  g_strchomp (text);
  /* what 0.9.75 says of every failed handshake, whatever the cause */
  if (g_str_equal (text, "Error: received handshake message out of context."))
    svc_log ("TLS: handshake failed");
  else
    svc_log ("libmicrohttpd: %s", text);
}
#pragma GCC diagnostic pop

/* ---------------------------------------------------------------- main */

static gboolean
write_ready_file (Service *svc,
                  guint port,
                  GError **error)
{
  g_autofree char *text = g_strdup_printf ("[service]\nport=%u\nurl=https://localhost:%u\n"
                                           "pid=%d\nfront-end-port=%d\n", port, port,
                                           (int) getpid (), svc->front.port);

  /* g_file_set_contents writes a temporary file and renames it: a reader
   * never sees half of it */
  return g_file_set_contents (svc->ready_file, text, -1, error);
}

static gboolean
quit_on_signal (gpointer data)
{
  Service *svc = data;

  svc_log ("stopping");
  g_main_loop_quit (svc->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_options (Service *svc,
               int *argc,
               char ***argv,
               GError **error)
{
  g_autofree char *seed = NULL;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &svc->port, "TCP port (0: any free one; default 8443)", "N" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &svc->address, "Address to listen on (default 127.0.0.1)", "ADDR" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &svc->db_path, "SQLite database (default $XDG_DATA_HOME/ininjo-service/service.db)", "FILE" },
    { "pki", 0, 0, G_OPTION_ARG_FILENAME, &svc->pki, "Defaults from make-service-pki.sh's OUTDIR (server, records, client CA)", "DIR" },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &svc->cert, "Server certificate (PEM, chain allowed)", "PEM" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &svc->key, "Server key (PEM)", "PEM" },
    { "client-ca", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &svc->client_cas, "CA of accepted client certificates (repeatable)", "PEM" },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &svc->trust, "Signing trust anchor besides the public JPKI roots (repeatable)", "PEM" },
    { "record-cert", 0, 0, G_OPTION_ARG_FILENAME, &svc->record_cert, "Certificate of the record-signing key (default: --cert)", "PEM" },
    { "record-key", 0, 0, G_OPTION_ARG_FILENAME, &svc->record_key, "Record-signing key, RSA (default: --key)", "PEM" },
    { "profile-name", 0, 0, G_OPTION_ARG_STRING, &svc->profile_name, "Service name in the profile", "NAME" },
    { "public-url", 0, 0, G_OPTION_ARG_STRING, &svc->public_url, "Base of the profile's URLs (default https://localhost:PORT)", "URL" },
    { "delay-ms", 0, 0, G_OPTION_ARG_INT, &svc->delay_ms, "Wait before answering", "N" },
    { "fail-rate", 0, 0, G_OPTION_ARG_DOUBLE, &svc->fail_rate, "Fraction of requests answered 503 (0..1)", "P" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Seed of --fail-rate's draws (repeatable runs)", "N" },
    { "drop-after-body", 0, 0, G_OPTION_ARG_NONE, &svc->drop_after_body, "Close a POST's connection after its body, unanswered", NULL },
    { "tls13-only", 0, 0, G_OPTION_ARG_NONE, &svc->tls13_only, "Refuse TLS 1.2", NULL },
    { "slow-body-ms", 0, 0, G_OPTION_ARG_INT, &svc->slow_body_ms, "Pause before each 256 bytes of a response body", "N" },
    { "verify-delay-ms", 0, 0, G_OPTION_ARG_INT, &svc->verify_delay_ms, "Wait before deciding a receipt (it stays \"received\")", "N" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &svc->now, "Start the service's clock at this time (ISO 8601)", "TIME" },
    { "front-end-port", 0, 0, G_OPTION_ARG_INT, &svc->front.port, "Plain HTTP on 127.0.0.1 for a TLS front end (0: any free port)", "N" },
    { "front-end-header", 0, 0, G_OPTION_ARG_STRING, &svc->front.header, "On the front end's port only: the client certificate (URL-escaped PEM) in this header, NAME-Verify: SUCCESS", "NAME" },
    { "account", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &svc->accounts, "At start, an account registered on the operator's page: its signed AccountRegistration and the client certificate bound to it; confirmed (repeatable)", "STATEMENT.xml:CERT.pem" },
    { "confirm-accounts", 0, 0, G_OPTION_ARG_STRING, &svc->confirm_accounts, "auto: an account registered through the API is 確認済み at once; manual (default): it waits for `ininjo-service confirm ACCOUNT_ID --db FILE`", "auto|manual" },
    { "ready-file", 0, 0, G_OPTION_ARG_FILENAME, &svc->ready_file, "Written (port, url, pid) once listening", "FILE" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the local delegation service (TEST)");

  g_option_context_set_summary (context,
                                "HTTPS with mutual TLS, the API of data/ininjo-service-api.yaml.\n"
                                "Example: ininjo-service --pki PKI --client-ca personas/ca/auth-ca.pem "
                                "--trust personas/ca/sign-ca.pem");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "unexpected argument %s",
                   (*argv)[1]);
      return FALSE;
    }

  if (svc->pki)
    {
      g_autoptr(GStrvBuilder) cas = g_strv_builder_new ();
      g_autofree char *ca = g_build_filename (svc->pki, "client-ca.pem", NULL);
      if (!svc->cert)
        svc->cert = g_build_filename (svc->pki, "server.pem", NULL);
      if (!svc->key)
        svc->key = g_build_filename (svc->pki, "server.key", NULL);
      if (!svc->record_cert && !svc->record_key)
        {
          svc->record_cert = g_build_filename (svc->pki, "records.pem", NULL);
          svc->record_key = g_build_filename (svc->pki, "records.key", NULL);
        }
      g_strv_builder_add (cas, ca);
      if (svc->client_cas)
        g_strv_builder_addv (cas, (const char **) svc->client_cas);
      g_strfreev (svc->client_cas);
      svc->client_cas = g_strv_builder_end (cas);
    }
  if (!svc->cert || !svc->key)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "--cert and --key (or --pki) are needed");
      return FALSE;
    }
  if (!svc->client_cas || !svc->client_cas[0])
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "at least one --client-ca (or --pki) is needed: every client must "
                           "present a certificate");
      return FALSE;
    }
  if (!svc->record_cert != !svc->record_key)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "--record-cert and --record-key go together");
      return FALSE;
    }
  if (!svc->record_cert)
    {
      svc->record_cert = g_strdup (svc->cert);
      svc->record_key = g_strdup (svc->key);
    }
  if (svc->port < 0 || svc->port > 65535 || svc->delay_ms < 0 || svc->slow_body_ms < 0 ||
      svc->verify_delay_ms < 0 || svc->fail_rate < 0 || svc->fail_rate > 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--port is 0..65535, --fail-rate 0..1, the delays are not negative");
      return FALSE;
    }
  if (!svc_front_check (&svc->front, error))
    return FALSE;
  if (svc->confirm_accounts && !g_str_equal (svc->confirm_accounts, "auto") &&
      !g_str_equal (svc->confirm_accounts, "manual"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--confirm-accounts %s: auto or manual", svc->confirm_accounts);
      return FALSE;
    }
  svc->ctx.confirm_accounts = g_strcmp0 (svc->confirm_accounts, "auto") == 0;
  if (seed)
    {
      char *end = NULL;
      svc->seed = g_ascii_strtoll (seed, &end, 10);
      if (end == seed || *end)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--seed %s: not a number",
                       seed);
          return FALSE;
        }
      svc->seeded = TRUE;
    }
  if (svc->now)
    {
      g_autoptr(GDateTime) then = NULL;
      g_autoptr(GTimeZone) jst = inj_date_jst ();
      g_autoptr(GDateTime) real = g_date_time_new_now (jst);
      then = g_date_time_new_from_iso8601 (svc->now, jst);
      if (then == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--now %s: not an ISO 8601 date and time", svc->now);
          return FALSE;
        }
      svc->ctx.clock_offset = g_date_time_difference (then, real);
    }
  if (!svc->address)
    svc->address = g_strdup ("127.0.0.1");
  if (!svc->db_path)
    {
      g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "ininjo-service", NULL);
      if (g_mkdir_with_parents (dir, 0700) < 0)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir,
                       g_strerror (saved));
          return FALSE;
        }
      svc->db_path = g_build_filename (dir, "service.db", NULL);
    }
  return TRUE;
}

static gboolean
start_daemon (Service *svc,
              GError **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (svc->address);
  g_autoptr(GSocketAddress) address = NULL;
  struct sockaddr_storage native;
  unsigned int flags = MHD_USE_TLS | MHD_USE_THREAD_PER_CONNECTION |
                       MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
  const union MHD_DaemonInfo *info;

  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--address %s: not an IP address", svc->address);
      return FALSE;
    }
  address = g_inet_socket_address_new (inet, (guint16) svc->port);
  if (!g_socket_address_to_native (address, &native, sizeof native, error))
    return FALSE;
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    flags |= MHD_USE_IPv6;

  /* Thread per connection: --delay-ms and --slow-body-ms hold one
   * connection, never the others. */
  svc->daemon = MHD_start_daemon (flags, (uint16_t) svc->port, NULL, NULL,
                                  handle_request, svc,
                                  MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
                                  MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &native,
                                  MHD_OPTION_HTTPS_CERT_CALLBACK, svc_tls_select_certificate,
                                  MHD_OPTION_HTTPS_MEM_TRUST, svc->client_trust_pem,
                                  MHD_OPTION_HTTPS_PRIORITIES, TLS_PRIORITY,
                                  MHD_OPTION_NOTIFY_COMPLETED, request_completed, svc,
                                  MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 120,
                                  MHD_OPTION_END);
  if (svc->daemon == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "cannot listen on %s port %d (in use? a bad certificate?)", svc->address,
                   svc->port);
      return FALSE;
    }
  info = MHD_get_daemon_info (svc->daemon, MHD_DAEMON_INFO_BIND_PORT);
  svc->port = info ? info->port : svc->port;
  return TRUE;
}

static void
service_clear (Service *svc)
{
  if (svc->daemon)
    MHD_stop_daemon (svc->daemon);
  svc_front_stop (&svc->front);
  svc_worker_stop (&svc->ctx);
  g_clear_pointer (&svc->ctx.store, svc_store_free);
  g_clear_pointer (&svc->ctx.signer, svc_signer_free);
  g_clear_object (&svc->ctx.trust);
  g_mutex_clear (&svc->ctx.app_lock);
  g_clear_pointer (&svc->rand, g_rand_free);
  g_mutex_clear (&svc->rand_lock);
  g_clear_pointer (&svc->loop, g_main_loop_unref);
  svc_tls_free_server_certificate ();
  g_free (svc->address);
  g_free (svc->db_path);
  g_free (svc->cert);
  g_free (svc->key);
  g_strfreev (svc->client_cas);
  g_strfreev (svc->trust);
  g_free (svc->record_cert);
  g_free (svc->record_key);
  g_free (svc->profile_name);
  g_free (svc->public_url);
  g_free (svc->pki);
  g_free (svc->now);
  g_free (svc->ready_file);
  g_strfreev (svc->accounts);
  g_free (svc->confirm_accounts);
  g_free (svc->profile_json);
  g_free (svc->client_trust_pem);
}

static int
run (Service *svc,
     int argc,
     char **argv)
{
  g_autoptr(GError) error = NULL;

  if (!parse_options (svc, &argc, &argv, &error))
    {
      g_printerr ("ininjo-service: %s\n", error->message);
      return 2;
    }

  svc->ctx.trust = inj_trust_store_new_jpki_signing ();
  for (guint i = 0; svc->trust && svc->trust[i]; i++)
    if (!inj_trust_store_add_file (svc->ctx.trust, svc->trust[i], &error))
      goto failed;
  svc->ctx.verify_delay_ms = (guint) svc->verify_delay_ms;
  if (svc->seeded)
    {
      const guint32 words[2] = { (guint32) svc->seed, (guint32) ((guint64) svc->seed >> 32) };
      svc->rand = g_rand_new_with_seed_array (words, G_N_ELEMENTS (words));
    }
  else
    svc->rand = g_rand_new ();
  if (!svc_tls_load_server_certificate (svc->cert, svc->key, &error) ||
      (svc->client_trust_pem = svc_tls_read_client_cas (svc->client_cas, &error)) == NULL ||
      (svc->ctx.signer = svc_signer_new (svc->record_cert, svc->record_key, &error)) == NULL ||
      (svc->ctx.store = svc_store_open (svc->db_path, &error)) == NULL)
    goto failed;
  for (guint i = 0; svc->accounts && svc->accounts[i]; i++)
    if (!svc_account_preregister (&svc->ctx, svc->accounts[i], &error))
      goto failed;

  svc_tls_set_tls13_only (svc->tls13_only);
  svc_worker_start (&svc->ctx);
  if (!start_daemon (svc, &error)
      || !svc_front_start (&svc->front, svc->client_trust_pem, handle_request, request_completed,
                           svc, &error))
    goto failed;
  if (!svc->public_url)
    svc->public_url = g_strdup_printf ("https://localhost:%d", svc->port);
  if ((svc->profile_json = svc_build_profile (svc, &error)) == NULL)
    goto failed;

  svc->loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_on_signal, svc);
  g_unix_signal_add (SIGINT, quit_on_signal, svc);
  svc_log ("listening on https://%s%s%s:%d (%s), database %s",
           strchr (svc->address, ':') ? "[" : "", svc->address,
           strchr (svc->address, ':') ? "]" : "", svc->port,
           svc->tls13_only ? "TLS 1.3 only" : "TLS 1.2 and 1.3", svc->db_path);
  if (svc->ready_file && !write_ready_file (svc, (guint) svc->port, &error))
    goto failed;
  g_main_loop_run (svc->loop);
  return 0;

failed:
  g_printerr ("ininjo-service: %s\n", error->message);
  return 1;
}

int
main (int argc,
      char **argv)
{
  Service svc = { .port = DEFAULT_PORT };
  int status;

  /* The service answers in Japanese whatever its locale (its details and
   * reasons are for the people using the client). */
  g_setenv ("LANGUAGE", "ja", TRUE);
  g_setenv ("ININJO_LOCALEDIR", SERVICE_BUILD_LOCALEDIR, FALSE);
  inj_i18n_init ();
  inj_xml_init (); /* libxml2's and xmlsec's messages through GLib's log */
  g_mutex_init (&svc.ctx.app_lock);
  g_mutex_init (&svc.rand_lock);

  /* the operator's registry check (§3.1.3), on a stopped or running
   * service's database */
  if (argc > 1 && g_str_equal (argv[1], "confirm"))
    {
      status = svc_account_confirm_main (argc - 1, argv + 1);
      g_mutex_clear (&svc.ctx.app_lock);
      g_mutex_clear (&svc.rand_lock);
      return status;
    }
  status = run (&svc, argc, argv);
  if (svc.ready_file && status == 0)
    g_unlink (svc.ready_file);
  service_clear (&svc);
  return status;
}
