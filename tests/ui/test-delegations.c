/* test-delegations.c: the delegations page in the window, against the
 * local service with a file key: the service's list merged with the
 * outbox and sent/; details verified again and masked; the renewal handed
 * to the editor; validity by ID, pasted or from a row; a renewal's upload
 * retires the old ID; errors on the page. Each row names the delegation
 * (agent and authority, masked unless revealed), its period and a status
 * pill; drafts are listed and continued in the editor; the badges' counts;
 * the ID copied; the empty list. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-delegation-editor.h"
#include "inj-delegations-page.h"
#include "inj-flow.h"
#include "inj-draft.h"
#include "inj-expiry-view.h"
#include "inj-service-settings.h"
#include "inj-upload.h"
#include "inj-window.h"
#include "test-service-support.h"
#include "test-ui-support.h"

#define UNKNOWN_ID "11111111-1111-4111-8111-111111111111"

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

static void
screenshot (GtkWidget *window,
            const char *name)
{
  g_assert_true (test_ui_wait_until (stack_settled, inj_window_get_stack (INJ_WINDOW (window)), 5000));
  test_ui_wait_until (no_wait, NULL, 200);
  test_ui_screenshot (window, name);
}

/* What the CLI does, with the code it shares with the upload page. */
static void
upload_as (InjSession *session,
           const char *id,
           const char *expected)
{
  g_auto(InjServiceConfig) config = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autofree char *outbox = inj_outbox_dir ();
  g_autofree char *dir = g_build_filename (outbox, id, NULL);
  g_autoptr(InjPackage) p = inj_package_load (dir, &error);

  g_assert_no_error (error);
  g_assert_true (inj_service_settings_config (inj_session_get_settings (session), &config, &error));
  client = inj_service_client_new (&config, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (inj_upload_package (client, p, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (inj_upload_follow_receipt (client, p, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (p->state, ==, expected);
}

static void
upload_now (InjSession *session,
            const char *id)
{
  upload_as (session, id, "stored");
}

static void
run (InjDelegationsPage *page,
     const char *action,
     GVariant *parameter)
{
  /* the action does not take the floating reference of its parameter */
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  gtk_widget_activate_action_variant (GTK_WIDGET (page), action, owned);
  g_assert_true (inj_delegations_page_get_busy (page));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
}

static char *
validity_text (InjDelegationsPage *page)
{
  char *text = inj_delegations_page_dup_validity_text (page);

  g_test_message ("%s", text);
  return text;
}

static void
check_validity (InjDelegationsPage *page,
                const char *id,
                const char *expected)
{
  g_autofree char *text = NULL;

  gtk_editable_set_text (GTK_EDITABLE (inj_delegations_page_get_validity_entry (page)), id);
  run (page, "delegations.check-validity", NULL);
  text = validity_text (page);
  g_assert_cmpstr (inj_delegations_page_get_validity (page), ==, expected);
  g_assert_nonnull (strstr (text, id));
}

/* The first widget under @root (itself included) for which @match holds. */
static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match, data);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
has_class (GtkWidget *w,
           gconstpointer name)
{
  return gtk_widget_has_css_class (w, name);
}

static gboolean
has_data (GtkWidget *w,
          gconstpointer key)
{
  return g_object_get_data (G_OBJECT (w), key) != NULL;
}

/* Every button under @root says what it does: a label of its own or an
 * accessible one (an icon and a tooltip are not enough). */
static guint
count_unlabelled_buttons (GtkWidget *root)
{
  guint n = 0;

  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) == NULL &&
      inj_ui_get_accessible_label (root) == NULL)
    {
      g_test_message ("unlabelled: %s", G_OBJECT_TYPE_NAME (root));
      n++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    n += count_unlabelled_buttons (c);
  return n;
}

/* A listed delegation's row: its title, its period, its pill's word. */
static void
check_row (InjDelegationsPage *page,
           const char *id,
           InjPill pill,
           const char *title)
{
  GtkWidget *row = inj_delegations_page_get_row (page, id);
  g_autofree char *between = g_strdup_printf (_("%s – %s"), "", "");
  GtkWidget *label;

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_test_message ("%s: %s / %s", id, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                  adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)));
  g_assert_cmpint (inj_delegations_page_get_pill (page, id), ==, pill);
  label = find_widget (row, has_class, "status-pill");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, inj_pill_label (pill));
  g_assert_true (gtk_widget_has_css_class (label, inj_pill_css_class (pill)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
  /* the period, start – end, in the app's display of dates */
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), between));
  /* the ID only in the details under the title */
  g_assert_null (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), id));
  g_assert_cmpuint (count_unlabelled_buttons (row), ==, 0);
}

