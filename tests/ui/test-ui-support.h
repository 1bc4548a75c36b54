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

/* For test_ui_wait_until(): a window mapped and on a monitor; a widget
 * mapped, unmapped, or wholly inside its window (scrolled into view). */
gboolean test_ui_on_monitor   (gpointer window);
gboolean test_ui_mapped       (gpointer widget);
gboolean test_ui_unmapped     (gpointer widget);
gboolean test_ui_in_view      (gpointer widget);
/* Pops @popover down and lets GTK's tooltip timer its grab started run
 * out while its window is still there. */
void     test_ui_popdown_and_settle (GtkPopover *popover);

G_END_DECLS
