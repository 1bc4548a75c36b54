/* test-net-account.c: the account's calls of net/ (inj-service-account.h).
 * Without a service: each of the account's problem types becomes its own
 * InjNetError code with a Japanese message that says what to do; the
 * answers are checked against the API (validity's terminated needs its
 * endedAt); the arguments are checked before anything is sent.
 * Against the real local service (tests/service/), over mutual TLS with the
 * personas' authentication keys as files and their signing keys as
 * software keys: register → 確認待ち → (the operator confirms) → upload →
 * renewed card re-bound → list → impostor and moved representative refused
 * each with its reason, the move's change with a re-binding → a recipient
 * registers and checks validity → terminate → terminated with endedAt →
 * the renewal of it refused. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "inj-net-private.h"
#include "net-support.h"
#include "sign-support.h"

#define DELEGATION_ID "2f1e4d3c-5b6a-4978-8a6b-5c4d3e2f1a0b"

/* ---------------------------------------------------------------- without a service */

static JsonObject *
interpret (InjServiceCallKind kind,
           const char *id,
           guint status,
           const char *content_type,
           const char *body,
           GError **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  InjHttpResponse response = { .status = status, .content_type = (char *) content_type,
                               .body = bytes };

  return _inj_service_client_interpret (kind, id, INJ_CLIENT_KEY_FILE, &response, error);
}

