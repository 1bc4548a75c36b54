/* test-idle.c: after the idle timeout the window covers its pages, the
 * session's privacy lock runs (reveal off, card work cancelled), and
 * "Continue" uncovers them; input before the timeout postpones it. */
#include "config.h"

#include "inj-delegation-editor.h"
#include "inj-window.h"
#include "test-ui-support.h"

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static gboolean
covered (gpointer data)
{
  return inj_window_get_privacy_covered (data);
}

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
count (guint *n)
{
  (*n)++;
}

static GtkEventController *
controller (GtkWidget *widget,
            const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
      if (g_strcmp0 (gtk_event_controller_get_name (c), name) == 0)
        return c; /* the widget holds it */
    }
  g_assert_not_reached ();
}

typedef struct {
  char *dir;
  InjWindow *window;
  InjSession *session;
  guint locks;
} Fixture;

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  f->dir = test_ui_tmpdir ();
  f->window = INJ_WINDOW (inj_window_new (NULL, f->dir));
  g_object_ref (f->window);
  f->session = inj_window_get_session (f->window);
  g_signal_connect_swapped (f->session, "privacy-lock", G_CALLBACK (count), &f->locks);
  /* on the editor, where personal data is typed (the window opens on the list) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "editor"));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (test_ui_wait_until (drawn, f->window, 5000));
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  g_signal_handlers_disconnect_by_data (f->session, &f->locks);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  test_ui_rmtree (f->dir);
  g_free (f->dir);
}

static void
test_timeout (Fixture *f,
              gconstpointer data)
{
  GtkWidget *editor = inj_window_get_editor (f->window);
  GtkWidget *entry = inj_delegation_editor_get_entry (INJ_DELEGATION_EDITOR (editor),
                                                      INJ_FIELD_CORPORATE_NAME);
  g_autoptr(GCancellable) work = g_object_ref (inj_session_get_cancellable (f->session));

  /* the setting's default: five minutes */
  g_assert_cmpuint (g_settings_get_uint (inj_session_get_settings (f->session), "idle-timeout"), ==, 300);
  gtk_editable_set_text (GTK_EDITABLE (entry), "テスト商事株式会社");
  g_assert_true (gtk_widget_grab_focus (entry));
  inj_session_set_reveal (f->session, TRUE);
  g_assert_true (gtk_widget_get_mapped (entry));

  inj_window_set_idle_timeout_ms (f->window, 200);
  g_assert_false (inj_window_get_privacy_covered (f->window));
  g_assert_true (test_ui_wait_until (covered, f->window, 5000));

  g_assert_cmpuint (f->locks, ==, 1);
  g_assert_false (inj_session_get_reveal (f->session));
  g_assert_true (g_cancellable_is_cancelled (work));
  /* nothing of the pages is on screen, the header bar is */
  g_assert_false (gtk_widget_get_mapped (entry));
  g_assert_false (gtk_widget_get_mapped (editor));
  g_assert_true (gtk_widget_get_mapped (inj_window_get_privacy_continue_button (f->window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Ininjo");
  /* nor can the keyboard reach them */
  for (guint i = 0; i < 12; i++)
    {
      GtkWidget *focus;
      gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_true (focus == NULL || !gtk_widget_is_ancestor (focus, editor));
    }
  gtk_widget_grab_focus (inj_window_get_privacy_continue_button (f->window));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (f->window), "privacy");

  /* covered, the timer does not run again */
  test_ui_wait_until (no_wait, NULL, 500);
  g_assert_cmpuint (f->locks, ==, 1);

  g_signal_emit_by_name (inj_window_get_privacy_continue_button (f->window), "clicked");
  g_assert_false (inj_window_get_privacy_covered (f->window));
  test_ui_wait_until (no_wait, NULL, 50);
  g_assert_true (gtk_widget_get_mapped (entry));
  /* what was typed is still there, and the keyboard is back in it */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "テスト商事株式会社");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), entry));

  /* and the timer runs again */
  g_assert_true (test_ui_wait_until (covered, f->window, 5000));
  g_assert_cmpuint (f->locks, ==, 2);
}

/* Input every 100 ms for 1.5 s keeps a 500 ms timeout from running out;
 * then it runs out. Each kind of input counts. */
static void
test_input_postpones (Fixture *f,
                      gconstpointer data)
{
  GtkEventController *key = controller (GTK_WIDGET (f->window), "inj-idle-key");
  GtkEventController *motion = controller (GTK_WIDGET (f->window), "inj-idle-motion");
  GtkEventController *click = controller (GTK_WIDGET (f->window), "inj-idle-click");
  GtkEventController *scroll = controller (GTK_WIDGET (f->window), "inj-idle-scroll");
  gint64 start;
  gboolean handled;

  /* in the capture phase: every child's input passes them first */
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (key), ==, GTK_PHASE_CAPTURE);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (motion), ==, GTK_PHASE_CAPTURE);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (click), ==, GTK_PHASE_CAPTURE);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (scroll), ==, GTK_PHASE_CAPTURE);

  inj_window_set_idle_timeout_ms (f->window, 500);
  start = g_get_monotonic_time ();
  for (guint i = 0; g_get_monotonic_time () - start < 1500 * G_TIME_SPAN_MILLISECOND; i++)
    {
      test_ui_wait_until (no_wait, NULL, 100);
      g_assert_false (inj_window_get_privacy_covered (f->window));
      switch (i % 4)
        {
        case 0:
          handled = TRUE;
          g_signal_emit_by_name (key, "key-pressed", GDK_KEY_a, 38, 0, &handled);
          /* the key still goes to the focused widget */
          g_assert_false (handled);
          break;
        case 1:
          g_signal_emit_by_name (motion, "motion", 10.0 + i, 20.0);
          break;
        case 2:
          g_signal_emit_by_name (click, "pressed", 1, 30.0, 40.0);
          break;
        default:
          handled = TRUE;
          g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
          g_assert_false (handled);
          break;
        }
    }
  g_assert_cmpuint (f->locks, ==, 0);

  /* a pointer that does not move is no input (GTK repeats its position
   * after a layout change): repeated every 50 ms, it does not postpone */
  g_signal_emit_by_name (motion, "motion", 500.0, 500.0);
  start = g_get_monotonic_time ();
  while (!inj_window_get_privacy_covered (f->window) &&
         g_get_monotonic_time () - start < 5 * G_TIME_SPAN_SECOND)
    {
      test_ui_wait_until (no_wait, NULL, 50);
      g_signal_emit_by_name (motion, "motion", 500.0, 500.0);
    }
  g_assert_true (inj_window_get_privacy_covered (f->window));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 450 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (f->locks, ==, 1);
}

/* Another page (or the session) locking covers the window too. */
static void
test_lock_from_session (Fixture *f,
                        gconstpointer data)
{
  g_assert_false (inj_window_get_privacy_covered (f->window));
  inj_session_privacy_lock (f->session);
  g_assert_true (inj_window_get_privacy_covered (f->window));
  g_assert_true (gtk_widget_has_focus (inj_window_get_privacy_continue_button (f->window)));
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add ("/ui/idle/timeout", Fixture, NULL, fixture_set_up, test_timeout, fixture_tear_down);
  g_test_add ("/ui/idle/input-postpones", Fixture, NULL, fixture_set_up, test_input_postpones,
              fixture_tear_down);
  g_test_add ("/ui/idle/lock-from-session", Fixture, NULL, fixture_set_up, test_lock_from_session,
              fixture_tear_down);
  return test_ui_run ();
}
