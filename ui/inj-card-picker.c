/* inj-card-picker.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-card-page.h"
#include "inj-card-picker.h"
#include "inj-job.h"
#include "inj-ui-private.h"

#define WATCH_INTERVAL_MS 1000

struct _InjCardPicker {
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *question_label;
  GtkWidget *list;
  AdwActionRow *status_row;
  GtkImage *status_icon;
  AdwActionRow *tries_row;

  InjSession *session;
  InjCardMonitor *monitor;
  GPtrArray *cards;            /* InjCard, sorted by reader */
  GPtrArray *rows;             /* AdwActionRow, one per card, in the same order */
  GPtrArray *other_rows;       /* AdwActionRow, a reader without a usable card each */
  InjJob *readers_job;         /* listing the readers; a newer listing restarts it */
  InjCard *card;               /* the chosen one */
  gboolean user_chose;         /* the person chose it (not the only card, chosen for them) */
  char *remembered;            /* the reader the person chose for this role before */
  char *question;
  InjPinStatus *pin_status;
  char *tries_text;
  char *hint;
  char *avoid;                 /* a reader not to preselect (the other person's) */
  gboolean hide_tries;
  InjJob *job;                 /* reading the tries left; a newer read restarts it */
};

G_DEFINE_FINAL_TYPE (InjCardPicker, inj_card_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CARD,
  PROP_TRIES_TEXT,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
set_status (InjCardPicker *self,
            const char *icon,
            const char *title,
            const char *subtitle)
{
  gtk_image_set_from_icon_name (self->status_icon, icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle ? subtitle : "");
}

static void
tries_cb (GObject *source,
          GAsyncResult *result,
          gpointer user_data)
{
  g_autoptr(InjCardPicker) self = user_data;
  g_autoptr(InjPinTries) tries = inj_pin_tries_read_finish (result, NULL);

  /* a newer read cancelled this one */
  if (tries == NULL || self->card != INJ_CARD (source) ||
      !inj_job_is_current (self->job, g_task_get_cancellable (G_TASK (result))))
    return;
  inj_job_end (self->job);
  g_clear_pointer (&self->pin_status, inj_pin_status_free);
  g_free (self->tries_text);
  self->tries_text = g_steal_pointer (&tries->text);
  self->pin_status = g_steal_pointer (&tries->status);
  adw_action_row_set_subtitle (self->tries_row, self->tries_text);
  if (tries->warn)
    gtk_widget_add_css_class (GTK_WIDGET (self->tries_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->tries_row), "warning");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIES_TEXT]);
}

/* Reading the tries left sends an empty VERIFY: it consumes none. */
void
inj_card_picker_refresh_tries (InjCardPicker *self)
{
  g_return_if_fail (INJ_IS_CARD_PICKER (self));

  g_clear_pointer (&self->pin_status, inj_pin_status_free);
  g_clear_pointer (&self->tries_text, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->tries_row), "warning");
  adw_action_row_set_subtitle (self->tries_row, _("Reading the tries left…"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIES_TEXT]);
  if (self->card == NULL || self->hide_tries)
    {
      inj_job_stop (self->job);
      inj_job_end (self->job);
      return;
    }
  inj_pin_tries_read_async (self->card, INJ_PIN_SIGN, inj_job_restart (self->job, NULL), tries_cb,
                            g_object_ref (self));
}

static void
choose (InjCardPicker *self,
        InjCard *card)
{
  if (card == self->card)
    return;
  g_set_object (&self->card, card);
  gtk_widget_set_visible (GTK_WIDGET (self->tries_row), card != NULL && !self->hide_tries);
  inj_card_picker_refresh_tries (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
}

/* The card as the person knows it, not the hardware that holds it: the
 * agent's card is named once the agent signed with it here. */
static char *
card_title (InjCardPicker *self,
            InjCard *card)
{
  InjCertificate *agent;
  const char *name;

  if (self->avoid == NULL || g_strcmp0 (self->avoid, inj_card_get_reader (card)) != 0)
    return g_strdup (_("My Number card"));
  agent = self->session ? inj_session_get_agent_certificate (self->session) : NULL;
  name = agent ? inj_certificate_get_jpki_field (agent, INJ_JPKI_NAME) : NULL;
  if (name == NULL || *name == '\0')
    return g_strdup (_("My Number card the agent signed with"));
  {
    g_autofree char *shown = inj_session_get_reveal (self->session)
                               ? g_strdup (name) : inj_mask_jpki_field (INJ_JPKI_NAME, name);
    return g_strdup_printf (_("The agent's My Number card (signing certificate: %s)"), shown);
  }
}

static void
title_rows (InjCardPicker *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autofree char *title = card_title (self, g_ptr_array_index (self->cards, i));
      adw_preferences_row_set_title (g_ptr_array_index (self->rows, i), title);
    }
}

