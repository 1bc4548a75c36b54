/* inj-service-profile.h: what the delegation service says about itself
 * (seed 000, table 4-1 ※2). The default is data/service-profile.ini,
 * compiled in; the service will provide it over its API. */
#pragma once

#include <glib.h>

#include "inj-types.h"

G_BEGIN_DECLS

struct _InjServiceProfile {
  char *name;          /* 事業者の電子委任状取扱サービスの名称 */
  char *policy_url;    /* ポリシーを記載している場所 */
  char *policy_oid;
  char *validity_url;  /* 有効性確認の問合せ先 */
};

InjServiceProfile *inj_service_profile_load_file (const char *path,
                                                  GError **error);
InjServiceProfile *inj_service_profile_load_default (GError **error);
void               inj_service_profile_free      (InjServiceProfile *profile);
/* The base URL (https://host:port) of the embedded default's service: the
 * host and port of its validity URL. */
char              *inj_service_profile_default_service_url (GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjServiceProfile, inj_service_profile_free)

G_END_DECLS
