/* inj-diagnostics.c: the support report: versions, cards, the service, the
 * outbox, the last failure. Its text form and the diagnostic bundle are in
 * inj-diagnostics-bundle.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/xmlversion.h>
#include <xmlsec/version.h>

#include "inj-app.h"
#include "inj-audit.h"
#include "inj-diagnostics.h"
#include "inj-pkcs11.h"

/* Every text that goes into the report has passed the redaction. */
static void
set_text (JsonObject *o,
          const char *member,
          const char *value)
{
  g_autofree char *clean = NULL;

  if (value == NULL)
    {
      json_object_set_null_member (o, member);
      return;
    }
  clean = inj_log_redact (value);
  json_object_set_string_member (o, member, clean);
}

static void
set_error (JsonObject *o,
           const GError *error)
{
  g_autofree char *code = g_strdup_printf ("%s:%d", g_quark_to_string (error->domain),
                                           error->code);
  set_text (o, "error", error->message);
  json_object_set_string_member (o, "error_code", code);
}

static char *
hex (GBytes *bytes,
     const char *sep)
{
  gsize len = 0;
  const guint8 *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%s%02X", i ? sep : "", data[i]);
  return g_string_free (s, FALSE);
}

static char *
iso (GDateTime *when)
{
  return when ? g_date_time_format_iso8601 (when) : NULL;
}

/* ------------------------------------------------------------- versions */

static JsonObject *
versions (const InjDiagnosticsOptions *options)
{
  JsonObject *v = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(InjModuleInfo) opensc = NULL;
  g_autofree char *curl = inj_net_dup_curl_version ();
  g_autofree char *glib = g_strdup_printf ("%u.%u.%u", glib_major_version, glib_minor_version,
                                           glib_micro_version);

  set_text (v, "ininjo", PACKAGE_VERSION);
  opensc = inj_pkcs11_module_info (options->modules ? options->modules[0] : NULL, &error);
  if (opensc)
    {
      g_autofree char *text = g_strdup_printf ("%s (%s, %s)", opensc->library_version,
                                               opensc->description ? opensc->description : "",
                                               opensc->filename ? opensc->filename : opensc->name);
      set_text (v, "opensc", text);
    }
  else
    set_text (v, "opensc", error->message);
  set_text (v, "p11-kit", inj_pkcs11_p11kit_version ());
  set_text (v, "pcsc-lite", inj_pcsc_lite_version ());
  if (options->gtk_version)
    set_text (v, "gtk", options->gtk_version);
  set_text (v, "glib", glib);
  set_text (v, "libcurl", curl);
  set_text (v, "gnutls", inj_net_gnutls_version ());
  set_text (v, "libxml2", xmlParserVersion);
  set_text (v, "xmlsec", XMLSEC_VERSION);
  return v;
}

/* ------------------------------------------------------------- cards */

static const char *
cert_name (InjCertKind kind)
{
  switch (kind)
    {
    case INJ_CERT_AUTH:
      return "auth";
    case INJ_CERT_AUTH_CA:
      return "auth-ca";
    case INJ_CERT_SIGN:
      return "sign";
    case INJ_CERT_SIGN_CA:
    default:
      return "sign-ca";
    }
}

static const char *
chain_name (InjChainStatus status)
{
  switch (status)
    {
    case INJ_CHAIN_TRUSTED:
      return "trusted";
    case INJ_CHAIN_UNKNOWN_ISSUER:
      return "unknown-issuer";
    case INJ_CHAIN_BAD_SIGNATURE:
      return "bad-signature";
    case INJ_CHAIN_INSECURE:
    default:
      return "insecure";
    }
}

static JsonObject *
pin_json (InjCard *card,
          InjPinKind pin,
          GCancellable *cancellable)
{
  JsonObject *o = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(InjPinStatus) st = inj_card_get_pin_status (card, pin, cancellable, &error);

  if (st == NULL)
    {
      set_error (o, error);
      return o;
    }
  json_object_set_int_member (o, "tries_left", st->tries_left);
  json_object_set_int_member (o, "max_tries", st->max_tries);
  json_object_set_boolean_member (o, "exact", st->exact);
  json_object_set_boolean_member (o, "locked", st->locked);
  json_object_set_boolean_member (o, "final_try", st->final_try);
  return o;
}