static GtkCheckButton *
row_check (AdwActionRow *row)
{
  return GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (row));
}

/* A card chosen by the person (its check turned on). */
static void
check_toggled (InjCardPicker *self,
               GtkCheckButton *check)
{
  if (!gtk_check_button_get_active (check))
    return;
  for (guint i = 0; i < self->rows->len; i++)
    if (row_check (g_ptr_array_index (self->rows, i)) == check)
      {
        self->user_chose = TRUE;
        choose (self, g_ptr_array_index (self->cards, i));
        return;
      }
}

static void
drop_rows (InjCardPicker *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->rows, i);
      g_signal_handlers_disconnect_by_data (row_check (row), self);
      gtk_list_box_remove (GTK_LIST_BOX (self->list), GTK_WIDGET (row));
    }
  g_ptr_array_set_size (self->rows, 0);
}

/* Radio buttons when there is something to choose between, or readers
 * that cannot be chosen (their buttons greyed, in the same group): the
 * only card in the only reader has none, nothing to untick. */
static void
show_checks (InjCardPicker *self)
{
  gboolean shown = self->cards->len > 1 || (self->other_rows && self->other_rows->len > 0);

  for (guint i = 0; i < self->rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->rows, i);
      gtk_widget_set_visible (GTK_WIDGET (row_check (row)), shown);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), shown);
    }
}

static void
add_rows (InjCardPicker *self)
{
  GtkCheckButton *group = NULL;

  for (guint i = 0; i < self->cards->len; i++)
    {
      InjCard *card = g_ptr_array_index (self->cards, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* the hardware's name only below the card's */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), inj_card_get_reader (card));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_insert (GTK_LIST_BOX (self->list), row, (int) i + 1);
      g_ptr_array_add (self->rows, row);
    }
  title_rows (self);
  show_checks (self);
}

static int
by_reader (gconstpointer a,
           gconstpointer b)
{
  return g_strcmp0 (inj_card_get_reader (*(InjCard **) a), inj_card_get_reader (*(InjCard **) b));
}

/* ------------------------------------------------ readers without a card */

static void
list_readers_thread (GTask *task,
                     gpointer source,
                     gpointer task_data,
                     GCancellable *cancellable)
{
  GPtrArray *readers = inj_pcsc_list_readers (NULL);

  g_task_return_pointer (task, readers, readers ? (GDestroyNotify) g_ptr_array_unref : NULL);
}

static gboolean
holds_card (InjCardPicker *self,
            const char *reader)
{
  for (guint i = 0; i < self->cards->len; i++)
    if (g_strcmp0 (inj_card_get_reader (g_ptr_array_index (self->cards, i)), reader) == 0)
      return TRUE;
  return FALSE;
}

/* The other readers, shown for what they hold: nothing, or a card that
 * cannot be used as a My Number card. Never chosen. */
static void
readers_listed (GObject *source,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr(InjCardPicker) self = user_data;
  g_autoptr(GPtrArray) readers = g_task_propagate_pointer (G_TASK (result), NULL);

  if (!inj_job_is_current (self->readers_job, g_task_get_cancellable (G_TASK (result))) ||
      self->other_rows == NULL)
    return;
  inj_job_end (self->readers_job);
  for (guint i = 0; i < self->other_rows->len; i++)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), g_ptr_array_index (self->other_rows, i));
  g_ptr_array_set_size (self->other_rows, 0);
  for (guint i = 0; readers && i < readers->len; i++)
    {
      InjReaderInfo *r = g_ptr_array_index (readers, i);
      GtkWidget *row;
      GtkWidget *check;

      if (holds_card (self, r->name))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     r->card_present ? _("Unreadable card") : _("No card"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->name);
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (self->rows->len > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check),
                                    row_check (g_ptr_array_index (self->rows, 0)));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      gtk_widget_set_sensitive (row, FALSE);
      gtk_list_box_insert (GTK_LIST_BOX (self->list), row,
                           (int) (1 + self->rows->len + self->other_rows->len));
      g_ptr_array_add (self->other_rows, row);
    }
  show_checks (self);
}

