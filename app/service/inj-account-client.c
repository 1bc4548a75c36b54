/* inj-account-client.c: see inj-account-client.h. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-account-client.h"

InjAccountInfo *
inj_account_read_info (InjAccount *account,
                       InjTrustStore *trust,
                       GDateTime *now,
                       GError **error)
{
  g_autoptr(InjVerification) v = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(GDateTime) when = now ? g_date_time_ref (now) : inj_date_now ();

  g_return_val_if_fail (account != NULL && account->info != NULL, NULL);
  v = inj_verify_statement (account->info, INJ_STATEMENT_ANY, trust, when, &st, error);
  if (v == NULL)
    return NULL;
  if (st == NULL || (inj_statement_get_kind (st) != INJ_STATEMENT_REGISTRATION
                     && inj_statement_get_kind (st) != INJ_STATEMENT_CHANGE))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The service's copy of the user information does not pass "
                             "verification."));
      return NULL;
    }
  return g_object_ref (inj_statement_get_info (st));
}

const char *
inj_account_state_label (const char *state)
{
  if (g_strcmp0 (state, "pending") == 0)
    return _("awaiting confirmation (確認待ち)");
  if (g_strcmp0 (state, "confirmed") == 0)
    return _("confirmed (確認済み)");
  return state ? state : "?";
}
