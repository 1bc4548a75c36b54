/* fuzz-service-answer: each of the service's JSON answers as the client
 * takes them (net/inj-service-client.c: problem details, front-end pages,
 * redirects, and the answers of profile, register, renew, receipt, list,
 * get and validity), then as the upload workflow shows them.
 *
 * The input: one byte for the call, one for the HTTP status, one for the
 * media type and the key kind, then the body.
 *
 * Invariant: an accepted answer came with a success status and JSON, and
 * holds what the API requires of that call, checked here again (IDs and
 * receipts in their patterns and the ones asked about, states in their
 * lists, the record of a stored delegation), with every string in it
 * valid UTF-8; a refused one is an INJ_NET_ERROR carrying the answer's
 * HTTP status and a UTF-8 message. */
#include "config.h"

#include <string.h>

#include "fuzz-support.h"
#include "inj-net-private.h"
#include "inj-upload.h"

#define RECEIPT "R-7Q2K4M9X3B5N8P6W"
#define DELEGATION_ID "3f825729-8303-4cb1-84c2-9e892af40988"

static const guint statuses[] = { 200, 201, 202, 204, 301, 302, 400, 401, 403, 404, 409, 413, 415,
                                  422, 429, 500, 502, 503, 504, 299, 199, 600 };
static const char *const media[] = { "application/json", "application/problem+json",
                                     "text/html", "application/json; charset=utf-8",
                                     "APPLICATION/JSON", NULL, "application/jsonx", "" };

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  fuzz_setup ("fuzz-service-answer");
  return 0;
}

static gboolean
utf8_everywhere (JsonNode *node,
                 guint depth)
{
  if (depth > 64)
    return TRUE;
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !utf8_everywhere (member, depth + 1))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (a); i++)
          if (!utf8_everywhere (json_array_get_element (a, i), depth + 1))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING
             || g_utf8_validate (json_node_get_string (node), -1, NULL);
    default:
      return TRUE;
    }
}

static const char *
text (JsonObject *o,
      const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
           ? json_node_get_string (n)
           : NULL;
}