/* Serial, fingerprint, validity and chain; never the subject of a
 * person's certificate. @ca: the CA certificate of the same card, to
 * check the chain against (with the pinned roots and @anchors). */
static JsonObject *
certificate_json (InjCertificate *cert,
                  InjCertificate *ca,
                  gboolean is_ca,
                  InjJpkiRootKind kind,
                  const char *const *anchors)
{
  JsonObject *o = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *not_before = iso (inj_certificate_get_not_before (cert));
  g_autofree char *not_after = iso (inj_certificate_get_not_after (cert));
  /* each kind against its own roots: an authentication certificate never
   * chains to a signing root, whatever the generation */
  g_autoptr(InjTrustStore) store = kind == INJ_JPKI_ROOT_AUTHENTICATION
                                     ? inj_trust_store_new_jpki_authentication ()
                                     : inj_trust_store_new_jpki_signing ();
  g_autoptr(InjCertificate) anchor = NULL;
  gboolean pinned = FALSE;
  InjChainStatus status;

  set_text (o, "serial", inj_certificate_get_serial (cert));
  set_text (o, "sha256", inj_certificate_get_fingerprint (cert));
  set_text (o, "not_before", not_before);
  set_text (o, "not_after", not_after);
  json_object_set_boolean_member (o, "valid_now", inj_certificate_is_valid_at (cert, now));
  if (is_ca)
    {
      set_text (o, "subject", inj_certificate_get_subject (cert));
      json_object_set_boolean_member (o, "pinned_root",
                                      inj_jpki_root_kind (inj_certificate_get_fingerprint (cert)) == kind);
    }
  set_text (o, "issuer", inj_certificate_get_issuer (cert));
  for (guint i = 0; anchors && anchors[i]; i++)
    inj_trust_store_add_file (store, anchors[i], NULL);
  status = inj_trust_store_check (store, cert, &anchor, &pinned);
  if (status != INJ_CHAIN_TRUSTED && ca && !is_ca)
    {
      /* at least: does the card's own CA certificate vouch for it? */
      g_autoptr(InjTrustStore) card_store = inj_trust_store_new ();
      g_autoptr(InjCertificate) card_anchor = NULL;
      gboolean card_pinned = FALSE;
      InjChainStatus card_status;

      g_autofree char *tmp = NULL;
      gsize len;
      const char *der = g_bytes_get_data (inj_certificate_get_der (ca), &len);
      int fd = g_file_open_tmp ("ininjo-card-ca-XXXXXX.der", &tmp, NULL);

      /* the card's CA is not trusted (only pinned roots are), but whether it
       * issued the certificate tells a broken card from an unknown one */
      if (fd >= 0)
        {
          gboolean written = write (fd, der, len) == (ssize_t) len;
          close (fd);
          if (written && inj_trust_store_add_file (card_store, tmp, NULL))
            {
              card_status = inj_trust_store_check (card_store, cert, &card_anchor, &card_pinned);
              set_text (o, "chain_to_card_ca", chain_name (card_status));
            }
          g_unlink (tmp);
        }
    }
  set_text (o, "chain", chain_name (status));
  json_object_set_boolean_member (o, "chain_pinned_root", pinned);
  return o;
}

static InjCertificate *
read_cert (InjCard *card,
           InjCertKind kind,
           GCancellable *cancellable,
           GError **error)
{
  g_autoptr(GBytes) der = inj_card_read_certificate (card, kind, NULL, cancellable, error);

  return der ? inj_certificate_new_from_der (der, error) : NULL;
}