static void
list_readers (InjCardPicker *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, inj_job_restart (self->readers_job, NULL),
                                      readers_listed, g_object_ref (self));

  g_task_set_source_tag (task, list_readers);
  g_task_run_in_thread (task, list_readers_thread);
}

/* With several cards, nothing is chosen for the person: the question is
 * asked. A choice the person made stays while its card is there. */
static void
update (InjCardPicker *self)
{
  g_autoptr(GPtrArray) cards = NULL;
  const char *previous = self->card ? inj_card_get_reader (self->card) : NULL;
  guint selected = G_MAXUINT;
  gboolean same;

  if (self->monitor == NULL)
    {
      const char *error = self->session ? inj_session_get_monitor_error (self->session) : NULL;
      if (error)
        set_status (self, "dialog-error-symbolic", inj_card_state_title (INJ_CARD_STATE_ERROR),
                    error);
      else
        set_status (self, "content-loading-symbolic",
                    inj_card_state_title (INJ_CARD_STATE_LOADING), NULL);
      return;
    }

  cards = inj_card_monitor_list_cards (self->monitor);
  g_ptr_array_sort (cards, by_reader);
  same = cards->len == self->cards->len;
  for (guint i = 0; i < cards->len; i++)
    {
      InjCard *card = g_ptr_array_index (cards, i);
      if (same && g_ptr_array_index (self->cards, i) != card)
        same = FALSE;
      if (g_strcmp0 (previous, inj_card_get_reader (card)) == 0)
        selected = i;
    }
  if (selected != G_MAXUINT && !self->user_chose && cards->len > 1)
    selected = G_MAXUINT;    /* chosen for the person when it was the only one */
  if (selected == G_MAXUINT && cards->len == 1)
    {
      selected = 0;
      self->user_chose = FALSE;   /* not the person's choice, should another come */
    }
  /* the person's own earlier choice for this role is not asked again */
  for (guint i = 0; selected == G_MAXUINT && self->remembered && i < cards->len; i++)
    if (g_strcmp0 (self->remembered, inj_card_get_reader (g_ptr_array_index (cards, i))) == 0)
      {
        selected = i;
        self->user_chose = TRUE;
      }

  if (cards->len == 0)
    set_status (self, "media-flash-symbolic", _("No My Number card"),
                self->hint ? self->hint : inj_card_state_description (INJ_CARD_STATE_NO_CARD));
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), cards->len == 0);
  gtk_label_set_text (self->question_label,
                      self->question ? self->question : _("Which My Number card is used?"));
  gtk_widget_set_visible (GTK_WIDGET (self->question_label), cards->len > 1);
  if (same)
    {
      /* the same cards, but something changed (a card out and in again) */
      title_rows (self);
      list_readers (self);
      if (self->card)
        inj_card_picker_refresh_tries (self);
      return;
    }

  drop_rows (self);
  g_ptr_array_unref (self->cards);
  self->cards = g_steal_pointer (&cards);
  add_rows (self);
  if (selected == G_MAXUINT)
    self->user_chose = FALSE;
  else
    gtk_check_button_set_active (row_check (g_ptr_array_index (self->rows, selected)), TRUE);
  for (guint i = 0; i < self->rows->len; i++)
    g_signal_connect_swapped (row_check (g_ptr_array_index (self->rows, i)), "toggled",
                              G_CALLBACK (check_toggled), self);
  list_readers (self);
  choose (self, selected == G_MAXUINT ? NULL : g_ptr_array_index (self->cards, selected));
}

