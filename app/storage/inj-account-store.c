/* inj-account-store.c
 *
 * A copy is a key file (group [Account] or [Recipient], one group per bound
 * card), the signed statement in it base64-encoded so that its bytes come
 * back exactly; the whole file is sealed by the vault with the copy's role. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "inj-account-store.h"
#include "inj-date.h"
#include "inj-vault.h"

G_DEFINE_QUARK (inj-account-store-error-quark, inj_account_store_error)

#define ACCOUNT_ROLE "account"
#define RECIPIENT_ROLE "recipient"

/* ---------------------------------------------------------------- copies */

InjStoredBinding *
inj_stored_binding_new (const char *fingerprint,
                        const char *bound_at,
                        gboolean current)
{
  InjStoredBinding *b = g_new0 (InjStoredBinding, 1);

  b->fingerprint = g_strdup (fingerprint);
  b->bound_at = g_strdup (bound_at);
  b->current = current;
  return b;
}

void
inj_stored_binding_free (InjStoredBinding *binding)
{
  if (binding == NULL)
    return;
  g_free (binding->fingerprint);
  g_free (binding->bound_at);
  g_free (binding);
}

InjAccountCopy *
inj_account_copy_new (void)
{
  InjAccountCopy *c = g_new0 (InjAccountCopy, 1);

  c->bindings = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_stored_binding_free);
  return c;
}

void
inj_account_copy_free (InjAccountCopy *copy)
{
  if (copy == NULL)
    return;
  g_free (copy->account_id);
  g_free (copy->kind);
  g_free (copy->state);
  g_clear_pointer (&copy->statement, g_bytes_unref);
  g_clear_pointer (&copy->bindings, g_ptr_array_unref);
  g_clear_pointer (&copy->refreshed_at, g_date_time_unref);
  g_free (copy);
}

InjRecipientCopy *
inj_recipient_copy_new (void)
{
  return g_new0 (InjRecipientCopy, 1);
}

void
inj_recipient_copy_free (InjRecipientCopy *copy)
{
  if (copy == NULL)
    return;
  g_free (copy->recipient_id);
  g_free (copy->registered_at);
  g_clear_pointer (&copy->statement, g_bytes_unref);
  g_free (copy);
}

/* ---------------------------------------------------------------- files */

char *
inj_account_store_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "ininjo", "account", NULL);
}

static char *
store_path (const char *role)
{
  g_autofree char *dir = inj_account_store_dir ();

  return g_build_filename (dir, role, NULL);
}

/* The key file's text, sealed and written atomically; the text is wiped. */
static gboolean
write_copy (const char *role,
            GKeyFile *kf,
            GError **error)
{
  g_autofree char *dir = inj_account_store_dir ();
  g_autofree char *path = store_path (role);
  gsize length = 0;
  char *text;
  gboolean ok;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);
      g_set_error (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_IO,
                   _("%s cannot be created: %s"), display, g_strerror (saved));
      return FALSE;
    }
  g_chmod (dir, 0700);
  text = g_key_file_to_data (kf, &length, NULL);
  ok = inj_vault_write_file (path, role, text, length, error);
  inj_vault_wipe (text, length);
  g_free (text);
  return ok;
}

static GKeyFile *
read_copy (const char *role,
           GError **error)
{
  g_autofree char *path = store_path (role);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_NONE_SAVED,
                           _("No copy of the account is kept on this computer."));
      return NULL;
    }
  plain = inj_vault_read_file (path, role, error);
  if (plain == NULL)
    return NULL;
  if (!g_key_file_load_from_data (kf, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                                  G_KEY_FILE_NONE, &local))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_CORRUPT,
                   _("%s is not a copy of the account that Ininjo wrote."), display);
      return NULL;
    }
  return g_steal_pointer (&kf);
}

static void
set_bytes (GKeyFile *kf,
           const char *group,
           GBytes *bytes)
{
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_key_file_set_string (kf, group, "statement", b64);
}

