/* test-view.c: the pure view functions, without a display. */
#include "config.h"

#include <string.h>
#include <pango/pangocairo.h>

#include "inj-card-page.h"
#include "inj-draft.h"
#include "inj-expiry-view.h"
#include "inj-wrap.h"

static void
test_state_texts (void)
{
  for (InjCardState s = INJ_CARD_STATE_ERROR; s <= INJ_CARD_STATE_READY; s++)
    {
      g_assert_nonnull (inj_card_state_title (s));
      g_assert_cmpstr (inj_card_state_title (s), !=, "");
      g_assert_nonnull (inj_card_state_description (s));
      for (InjCardState t = INJ_CARD_STATE_LOADING; t < s; t++)
        g_assert_cmpstr (inj_card_state_title (s), !=, inj_card_state_title (t));
    }
}

static void
test_pin_status (void)
{
  InjPinStatus status = { .pin = INJ_PIN_SIGN, .tries_left = 5, .max_tries = 5, .exact = TRUE };
  g_autofree char *full = inj_pin_status_describe (&status);
  g_autofree char *last = NULL;
  g_autofree char *locked = NULL;

  g_assert_nonnull (strstr (full, "5"));
  status.tries_left = 1;
  status.final_try = TRUE;
  last = inj_pin_status_describe (&status);
  status.tries_left = 0;
  status.locked = TRUE;
  locked = inj_pin_status_describe (&status);
  g_assert_cmpstr (full, !=, last);
  g_assert_cmpstr (last, !=, locked);
}