static JsonObject *
card_json (InjCard *card,
           const InjDiagnosticsOptions *options,
           GCancellable *cancellable)
{
  JsonObject *o = json_object_new ();
  JsonObject *pins = json_object_new ();
  JsonObject *certs = json_object_new ();
  JsonArray *labels = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  const InjCertKind order[] = { INJ_CERT_AUTH_CA, INJ_CERT_AUTH, INJ_CERT_SIGN_CA };
  g_autoptr(InjCertificate) auth_ca = NULL;
  const char *reader = inj_card_get_reader (card);

  set_text (o, "reader", reader);
  kind = inj_pcsc_read_token_kind (reader, &error);
  if (kind)
    set_text (o, "kind", kind);
  else
    {
      set_text (o, "kind_error", error->message);
      g_clear_error (&error);
    }
  json_array_add_string_element (labels, inj_token_get_label (inj_card_get_auth_token (card)));
  json_array_add_string_element (labels, inj_token_get_label (inj_card_get_sign_token (card)));
  json_object_set_array_member (o, "token_labels", labels);

  json_object_set_object_member (pins, "auth", pin_json (card, INJ_PIN_AUTH, cancellable));
  json_object_set_object_member (pins, "sign", pin_json (card, INJ_PIN_SIGN, cancellable));
  json_object_set_object_member (o, "pins", pins);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(InjCertificate) cert = read_cert (card, order[i], cancellable, &error);
      JsonObject *c;

      if (cert == NULL)
        {
          c = json_object_new ();
          set_error (c, error);
          g_clear_error (&error);
        }
      else
        c = certificate_json (cert, auth_ca, order[i] != INJ_CERT_AUTH,
                              order[i] == INJ_CERT_SIGN_CA ? INJ_JPKI_ROOT_SIGNING
                                                           : INJ_JPKI_ROOT_AUTHENTICATION,
                              options->trust_anchors);
      if (cert && order[i] == INJ_CERT_AUTH_CA)
        auth_ca = g_object_ref (cert);
      json_object_set_object_member (certs, cert_name (order[i]), c);
    }
  {
    JsonObject *sign = json_object_new ();
    set_text (sign, "note", "not read: the signing certificate needs the signing password");
    json_object_set_object_member (certs, "sign", sign);
  }
  json_object_set_object_member (o, "certificates", certs);
  return o;
}

static JsonObject *
cards (const InjDiagnosticsOptions *options,
       GCancellable *cancellable)
{
  JsonObject *o = json_object_new ();
  JsonArray *modules = json_array_new ();
  JsonArray *readers = json_array_new ();
  JsonArray *tokens = json_array_new ();
  JsonArray *card_list = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) registered = inj_pkcs11_list_registered_modules (&error);
  g_autoptr(GPtrArray) reader_infos = NULL;
  g_autoptr(InjCardMonitor) monitor = NULL;

  if (registered == NULL)
    {
      set_text (o, "modules_error", error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; registered && i < registered->len; i++)
    {
      InjModuleInfo *m = g_ptr_array_index (registered, i);
      JsonObject *mo = json_object_new ();
      set_text (mo, "name", m->name);
      set_text (mo, "file", m->filename);
      set_text (mo, "description", m->description);
      set_text (mo, "manufacturer", m->manufacturer);
      set_text (mo, "version", m->library_version);
      json_array_add_object_element (modules, mo);
    }
  json_object_set_array_member (o, "p11kit_modules", modules);

  reader_infos = inj_pcsc_list_readers (&error);
  if (reader_infos == NULL)
    {
      set_text (o, "readers_error", error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; reader_infos && i < reader_infos->len; i++)
    {
      InjReaderInfo *r = g_ptr_array_index (reader_infos, i);
      JsonObject *ro = json_object_new ();
      set_text (ro, "name", r->name);
      json_object_set_boolean_member (ro, "card_present", r->card_present);
      if (r->atr)
        {
          g_autofree char *atr = hex (r->atr, " ");
          set_text (ro, "atr", atr);
        }
      /* What the card says without a PIN: a locked card for which OpenSC
       * shows no token, a card without signing. */
      if (r->card_present)
        {
          g_auto(InjCardProbe) probe = { 0 };
          if (inj_pcsc_probe_card (r->name, &probe, &error))
            json_object_set_object_member (ro, "card", inj_card_report_json (&probe));
          else
            {
              set_text (ro, "card_error", error->message);
              g_clear_error (&error);
            }
        }
      json_array_add_object_element (readers, ro);
    }
  json_object_set_array_member (o, "readers", readers);

  monitor = inj_card_monitor_new (options->modules, &error);
  if (monitor == NULL)
    {
      set_text (o, "monitor_error", error->message);
      g_clear_error (&error);
    }
  else
    {
      g_autoptr(GPtrArray) token_list = inj_card_monitor_list_tokens (monitor);
      g_autoptr(GPtrArray) card_objs = inj_card_monitor_list_cards (monitor);

      for (guint i = 0; i < token_list->len; i++)
        {
          InjToken *t = g_ptr_array_index (token_list, i);
          JsonObject *to = json_object_new ();
          set_text (to, "label", inj_token_get_label (t));
          set_text (to, "module", inj_token_get_module_name (t));
          set_text (to, "reader", inj_token_get_reader (t));
          json_object_set_boolean_member (to, "my_number", inj_token_is_my_number (t));
          json_array_add_object_element (tokens, to);
        }
      for (guint i = 0; i < card_objs->len; i++)
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
          json_array_add_object_element (card_list,
                                         card_json (g_ptr_array_index (card_objs, i), options,
                                                    cancellable));
        }
    }
  json_object_set_array_member (o, "tokens", tokens);
  json_object_set_array_member (o, "cards", card_list);
  return o;
}