/* The delegation of a package, as the list names it. */
static char *
package_title (const char *folder,
               const char *id,
               gboolean reveal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_strcmp0 (folder, "sent") == 0 ? inj_sent_dir () : inj_outbox_dir ();
  g_autofree char *dir = g_build_filename (base, id, NULL);
  g_autoptr(InjPackage) p = inj_package_load (dir, &error);
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjDelegation) d = NULL;
  gsize length = 0;
  const char *data;

  g_assert_no_error (error);
  xml = inj_package_read (p, "delegation.xml", &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (xml, &length);
  d = inj_delegation_from_xml (data, length, NULL, &error);
  g_assert_no_error (error);
  return inj_render_delegation_title (d, reveal, 20);
}

static void
count_notify (GObject *object,
              GParamSpec *pspec,
              gpointer data)
{
  (*(guint *) data)++;
}

static void
got_text (GObject *source,
          GAsyncResult *result,
          gpointer data)
{
  *(char **) data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*(char **) data == NULL)
    *(char **) data = g_strdup ("");
}

static gboolean
text_read (gpointer data)
{
  return *(char **) data != NULL;
}

static gboolean
tooltip_is_copy (gpointer button)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (button), _("Copy")) == 0;
}

/* The copy button under the row of @id puts the ID on the clipboard. */
static void
check_copy (InjDelegationsPage *page,
            const char *id)
{
  GtkWidget *row = inj_delegations_page_get_row (page, id);
  GtkWidget *id_row = find_widget (row, has_data, "inj-copy-button");
  GtkWidget *button;
  g_autofree char *text = NULL;

  g_assert_nonnull (id_row);
  button = g_object_get_data (G_OBJECT (id_row), "inj-copy-button");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (button), "");
  g_signal_emit_by_name (button, "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (button), NULL, got_text, &text);
  g_assert_true (test_ui_wait_until (text_read, &text, 5000));
  g_assert_cmpstr (text, ==, id);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, _("Copied"));
  /* said for a moment, then the button is the copy button again */
  g_assert_true (test_ui_wait_until (tooltip_is_copy, button, 5000));
  g_assert_cmpstr (inj_ui_get_accessible_label (button), ==, _("Copy"));
}

/* A draft as the editor keeps it: an input file named after its ID;
 * @title: the draft named as the list should (masked). */
static char *
write_draft (InjSession *session,
             char **title)
{
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (NULL);
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (EXAMPLES_DIR, "corporation.ini", NULL);
  g_autofree char *data = NULL;
  g_autofree char *id = inj_delegation_generate_id ();
  g_autofree char *name = g_strconcat (id, ".ini", NULL);
  g_autofree char *draft = g_build_filename (inj_session_get_drafts_dir (session), name, NULL);

  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (inj_draft_write (draft, data, &error));
  g_assert_no_error (error);
  g_assert_nonnull (profile);
  d = inj_draft_from_input (data, strlen (data), id, profile, &error);
  g_assert_no_error (error);
  *title = inj_render_delegation_title (d, FALSE, 20);
  return g_steal_pointer (&id);
}