static void
test_draft_round_trip (void)
{
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (NULL);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(InjDelegation) d = inj_delegation_create (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR, profile, now);
  g_autoptr(InjDelegation) back = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(InjDelegation) complete = NULL;

  inj_delegation_set_input (d, INJ_FIELD_TRADE_NAME, "テスト工房", now);
  inj_delegation_set_input (d, INJ_FIELD_PROPRIETOR_NAME, "見本 一郎", now);
  inj_delegation_set_input (d, INJ_FIELD_PROPRIETOR_ADDRESS, "北海道札幌市中央区見本町三丁目3番3号", now);
  inj_delegation_set_input (d, INJ_FIELD_PROPRIETOR_BIRTH_DATE, "1980-04-01", now);
  inj_delegation_set_input (d, INJ_FIELD_AGENT_NAME, "試用 次郎", now);
  inj_delegation_set_input (d, INJ_FIELD_AGENT_ADDRESS, "北海道札幌市", now);
  inj_delegation_set_input (d, INJ_FIELD_AUTHORITY_SCOPE, "一行目\n二行目", now);
  inj_delegation_set_input (d, INJ_FIELD_PERIOD_START, "today", now);
  inj_delegation_set_input (d, INJ_FIELD_PERIOD_END, "today+6m", now);
  inj_delegation_set_qualification (d, INJ_QUALIFICATION_TAX_ACCOUNTANT);
  inj_delegation_set_input (d, INJ_FIELD_AGENT_IDENTIFIER, "123456", now);

  text = inj_delegation_to_input (d);
  g_assert_nonnull (strstr (text, "scope=一行目\\n二行目"));
  g_assert_null (strstr (text, "[delegation]")); /* filled in by the client (not a renewal) */

  back = inj_draft_from_input (text, strlen (text),
                               inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID), profile, &error);
  g_assert_no_error (error);
  g_assert_true (inj_delegation_equal (d, back) ||
                 g_strcmp0 (inj_delegation_get_text (d, INJ_FIELD_CREATED_AT),
                            inj_delegation_get_text (back, INJ_FIELD_CREATED_AT)) != 0);
  for (InjField f = 0; f < INJ_N_FIELDS; f++)
    if (f != INJ_FIELD_CREATED_AT)
      g_assert_cmpstr (inj_delegation_get_text (d, f), ==, inj_delegation_get_text (back, f));

  /* The same format as the CLI's input files. */
  complete = inj_delegation_from_input (text, strlen (text), profile, now, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (complete);

  /* A renewal's draft stays a renewal: the ID it supersedes is kept. */
  {
    g_autoptr(InjDelegation) renewal = inj_delegation_renew (complete, profile, now);
    g_autofree char *renewal_text = inj_delegation_to_input (renewal);
    g_autoptr(InjDelegation) reloaded = NULL;

    g_assert_nonnull (inj_delegation_get_text (renewal, INJ_FIELD_SUPERSEDES));
    g_assert_nonnull (strstr (renewal_text, "supersedes="));
    reloaded = inj_draft_from_input (renewal_text, strlen (renewal_text),
                                     inj_delegation_get_text (renewal, INJ_FIELD_DELEGATION_ID),
                                     profile, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (inj_delegation_get_text (reloaded, INJ_FIELD_SUPERSEDES), ==,
                     inj_delegation_get_text (renewal, INJ_FIELD_SUPERSEDES));
  }
}

static GDateTime *
utc (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return t;
}

/* Days are counted in Japan: a notAfter of 14:59:59Z is the last second of
 * that day in JST. */
static void
test_expiry_days (void)
{
  g_autoptr(GDateTime) end = utc ("2026-12-07T14:59:59Z");
  g_autoptr(GDateTime) same_day = utc ("2026-12-06T15:00:00Z");   /* 12-07 00:00 JST */
  g_autoptr(GDateTime) next_day = utc ("2026-12-07T15:00:00Z");   /* 12-08 00:00 JST */
  g_autoptr(GDateTime) ninety = utc ("2026-09-08T03:00:00Z");
  g_autoptr(GDateTime) ninety_one = utc ("2026-09-07T03:00:00Z");

  g_assert_cmpint (inj_expiry_days_left (end, same_day), ==, 0);
  g_assert_cmpint (inj_expiry_days_left (end, next_day), ==, -1);
  g_assert_cmpint (inj_expiry_days_left (end, ninety), ==, 90);
  g_assert_cmpint (inj_expiry_days_left (end, ninety_one), ==, 91);
}

static void
test_expiry_severity (void)
{
  g_assert_cmpint (INJ_EXPIRY_WARN_DAYS, ==, 90);
  g_assert_cmpint (inj_expiry_severity (1826), ==, INJ_EXPIRY_FINE);
  g_assert_cmpint (inj_expiry_severity (91), ==, INJ_EXPIRY_FINE);
  g_assert_cmpint (inj_expiry_severity (90), ==, INJ_EXPIRY_SOON);
  g_assert_cmpint (inj_expiry_severity (0), ==, INJ_EXPIRY_SOON);
  g_assert_cmpint (inj_expiry_severity (-1), ==, INJ_EXPIRY_EXPIRED);
}

/* The texts (in the tests' language, Japanese): whose date, the date, the
 * days; where the date comes from; a move or a new name revokes; renewal
 * at the municipal office first when it is due. */
static void
test_expiry_texts (void)
{
  g_autoptr(GDateTime) end = utc ("2031-12-07T14:59:59Z");
  g_autofree char *auth = inj_expiry_title (INJ_EXPIRY_FROM_AUTH, end, 100);
  g_autofree char *sign = inj_expiry_title (INJ_EXPIRY_FROM_SIGN, end, 100);
  g_autofree char *gone = inj_expiry_title (INJ_EXPIRY_FROM_SIGN, end, -3);
  g_autofree char *fine = inj_expiry_details (INJ_EXPIRY_FROM_SIGN, 100);
  g_autofree char *soon = inj_expiry_details (INJ_EXPIRY_FROM_SIGN, 90);
  g_autofree char *expired = inj_expiry_details (INJ_EXPIRY_FROM_SIGN, -1);
  g_autofree char *before = inj_expiry_details (INJ_EXPIRY_FROM_AUTH, 100);

  g_assert_nonnull (strstr (auth, "2031年12月7日"));
  g_assert_nonnull (strstr (auth, "100"));
  g_assert_nonnull (strstr (auth, "利用者証明用電子証明書"));
  g_assert_null (strstr (auth, "署名用電子証明書"));
  g_assert_nonnull (strstr (sign, "署名用電子証明書"));
  g_assert_cmpstr (sign, !=, gone);
  g_assert_null (strstr (gone, "100"));

  /* always: revoked by a move or a change of name, reissued at the office */
  for (const char *t = fine; t; t = t == fine ? soon : t == soon ? expired : t == expired ? before : NULL)
    {
      g_assert_nonnull (strstr (t, "引越し"));
      g_assert_nonnull (strstr (t, "市区町村の窓口"));
    }
  /* due: renewal first, the rest as when fine */
  g_assert_true (g_str_has_suffix (soon, fine));
  g_assert_cmpuint (strlen (soon), >, strlen (fine));
  g_assert_true (g_str_has_suffix (expired, fine));
  g_assert_cmpstr (expired, !=, soon);
  /* before the password: said to be the authentication certificate's */
  g_assert_nonnull (strstr (before, "利用者証明用電子証明書"));
  g_assert_cmpstr (before, !=, fine);
}

/* Japanese lines break between words: at every width from 3 to 30
 * characters, no line starts inside 「ません」, inside 「カードリーダー」 or
 * inside the UUID; a fingerprint longer than a line still wraps. */
static void
test_wrap_keeps_words (void)
{
  static const char text[] =
    "カードリーダーにカードがありません。電子委任状ID 3f2a1b4c-1d2e-4f3a-8b9c-0123456789ab "
    "を確認してください。SHA-256: 69:47:98:8F:2A:34:7D:DC:F8:FA:EF:AA:F1:AD:7E:9F:24:5B:99:4E";
  const char *masen = strstr (text, "ません");
  const char *reader = strstr (text, "カードリーダー");
  const char *uuid = strstr (text, "3f2a1b4c");
  const char *sha = strstr (text, "69:47");
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoAttrList) attrs = inj_wrap_attributes (text);
  PangoRectangle one;
  gboolean sha_wrapped = FALSE;

  pango_layout_set_text (layout, "字", -1);
  pango_layout_get_extents (layout, NULL, &one);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  for (int chars = 3; chars <= 30; chars++)
    {
      GSList *lines;

      pango_layout_set_width (layout, chars * one.width);
      lines = pango_layout_get_lines_readonly (layout);
      for (GSList *l = lines->next; l; l = l->next)
        {
          const char *start = text + ((PangoLayoutLine *) l->data)->start_index;

          g_assert_false (start > masen && start < masen + strlen ("ません"));
          g_assert_false (start > reader && start < reader + strlen ("カードリーダー"));
          g_assert_false (start > uuid && start < uuid + 36);
          if (start > sha && start < sha + 59)
            sha_wrapped = TRUE;
        }
    }
  /* 59 characters without a space: longer than a line, so it may break */
  g_assert_true (sha_wrapped);
  g_object_unref (layout);
  g_object_unref (context);
}

int
main (int argc,
      char *argv[])
{
  inj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/view/card-state-texts", test_state_texts);
  g_test_add_func ("/ui/view/wrap-keeps-words", test_wrap_keeps_words);
  g_test_add_func ("/ui/view/pin-status", test_pin_status);
  g_test_add_func ("/ui/view/draft-round-trip", test_draft_round_trip);
  g_test_add_func ("/ui/view/expiry-days", test_expiry_days);
  g_test_add_func ("/ui/view/expiry-severity", test_expiry_severity);
  g_test_add_func ("/ui/view/expiry-texts", test_expiry_texts);
  return g_test_run ();
}