/* ------------------------------------------------------------- service */

static const char *
net_error_name (const GError *error)
{
  static const char *const names[] = {
    "unreachable", "server-certificate", "client-certificate", "tls13-with-card", "pin",
    "problem", "protocol", "redirect", "failed", "config", "client-key", "tls-policy",
    "front-end",
  };

  if (error->domain == INJ_NET_ERROR && error->code >= 0 &&
      (guint) error->code < G_N_ELEMENTS (names))
    return names[error->code];
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  return "other";
}

static JsonObject *
service (const InjDiagnosticsOptions *options,
         GCancellable *cancellable)
{
  const InjServiceConfig *config = options->service;
  JsonObject *o = json_object_new ();
  JsonObject *dns = json_object_new ();
  JsonObject *tcp = json_object_new ();
  JsonObject *tls = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = g_uri_parse (config->base_url, G_URI_FLAGS_NONE, &error);
  const char *host;
  int port;

  set_text (o, "url", config->base_url);
  set_text (o, "client_key", config->key_kind != INJ_CLIENT_KEY_FILE ? "card" : "file");
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      if (error)
        set_error (o, error);
      json_object_unref (dns);
      json_object_unref (tcp);
      json_object_unref (tls);
      return o;
    }
  host = g_uri_get_host (uri);
  port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 443;

  /* name resolution */
  {
    g_autoptr(GResolver) resolver = g_resolver_get_default ();
    gint64 t0 = g_get_monotonic_time ();
    GList *addresses = g_resolver_lookup_by_name (resolver, host, cancellable, &error);
    JsonArray *list = json_array_new ();

    for (GList *l = addresses; l; l = l->next)
      {
        g_autofree char *a = g_inet_address_to_string (l->data);
        json_array_add_string_element (list, a);
      }
    g_resolver_free_addresses (addresses);
    json_object_set_boolean_member (dns, "ok", error == NULL);
    json_object_set_array_member (dns, "addresses", list);
    json_object_set_int_member (dns, "ms", (g_get_monotonic_time () - t0) / 1000);
    if (error)
      set_error (dns, error);
    g_clear_error (&error);
  }
  json_object_set_object_member (o, "name_resolution", dns);

  /* TCP */
  {
    g_autoptr(GSocketClient) client = g_socket_client_new ();
    g_autoptr(GSocketConnection) conn = NULL;
    gint64 t0 = g_get_monotonic_time ();

    g_socket_client_set_timeout (client, config->connect_timeout_s ? config->connect_timeout_s : 10);
    conn = g_socket_client_connect_to_host (client, host, port, cancellable, &error);
    json_object_set_boolean_member (tcp, "ok", conn != NULL);
    json_object_set_int_member (tcp, "ms", (g_get_monotonic_time () - t0) / 1000);
    if (conn)
      g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
    else
      set_error (tcp, error);
    g_clear_error (&error);
  }
  json_object_set_object_member (o, "tcp", tcp);

  /* TLS and the service's answer: the profile */
  {
    g_autoptr(InjServiceClient) client = inj_service_client_new (config, options->interaction,
                                                                 &error);
    g_autoptr(JsonObject) profile = NULL;
    g_autofree char *summary = NULL;
    g_autofree char *server_cert = NULL;
    gint64 offset = 0;

    if (client)
      profile = inj_service_client_get_profile (client, cancellable, &error);
    if (client)
      {
        summary = inj_service_client_dup_tls_summary (client);
        server_cert = inj_service_client_dup_server_certificate (client);
        set_text (tls, "version", inj_service_client_get_tls_version (client));
        set_text (tls, "parameters", summary);
        set_text (tls, "server_certificate", server_cert);
        if (inj_service_client_get_clock_offset (client, &offset))
          json_object_set_int_member (o, "clock_offset_s", offset);
        else
          json_object_set_null_member (o, "clock_offset_s");
      }
    if (profile)
      {
        set_text (tls, "server_certificate_verified", "yes");
        set_text (tls, "client_certificate_accepted", "yes");
        set_text (o, "service_name", json_object_get_string_member_with_default (profile, "name",
                                                                                 NULL));
      }
    else
      {
        const char *name = net_error_name (error);

        set_text (tls, "failure", name);
        set_error (tls, error);
        if (g_str_equal (name, "server-certificate"))
          {
            const char *type = inj_net_error_problem_type (error);
            set_text (tls, "server_certificate_verified", "no");
            if (type && g_str_has_prefix (type, "server-certificate:"))
              set_text (tls, "server_certificate_problem", type + strlen ("server-certificate:"));
          }
        else if (server_cert)
          set_text (tls, "server_certificate_verified", "yes");
        if (g_str_equal (name, "client-certificate"))
          set_text (tls, "client_certificate_accepted", "no");
        else if (g_str_equal (name, "problem") || g_str_equal (name, "protocol"))
          set_text (tls, "client_certificate_accepted", "yes");
        else
          set_text (tls, "client_certificate_accepted", "unknown");
      }
    json_object_set_boolean_member (o, "ok", profile != NULL);
    if (client)
      inj_service_client_disconnect (client);
  }
  json_object_set_object_member (o, "tls", tls);
  return o;
}