static void
test_delegations (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);
  InjSession *session;
  InjWindow *window;
  InjDelegationsPage *page;
  InjDelegationEditor *editor;
  GtkStack *stack;
  g_autofree char *stored = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *renewal = NULL;
  g_autofree char *text = NULL;
  g_autofree char *rep_name = test_persona_ini ("representative", "san", "name");
  g_autofree char *agent_name = test_persona_ini ("agent-zeirishi", "san", "name");
  g_autofree char *draft = NULL;
  g_autofree char *waiting2 = NULL;
  g_autofree char *title = NULL;
  g_autofree char *draft_title = NULL;
  g_autofree char *sent_dir = NULL;
  g_autofree char *stored_dir = NULL;
  guint pending_notified = 0;
  guint expiring_notified = 0;
  guint n = 0;
  g_autofree char *ending = NULL;
  g_autofree char *refused = NULL;
  const char *ending_args[] = { "--end", "today+10d", NULL };
  const char *expired_args[] = { "--expired", NULL };
  const char *stored_args[] = { "--subdelegation", "not-allowed", NULL };
  g_auto(GStrv) ids = NULL;
  const char *supersedes_args[3] = { "--supersedes", NULL, NULL };
  InjDelegation *loaded;

  g_assert_no_error (error);
  test_data_home_clear ();
  session = inj_session_new (monitor, NULL, NULL);
  test_settings_for_service (inj_session_get_settings (session), svc, FALSE);
  g_settings_set_boolean (inj_session_get_settings (session), "reveal-personal-data", FALSE);
  stored = test_outbox_package (stored_args, NULL);
  upload_now (session, stored);
  waiting = test_outbox_package (NULL, NULL);
  /* one that ends in ten days; one the service refuses (its period ended) */
  ending = test_outbox_package (ending_args, NULL);
  upload_now (session, ending);
  refused = test_outbox_package (expired_args, NULL);
  upload_as (session, refused, "rejected");

  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  page = INJ_DELEGATIONS_PAGE (inj_window_get_delegations_page (window));
  editor = INJ_DELEGATION_EDITOR (inj_window_get_editor (window));
  stack = inj_window_get_stack (window);
  g_assert_true (gtk_stack_get_child_by_name (stack, "delegations") == GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (stack, "delegations");
  g_assert_true (test_ui_wait_until (drawn, page, 5000));

  /* before asking the service: what this computer knows */
  g_assert_cmpstr (inj_delegations_page_get_state (page, stored), ==, "stored");
  g_assert_cmpstr (inj_delegations_page_get_state (page, waiting), ==, "ready");
  g_assert_cmpuint (inj_delegations_page_get_n_pending (page), ==, 1);
  /* the stored one's end is known from its package before asking */
  g_assert_cmpuint (inj_delegations_page_get_n_expiring (page), ==, 1);
  g_assert_cmpint (inj_delegations_page_get_pill (page, ending), ==, INJ_PILL_EXPIRING);

  /* a draft, and a second package waiting: listed at the next refresh,
   * and the badge's count follows (notified once) */
  draft = write_draft (session, &draft_title);
  waiting2 = test_outbox_package (NULL, NULL);
  g_signal_connect (page, "notify::n-pending", G_CALLBACK (count_notify), &pending_notified);
  g_signal_connect (page, "notify::n-expiring", G_CALLBACK (count_notify), &expiring_notified);
  run (page, "delegations.refresh", NULL);
  g_assert_cmpstr (inj_delegations_page_get_error (page), ==, "");
  g_assert_cmpstr (inj_delegations_page_get_state (page, stored), ==, "active");
  g_assert_cmpstr (inj_delegations_page_get_state (page, waiting), ==, "ready");
  g_assert_cmpstr (inj_delegations_page_get_state (page, draft), ==, "draft");
  g_assert_cmpstr (inj_delegations_page_get_state (page, ending), ==, "active");
  g_assert_cmpstr (inj_delegations_page_get_state (page, refused), ==, "rejected");
  ids = inj_delegations_page_dup_ids (page);
  g_assert_cmpuint (g_strv_length (ids), ==, 6);
  g_assert_cmpuint (inj_delegations_page_get_n_pending (page), ==, 2);
  g_object_get (page, "n-pending", &n, NULL);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (pending_notified, ==, 1);
  g_assert_cmpuint (inj_delegations_page_get_n_expiring (page), ==, 1);
  g_object_get (page, "n-expiring", &n, NULL);
  g_assert_cmpuint (n, ==, 1);
  /* unchanged: not notified */
  g_assert_cmpuint (expiring_notified, ==, 0);

  /* each row names the delegation, masked: agent (資格) · authority */
  title = package_title ("sent", stored, FALSE);
  g_assert_nonnull (strstr (title, "＊"));
  g_assert_null (strstr (title, agent_name));
  g_assert_nonnull (strstr (title, "電子申告に関する一切の権限"));
  check_row (page, stored, INJ_PILL_ACTIVE, title);
  g_clear_pointer (&title, g_free);
  title = package_title ("outbox", waiting, FALSE);
  check_row (page, waiting, INJ_PILL_PENDING, title);
  g_clear_pointer (&title, g_free);
  title = package_title ("sent", ending, FALSE);
  check_row (page, ending, INJ_PILL_EXPIRING, title);
  g_clear_pointer (&title, g_free);
  title = package_title ("sent", refused, FALSE);
  check_row (page, refused, INJ_PILL_REJECTED, title);
  g_clear_pointer (&title, g_free);
  g_assert_nonnull (strstr (draft_title, "税理士"));
  check_row (page, draft, INJ_PILL_DRAFT, draft_title);
  g_clear_pointer (&title, g_free);
  for (guint i = 0; ids[i]; i++)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (inj_delegations_page_get_row (page, ids[i])),
                                   g_strcmp0 (ids[i], stored) == 0);
  screenshot (GTK_WIDGET (window), "delegations");
  /* revealed, the agent's name is in the title */
  inj_session_set_reveal (session, TRUE);
  title = package_title ("sent", stored, TRUE);
  g_assert_nonnull (strstr (title, agent_name));
  check_row (page, stored, INJ_PILL_ACTIVE, title);
  g_clear_pointer (&title, g_free);
  inj_session_set_reveal (session, FALSE);

  /* the ID is copied from the row's details */
  check_copy (page, stored);

  /* a delegation stored from another computer (no package here) is named
   * all the same: the list fetches it and verifies it */
  title = package_title ("sent", stored, FALSE);
  sent_dir = inj_sent_dir ();
  stored_dir = g_build_filename (sent_dir, stored, NULL);
  test_ui_rmtree (stored_dir);
  run (page, "delegations.refresh", NULL);
  g_assert_cmpstr (inj_delegations_page_get_error (page), ==, "");
  g_assert_cmpstr (inj_delegations_page_get_state (page, stored), ==, "active");
  check_row (page, stored, INJ_PILL_ACTIVE, title);
  g_clear_pointer (&title, g_free);

  /* the validity check from a row, with its ID */
  run (page, "delegations.check-validity-of", g_variant_new_string (stored));
  g_assert_cmpstr (inj_delegations_page_get_validity (page), ==, "active");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (inj_delegations_page_get_validity_entry (page))),
                   ==, stored);
  text = validity_text (page);
  g_assert_nonnull (strstr (text, stored));
  g_assert_nonnull (strstr (text, inj_pill_label (INJ_PILL_ACTIVE)));
  g_clear_pointer (&text, g_free);

  /* details, verified again, masked */
  run (page, "delegations.details", g_variant_new_string (stored));
  g_assert_cmpstr (inj_delegations_page_get_error (page), ==, "");
  g_assert_cmpstr (inj_delegations_page_get_details_id (page), ==, stored);
  text = inj_delegations_page_dup_details_text (page);
  g_assert_nonnull (strstr (text, stored));
  g_assert_nonnull (strstr (text, "＊"));
  /* 代表者名 of a 法人 is public registry data: shown while the agent's
   * name is masked */
  g_assert_nonnull (strstr (text, rep_name));
  g_assert_null (strstr (text, agent_name));
  g_assert_nonnull (strstr (text, inj_jpki_field_label (INJ_JPKI_NAME)));
  /* 復代理の可否 as the delegation says it */
  g_assert_nonnull (strstr (text, "復代理の可否"));
  g_assert_nonnull (strstr (text, "不可（受任者は、この委任の全部または一部を他の者に委任できません）"));
  screenshot (GTK_WIDGET (window), "delegations-details");
  /* shown while the session reveals them, gone on the privacy lock */
  inj_session_set_reveal (session, TRUE);
  g_clear_pointer (&text, g_free);
  text = inj_delegations_page_dup_details_text (page);
  g_assert_nonnull (strstr (text, rep_name));
  g_assert_nonnull (strstr (text, agent_name));
  inj_session_privacy_lock (session);
  g_assert_false (inj_session_get_reveal (session));
  g_assert_null (inj_delegations_page_get_details_id (page));
  g_clear_pointer (&text, g_free);
  text = inj_delegations_page_dup_details_text (page);
  g_assert_cmpstr (text, ==, "");
  /* the window is under its privacy cover until the person continues */
  g_assert_true (inj_window_get_privacy_covered (window));
  g_signal_emit_by_name (inj_window_get_privacy_continue_button (window), "clicked");
  g_assert_false (inj_window_get_privacy_covered (window));

  /* validity by ID */
  check_validity (page, stored, "active");
  g_clear_pointer (&text, g_free);
  text = validity_text (page);
  g_assert_nonnull (strstr (text, _("Period")));
  g_clear_pointer (&text, g_free);
  screenshot (GTK_WIDGET (window), "delegations-validity");
  check_validity (page, UNKNOWN_ID, "unknown");
  gtk_editable_set_text (GTK_EDITABLE (inj_delegations_page_get_validity_entry (page)), "abc");
  gtk_widget_activate_action (GTK_WIDGET (page), "delegations.check-validity", NULL);
  g_assert_false (inj_delegations_page_get_busy (page));
  g_assert_null (inj_delegations_page_get_validity (page));
  text = validity_text (page);
  g_assert_nonnull (strstr (text, "8-4-4-4-12"));
  g_clear_pointer (&text, g_free);

  /* a draft continues in the editor */
  gtk_widget_activate_action (GTK_WIDGET (page), "delegations.open-draft", "s", draft);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "flow");
  g_assert_cmpuint (inj_flow_get_step (INJ_FLOW (inj_window_get_flow (window))), ==,
                    INJ_FLOW_STEP_EDITOR);
  loaded = inj_delegation_editor_get_delegation (editor);
  g_assert_cmpstr (inj_delegation_get_text (loaded, INJ_FIELD_DELEGATION_ID), ==, draft);
  g_assert_cmpstr (inj_delegation_get_text (loaded, INJ_FIELD_CORPORATE_NAME), ==,
                   "テスト商事株式会社");
  g_assert_cmpstr (inj_delegation_get_text (loaded, INJ_FIELD_AGENT_NAME), ==, "髙橋 テスト");
  gtk_stack_set_visible_child_name (stack, "delegations");

  /* renewal: into the editor, Supersedes = the old ID */
  run (page, "delegations.details", g_variant_new_string (stored));
  gtk_widget_activate_action (GTK_WIDGET (page), "delegations.renew", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "flow");
  g_assert_cmpint (inj_flow_get_step (INJ_FLOW (inj_window_get_flow (window))), ==,
                   INJ_FLOW_STEP_EDITOR);
  g_assert_cmpstr (inj_flow_get_title (INJ_FLOW (inj_window_get_flow (window))), ==,
                   "更新版を作成中");
  loaded = inj_delegation_editor_get_delegation (editor);
  g_assert_cmpstr (inj_delegation_get_text (loaded, INJ_FIELD_SUPERSEDES), ==, stored);
  g_assert_cmpstr (inj_delegation_get_text (loaded, INJ_FIELD_DELEGATION_ID), !=, stored);
  g_assert_nonnull (inj_delegation_get_text (loaded, INJ_FIELD_DELEGATION_ID));
  g_assert_cmpstr (inj_delegation_get_text (loaded, INJ_FIELD_CORPORATE_NUMBER), ==,
                   "7000012050002");
  g_assert_true (test_ui_wait_until (drawn, editor, 5000));
  screenshot (GTK_WIDGET (window), "editor-renewal");

  /* a renewal's package (signed elsewhere) retires the old ID once stored */
  supersedes_args[1] = stored;
  renewal = test_outbox_package (supersedes_args, NULL);
  upload_now (session, renewal);
  gtk_stack_set_visible_child_name (stack, "delegations");
  run (page, "delegations.refresh", NULL);
  g_assert_cmpstr (inj_delegations_page_get_state (page, stored), ==, "retired");
  g_assert_cmpstr (inj_delegations_page_get_state (page, renewal), ==, "active");
  check_validity (page, stored, "retired");
  screenshot (GTK_WIDGET (window), "delegations-renewed");

  /* the service gone: said on the page */
  test_service_restart (svc, NULL);
  g_settings_set_string (inj_session_get_settings (session), "service-url", "https://localhost:9");
  run (page, "delegations.refresh", NULL);
  g_test_message ("%s", inj_delegations_page_get_error (page));
  g_assert_cmpstr (inj_delegations_page_get_error (page), !=, "");
  /* the list stays as it was */
  g_assert_cmpstr (inj_delegations_page_get_state (page, renewal), ==, "active");
  screenshot (GTK_WIDGET (window), "delegations-error");

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (window));
  g_assert_finalize_object (window);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (session);
}