static void
test_problems (void)
{
  static const struct {
    const char *type;
    guint status;
    InjNetError code;
    const char *says;  /* what the message must say (LANGUAGE=ja) */
  } cases[] = {
    { "no-account", 403, INJ_NET_ERROR_NO_ACCOUNT,
      "まず利用者情報（基本情報）を登録してください。カードを更新した場合は、新しいカードを登録し直してください。" },
    { "account-not-confirmed", 409, INJ_NET_ERROR_ACCOUNT_NOT_CONFIRMED, "確認待ち" },
    { "representative-mismatch", 422, INJ_NET_ERROR_REPRESENTATIVE_MISMATCH,
      "代表者本人のカードで署名してください" },
    { "address-mismatch", 422, INJ_NET_ERROR_ADDRESS_MISMATCH,
      "先に利用者情報の住所を変更し、それから新しいカードを登録し直してください" },
    { "replayed-statement", 409, INJ_NET_ERROR_REPLAYED_STATEMENT, "同じ署名は一度しか使えません" },
    { "recipient-not-registered", 403, INJ_NET_ERROR_RECIPIENT_NOT_REGISTERED,
      "先に受領者等として登録してください" },
    { "delegation-terminated", 409, INJ_NET_ERROR_DELEGATION_TERMINATED,
      "終了した委任状は、更新も再度の終了もできません" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *type = g_strconcat ("urn:ininjo:problem:", cases[i].type, NULL);
      g_autofree char *body = g_strdup_printf ("{\"type\":\"%s\",\"title\":\"t\",\"status\":%u,"
                                               "\"detail\":\"the service's own words\"}",
                                               type, cases[i].status);
      g_autoptr(JsonObject) o = interpret (INJ_SERVICE_CALL_ACCOUNT_GET, NULL, cases[i].status,
                                           "application/problem+json", body, &error);
      g_assert_null (o);
      g_test_message ("%s: %s", cases[i].type, error->message);
      g_assert_error (error, INJ_NET_ERROR, (gint) cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_cmpstr (inj_net_error_problem_type (error), ==, type);
      g_assert_cmpuint (inj_net_error_http_status (error), ==, cases[i].status);
    }
  {
    /* another type keeps the service's detail, as before */
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) o = interpret (INJ_SERVICE_CALL_ACCOUNT_REGISTER, NULL, 409,
                                         "application/problem+json",
                                         "{\"type\":\"urn:ininjo:problem:already-registered\","
                                         "\"title\":\"t\",\"status\":409,\"detail\":\"既に登録"
                                         "されています。\"}", &error);
    g_assert_null (o);
    g_assert_error (error, INJ_NET_ERROR, INJ_NET_ERROR_PROBLEM);
    g_assert_cmpstr (error->message, ==, "既に登録されています。");
  }
}

#define ACCOUNT_JSON(id, state, kind, info, bindings)                                          \
  "{\"accountId\":\"" id "\",\"state\":\"" state "\",\"kind\":\"" kind "\",\"info\":\"" info \
  "\",\"version\":2,\"bindings\":" bindings "}"
#define ONE_BINDING "[{\"fingerprint\":\"ABCDEF01\",\"boundAt\":\"2026-12-07T10:00:00Z\",\"current\":true}]"

static void
expect_protocol (InjServiceCallKind kind,
                 const char *id,
                 const char *body,
                 const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = interpret (kind, id, 200, "application/json", body, &error);

  g_assert_null (o);
  g_assert_error (error, INJ_NET_ERROR, INJ_NET_ERROR_PROTOCOL);
  if (member)
    g_assert_nonnull (strstr (error->message, member));
}

static void
test_answers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = NULL;

  o = interpret (INJ_SERVICE_CALL_ACCOUNT_GET, NULL, 200, "application/json",
                 ACCOUNT_JSON ("A-0123456789ABCDEF", "confirmed", "corporation", "PEE+", ONE_BINDING),
                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (o);
  expect_protocol (INJ_SERVICE_CALL_ACCOUNT_GET, NULL,
                   ACCOUNT_JSON ("B-0123456789ABCDEF", "confirmed", "corporation", "PEE+", ONE_BINDING),
                   "accountId");
  expect_protocol (INJ_SERVICE_CALL_ACCOUNT_CHANGE, NULL,
                   ACCOUNT_JSON ("A-0123456789ABCDEF", "done", "corporation", "PEE+", ONE_BINDING),
                   "state");
  expect_protocol (INJ_SERVICE_CALL_ACCOUNT_BIND, NULL,
                   ACCOUNT_JSON ("A-0123456789ABCDEF", "pending", "company", "PEE+", ONE_BINDING),
                   "kind");
  expect_protocol (INJ_SERVICE_CALL_ACCOUNT_REGISTER, NULL,
                   ACCOUNT_JSON ("A-0123456789ABCDEF", "pending", "corporation", "<x/>", ONE_BINDING),
                   "info");
  expect_protocol (INJ_SERVICE_CALL_ACCOUNT_GET, NULL,
                   ACCOUNT_JSON ("A-0123456789ABCDEF", "pending", "corporation", "PEE+",
                                 "[{\"boundAt\":\"x\"}]"), "bindings[]");
  expect_protocol (INJ_SERVICE_CALL_RECIPIENT_REGISTER, NULL,
                   "{\"recipientId\":\"A-0123456789ABCDEF\",\"registeredAt\":\"x\"}",
                   "recipientId");
  g_clear_pointer (&o, json_object_unref);
  o = interpret (INJ_SERVICE_CALL_RECIPIENT_REGISTER, NULL, 201, "application/json",
                 "{\"recipientId\":\"P-0123456789ABCDEF\",\"registeredAt\":\"x\"}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (o);
  expect_protocol (INJ_SERVICE_CALL_TERMINATE, DELEGATION_ID,
                   "{\"delegationId\":\"11111111-1111-4111-8111-111111111111\",\"endedAt\":\"x\","
                   "\"record\":{}}", NULL);
  expect_protocol (INJ_SERVICE_CALL_TERMINATE, DELEGATION_ID,
                   "{\"delegationId\":\"" DELEGATION_ID "\",\"record\":{}}", "endedAt");

  /* validity: terminated is a state of the API now, and says when */
  g_clear_pointer (&o, json_object_unref);
  o = interpret (INJ_SERVICE_CALL_VALIDITY, DELEGATION_ID, 200, "application/json",
                 "{\"delegationId\":\"" DELEGATION_ID "\",\"status\":\"terminated\","
                 "\"endedAt\":\"2026-12-07T10:00:00+09:00\",\"checkedAt\":\"x\",\"record\":{}}",
                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (o);
  expect_protocol (INJ_SERVICE_CALL_VALIDITY, DELEGATION_ID,
                   "{\"delegationId\":\"" DELEGATION_ID "\",\"status\":\"terminated\","
                   "\"checkedAt\":\"x\",\"record\":{}}", "endedAt");
}

static void
test_arguments (void)
{
  g_autoptr(InjServiceClient) c = test_client_for ("https://localhost:9", "client", 0, 0);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) some = g_bytes_new_static ("<x/>", 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjAccount) a = NULL;
  g_autoptr(JsonObject) o = NULL;

  a = inj_service_client_register_account (c, empty, NULL, &error);
  g_assert_null (a);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  o = inj_service_client_terminate_delegation (c, "not-an-id", some, NULL, &error);
  g_assert_null (o);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  /* nothing reached the network: no port 9 answered, no handshake */
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 0);
}

/* ---------------------------------------------------------------- the real service */

void        net_account_add_service_tests (void);

int
main (int argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  inj_i18n_init ();
  sign_personas = g_strdup (g_getenv ("INJ_TEST_PERSONAS"));
  if (sign_personas == NULL)
    g_error ("INJ_TEST_PERSONAS is not set: run through meson (it generates the personas)");
  sign_work = g_dir_make_tmp ("inj-net-account-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/net/account/problems", test_problems);
  g_test_add_func ("/net/account/answers", test_answers);
  g_test_add_func ("/net/account/arguments", test_arguments);
  net_account_add_service_tests ();
  rc = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (sign_work, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (sign_work, name, NULL);
        g_unlink (path);
      }
    g_rmdir (sign_work);
  }
  return rc;
}
