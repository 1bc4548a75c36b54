/* inj-service-profile.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-delegation.h"
#include "inj-resources.h"
#include "inj-service-profile.h"

#define RESOURCE_PROFILE "/io/github/ininjo/Ininjo/service-profile.ini"

static InjServiceProfile *
profile_from_key_file (GKeyFile *kf,
                       const char *display,
                       GError **error)
{
  g_autoptr(InjServiceProfile) profile = g_new0 (InjServiceProfile, 1);
  g_autoptr(GError) local_error = NULL;

#define GET(field, key)                                                              \
  profile->field = g_key_file_get_string (kf, "service", key, &local_error);          \
  if (profile->field == NULL || local_error != NULL)                                 \
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
inj_service_profile_load_file (const char *path,
                               GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, INJ_DELEGATION_ERROR, INJ_DELEGATION_ERROR_PROFILE,
                   _("Cannot read the service profile %s: %s"), display, local_error->message);
      return NULL;
    }
  return profile_from_key_file (kf, display, error);
}

/* The embedded default: the local service of the test bed, compiled in so
 * that the program needs no data file to create a delegation. */
InjServiceProfile *
inj_service_profile_load_default (GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GBytes) bytes = g_resource_lookup_data (inj_get_resource (), RESOURCE_PROFILE,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (bytes != NULL);
  if (!g_key_file_load_from_bytes (kf, bytes, G_KEY_FILE_NONE, error))
    return NULL;
  return profile_from_key_file (kf, RESOURCE_PROFILE, error);
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

char *
inj_service_profile_default_service_url (GError **error)
{
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (error);
  g_autoptr(GUri) uri = NULL;

  if (profile == NULL)
    return NULL;
  uri = g_uri_parse (profile->validity_url, G_URI_FLAGS_NONE, error);
  if (uri == NULL)
    return NULL;
  return g_strdup_printf ("https://%s:%d", g_uri_get_host (uri),
                          g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 443);
}