static GBytes *
get_bytes (GKeyFile *kf,
           const char *group)
{
  g_autofree char *b64 = g_key_file_get_string (kf, group, "statement", NULL);
  gsize size = 0;
  guchar *data;

  if (b64 == NULL || *b64 == '\0')
    return NULL;
  data = g_base64_decode (b64, &size);
  return size ? g_bytes_new_take (data, size) : (g_free (data), NULL);
}

/* Verifies @xml as a statement of @kind (INJ_STATEMENT_ANY: the 基本情報's
 * registration or change). */
static InjStatement *
verify (GBytes *xml,
        InjStatementKind kind,
        InjTrustStore *trust,
        GDateTime *now,
        GError **error)
{
  g_autoptr(GDateTime) at = now ? g_date_time_ref (now) : inj_date_now ();
  g_autoptr(InjVerification) v = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(GError) local = NULL;
  InjStatementKind got;

  if (xml != NULL)
    v = inj_verify_statement (xml, kind, trust, at, &st, &local);
  got = st ? inj_statement_get_kind (st) : INJ_STATEMENT_ANY;
  if (st == NULL || (kind == INJ_STATEMENT_ANY && got != INJ_STATEMENT_REGISTRATION
                     && got != INJ_STATEMENT_CHANGE))
    {
      g_set_error_literal (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_UNVERIFIED,
                           _("The copy kept on this computer does not pass verification: it "
                             "was changed or damaged, and is not used."));
      return NULL;
    }
  return g_steal_pointer (&st);
}

/* ---------------------------------------------------------------- account */

gboolean
inj_account_store_save (InjAccountCopy *copy,
                        GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *refreshed = inj_date_format_datetime (copy->refreshed_at ? copy->refreshed_at
                                                                              : now);

  g_return_val_if_fail (copy->account_id != NULL && copy->statement != NULL, FALSE);
  g_key_file_set_string (kf, "Account", "id", copy->account_id);
  g_key_file_set_string (kf, "Account", "kind", copy->kind ? copy->kind : "");
  g_key_file_set_string (kf, "Account", "state", copy->state ? copy->state : "");
  g_key_file_set_int64 (kf, "Account", "version", copy->version);
  g_key_file_set_string (kf, "Account", "refreshed", refreshed);
  set_bytes (kf, "Account", copy->statement);
  for (guint i = 0; copy->bindings && i < copy->bindings->len; i++)
    {
      InjStoredBinding *b = g_ptr_array_index (copy->bindings, i);
      g_autofree char *group = g_strdup_printf ("Binding %u", i);
      g_key_file_set_string (kf, group, "fingerprint", b->fingerprint ? b->fingerprint : "");
      g_key_file_set_string (kf, group, "bound-at", b->bound_at ? b->bound_at : "");
      g_key_file_set_boolean (kf, group, "current", b->current);
    }
  return write_copy (ACCOUNT_ROLE, kf, error);
}