static void
session_monitor_changed (InjCardPicker *self)
{
  InjCardMonitor *monitor = inj_session_get_monitor (self->session);

  if (self->monitor == NULL && monitor)
    {
      self->monitor = g_object_ref (monitor);
      g_signal_connect_object (monitor, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      inj_card_monitor_watch (monitor, WATCH_INTERVAL_MS);
    }
  update (self);
}

static void
inj_card_picker_dispose (GObject *object)
{
  InjCardPicker *self = INJ_CARD_PICKER (object);

  inj_job_stop (self->job);
  inj_job_stop (self->readers_job);
  if (self->monitor)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->session);
  g_clear_object (&self->card);
  if (self->rows)
    drop_rows (self);
  g_clear_pointer (&self->other_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_CARD_PICKER);
  G_OBJECT_CLASS (inj_card_picker_parent_class)->dispose (object);
}

static void
inj_card_picker_finalize (GObject *object)
{
  InjCardPicker *self = INJ_CARD_PICKER (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->pin_status, inj_pin_status_free);
  g_free (self->tries_text);
  g_free (self->hint);
  g_free (self->avoid);
  g_free (self->question);
  g_free (self->remembered);
  g_clear_object (&self->job);
  g_clear_object (&self->readers_job);
  G_OBJECT_CLASS (inj_card_picker_parent_class)->finalize (object);
}

