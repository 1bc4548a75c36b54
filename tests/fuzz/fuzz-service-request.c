/* fuzz-service-request: the local service's request parsing
 * (tests/service/svc-request.c: the route, the IDs, the Idempotency-Key,
 * the JSON body and the delegation's ID), as ininjo-service reads a request.
 *
 * The input: "METHOD URL", then header lines "Name: value" (only
 * Idempotency-Key and Content-Type count), an empty line, the body.
 *
 * Invariant: an accepted request is one of the API's calls with what that
 * call needs: an ID in its pattern for get, receipt and validity; for a
 * registration or renewal a UUID key in lower case, both documents, the
 * delegation's ID and, for a renewal, a delegation that renews the ID in
 * the path (a registration renews nothing). A refused request gets a 4xx
 * status, a problem type the service knows and a UTF-8 detail (and the
 * allowed methods with 405). */
#include "config.h"

#include <string.h>

#include "fuzz-support.h"
#include "inj-app.h"
#include "svc-request.h"

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  fuzz_setup ("fuzz-service-request");
  return 0;
}

static char *
line (const char **p,
      const char *end)
{
  const char *nl = memchr (*p, '\n', end - *p);
  const char *stop = nl ? nl : end;
  char *l = g_strndup (*p, stop - *p);

  *p = nl ? nl + 1 : end;
  return l;
}

static void
check_accepted (const char *method,
                const char *url,
                const SvcRequest *r)
{
  gboolean get = g_str_equal (method, "GET");

  switch (r->call)
    {
    case SVC_CALL_PROFILE:
    case SVC_CALL_LIST:
      FUZZ_CHECK (get, "profile and list are GETs", method);
      break;
    case SVC_CALL_GET:
    case SVC_CALL_VALIDITY:
      FUZZ_CHECK (get && r->id && svc_is_delegation_id (r->id),
                  "a GET of a delegation or its validity names a delegation ID", url);
      break;
    case SVC_CALL_RECEIPT:
      FUZZ_CHECK (get && r->id && svc_is_receipt_id (r->id), "a receipt's GET names a receipt",
                  url);
      break;
    case SVC_CALL_REGISTER:
    case SVC_CALL_RENEW:
      FUZZ_CHECK (g_str_equal (method, "POST"), "registrations are POSTs", method);
      FUZZ_CHECK (r->idempotency_key && svc_is_uuid (r->idempotency_key),
                  "a registration has its Idempotency-Key", NULL);
      for (const char *p = r->idempotency_key; *p; p++)
        FUZZ_CHECK (!g_ascii_isupper (*p), "the Idempotency-Key is kept in lower case",
                    r->idempotency_key);
      FUZZ_CHECK (r->delegation && r->submission && g_bytes_get_size (r->delegation) > 0
                    && g_bytes_get_size (r->submission) > 0,
                  "a registration has both documents", NULL);
      FUZZ_CHECK (r->delegation_id != NULL && fuzz_utf8_ok (r->delegation_id),
                  "a registration's delegation has its ID", NULL);
      if (r->call == SVC_CALL_RENEW)
        FUZZ_CHECK (r->id && svc_is_delegation_id (r->id)
                      && g_strcmp0 (r->supersedes, r->id) == 0,
                    "a renewal's delegation renews the ID in the path", url);
      else
        FUZZ_CHECK (r->supersedes == NULL && r->id == NULL,
                    "a registration renews nothing", r->supersedes);
      break;
    case SVC_CALL_ACCOUNT_GET:
      FUZZ_CHECK (get, "the account's GET is a GET", method);
      break;
    case SVC_CALL_ACCOUNT_REGISTER:
    case SVC_CALL_ACCOUNT_CHANGE:
    case SVC_CALL_ACCOUNT_BIND:
    case SVC_CALL_RECIPIENT_REGISTER:
    case SVC_CALL_TERMINATE:
      FUZZ_CHECK (!get, "a statement is never sent with GET", method);
      FUZZ_CHECK (r->statement && g_bytes_get_size (r->statement) > 0,
                  "a statement's call has its statement", NULL);
      FUZZ_CHECK (r->rebinding == NULL || r->call == SVC_CALL_ACCOUNT_CHANGE,
                  "only a change carries a rebinding", url);
      if (r->call == SVC_CALL_TERMINATE)
        FUZZ_CHECK (r->id && svc_is_delegation_id (r->id), "a termination names a delegation ID",
                    url);
      break;
    default:
      FUZZ_CHECK (FALSE, "an accepted request is one of the API's calls", url);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  static const char *const types[] = { "bad-request", "not-found", "invalid-delegation",
                                       "not-renewable", NULL };
  const char *p = (const char *) data;
  const char *end = p + size;
  g_autofree char *request_line = line (&p, end);
  g_autofree char *key = NULL;
  g_autofree char *type = NULL;
  g_auto(GStrv) words = NULL;
  g_auto(SvcRequest) r = { 0 };
  g_auto(SvcRefusal) refusal = { 0 };
  const char *method, *url;

  /* as libmicrohttpd hands them over: NUL-free strings, a URL from "/" */
  if (memchr (request_line, '\0', strlen (request_line) + 1) != request_line + strlen (request_line))
    return 0;
  words = g_strsplit (request_line, " ", 3);
  if (g_strv_length (words) != 2 || words[1][0] != '/')
    return 0;
  method = words[0];
  url = words[1];
  for (;;)
    {
      g_autofree char *h = line (&p, end);
      char *colon;
      if (*h == '\0' || p >= end)
        break;
      if ((colon = strchr (h, ':')) == NULL)
        continue;
      *colon = '\0';
      if (g_ascii_strcasecmp (h, "Idempotency-Key") == 0)
        {
          g_free (key);
          key = g_strdup (g_strstrip (colon + 1));
        }
      else if (g_ascii_strcasecmp (h, "Content-Type") == 0)
        {
          g_free (type);
          type = g_strdup (g_strstrip (colon + 1));
        }
    }

  if (svc_request_parse (method, url, key, type, (const guint8 *) p, end - p, NULL, &r, &refusal))
    check_accepted (method, url, &r);
  else
    {
      FUZZ_CHECK (refusal.status >= 400 && refusal.status < 500, "a refusal is a 4xx", NULL);
      FUZZ_CHECK (refusal.type && g_strv_contains (types, refusal.type),
                  "a refusal's problem type is the service's", refusal.type);
      FUZZ_CHECK (refusal.detail && g_utf8_validate (refusal.detail, -1, NULL),
                  "a refusal's detail is UTF-8", NULL);
      FUZZ_CHECK ((refusal.status == 405) == (refusal.allow != NULL),
                  "405 and only 405 says which methods are allowed", NULL);
    }
  fuzz_end_input ();
  return 0;
}
