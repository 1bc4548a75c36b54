/* inj-expiry-box.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-expiry-box.h"
#include "inj-job.h"

struct _InjExpiryBox {
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *title_label;
  GtkLabel *details_label;

  InjCard *card;
  InjJob *job;                /* the read under way */
  InjExpirySeverity severity;
};

G_DEFINE_FINAL_TYPE (InjExpiryBox, inj_expiry_box, GTK_TYPE_WIDGET)

static void
show (InjExpiryBox *self,
      const char *title,
      const char *details,
      InjExpirySeverity severity)
{
  self->severity = severity;
  gtk_label_set_text (self->title_label, title ? title : "");
  gtk_label_set_text (self->details_label, details ? details : "");
  if (severity == INJ_EXPIRY_FINE)
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title ? title : "", GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  details ? details : "", -1);
  gtk_widget_set_visible (GTK_WIDGET (self), title && *title);
}

static void
show_certificate (InjExpiryBox *self,
                  InjExpirySource source,
                  InjCertificate *cert)
{
  GDateTime *not_after = inj_certificate_get_not_after (cert);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;
  int days;

  /* fails closed: a certificate without an end date is not shown as valid */
  if (not_after == NULL)
    {
      show (self, _("The certificate's end date cannot be read"), NULL, INJ_EXPIRY_EXPIRED);
      return;
    }
  days = inj_expiry_days_left (not_after, now);
  title = inj_expiry_title (source, not_after, days);
  details = inj_expiry_details (source, days);
  show (self, title, details, inj_expiry_severity (days));
}

static void
read_cb (GObject *source,
         GAsyncResult *result,
         gpointer user_data)
{
  g_autoptr(InjExpiryBox) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) der = inj_card_read_certificate_finish (INJ_CARD (source), result, &error);
  g_autoptr(InjCertificate) cert = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || INJ_CARD (source) != self->card)
    return;
  inj_job_end (self->job);
  if (der)
    cert = inj_certificate_new_from_der (der, &error);
  /* fails closed: an end that cannot be read is a warning, never fine */
  if (cert == NULL)
    {
      show (self, _("The certificate's end date cannot be read"), error->message,
            INJ_EXPIRY_EXPIRED);
      return;
    }
  show_certificate (self, INJ_EXPIRY_FROM_AUTH, cert);
}

static void
stop (InjExpiryBox *self)
{
  inj_job_stop (self->job);
  inj_job_end (self->job);
}

void
inj_expiry_box_set_card (InjExpiryBox *self,
                         InjCard *card)
{
  g_return_if_fail (INJ_IS_EXPIRY_BOX (self));
  if (card == self->card)
    return;
  stop (self);
  g_set_object (&self->card, card);
  show (self, NULL, NULL, INJ_EXPIRY_FINE);
  if (card == NULL)
    return;
  /* the authentication certificate needs no PIN: no interaction is given,
   * so nothing here can ever ask for one */
  inj_card_read_certificate_async (card, INJ_CERT_AUTH, NULL, inj_job_begin (self->job, NULL),
                                   read_cb, g_object_ref (self));
}

void
inj_expiry_box_set_certificate (InjExpiryBox *self,
                                InjCertificate *certificate)
{
  g_return_if_fail (INJ_IS_EXPIRY_BOX (self));
  stop (self);
  g_clear_object (&self->card);
  if (certificate == NULL)
    show (self, NULL, NULL, INJ_EXPIRY_FINE);
  else
    show_certificate (self, INJ_EXPIRY_FROM_SIGN, certificate);
}

const char *
inj_expiry_box_get_title (InjExpiryBox *self)
{
  g_return_val_if_fail (INJ_IS_EXPIRY_BOX (self), NULL);
  return gtk_label_get_text (self->title_label);
}

const char *
inj_expiry_box_get_details (InjExpiryBox *self)
{
  g_return_val_if_fail (INJ_IS_EXPIRY_BOX (self), NULL);
  return gtk_label_get_text (self->details_label);
}

InjExpirySeverity
inj_expiry_box_get_severity (InjExpiryBox *self)
{
  g_return_val_if_fail (INJ_IS_EXPIRY_BOX (self), INJ_EXPIRY_FINE);
  return self->severity;
}

InjCard *
inj_expiry_box_get_card (InjExpiryBox *self)
{
  g_return_val_if_fail (INJ_IS_EXPIRY_BOX (self), NULL);
  return self->card;
}

static void
inj_expiry_box_dispose (GObject *object)
{
  InjExpiryBox *self = INJ_EXPIRY_BOX (object);

  stop (self);
  g_clear_object (&self->card);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (inj_expiry_box_parent_class)->dispose (object);
}

static void
inj_expiry_box_finalize (GObject *object)
{
  g_clear_object (&INJ_EXPIRY_BOX (object)->job);
  G_OBJECT_CLASS (inj_expiry_box_parent_class)->finalize (object);
}

static void
inj_expiry_box_class_init (InjExpiryBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inj_expiry_box_dispose;
  object_class->finalize = inj_expiry_box_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
inj_expiry_box_init (InjExpiryBox *self)
{
  self->job = inj_job_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_justify (self->title_label, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  self->details_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->details_label, TRUE);
  gtk_label_set_justify (self->details_label, GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (self->details_label, 60);
  gtk_widget_add_css_class (GTK_WIDGET (self->details_label), "dim-label");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->details_label));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
inj_expiry_box_new (void)
{
  return g_object_new (INJ_TYPE_EXPIRY_BOX, NULL);
}
