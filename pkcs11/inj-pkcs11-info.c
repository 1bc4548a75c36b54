/* inj-pkcs11-info.c: modules, versions, and the ring of card operations. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <p11-kit/p11-kit.h>
#include <PCSC/pcsclite.h>

#include "inj-card-monitor.h"
#include "inj-pkcs11-error.h"
#include "inj-pkcs11-info.h"
#include "inj-token.h"

#define OPS_KEPT 256

void
inj_module_info_free (InjModuleInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->filename);
  g_free (info->description);
  g_free (info->manufacturer);
  g_free (info->library_version);
  g_free (info->cryptoki_version);
  g_free (info);
}

static InjModuleInfo *
describe (CK_FUNCTION_LIST *module,
          const char *name)
{
  InjModuleInfo *info = g_new0 (InjModuleInfo, 1);
  CK_INFO ck;

  info->name = g_strdup (name);
  info->filename = p11_kit_module_get_filename (module);
  if (module->C_GetInfo (&ck) == CKR_OK)
    {
      info->description = inj_pkcs11_string (ck.libraryDescription,
                                             sizeof ck.libraryDescription);
      info->manufacturer = inj_pkcs11_string (ck.manufacturerID, sizeof ck.manufacturerID);
      info->library_version = g_strdup_printf ("%u.%u", ck.libraryVersion.major,
                                               ck.libraryVersion.minor);
      info->cryptoki_version = g_strdup_printf ("%u.%u", ck.cryptokiVersion.major,
                                                ck.cryptokiVersion.minor);
    }
  return info;
}

GPtrArray *
inj_pkcs11_list_registered_modules (GError **error)
{
  CK_FUNCTION_LIST **modules = p11_kit_modules_load_and_initialize (0);
  GPtrArray *list;

  if (modules == NULL)
    {
      g_set_error (error, INJ_PKCS11_ERROR, (gint) INJ_CKR_MODULE,
                   _("p11-kit could not load its modules: %s"),
                   p11_kit_message () ? p11_kit_message () : _("unknown reason"));
      return NULL;
    }
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_module_info_free);
  for (guint i = 0; modules[i]; i++)
    {
      g_autofree char *name = p11_kit_module_get_name (modules[i]);
      g_ptr_array_add (list, describe (modules[i], name));
    }
  p11_kit_modules_finalize_and_release (modules);
  return list;
}

InjModuleInfo *
inj_pkcs11_module_info (const char *module,
                        GError **error)
{
  CK_FUNCTION_LIST *m;
  InjModuleInfo *info;
  CK_RV rv;

  if (module == NULL)
    module = INJ_DEFAULT_PKCS11_MODULE;
  m = p11_kit_module_load (module, 0);
  if (m == NULL)
    {
      g_set_error (error, INJ_PKCS11_ERROR, (gint) INJ_CKR_MODULE,
                   _("The PKCS#11 module “%s” could not be loaded: %s"), module,
                   p11_kit_message () ? p11_kit_message () : _("unknown reason"));
      return NULL;
    }
  rv = p11_kit_module_initialize (m);
  if (rv != CKR_OK)
    {
      p11_kit_module_release (m);
      g_set_error (error, INJ_PKCS11_ERROR, (gint) INJ_CKR_MODULE,
                   _("The PKCS#11 module “%s” could not be initialised (%s)."), module,
                   inj_pkcs11_rv_name (rv));
      return NULL;
    }
  info = describe (m, module);
  p11_kit_module_finalize (m);
  p11_kit_module_release (m);
  return info;
}

const char *
inj_pkcs11_p11kit_version (void)
{
  return INJ_P11KIT_VERSION;
}

const char *
inj_pcsc_lite_version (void)
{
  return PCSCLITE_VERSION_NUMBER;
}

/* ------------------------------------------------------------- the ring */

static GMutex ops_lock;
static GQueue ops = G_QUEUE_INIT;

void
inj_op_record_free (InjOpRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->operation);
  g_free (record->detail);
  g_free (record->result);
  g_free (record);
}

void
inj_pkcs11_ops_record (const char *operation,
                       const char *detail,
                       gint64 started,
                       const GError *error)
{
  InjOpRecord *r = g_new0 (InjOpRecord, 1);

  r->when = started;
  r->duration_us = g_get_real_time () - started;
  r->operation = g_strdup (operation);
  r->detail = g_strdup (detail);
  if (error == NULL)
    r->result = g_strdup ("ok");
  else if (error->domain == INJ_PKCS11_ERROR)
    r->result = g_strdup (inj_pkcs11_rv_name ((CK_RV) error->code));
  else
    r->result = g_strdup_printf ("%s:%d", g_quark_to_string (error->domain), error->code);
  /* also in the log file (info: not on stderr), for a later bundle */
  g_info ("card operation: %s %s → %s (%.1f ms)", r->operation, r->detail ? r->detail : "",
          r->result, r->duration_us / 1000.0);
  g_mutex_lock (&ops_lock);
  g_queue_push_tail (&ops, r);
  while (ops.length > OPS_KEPT)
    inj_op_record_free (g_queue_pop_head (&ops));
  g_mutex_unlock (&ops_lock);
}

GPtrArray *
inj_pkcs11_ops_snapshot (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_op_record_free);

  g_mutex_lock (&ops_lock);
  for (GList *l = ops.head; l; l = l->next)
    {
      InjOpRecord *r = l->data, *copy = g_new0 (InjOpRecord, 1);
      *copy = *r;
      copy->operation = g_strdup (r->operation);
      copy->detail = g_strdup (r->detail);
      copy->result = g_strdup (r->result);
      g_ptr_array_add (list, copy);
    }
  g_mutex_unlock (&ops_lock);
  return list;
}

void
inj_pkcs11_ops_clear (void)
{
  g_mutex_lock (&ops_lock);
  g_queue_clear_full (&ops, (GDestroyNotify) inj_op_record_free);
  g_mutex_unlock (&ops_lock);
}
