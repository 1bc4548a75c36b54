/* inj-service-profile.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-delegation.h"
#include "inj-service-profile.h"

/* Data files come from ININJO_DATADIR when running from the build tree
 * (set by `meson devenv` and the tests), else from the installed location. */
char *
inj_data_path (const char *name)
{
  const char *dir = g_getenv ("ININJO_DATADIR");

  if (dir == NULL || *dir == '\0')
    dir = PKGDATADIR;
  return g_build_filename (dir, name, NULL);
}

InjServiceProfile *
inj_service_profile_load_file (const char *path,
                               GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(InjServiceProfile) profile = g_new0 (InjServiceProfile, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, INJ_DELEGATION_ERROR, INJ_DELEGATION_ERROR_PROFILE,
                   _("Cannot read the service profile %s: %s"), display, local_error->message);
      return NULL;
    }

#define GET(field, key)                                                              \
  profile->field = g_key_file_get_string (kf, "service", key, &local_error);          \
  if (profile->field == NULL)                                                        \
    {                                                                                \
      g_set_error (error, INJ_DELEGATION_ERROR, INJ_DELEGATION_ERROR_PROFILE,        \
                   _("The service profile %s has no “%s”."), display, key);          \
      return NULL;                                                                   \
    }
  GET (name, "name");
  GET (policy_url, "policy-url");
  GET (validity_url, "validity-url");
#undef GET
  profile->policy_oid = g_key_file_get_string (kf, "service", "policy-oid", NULL);

  return g_steal_pointer (&profile);
}

InjServiceProfile *
inj_service_profile_load_default (GError **error)
{
  g_autofree char *path = inj_data_path ("service-profile.ini");
  return inj_service_profile_load_file (path, error);
}

void
inj_service_profile_free (InjServiceProfile *profile)
{
  if (profile == NULL)
    return;
  g_free (profile->name);
  g_free (profile->policy_url);
  g_free (profile->policy_oid);
  g_free (profile->validity_url);
  g_free (profile);
}
