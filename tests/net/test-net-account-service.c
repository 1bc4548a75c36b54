/* test-net-account-service.c: the account's calls against the real local
 * service (test-net-account.c has the rest). Each persona reaches the
 * service with its card's authentication certificate and key as files and
 * signs with its signing key in software, as its card would. */
#include "config.h"

#include <string.h>

#include "inj-net-private.h"
#include "net-support.h"
#include "sign-support.h"

void net_account_add_service_tests (void);

/* A value of the persona's persona.ini. */
static char *
persona_value (const char *persona,
               const char *group,
               const char *key)
{
  g_autofree char *path = sign_persona_file (persona, "persona.ini");
  g_autoptr(GKeyFile) ini = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  char *value;

  g_assert_true (g_key_file_load_from_file (ini, path, G_KEY_FILE_NONE, &error));
  value = g_key_file_get_string (ini, group, key, &error);
  g_assert_no_error (error);
  return value;
}

/* A client of @svc with @persona's authentication certificate (DER on the
 * persona, PEM for libcurl) and key. */
static InjServiceClient *
persona_client (TestService *svc,
                const char *persona)
{
  g_autofree char *der_path = sign_persona_file (persona, "auth-cert.der");
  g_autofree char *pem_name = g_strconcat (persona, "-auth.pem", NULL);
  g_autofree char *pem_path = g_build_filename (sign_work, pem_name, NULL);
  g_autofree char *der = NULL;
  g_autofree char *b64 = NULL;
  g_autoptr(GString) pem = g_string_new ("-----BEGIN CERTIFICATE-----\n");
  g_auto(InjServiceConfig) config = { 0 };
  g_autoptr(GError) error = NULL;
  InjServiceClient *c;
  gsize length;

  g_assert_true (g_file_get_contents (der_path, &der, &length, NULL));
  b64 = g_base64_encode ((const guchar *) der, length);
  for (gsize i = 0, n = strlen (b64); i < n; i += 64)
    g_string_append_printf (pem, "%.64s\n", b64 + i);
  g_string_append (pem, "-----END CERTIFICATE-----\n");
  g_assert_true (g_file_set_contents (pem_path, pem->str, -1, NULL));
  config.base_url = g_strdup (svc->url);
  config.service_ca = test_pki_path ("service-ca.pem");
  config.key_kind = INJ_CLIENT_KEY_FILE;
  config.client_certificate = g_strdup (pem_path);
  config.client_key = sign_persona_file (persona, "auth-key.pem");
  c = inj_service_client_new (&config, NULL, &error);
  g_assert_no_error (error);
  return c;
}

/* The SHA-256 of @persona's authentication certificate, as a Rebinding names it. */
static char *
auth_sha256 (const char *persona)
{
  g_autofree char *der_path = sign_persona_file (persona, "auth-cert.der");
  g_autofree char *der = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (der_path, &der, &length, NULL));
  bytes = g_bytes_new (der, length);
  return inj_statement_sha256_hex (bytes);
}

/* テスト商事株式会社 with @persona as its representative, by the persona's
 * own name and address. */
static InjAccountInfo *
corporation_of (const char *persona)
{
  InjAccountInfo *a = inj_account_info_new (INJ_PRINCIPAL_KIND_CORPORATION);
  g_autofree char *name = persona_value (persona, "san", "name");
  g_autofree char *address = persona_value (persona, "san", "address");

  inj_account_info_set (a, INJ_ACCOUNT_FIELD_CORPORATE_NUMBER, "7000012050002");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "テスト商事株式会社");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS,
                        "東京都千代田区試験町一丁目1番1号");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_TITLE, "代表取締役");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, name);
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, address);
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_PHONE, "00-0000-0000");
  return a;
}

static GBytes *
signed_by (InjStatement *st,
           const char *persona)
{
  g_auto(SoftKey) key = sign_persona_key (persona);
  g_autoptr(GError) error = NULL;
  GBytes *xml = inj_statement_sign (st, sign_soft, &key, &error);

  g_assert_no_error (error);
  return xml;
}