/* Each state's pill, and when an active one ends soon or has ended. */
static void
test_pills (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-12-07T12:00:00+09:00", NULL);
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, INJ_DELEGATION_EXPIRING_DAYS);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, INJ_DELEGATION_EXPIRING_DAYS + 1);
  g_autoptr(GDateTime) past = g_date_time_add_days (now, -1);
  static const struct {
    const char *state;
    InjPill pill;
    const char *word;
  } fixed[] = {
    { "draft", INJ_PILL_DRAFT, "下書き" },
    { "ready", INJ_PILL_PENDING, "送信待ち" },
    { "received", INJ_PILL_RECEIVED, NULL },
    { "rejected", INJ_PILL_REJECTED, "拒否" },
    { "retired", INJ_PILL_RETIRED, "失効（更新済み）" },
    { "expired", INJ_PILL_EXPIRED, "期限切れ" },
    { "unknown", INJ_PILL_OTHER, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      g_assert_cmpint (inj_pill_for_state (fixed[i].state, later, now), ==, fixed[i].pill);
      if (fixed[i].word)
        g_assert_cmpstr (inj_pill_label (fixed[i].pill), ==, fixed[i].word);
    }
  g_assert_cmpint (inj_pill_for_state ("active", later, now), ==, INJ_PILL_ACTIVE);
  g_assert_cmpint (inj_pill_for_state ("active", soon, now), ==, INJ_PILL_EXPIRING);
  g_assert_cmpint (inj_pill_for_state ("stored", soon, now), ==, INJ_PILL_EXPIRING);
  g_assert_cmpint (inj_pill_for_state ("active", past, now), ==, INJ_PILL_EXPIRED);
  g_assert_cmpint (inj_pill_for_state ("active", NULL, now), ==, INJ_PILL_ACTIVE);
  g_assert_cmpstr (inj_pill_label (INJ_PILL_ACTIVE), ==, "有効");
  g_assert_cmpstr (inj_pill_label (INJ_PILL_EXPIRING), ==, "期限間近");
}

