/* inj-step-bar.h: a row of numbered steps (① 入力 ② 受任者の証明 …), each
 * a button marked done (a check), current (highlighted), available, or not
 * yet available (dimmed, with what it waits for as its tooltip and
 * accessible description). Pressing an available step emits
 * "step-activated"; the owner decides what happens. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define INJ_TYPE_STEP_BAR (inj_step_bar_get_type ())
G_DECLARE_FINAL_TYPE (InjStepBar, inj_step_bar, INJ, STEP_BAR, GtkWidget)

GtkWidget  *inj_step_bar_new             (void);
/* Appends a step named @label (short: the bar must fit 800 px); returns
 * its index. A new step is available, not done. */
guint       inj_step_bar_add_step        (InjStepBar *self,
                                          const char *label);
guint       inj_step_bar_get_n_steps     (InjStepBar *self);

void        inj_step_bar_set_current     (InjStepBar *self,
                                          guint index);
guint       inj_step_bar_get_current     (InjStepBar *self);

/* @waits_for: NULL for an available step, else why it is not available
 * yet (「入力を完了すると進めます」). */
void        inj_step_bar_set_step        (InjStepBar *self,
                                          guint index,
                                          gboolean done,
                                          const char *waits_for);
gboolean    inj_step_bar_get_done        (InjStepBar *self,
                                          guint index);
gboolean    inj_step_bar_get_available   (InjStepBar *self,
                                          guint index);
/* What the step waits for, or NULL when it is available. */
const char *inj_step_bar_get_waits_for   (InjStepBar *self,
                                          guint index);

/* The step's button, its accessible label (「手順 2／5：受任者の証明（完了）」)
 * and accessible description (what it waits for, or NULL). */
GtkWidget  *inj_step_bar_get_button      (InjStepBar *self,
                                          guint index);
const char *inj_step_bar_get_step_label  (InjStepBar *self,
                                          guint index);
const char *inj_step_bar_get_step_description (InjStepBar *self,
                                               guint index);

G_END_DECLS
