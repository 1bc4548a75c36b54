/* inj-application.h */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INJ_APPLICATION_ID "io.github.ininjo.Ininjo"

#define INJ_TYPE_APPLICATION (inj_application_get_type ())
G_DECLARE_FINAL_TYPE (InjApplication, inj_application, INJ, APPLICATION, AdwApplication)

InjApplication *inj_application_new (void);

G_END_DECLS
