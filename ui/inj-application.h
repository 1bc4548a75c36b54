/* inj-application.h */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INJ_APPLICATION_ID "io.github.ininjo.Ininjo"

/* Set to a file name, the application writes there, once, the monotonic
 * time (g_get_monotonic_time(), CLOCK_MONOTONIC in µs) at which its window's
 * first frame was drawn: what the start-up benchmark measures. */
#define INJ_FIRST_FRAME_FILE_ENV "ININJO_FIRST_FRAME_FILE"

#define INJ_TYPE_APPLICATION (inj_application_get_type ())
G_DECLARE_FINAL_TYPE (InjApplication, inj_application, INJ, APPLICATION, AdwApplication)

InjApplication *inj_application_new             (void);

/* 0, or why the run failed (--screenshot could not be saved…), for main()
 * to return after g_application_run(). */
int             inj_application_get_exit_status (InjApplication *self);

/* Whether the application's GSettings schema can be found (installed, or in
 * GSETTINGS_SCHEMA_DIR). Without it GSettings would abort the program; the
 * caller says so and exits instead. */
gboolean        inj_application_schema_available (void);

G_END_DECLS