static gboolean
kind_matches (const char *kind,
              InjStatement *st)
{
  InjPrincipalKind k = inj_account_info_get_kind (inj_statement_get_info (st));

  return (g_strcmp0 (kind, "corporation") == 0 && k == INJ_PRINCIPAL_KIND_CORPORATION) ||
         (g_strcmp0 (kind, "sole-proprietor") == 0 && k == INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
}

InjAccountCopy *
inj_account_store_load (InjTrustStore *trust,
                        GDateTime *now,
                        InjStatement **statement_out,
                        GError **error)
{
  g_autoptr(GKeyFile) kf = read_copy (ACCOUNT_ROLE, error);
  g_autoptr(InjAccountCopy) copy = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autofree char *refreshed = NULL;
  const char *statement_id;

  if (kf == NULL)
    return NULL;
  copy = inj_account_copy_new ();
  copy->account_id = g_key_file_get_string (kf, "Account", "id", NULL);
  copy->kind = g_key_file_get_string (kf, "Account", "kind", NULL);
  copy->state = g_key_file_get_string (kf, "Account", "state", NULL);
  copy->version = g_key_file_get_int64 (kf, "Account", "version", NULL);
  refreshed = g_key_file_get_string (kf, "Account", "refreshed", NULL);
  if (refreshed)
    inj_date_parse_datetime (refreshed, &copy->refreshed_at);
  copy->statement = get_bytes (kf, "Account");
  if (copy->account_id == NULL || *copy->account_id == '\0' || copy->refreshed_at == NULL)
    {
      g_set_error_literal (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_CORRUPT,
                           _("The copy of the account kept on this computer is incomplete."));
      return NULL;
    }
  for (guint i = 0;; i++)
    {
      g_autofree char *group = g_strdup_printf ("Binding %u", i);
      g_autofree char *fp = NULL;
      g_autofree char *at = NULL;
      if (!g_key_file_has_group (kf, group))
        break;
      fp = g_key_file_get_string (kf, group, "fingerprint", NULL);
      at = g_key_file_get_string (kf, group, "bound-at", NULL);
      g_ptr_array_add (copy->bindings,
                       inj_stored_binding_new (fp, at,
                                               g_key_file_get_boolean (kf, group, "current",
                                                                       NULL)));
    }

  /* The statement says what the 基本情報 is: only verified, and only when
   * it is this account's (a change names it; the kind must agree). */
  st = verify (copy->statement, INJ_STATEMENT_ANY, trust, now, error);
  if (st == NULL)
    return NULL;
  statement_id = inj_statement_get_account_id (st);
  if ((statement_id && *statement_id && g_strcmp0 (statement_id, copy->account_id) != 0) ||
      !kind_matches (copy->kind, st))
    {
      g_set_error_literal (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_UNVERIFIED,
                           _("The copy kept on this computer does not pass verification: it "
                             "was changed or damaged, and is not used."));
      return NULL;
    }
  if (statement_out)
    *statement_out = g_steal_pointer (&st);
  return g_steal_pointer (&copy);
}

/* ---------------------------------------------------------------- recipient */

gboolean
inj_recipient_store_save (InjRecipientCopy *copy,
                          GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  g_return_val_if_fail (copy->recipient_id != NULL && copy->statement != NULL, FALSE);
  g_key_file_set_string (kf, "Recipient", "id", copy->recipient_id);
  g_key_file_set_string (kf, "Recipient", "registered",
                         copy->registered_at ? copy->registered_at : "");
  set_bytes (kf, "Recipient", copy->statement);
  return write_copy (RECIPIENT_ROLE, kf, error);
}

InjRecipientCopy *
inj_recipient_store_load (InjTrustStore *trust,
                          GDateTime *now,
                          InjStatement **statement_out,
                          GError **error)
{
  g_autoptr(GKeyFile) kf = read_copy (RECIPIENT_ROLE, error);
  g_autoptr(InjRecipientCopy) copy = NULL;
  g_autoptr(InjStatement) st = NULL;

  if (kf == NULL)
    return NULL;
  copy = inj_recipient_copy_new ();
  copy->recipient_id = g_key_file_get_string (kf, "Recipient", "id", NULL);
  copy->registered_at = g_key_file_get_string (kf, "Recipient", "registered", NULL);
  copy->statement = get_bytes (kf, "Recipient");
  if (copy->recipient_id == NULL || *copy->recipient_id == '\0')
    {
      g_set_error_literal (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_CORRUPT,
                           _("The copy of the recipient registration kept on this computer is "
                             "incomplete."));
      return NULL;
    }
  st = verify (copy->statement, INJ_STATEMENT_RECIPIENT, trust, now, error);
  if (st == NULL)
    return NULL;
  if (statement_out)
    *statement_out = g_steal_pointer (&st);
  return g_steal_pointer (&copy);
}

gboolean
inj_account_store_forget (GError **error)
{
  const char *roles[] = { ACCOUNT_ROLE, RECIPIENT_ROLE };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *path = store_path (roles[i]);
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (path);
          g_set_error (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_IO,
                       _("%s cannot be removed: %s"), display, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}