static void
inj_card_picker_get_property (GObject *object,
                              guint prop_id,
                              GValue *value,
                              GParamSpec *pspec)
{
  InjCardPicker *self = INJ_CARD_PICKER (object);

  switch (prop_id)
    {
    case PROP_CARD:
      g_value_set_object (value, self->card);
      break;
    case PROP_TRIES_TEXT:
      g_value_set_string (value, self->tries_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_card_picker_class_init (InjCardPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inj_card_picker_dispose;
  object_class->finalize = inj_card_picker_finalize;
  object_class->get_property = inj_card_picker_get_property;

  /* The card in the chosen reader, or NULL. */
  properties[PROP_CARD] =
    g_param_spec_object ("card", NULL, NULL, INJ_TYPE_CARD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Its signing password's tries left, as shown; NULL while unknown. */
  properties[PROP_TRIES_TEXT] =
    g_param_spec_string ("tries-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-card-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, InjCardPicker, box);
  gtk_widget_class_bind_template_child (widget_class, InjCardPicker, question_label);
  gtk_widget_class_bind_template_child (widget_class, InjCardPicker, list);
  gtk_widget_class_bind_template_child (widget_class, InjCardPicker, status_row);
  gtk_widget_class_bind_template_child (widget_class, InjCardPicker, status_icon);
  gtk_widget_class_bind_template_child (widget_class, InjCardPicker, tries_row);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_card_picker_init (InjCardPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->job = inj_job_new ();
  self->cards = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_ptr_array_new ();
  self->other_rows = g_ptr_array_new ();
  self->readers_job = inj_job_new ();
}

/* Set once, by the page that holds the picker. */
void
inj_card_picker_set_session (InjCardPicker *self,
                             InjSession *session)
{
  g_return_if_fail (INJ_IS_CARD_PICKER (self));
  g_return_if_fail (INJ_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  /* Loading the PKCS#11 module can take seconds: the session does it in a
   * thread and says when it is done. */
  g_signal_connect_object (session, "notify::monitor", G_CALLBACK (session_monitor_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::monitor-error",
                           G_CALLBACK (session_monitor_changed), self, G_CONNECT_SWAPPED);
  session_monitor_changed (self);
}

/* What to say when no reader holds a My Number card. */
void
inj_card_picker_set_hint (InjCardPicker *self,
                          const char *hint)
{
  g_return_if_fail (INJ_IS_CARD_PICKER (self));
  g_free (self->hint);
  self->hint = g_strdup (hint);
  update (self);
}

/* The reader of the card the agent signed with: named so on its row, so
 * that the person does not take it for their own. Never chosen for them. */
void
inj_card_picker_set_avoid_reader (InjCardPicker *self,
                                  const char *reader)
{
  g_return_if_fail (INJ_IS_CARD_PICKER (self));
  if (g_strcmp0 (self->avoid, reader) == 0)
    return;
  g_free (self->avoid);
  self->avoid = g_strdup (reader);
  title_rows (self);
}

/* Asked above the cards when there are several: whose card is wanted. */
void
inj_card_picker_set_question (InjCardPicker *self,
                              const char *question)
{
  g_return_if_fail (INJ_IS_CARD_PICKER (self));
  g_free (self->question);
  self->question = g_strdup (question);
  update (self);
}

/* The reader the person chose for this role on another page (the
 * representative's card when signing, then uploading): chosen again while
 * nothing else is, rather than asked twice. */
void
inj_card_picker_set_remembered_reader (InjCardPicker *self,
                                       const char *reader)
{
  g_return_if_fail (INJ_IS_CARD_PICKER (self));
  if (g_strcmp0 (self->remembered, reader) == 0)
    return;
  g_free (self->remembered);
  self->remembered = g_strdup (reader);
  if (reader && self->card == NULL && self->cards->len > 1)
    inj_card_picker_select_reader (self, reader);
}

/* Whether the card was chosen by the person among several. */
gboolean
inj_card_picker_get_chosen_by_person (InjCardPicker *self)
{
  g_return_val_if_fail (INJ_IS_CARD_PICKER (self), FALSE);
  return self->card != NULL && self->user_chose;
}

/* Several cards and none chosen yet: the page waits for the person. */
gboolean
inj_card_picker_get_needs_choice (InjCardPicker *self)
{
  g_return_val_if_fail (INJ_IS_CARD_PICKER (self), FALSE);
  return self->card == NULL && self->cards->len > 1;
}

/* The title of @reader's row (the card it holds, or that it holds none
 * that can be used), or NULL. */
const char *
inj_card_picker_get_card_title (InjCardPicker *self,
                                const char *reader)
{
  g_return_val_if_fail (INJ_IS_CARD_PICKER (self), NULL);
  for (guint i = 0; i < self->cards->len; i++)
    if (g_strcmp0 (inj_card_get_reader (g_ptr_array_index (self->cards, i)), reader) == 0)
      return adw_preferences_row_get_title (g_ptr_array_index (self->rows, i));
  for (guint i = 0; i < self->other_rows->len; i++)
    if (g_strcmp0 (adw_action_row_get_subtitle (g_ptr_array_index (self->other_rows, i)),
                   reader) == 0)
      return adw_preferences_row_get_title (g_ptr_array_index (self->other_rows, i));
  return NULL;
}

/* For a page that reads and shows the tries left itself. */
void
inj_card_picker_set_show_tries (InjCardPicker *self,
                                gboolean show)
{
  g_return_if_fail (INJ_IS_CARD_PICKER (self));
  self->hide_tries = !show;
  gtk_widget_set_visible (GTK_WIDGET (self->tries_row), self->card != NULL && show);
  inj_card_picker_refresh_tries (self);
}

InjCard *
inj_card_picker_get_card (InjCardPicker *self)
{
  g_return_val_if_fail (INJ_IS_CARD_PICKER (self), NULL);
  return self->card;
}

/* The readers that hold a My Number card, sorted. */
char **
inj_card_picker_get_readers (InjCardPicker *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **readers;

  g_return_val_if_fail (INJ_IS_CARD_PICKER (self), NULL);
  for (guint i = 0; i < self->cards->len; i++)
    g_strv_builder_add (builder, inj_card_get_reader (g_ptr_array_index (self->cards, i)));
  readers = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return readers;
}

gboolean
inj_card_picker_select_reader (InjCardPicker *self,
                               const char *reader)
{
  g_return_val_if_fail (INJ_IS_CARD_PICKER (self), FALSE);
  for (guint i = 0; i < self->cards->len; i++)
    if (g_strcmp0 (inj_card_get_reader (g_ptr_array_index (self->cards, i)), reader) == 0)
      {
        GtkCheckButton *check = row_check (g_ptr_array_index (self->rows, i));

        if (gtk_check_button_get_active (check))
          self->user_chose = TRUE;
        else
          gtk_check_button_set_active (check, TRUE);
        return TRUE;
      }
  return FALSE;
}

/* NULL while unknown (being read, or no card). */
const InjPinStatus *
inj_card_picker_get_pin_status (InjCardPicker *self)
{
  g_return_val_if_fail (INJ_IS_CARD_PICKER (self), NULL);
  return self->pin_status;
}

const char *
inj_card_picker_get_tries_text (InjCardPicker *self)
{
  g_return_val_if_fail (INJ_IS_CARD_PICKER (self), NULL);
  return self->tries_text;
}
