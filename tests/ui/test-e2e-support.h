/* test-e2e-support.h: the end-to-end test's bed and how it drives the
 * window (test-e2e-support.c). */
#pragma once

#include "card-support.h"
#include "inj-flow.h"
#include "inj-window.h"
#include "test-service-support.h"
#include "test-ui-support.h"

typedef struct {
  TestService *svc;
  TestVcard *representative;
  TestVcard *agent;
  InjSession *session;
  InjWindow *window;
  char *dir;
  guint shot;
} Bed;

gboolean e2e_no_wait       (gpointer data);
void     e2e_settle        (guint ms);
/* A PNG of the window, "e2e-NN-@name", and the window still unfolded. */
void     e2e_shoot         (Bed *bed,
                            const char *name);
/* The visible, sensitive button (or other actionable) bound to @action
 * under @root, or NULL. */
GtkWidget *e2e_find_action (GtkWidget *root,
                            const char *action);
/* The visible, sensitive button bound to @action under @page, pressed. */
void     e2e_press         (GtkWidget *page,
                            const char *action);
void     e2e_show          (Bed *bed,
                            const char *page);
InjFlow *e2e_flow_of       (Bed *bed);
void     e2e_press_next    (Bed *bed,
                            InjFlowStep from);
gboolean e2e_dialog_shown  (gpointer data);
/* @secret typed into the password dialog, OK pressed; what it said. */
char    *e2e_type_password (Bed *bed,
                            const char *secret,
                            const char *shot);
/* test-e2e-more.c: after the flow, the stored delegation printed to a file
 * from its details, and the card's signing password changed on the card
 * page (issue 17). */
void     e2e_print_and_change_password (Bed *bed,
                                        const char *id,
                                        const char *password);