/* The operator's step (§3.1.3): ininjo-service confirm ID --db FILE. */
static void
operator_confirms (TestService *svc,
                   const char *account_id)
{
  const char *argv[] = { g_getenv ("INJ_TEST_SERVICE"), "confirm", account_id, "--db", svc->db,
                         NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ininjo-service confirm failed: %s", err);
}

typedef struct {
  gboolean done;
  InjAccount *account;
  GError *error;
} AsyncAccount;

static void
on_account (GObject *source,
            GAsyncResult *result,
            gpointer user_data)
{
  AsyncAccount *a = user_data;

  a->account = inj_service_client_account_finish (INJ_SERVICE_CLIENT (source), result, &a->error);
  a->done = TRUE;
}

static JsonObject *
upload (InjServiceClient *c,
        char **id_out,
        GError **error)
{
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *key = test_uuid ();
  g_autofree char *id = test_make_package (&delegation, &submission, NULL);
  JsonObject *receipt = inj_service_client_register (c, delegation, submission, key, NULL,
                                                     error);
  if (id_out)
    *id_out = g_steal_pointer (&id);
  return receipt;
}

static void
test_flow (void)
{
  const char *const args[] = { "--confirm-accounts", "manual", NULL };
  g_autoptr(TestService) svc = test_service_start (args);
  g_autoptr(InjServiceClient) rep = persona_client (svc, "representative");
  g_autoptr(InjServiceClient) renewed = persona_client (svc, "representative-renewed");
  g_autoptr(InjServiceClient) moved = persona_client (svc, "representative-moved");
  g_autoptr(InjServiceClient) impostor = persona_client (svc, "representative-impostor");
  g_autoptr(InjServiceClient) recipient = persona_client (svc, "proprietor");
  g_autoptr(InjAccountInfo) info = corporation_of ("representative");
  g_autoptr(InjStatement) registration = inj_statement_new_registration (info);
  g_autoptr(GBytes) registration_xml = signed_by (registration, "representative");
  g_autoptr(InjAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *id = NULL;

  /* no account yet: the service says how to register */
  account = inj_service_client_get_account (rep, NULL, &error);
  g_assert_null (account);
  test_assert_net_error (error, INJ_NET_ERROR_NO_ACCOUNT);
  g_clear_error (&error);

  /* registered: 確認待ち, this certificate bound, the 基本情報 as signed */
  account = inj_service_client_register_account (rep, registration_xml, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->state, ==, "pending");
  g_assert_false (inj_account_is_confirmed (account));
  g_assert_cmpstr (account->kind, ==, "corporation");
  g_assert_cmpuint (account->bindings->len, ==, 1);
  g_assert_true (g_bytes_equal (account->info, registration_xml));
  {
    g_autofree char *fp = auth_sha256 ("representative");
    InjAccountBinding *b = g_ptr_array_index (account->bindings, 0);
    g_assert_cmpstr (b->fingerprint, ==, fp);
  }

  /* the same statement again: one signature is used once */
  {
    g_autoptr(InjAccount) again = inj_service_client_register_account (rep, registration_xml,
                                                                       NULL, &error);
    g_assert_null (again);
    g_assert_nonnull (error);
    g_test_message ("registration again: %s", error->message);
    g_assert_true (error->code == INJ_NET_ERROR_REPLAYED_STATEMENT
                   || g_strcmp0 (inj_net_error_problem_type (error),
                                 "urn:ininjo:problem:already-registered") == 0);
    g_clear_error (&error);
  }

  /* not confirmed: no delegation yet */
  o = upload (rep, NULL, &error);
  g_assert_null (o);
  test_assert_net_error (error, INJ_NET_ERROR_ACCOUNT_NOT_CONFIRMED);
  g_clear_error (&error);

  operator_confirms (svc, account->id);
  {
    /* as the window asks: on the client's worker */
    AsyncAccount a = { 0 };
    g_autoptr(InjAccount) now = NULL;
    inj_service_client_get_account_async (rep, NULL, on_account, &a);
    g_assert_true (test_wait_flag (&a.done, 10000));
    g_assert_no_error (a.error);
    now = a.account;
    g_assert_true (inj_account_is_confirmed (now));
    g_assert_cmpstr (now->id, ==, account->id);
  }
  o = upload (rep, &id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) done = test_poll_receipt (rep, json_object_get_string_member (o,
                                                                                   "receipt"));
    g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "stored");
  }
  g_clear_pointer (&o, json_object_unref);
  g_assert_cmpuint (test_count_listed (rep, id), ==, 1);

  /* a renewed card: unknown until re-bound, then it sees the account's delegations */
  o = inj_service_client_list (renewed, NULL, &error);
  g_assert_null (o);
  test_assert_net_error (error, INJ_NET_ERROR_NO_ACCOUNT);
  g_clear_error (&error);
  {
    g_autofree char *fp = auth_sha256 ("representative-renewed");
    g_autoptr(InjStatement) st = inj_statement_new_rebinding (account->id, fp);
    g_autoptr(GBytes) xml = signed_by (st, "representative-renewed");
    g_autoptr(InjAccount) bound = inj_service_client_bind_certificate (renewed, xml, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (bound->bindings->len, ==, 2);   /* the old binding stays */
    g_assert_cmpuint (test_count_listed (renewed, id), ==, 1);
  }

  /* an impostor: another name than the 代表者名 */
  {
    g_autofree char *fp = auth_sha256 ("representative-impostor");
    g_autoptr(InjStatement) st = inj_statement_new_rebinding (account->id, fp);
    g_autoptr(GBytes) xml = signed_by (st, "representative-impostor");
    g_autoptr(InjAccount) bound = inj_service_client_bind_certificate (impostor, xml, NULL,
                                                                       &error);
    g_assert_null (bound);
    test_assert_net_error (error, INJ_NET_ERROR_REPRESENTATIVE_MISMATCH);
    g_clear_error (&error);
  }

  /* moved: the re-binding alone is refused (the address differs), the
   * change of the 基本情報 with the re-binding is accepted; a 法人 goes
   * back to 確認待ち */
  {
    g_autofree char *fp = auth_sha256 ("representative-moved");
    g_autoptr(InjStatement) st = inj_statement_new_rebinding (account->id, fp);
    g_autoptr(GBytes) xml = signed_by (st, "representative-moved");
    g_autoptr(InjAccountInfo) new_info = corporation_of ("representative-moved");
    g_autoptr(InjStatement) change = inj_statement_new_change (account->id, new_info);
    g_autoptr(GBytes) change_xml = signed_by (change, "representative-moved");
    g_autoptr(InjStatement) st2 = inj_statement_new_rebinding (account->id, fp);
    g_autoptr(GBytes) xml2 = signed_by (st2, "representative-moved");
    g_autoptr(InjAccount) bound = inj_service_client_bind_certificate (moved, xml, NULL, &error);
    g_autoptr(InjAccount) changed = NULL;

    g_assert_null (bound);
    test_assert_net_error (error, INJ_NET_ERROR_ADDRESS_MISMATCH);
    g_assert_nonnull (strstr (error->message, "先に利用者情報の住所を変更"));
    g_clear_error (&error);
    changed = inj_service_client_change_account (moved, change_xml, xml2, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (changed->id, ==, account->id);
    g_assert_true (g_bytes_equal (changed->info, change_xml));
    g_assert_cmpint (changed->version, >, account->version);
    g_assert_cmpuint (changed->bindings->len, ==, 3);
    /* the very same change once more (the card is bound now): one
     * signature is used once */
    g_clear_pointer (&changed, inj_account_free);
    changed = inj_service_client_change_account (moved, change_xml, NULL, NULL, &error);
    g_assert_null (changed);
    test_assert_net_error (error, INJ_NET_ERROR_REPLAYED_STATEMENT);
    g_clear_error (&error);
    operator_confirms (svc, account->id);
  }

  /* a recipient: refused until registered, then answered */
  g_clear_pointer (&o, json_object_unref);
  o = inj_service_client_validity (recipient, id, NULL, &error);
  g_assert_null (o);
  test_assert_net_error (error, INJ_NET_ERROR_RECIPIENT_NOT_REGISTERED);
  g_clear_error (&error);
  {
    g_autoptr(InjRecipientInfo) r = inj_recipient_info_new (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
    g_autofree char *name = persona_value ("proprietor", "san", "name");
    g_autofree char *address = persona_value ("proprietor", "san", "address");
    g_autoptr(InjStatement) st = NULL;
    g_autoptr(GBytes) xml = NULL;
    InjAccountInfo *ri = INJ_ACCOUNT_INFO (r);

    inj_account_info_set (ri, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "見本商店");
    inj_account_info_set (ri, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS, address);
    inj_account_info_set (ri, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, name);
    inj_account_info_set (ri, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, address);
    inj_account_info_set (ri, INJ_ACCOUNT_FIELD_BIRTH_DATE, "1992-02-29");
    inj_account_info_set (ri, INJ_ACCOUNT_FIELD_DECLARANT_NAME, name);
    st = inj_statement_new_recipient (r);
    xml = signed_by (st, "proprietor");
    o = inj_service_client_register_recipient (recipient, xml, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "recipientId"), "P-"));
    g_clear_pointer (&o, json_object_unref);
  }
  o = inj_service_client_validity (recipient, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "active");
  g_clear_pointer (&o, json_object_unref);

  /* the end of the delegation, signed by the representative: since the move,
   * with the moved card (the registered address is the new one) */
  {
    g_autoptr(JsonObject) stored = inj_service_client_get (moved, id, NULL, &error);
    gsize size = 0;
    g_autofree guchar *bytes = NULL;
    g_autoptr(GBytes) delegation = NULL;
    g_autofree char *digest = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(InjStatement) st = NULL;
    g_autoptr(GBytes) xml = NULL;

    g_assert_no_error (error);
    bytes = g_base64_decode (json_object_get_string_member (stored, "delegation"), &size);
    delegation = g_bytes_new (bytes, size);
    digest = inj_statement_sha256_hex (delegation);
    st = inj_statement_new_termination (account->id, id, digest, "受任者が退職したため", now);
    xml = signed_by (st, "representative-moved");
    o = inj_service_client_terminate_delegation (moved, id, xml, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (o, "delegationId"), ==, id);
    g_assert_nonnull (json_object_get_string_member (o, "endedAt"));
    g_clear_pointer (&o, json_object_unref);
  }
  /* the account sees it ended, in its list and stored */
  o = inj_service_client_get (moved, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "terminated");
  g_clear_pointer (&o, json_object_unref);
  o = inj_service_client_list (moved, NULL, &error);
  g_assert_no_error (error);
  {
    JsonArray *items = json_object_get_array_member (o, "items");
    gboolean seen = FALSE;
    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);
        if (g_strcmp0 (json_object_get_string_member (item, "delegationId"), id) == 0)
          {
            g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "terminated");
            seen = TRUE;
          }
      }
    g_assert_true (seen);
  }
  g_clear_pointer (&o, json_object_unref);
  o = inj_service_client_validity (recipient, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "terminated");
  g_assert_nonnull (json_object_get_string_member (o, "endedAt"));
  /* the answer as the service signed it */
  {
    JsonObject *record = json_object_get_object_member (o, "record");
    g_autoptr(JsonObject) payload = inj_service_client_verify_record (recipient, record, &error);
    g_autoptr(JsonObject) forged = json_object_new ();
    g_autofree char *other = NULL;
    const char *text;

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (payload, "delegationId"), ==, id);
    g_assert_cmpstr (json_object_get_string_member (payload, "status"), ==, "terminated");
    g_assert_cmpstr (json_object_get_string_member (payload, "endedAt"), ==,
                     json_object_get_string_member (o, "endedAt"));
    /* the same signature over another payload is refused */
    text = "{\"status\":\"active\"}";
    other = g_base64_encode ((const guchar *) text, strlen (text));
    json_object_set_string_member (forged, "payload", other);
    json_object_set_string_member (forged, "signature",
                                   json_object_get_string_member (record, "signature"));
    json_object_set_string_member (forged, "certificate",
                                   json_object_get_string_member (record, "certificate"));
    g_clear_pointer (&payload, json_object_unref);
    payload = inj_service_client_verify_record (recipient, forged, &error);
    g_assert_null (payload);
    test_assert_net_error (error, INJ_NET_ERROR_PROTOCOL);
    g_clear_error (&error);
  }
  g_clear_pointer (&o, json_object_unref);

  /* a terminated delegation is not renewed */
  {
    g_autoptr(GBytes) delegation = NULL;
    g_autoptr(GBytes) submission = NULL;
    g_autofree char *key = test_uuid ();
    g_autofree char *new_id = test_make_package (&delegation, &submission, id);
    o = inj_service_client_renew (renewed, id, delegation, submission, key, NULL, &error);
    g_assert_null (o);
    test_assert_net_error (error, INJ_NET_ERROR_DELEGATION_TERMINATED);
    g_clear_error (&error);
  }
}