static gboolean
is_id (const char *s)
{
  static const char shape[] = "xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx";

  if (s == NULL || strlen (s) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    if (shape[i] == 'x' ? !(g_ascii_isdigit (s[i]) || (s[i] >= 'a' && s[i] <= 'f'))
        : shape[i] == 'Y' ? strchr ("89ab", s[i]) == NULL || s[i] == '\0'
        : s[i] != shape[i])
      return FALSE;
  return TRUE;
}

static gboolean
is_receipt (const char *s)
{
  if (s == NULL || strlen (s) != 18 || !g_str_has_prefix (s, "R-"))
    return FALSE;
  for (int i = 2; i < 18; i++)
    if (!g_ascii_isdigit (s[i]) && !g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
in (const char *s,
    const char *const *list)
{
  return s != NULL && g_strv_contains (list, s);
}

static gboolean
has_object (JsonObject *o,
            const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n != NULL && JSON_NODE_HOLDS_OBJECT (n);
}

static void
check_answer (guint call,
              JsonObject *o)
{
  static const char *const receipt_states[] = { "received", "stored", "rejected", NULL };
  static const char *const stored_states[] = { "active", "retired", "expired", NULL };
  static const char *const validity_states[] = { "active", "retired", "expired", "unknown",
                                                  NULL };
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), o);

  FUZZ_CHECK (utf8_everywhere (root, 0), "every string of an accepted answer is UTF-8", NULL);
  switch (call)
    {
    case 0: /* profile */
      for (const char *const *m = (const char *const[]) { "name", "policyUrl", "policyOid",
                                                          "validityUrl", "apiVersion", NULL };
           *m; m++)
        FUZZ_CHECK (text (o, *m) != NULL, "a profile has its strings", *m);
      FUZZ_CHECK (g_str_equal (text (o, "apiVersion"), "1")
                    || g_str_has_prefix (text (o, "apiVersion"), "1."),
                  "a profile speaks API 1.x", text (o, "apiVersion"));
      break;
    case 1: case 2: case 3: /* register, renew, receipt */
      FUZZ_CHECK (is_receipt (text (o, "receipt")), "a receipt has its number", NULL);
      FUZZ_CHECK (call != 3 || g_str_equal (text (o, "receipt"), RECEIPT),
                  "a receipt is the one asked about", text (o, "receipt"));
      FUZZ_CHECK (in (text (o, "status"), receipt_states), "a receipt's state is the API's",
                  text (o, "status"));
      FUZZ_CHECK (is_id (text (o, "delegationId")), "a receipt names a delegation ID", NULL);
      FUZZ_CHECK (text (o, "receivedAt") != NULL, "a receipt says when", NULL);
      FUZZ_CHECK (!g_str_equal (text (o, "status"), "stored") || has_object (o, "record"),
                  "a stored delegation's receipt has its record", NULL);
      {
        g_autofree char *day = inj_upload_display_day (text (o, "receivedAt"));
        FUZZ_CHECK (fuzz_utf8_ok (day) && fuzz_utf8_ok (inj_upload_status_label (text (o, "status"))),
                    "a receipt displays as UTF-8", NULL);
      }
      break;
    case 4: /* list */
      {
        JsonNode *n = json_object_get_member (o, "items");
        JsonArray *items;
        FUZZ_CHECK (n && JSON_NODE_HOLDS_ARRAY (n), "a list has its items", NULL);
        items = json_node_get_array (n);
        for (guint i = 0; i < json_array_get_length (items); i++)
          {
            JsonNode *item = json_array_get_element (items, i);
            JsonObject *d = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
            FUZZ_CHECK (d != NULL && is_id (text (d, "delegationId"))
                          && in (text (d, "status"), stored_states),
                        "each listed delegation has its ID and a stored state", NULL);
          }
      }
      break;
    case 5: /* get */
      FUZZ_CHECK (g_strcmp0 (text (o, "delegationId"), DELEGATION_ID) == 0,
                  "a stored delegation is the one asked about", NULL);
      FUZZ_CHECK (in (text (o, "status"), stored_states), "a stored delegation's state", NULL);
      FUZZ_CHECK (text (o, "delegation") && text (o, "agentSubmission") && has_object (o, "agent")
                    && has_object (o, "record"),
                  "a stored delegation has both documents, the agent and the record", NULL);
      break;
    case 6: /* validity */
      FUZZ_CHECK (g_strcmp0 (text (o, "delegationId"), DELEGATION_ID) == 0,
                  "a validity is about the delegation asked about", NULL);
      FUZZ_CHECK (in (text (o, "status"), validity_states), "a validity's state", NULL);
      FUZZ_CHECK (text (o, "checkedAt") != NULL && has_object (o, "record"),
                  "a validity says when and is signed", NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GBytes) body = NULL;
  InjHttpResponse response = { 0 };
  guint call;
  const char *id;
  InjClientKeyKind key_kind;

  if (size < 3)
    return 0;
  call = data[0] % INJ_SERVICE_N_CALLS;
  response.status = statuses[data[1] % G_N_ELEMENTS (statuses)];
  response.content_type = (char *) media[data[2] % G_N_ELEMENTS (media)];
  key_kind = (data[2] >> 4) % 3;
  body = g_bytes_new (data + 3, size - 3);
  response.body = body;
  if (response.status / 100 == 3)
    response.location = (char *) "https://elsewhere.test/";
  id = call == 3 ? RECEIPT : call == 2 || call >= 5 ? DELEGATION_ID : NULL;

  answer = _inj_service_client_interpret (call, id, key_kind, &response, &error);
  if (g_getenv ("FUZZ_REPORT"))  /* to see what an input reaches */
    fprintf (stderr, "call %u, HTTP %u: %s\n", call, response.status,
             answer ? "accepted" : error->message);
  if (answer)
    {
      FUZZ_CHECK (error == NULL, "an accepted answer comes without an error", error->message);
      FUZZ_CHECK (response.status >= 200 && response.status <= 202,
                  "only a success is accepted", NULL);
      check_answer (call, answer);
    }
  else
    {
      FUZZ_CHECK (error != NULL && error->domain == INJ_NET_ERROR,
                  "a refused answer is a network error", NULL);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "its message is UTF-8", NULL);
      FUZZ_CHECK (inj_net_error_http_status (error) == response.status,
                  "a refused answer's error carries its HTTP status", error->message);
      if (error->code == INJ_NET_ERROR_PROBLEM)
        FUZZ_CHECK (inj_net_error_problem_type (error) != NULL && response.status >= 400,
                    "problem details have a type, on an error status", NULL);
    }
  fuzz_end_input ();
  return 0;
}
