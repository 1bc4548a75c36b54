/* test-ui-support.h: what the headless widget tests share. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void     test_ui_init         (int *argc,
                               char ***argv);
int      test_ui_run          (void);
char    *test_ui_tmpdir       (void);
void     test_ui_rmtree       (const char *path);
gboolean test_ui_wait_until   (gboolean (*done) (gpointer data),
                               gpointer data,
                               guint timeout_ms);
void     test_ui_drain        (GObject *object);
char    *test_ui_widget_text  (GtkWidget *widget);
void     test_ui_screenshot   (GtkWidget *widget,
                               const char *name);

G_END_DECLS
