/* inj-support-rows.c: what the support page shows, as text (a certificate,
 * a reader, a PIN's tries, a TLS check) and the rows of its lists. Used by
 * the page, its survey and its connection test. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-diagnostics.h"
#include "inj-support-page-private.h"

const char *
_inj_support_cert_title (InjCertKind kind)
{
  switch (kind)
    {
    case INJ_CERT_AUTH:
      return _("Authentication certificate");
    case INJ_CERT_AUTH_CA:
      return _("Authentication CA certificate");
    case INJ_CERT_SIGN_CA:
      return _("Signing CA certificate");
    case INJ_CERT_SIGN:
    default:
      return _("Signing certificate");
    }
}

static const char *
chain_text (const CertInfo *info)
{
  switch (info->chain)
    {
    case INJ_CHAIN_TRUSTED:
      return info->pinned ? _("Chains to a pinned JPKI root.")
                          : _("Chains to a trust anchor of the preferences.");
    case INJ_CHAIN_BAD_SIGNATURE:
      return _("Not trusted: a root of the issuer's name did not sign it.");
    case INJ_CHAIN_INSECURE:
      return _("Not trusted: signed with an insecure algorithm.");
    case INJ_CHAIN_UNKNOWN_ISSUER:
    default:
      return _("Not trusted: it chains neither to a pinned JPKI root nor to a trust anchor "
               "of the preferences.");
    }
}

static const char *
validity_text (InjValidity validity)
{
  switch (validity)
    {
    case INJ_VALIDITY_VALID:
      return _("valid now");
    case INJ_VALIDITY_NOT_YET:
      return _("not yet valid");
    case INJ_VALIDITY_EXPIRED:
      return _("expired");
    case INJ_VALIDITY_UNKNOWN:
    default:
      return _("validity unknown");
    }
}

/* Japan time, labelled, as on the diagnostics page. */
char *
_inj_support_format_time (GDateTime *time)
{
  return inj_diagnostics_time_display (time);
}

/* Serial, fingerprint, validity and chain: never the subject. */
char *
_inj_support_cert_describe (const CertInfo *info)
{
  g_autofree char *period = NULL;

  if (info->cert == NULL)
    return g_strdup (info->error ? info->error : _("Not read"));
  period = inj_diagnostics_period_display (inj_certificate_get_not_before (info->cert),
                                           inj_certificate_get_not_after (info->cert));
  return g_strdup_printf (_("Serial: %s\nSHA-256: %s\nValidity: %s, %s\n%s"),
                          inj_certificate_get_serial (info->cert),
                          inj_certificate_get_fingerprint (info->cert),
                          period, validity_text (info->validity), chain_text (info));
}

char *
_inj_support_reader_describe (const ReaderInfo *info)
{
  GString *text = g_string_new (info->card_present ? _("Card present") : _("No card"));

  if (info->atr)
    g_string_append_printf (text, "\n%s: %s", _("ATR"), info->atr);
  g_string_append_printf (text, "\n%s: %s", _("Tokens"), info->tokens ? info->tokens : _("none"));
  if (info->card_present)
    g_string_append_printf (text, "\n%s",
                            info->my_number ? _("This is a My Number card.")
                                            : _("This is not a My Number card."));
  return g_string_free (text, FALSE);
}

const char *
_inj_support_check_text (InjTlsCheck check,
                         gboolean server)
{
  if (check == INJ_TLS_PASSED)
    return server ? _("verified") : _("accepted by the service");
  if (check == INJ_TLS_FAILED)
    return server ? _("not trusted") : _("refused");
  return server ? _("not checked: the connection did not get that far")
                : _("not presented: the connection did not get that far");
}

char *
_inj_support_pin_text (InjSupportPage *self,
                       InjPinKind pin)
{
  const char *what = pin == INJ_PIN_SIGN ? _("Signing password") : _("Authentication PIN");

  if (self->pins[pin])
    return inj_pin_status_describe (self->pins[pin]);
  if (self->pin_errors[pin])
    return g_strdup_printf ("%s: %s", what, self->pin_errors[pin]);
  if (self->state == INJ_CARD_STATE_READY)
    return g_strdup_printf ("%s: %s", what, _("reading…"));
  return g_strdup_printf ("%s: %s", what, _("no My Number card"));
}

/* ---------------------------------------------------------------- showing */

void
_inj_support_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

GtkWidget *
_inj_support_add_row (GtkListBox *list,
                      const char *title,
                      const char *subtitle,
                      const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  gtk_list_box_append (list, row);
  return row;
}
