/* inj-diagnostics-page-private.h: what the diagnostics page's files share:
 * the page (inj-diagnostics-page.c: running, buttons, the object), the
 * report's values as text with the groups and rows that show them
 * (inj-diagnostics-rows.c), and the report's sections
 * (inj-diagnostics-sections.c). */
#pragma once

#include "inj-job.h"
#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "inj-diagnostics-page.h"

G_BEGIN_DECLS

/* Beyond this many seconds the clock's offset from the service's is worth
 * a warning (certificates' and signatures' times depend on it). */
#define CLOCK_OFFSET_WARN_S 60

typedef enum {
  MOOD_NONE = 0,
  MOOD_OK,
  MOOD_WARN,
  MOOD_BAD,
} Mood;

struct _InjDiagnosticsPage {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkSpinner *spinner;
  GtkWidget *cancel_button;
  GtkWidget *run_button;
  GtkWidget *copy_button;
  GtkWidget *bundle_button;
  GtkLabel *status_label;
  GtkWidget *verbose_row;
  GtkWidget *verbose_switch;
  GtkBox *groups_box;

  InjSession *session;
  InjJob *job;               /* the run; busy while RUNNING */
  InjDiagnosticsState state;
  gboolean started;          /* run once, when first mapped */
  JsonObject *report;
  GHashTable *rows;          /* id → AdwActionRow (owned by the groups) */
  gboolean with_card;        /* this run tries the service with the card */
};

const char *_inj_diag_get_string (JsonObject *o, const char *member);
gboolean _inj_diag_get_bool (JsonObject *o, const char *member, gboolean fallback);
gboolean _inj_diag_get_int (JsonObject *o, const char *member, gint64 *value);
JsonObject *_inj_diag_get_object (JsonObject *o, const char *member);
JsonArray *_inj_diag_get_array (JsonObject *o, const char *member);
char *_inj_diag_value_text (JsonNode *node);
char *_inj_diag_member_text (JsonObject *o, const char *member);
char *_inj_diag_error_text (JsonObject *o);
char *_inj_diag_time_text (const char *iso);
AdwPreferencesGroup *_inj_diag_add_group (InjDiagnosticsPage *self,
                                          const char *title,
                                          const char *description);
GtkWidget *_inj_diag_add_row (InjDiagnosticsPage *self,
                              AdwPreferencesGroup *group,
                              const char *id,
                              const char *title,
                              const char *subtitle,
                              Mood mood);
GtkWidget *_inj_diag_new_row (InjDiagnosticsPage *self,
                              const char *id,
                              const char *title,
                              const char *subtitle,
                              Mood mood);
gboolean _inj_diag_is_known (const char *member, const char *const *known);
void _inj_diag_add_other_members (InjDiagnosticsPage *self,
                                  AdwPreferencesGroup *group,
                                  const char *id_prefix,
                                  JsonObject *o,
                                  const char *const *known);
void _inj_diag_append_other_lines (GString *text, JsonObject *o, const char *const *known);
void _inj_diag_clear_groups (InjDiagnosticsPage *self);
void _inj_diag_show_report (InjDiagnosticsPage *self);

G_END_DECLS