/* ------------------------------------------------------------- outbox */

static JsonObject *
outbox (void)
{
  JsonObject *o = json_object_new ();
  JsonArray *list = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) packages = inj_outbox_list (&error);

  for (guint i = 0; packages && i < packages->len; i++)
    {
      InjPackage *p = g_ptr_array_index (packages, i);
      JsonObject *po = json_object_new ();
      set_text (po, "id", p->delegation_id);
      set_text (po, "state", p->state);
      json_array_add_object_element (list, po);
    }
  if (packages == NULL && error)
    set_error (o, error);
  json_object_set_array_member (o, "packages", list);
  return o;
}

/* ------------------------------------------------------------- the last failure */

const char *
inj_failure_reason_for_error (const GError *error,
                              const char *step)
{
  if (error == NULL)
    return "other";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  if (error->domain == INJ_NET_ERROR)
    return net_error_name (error);
  if (error->domain == INJ_PKCS11_ERROR)
    {
      CK_RV rv = inj_pkcs11_error_rv (error);
      gboolean sign_pin = g_strcmp0 (step, "sign") == 0 || g_strcmp0 (step, "agent") == 0 ||
                          g_strcmp0 (step, "submission") == 0;

      switch (rv)
        {
        case CKR_PIN_LOCKED:
          return sign_pin ? "sign-locked" : "auth-locked";
        case CKR_PIN_INCORRECT:
          return "wrong-pin";
        case CKR_PIN_LEN_RANGE:
        case INJ_CKR_PIN_FORMAT:
          return "pin-format";
        case CKR_DEVICE_REMOVED:
        case CKR_TOKEN_NOT_PRESENT:
        case CKR_SESSION_HANDLE_INVALID:
        case CKR_SESSION_CLOSED:
          return "card-removed";
        case INJ_CKR_NO_CARD:
          return "no-card";
        case INJ_CKR_NO_READER:
          return "no-reader";
        case CKR_TOKEN_NOT_RECOGNIZED:
        case INJ_CKR_NOT_MY_NUMBER:
          return "not-my-number";
        case INJ_CKR_NO_SIGNING:
          return "no-signing";
        case CKR_FUNCTION_CANCELED:
          return "cancelled";
        default:
          return "card-error";
        }
    }
  return "other";
}

