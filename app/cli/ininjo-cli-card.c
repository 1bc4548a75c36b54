/* ininjo-cli-card.c: the part of `ininjo-cli card` that reads the card
 * over PC/SC without a PIN (what support asks for: jpki-card.md's steps). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ininjo-cli.h"
#include "inj-app.h"
#include "inj-card-report.h"

static const char *
card_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "JPKIAPICCTOKEN2") == 0)
    return _("My Number card");
  if (g_strcmp0 (kind, "JPKIAPICCTOKEN") == 0)
    return _("Basic Resident Registration card (住基カード)");
  if (g_strcmp0 (kind, "JPKIAPGPSETOKEN") == 0)
    return _("smartphone");
  return _("unknown");
}

static void
print_paragraphs (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (char **l = lines; *l; l++)
    g_print ("  %s\n", *l);
}

gboolean
ininjo_cli_print_card_probe (const char *reader,
                             gboolean tokens_seen,
                             const char **reason)
{
  g_auto(InjCardProbe) probe = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  if (reason)
    *reason = NULL;
  if (!inj_pcsc_probe_card (reader, &probe, &error))
    {
      if (tokens_seen)
        g_print ("  %s: %s\n", _("Kind (EF 0006)"), error->message);
      return FALSE;
    }
  if (!probe.jpki)
    return FALSE;
  if (!tokens_seen)
    {
      g_print ("\n%s: %s\n", _("My Number card"), reader);
      g_print ("  %s\n", _("OpenSC shows no JPKI token for this card; what follows was read "
                           "from the card directly, without a PIN."));
    }
  if (probe.kind)
    g_print ("  %s: %s (%s)\n", _("Kind (EF 0006)"), probe.kind, card_kind_label (probe.kind));
  else
    g_print ("  %s: %s\n", _("Kind (EF 0006)"), _("unreadable"));
  if (probe.has_card_info)
    g_print ("  EF 0008: %02X %02X %02X\n", probe.card_info[0], probe.card_info[1],
             probe.card_info[2]);
  g_print ("  %s: %s\n", _("Signing certificate (EF 0001)"),
           probe.sign_cert ? _("present") : _("absent"));
  if (!tokens_seen)
    for (int pin = INJ_PIN_AUTH; pin <= INJ_PIN_SIGN; pin++)
      {
        const char *label = pin == INJ_PIN_SIGN ? _("Signing password") : _("Authentication PIN");

        if (!probe.pin_present[pin])
          g_print ("  %s: %s\n", label, _("absent"));
        else if (probe.tries[pin] == 0)
          g_print ("  %s: %s\n", label, _("locked (only the municipal office can unlock it)"));
        else if (probe.tries[pin] > 0)
          g_print (g_dngettext (GETTEXT_PACKAGE, "  %s: %d try left\n", "  %s: %d tries left\n",
                                probe.tries[pin]), label, probe.tries[pin]);
        else
          g_print ("  %s: %s\n", label, _("tries left unknown"));
      }
  report = inj_card_report_text (&probe);
  if (report)
    print_paragraphs (report);
  if (reason)
    *reason = inj_card_report_reason (&probe);
  return TRUE;
}