/* Nothing here and nothing asked yet: a status page whose button starts a
 * new delegation (win.new-delegation, the header bar's). */
static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);
  InjSession *session;
  InjWindow *window;
  InjDelegationsPage *page;
  GtkWidget *empty;
  GtkWidget *button;

  g_assert_no_error (error);
  test_data_home_clear ();
  session = inj_session_new (monitor, NULL, NULL);
  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  page = INJ_DELEGATIONS_PAGE (inj_window_get_delegations_page (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (inj_window_get_stack (window), "delegations");
  g_assert_true (test_ui_wait_until (drawn, page, 5000));

  empty = inj_delegations_page_get_empty_page (page);
  g_assert_true (ADW_IS_STATUS_PAGE (empty));
  g_assert_true (gtk_widget_get_visible (empty));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==,
                   "電子委任状はまだありません");
  button = adw_status_page_get_child (ADW_STATUS_PAGE (empty));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "win.new-delegation");
  g_assert_cmpuint (inj_delegations_page_get_n_pending (page), ==, 0);
  screenshot (GTK_WIDGET (window), "delegations-empty");
  /* the window's own win.new-delegation: the flow at its first step */
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (inj_window_get_stack (window)), ==, "flow");
  g_assert_cmpuint (inj_flow_get_step (INJ_FLOW (inj_window_get_flow (window))), ==,
                    INJ_FLOW_STEP_EDITOR);

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (window));
  g_assert_finalize_object (window);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (session);
}

int
main (int argc,
      char *argv[])
{
  int status;

  test_data_home_init ();
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/delegations/pills", test_pills);
  g_test_add_func ("/ui/delegations/empty", test_empty);
  g_test_add_func ("/ui/delegations/list-details-renew-validity", test_delegations);
  status = test_ui_run ();
  test_data_home_cleanup ();
  return status;
}