const char *
inj_failure_reason_for_verification (InjVerification *verification)
{
  static const struct {
    InjCheckKind kind;
    const char *reason;
  } order[] = {
    { INJ_CHECK_CHAIN, "unknown-ca" },
    { INJ_CHECK_VALID_NOW, "certificate-expired" },
    { INJ_CHECK_VALID_AT_SIGNING, "certificate-expired" },
    { INJ_CHECK_ROOT_NOW, "root-expired" },
    { INJ_CHECK_ROOT_AT_SIGNING, "root-not-valid-when-signed" },
  };

  for (guint i = 0; verification && i < G_N_ELEMENTS (order); i++)
    {
      const InjCheck *check = inj_verification_find (verification, order[i].kind);
      if (check && check->result == INJ_CHECK_FAILED)
        return order[i].reason;
    }
  return "verification";
}

/* Only these characters pass into the line: it is parsed back. */
static char *
word (const char *text)
{
  char *w = g_strdup (text && *text ? text : "-");

  for (char *p = w; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != ':' && *p != '.')
      *p = '_';
  return w;
}

void
inj_diagnostics_note_failure (const char *step,
                              const char *reason,
                              const GError *error)
{
  g_autofree char *code = error ? g_strdup_printf ("%s:%d", g_quark_to_string (error->domain),
                                                   error->code)
                                : NULL;
  g_autofree char *s = word (step);
  g_autofree char *r = word (reason ? reason : inj_failure_reason_for_error (error, step));
  g_autofree char *e = word (code);

  g_info ("failed: step=%s reason=%s error=%s", s, r, e);
}

JsonObject *
inj_diagnostics_last_failure (const char *log)
{
  g_autoptr(GRegex) re = g_regex_new ("^(\\S+) .*failed: step=(\\S+) reason=(\\S+) "
                                      "error=(\\S+)$",
                                      G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  JsonObject *last = NULL;

  if (log == NULL)
    return NULL;
  g_regex_match (re, log, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *when = g_match_info_fetch (match, 1);
      g_autofree char *step = g_match_info_fetch (match, 2);
      g_autofree char *reason = g_match_info_fetch (match, 3);
      g_autofree char *error = g_match_info_fetch (match, 4);

      g_clear_pointer (&last, json_object_unref);
      last = json_object_new ();
      set_text (last, "time", when);
      set_text (last, "step", step);
      set_text (last, "reason", reason);
      set_text (last, "error", error);
      g_match_info_next (match, NULL);
    }
  return last;
}

/* ------------------------------------------------------------- the report */

JsonObject *
inj_diagnostics_run (const InjDiagnosticsOptions *options,
                     GCancellable *cancellable)
{
  JsonObject *report = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = iso (now);

  g_return_val_if_fail (options != NULL, report);
  set_text (report, "generated", when);
  json_object_set_object_member (report, "versions", versions (options));
  if (options->cards)
    json_object_set_object_member (report, "cards", cards (options, cancellable));
  if (options->service)
    json_object_set_object_member (report, "service", service (options, cancellable));
  json_object_set_object_member (report, "outbox", outbox ());
  {
    g_autoptr(GBytes) log = inj_log_read_recent ();
    g_autofree char *text = g_strndup (g_bytes_get_data (log, NULL), g_bytes_get_size (log));
    JsonObject *last = inj_diagnostics_last_failure (text);

    if (last)
      json_object_set_object_member (report, "last_error", last);
    else
      json_object_set_null_member (report, "last_error");
  }
  return report;
}