/* A statement is sent once: a 503 is the answer, not a reason to send it
 * again by itself (the API gives these calls no Idempotency-Key, and the
 * same statement twice is a replay); a GET of the account is repeated. */
static void
test_not_repeated (void)
{
  const char *const args[] = { "--confirm-accounts", "manual", "--fail-rate", "1", NULL };
  g_autoptr(TestService) svc = test_service_start (args);
  g_autoptr(InjServiceClient) rep = persona_client (svc, "representative");
  g_autoptr(InjAccountInfo) info = corporation_of ("representative");
  g_autoptr(InjStatement) registration = inj_statement_new_registration (info);
  g_autoptr(GBytes) xml = signed_by (registration, "representative");
  g_autoptr(GError) error = NULL;
  g_autoptr(InjAccount) account = NULL;

  account = inj_service_client_register_account (rep, xml, NULL, &error);
  g_assert_null (account);
  test_assert_net_error (error, INJ_NET_ERROR_PROBLEM);
  g_assert_cmpuint (inj_net_error_http_status (error), ==, 503);
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
  g_clear_error (&error);

  account = inj_service_client_get_account (rep, NULL, &error);
  g_assert_null (account);
  g_assert_cmpuint (inj_net_error_attempts (error), >, 1);
}

void
net_account_add_service_tests (void)
{
  g_test_add_func ("/net/account/service-flow", test_flow);
  g_test_add_func ("/net/account/statements-not-repeated", test_not_repeated);
}
