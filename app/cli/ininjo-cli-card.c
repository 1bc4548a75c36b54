/* ininjo-cli-card.c: the part of `ininjo-cli card` that reads the card
 * over PC/SC without a PIN (what support asks for: jpki-card.md's steps). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ininjo-cli.h"
#include "inj-app.h"
#include "inj-audit.h"
#include "inj-card-report.h"
#include "inj-diagnostics.h"
#include "inj-pkcs11.h"

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

/* ------------------------------------------------------------- what it shows */

static const char *
token_kind_label (InjToken *token)
{
  switch (inj_token_get_kind (token))
    {
    case INJ_TOKEN_KIND_JPKI_AUTH:
      return _("My Number card (user authentication)");
    case INJ_TOKEN_KIND_JPKI_SIGN:
      return _("My Number card (digital signature)");
    case INJ_TOKEN_KIND_OTHER:
    default:
      return _("not a My Number card");
    }
}

static void
print_pin (InjCard *card,
           InjPinKind pin,
           const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjPinStatus) st = inj_card_get_pin_status (card, pin, NULL, &error);

  if (st == NULL)
    g_print ("  %s: %s\n", label, error->message);
  else if (st->locked)
    g_print ("  %s: %s\n", label, _("locked (only the municipal office can unlock it)"));
  else if (st->tries_left >= 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %s: %d try left of %d%s\n",
                          "  %s: %d tries left of %d%s\n", st->tries_left),
             label, st->tries_left, st->max_tries, st->exact ? "" : _(" (from the token flags)"));
  else
    g_print ("  %s: %s\n", label, st->count_low ? _("some tries used (exact count unknown)")
                                               : _("no failed tries reported"));
}

static gboolean
print_certificate (InjCard *card,
                   InjCertKind which,
                   const char *label,
                   GTlsInteraction *interaction,
                   gboolean show_personal,
                   GError **error)
{
  g_autoptr(GBytes) der = inj_card_read_certificate (card, which, interaction, NULL, error);
  g_autoptr(InjCertificate) cert = NULL;
  g_autofree char *text = NULL;

  if (der == NULL)
    return FALSE;
  cert = inj_certificate_new_from_der (der, error);
  if (cert == NULL)
    return FALSE;
  text = inj_render_certificate (cert, show_personal, NULL, "    ");
  g_print ("  %s:\n%s", label, text);
  return TRUE;
}

/* ------------------------------------------------------------- change */

/* One value asked through a fresh interaction (the terminal without echo,
 * or the next line of --password-fd: a PIN from a file is given once per
 * interaction, so each value has its own). NULL with @error set. */
static InjSecret *
ask_value (int password_fd,
           InjPinKind pin,
           const char *description,
           GError **error)
{
  g_autoptr(GTlsInteraction) interaction = inj_terminal_interaction_new (password_fd);
  g_autoptr(GTlsPassword) password = g_tls_password_new (G_TLS_PASSWORD_NONE, description);
  const guchar *value;
  gsize len = 0;

  inj_tls_password_set_pin_kind (password, pin);
  if (g_tls_interaction_ask_password (interaction, password, NULL, error) !=
      G_TLS_INTERACTION_HANDLED)
    {
      if (error && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No PIN was given."));
      return NULL;
    }
  value = g_tls_password_get_value (password, &len);
  return inj_secret_new ((const char *) value, (gssize) len);
}

/* The value as the card will get it: the signing password upper-cased. */
static gboolean
same_value (InjPinKind pin,
            InjSecret *a,
            InjSecret *b)
{
  g_autoptr(InjSecret) x = inj_secret_new (inj_secret_get (a, NULL), (gssize) inj_secret_length (a));
  g_autoptr(InjSecret) y = inj_secret_new (inj_secret_get (b, NULL), (gssize) inj_secret_length (b));
  guint8 diff = 0;

  if (pin == INJ_PIN_SIGN)
    {
      inj_secret_upcase (x);
      inj_secret_upcase (y);
    }
  if (inj_secret_length (x) != inj_secret_length (y))
    return FALSE;
  for (gsize i = 0; i < inj_secret_length (x); i++)
    diff |= (guint8) (inj_secret_get (x, NULL)[i] ^ inj_secret_get (y, NULL)[i]);
  return diff == 0;
}

static gboolean
has_format (InjPinKind pin,
            InjSecret *secret)
{
  g_autoptr(InjSecret) copy = inj_secret_new (inj_secret_get (secret, NULL),
                                              (gssize) inj_secret_length (secret));

  if (pin == INJ_PIN_SIGN)
    inj_secret_upcase (copy);
  return inj_pin_check_format (pin, inj_secret_get (copy, NULL), inj_secret_length (copy));
}

/* The failure noted for support: which PIN is locked, and a new value of
 * the wrong form, are said here (the step, "card", does not tell). */
static int
change_failed (InjPinKind pin,
               const GError *error)
{
  const char *reason = NULL;

  if (inj_pkcs11_error_is (error, CKR_PIN_LOCKED))
    reason = pin == INJ_PIN_SIGN ? "sign-locked" : "auth-locked";
  else if (inj_pkcs11_error_is (error, CKR_PIN_INVALID))
    reason = "pin-format";
  g_printerr ("%s\n", error->message);
  inj_diagnostics_note_failure (cli_step, reason, error);
  if (error->domain == INJ_PKCS11_ERROR)
    return EXIT_CARD;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return EXIT_CANCELLED;
  return EXIT_IO;
}

/* The tries left, as the card page says them; FALSE when the PIN cannot
 * be changed now (locked). */
static gboolean
print_tries (const InjPinStatus *st,
             const char *label)
{
  if (st->locked)
    return FALSE;
  if (st->tries_left < 0)
    g_print (_("%s: tries left unknown"), label);
  else if (st->tries_left == 1)
    g_print (_("%s: last try left. A wrong entry locks it."), label);
  else
    g_print (_("%s: %d of %d tries left"), label, st->tries_left, st->max_tries);
  g_print ("\n");
  return TRUE;
}

/* card change-password | change-pin: the tries left first, then the current
 * value, then the new one twice; the new one is checked (format, both
 * entries the same) before anything is sent; the card does the rest
 * (inj_card_change_pin: one VERIFY, the change, the card left unverified). */
static int
card_change (int argc,
             char **argv,
             InjPinKind pin)
{
  static const Verb verbs[] = {
    [INJ_PIN_AUTH] = { "card change-pin", NULL,
                       N_("Change the authentication PIN (利用者証明用電子証明書の暗証番号) "
                          "on the card."), NULL },
    [INJ_PIN_SIGN] = { "card change-password", NULL,
                       N_("Change the signing password (署名用電子証明書のパスワード) on the "
                          "card."), NULL },
  };
  g_auto(GStrv) modules = NULL;
  g_autofree char *reader = NULL;
  int password_fd = -1;
  const GOptionEntry entries[] = {
    { "module", 'm', 0, G_OPTION_ARG_FILENAME_ARRAY, &modules,
      N_("PKCS#11 module to load through p11-kit (repeatable; default opensc-pkcs11.so)"),
      N_("MODULE") },
    { "reader", 'r', 0, G_OPTION_ARG_STRING, &reader, N_("Only the card in this reader"),
      N_("READER") },
    { "password-fd", 0, 0, G_OPTION_ARG_INT, &password_fd,
      N_("Read the current value, the new one and the new one again from this file "
         "descriptor, a line each, instead of the terminal"), N_("FD") },
    { NULL }
  };
  const char *label = pin == INJ_PIN_SIGN ? _("Signing password") : _("Authentication PIN");
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = NULL;
  g_autoptr(InjCard) card = NULL;
  g_autoptr(InjPinStatus) st = NULL;
  g_autoptr(InjSecret) current = NULL;
  g_autoptr(InjSecret) new_value = NULL;
  g_autoptr(InjSecret) again = NULL;
  g_autofree char *ask_current = NULL;
  g_autofree char *ask_new = NULL;
  g_autofree char *ask_again = NULL;
  gboolean changed, still_verified;

  if (!parse_verb_options (&verbs[pin], entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    {
      g_printerr (_("%s: unexpected argument “%s”\n"), verbs[pin].name, argv[1]);
      return EXIT_USAGE;
    }

  ininjo_cli_default_modules (&modules);
  monitor = inj_card_monitor_new ((const char * const *) modules, &error);
  if (monitor == NULL || !inj_pcsc_check_one_card (reader, &error))
    return change_failed (pin, error);
  card = inj_card_monitor_get_card (monitor, reader);
  if (card == NULL)
    {
      /* OpenSC shows no token for some cards (a locked PIN answering
       * 69 84): the card says why. */
      inj_pcsc_explain_missing_card (reader, pin, &error);
      return change_failed (pin, error);
    }

  /* The tries left, before anything is asked (no try used). */
  st = inj_card_get_pin_status (card, pin, NULL, &error);
  if (st == NULL)
    return change_failed (pin, error);
  if (!print_tries (st, label))
    {
      inj_pkcs11_set_error (&error, CKR_PIN_LOCKED, pin, 0);
      return change_failed (pin, error);
    }

  ask_current = g_strdup_printf (_("Current %s"), label);
  ask_new = g_strdup_printf (_("New %s"), label);
  ask_again = g_strdup_printf (_("New %s, once more"), label);
  current = ask_value (password_fd, pin, ask_current, &error);
  if (current == NULL)
    return change_failed (pin, error);
  if (!has_format (pin, current))
    {
      inj_pkcs11_set_error (&error, INJ_CKR_PIN_FORMAT, pin, -1);
      return change_failed (pin, error);
    }
  g_print ("%s\n", pin == INJ_PIN_SIGN
                      ? _("The new signing password: 6 to 16 characters, letters A–Z and "
                          "digits 0–9 (lower-case letters count as upper-case).")
                      : _("The new authentication PIN: 4 digits."));
  new_value = ask_value (password_fd, pin, ask_new, &error);
  if (new_value == NULL)
    return change_failed (pin, error);
  if (!has_format (pin, new_value))
    {
      inj_pkcs11_set_error (&error, CKR_PIN_INVALID, pin, -1);
      return change_failed (pin, error);
    }
  again = ask_value (password_fd, pin, ask_again, &error);
  if (again == NULL)
    return change_failed (pin, error);
  if (!same_value (pin, new_value, again))
    {
      g_printerr ("%s\n", _("The two entries of the new value differ. Nothing was sent to the "
                            "card; the current value stays."));
      return EXIT_INVALID;
    }

  /* Audited once the card was asked for the change (its VERIFY spends a
   * try): the success and each failure from here on. Not what stopped
   * before (a locked PIN, a value of the wrong form, two new entries that
   * differ): no value reached the card then. Never the value; no
   * certificate, which would cost a read of the card. Changed but left
   * verified is a change made: ok, with that said in the detail. */
  changed = inj_card_change_pin (card, pin, current, new_value, NULL, &error);
  still_verified = !changed && inj_pkcs11_error_is (error, INJ_CKR_STILL_VERIFIED);
  inj_audit_record (pin == INJ_PIN_SIGN ? INJ_AUDIT_PASSWORD_CHANGE : INJ_AUDIT_PIN_CHANGE,
                    NULL, NULL, still_verified ? "still-verified" : NULL,
                    changed || still_verified ? NULL : error);
  if (!changed)
    return change_failed (pin, error);
  g_print ("%s\n", pin == INJ_PIN_SIGN
                      ? _("The signing password was changed. Use the new one from now on.")
                      : _("The authentication PIN was changed. Use the new one from now on."));
  return EXIT_OK;
}

/* ------------------------------------------------------------- card */

int
ininjo_cli_card (int argc,
                 char **argv)
{
  g_auto(GStrv) modules = NULL;
  g_autofree char *reader = NULL;
  gboolean signing = FALSE, show_personal = FALSE;
  int password_fd = -1;
  const GOptionEntry entries[] = {
    { "module", 'm', 0, G_OPTION_ARG_FILENAME_ARRAY, &modules,
      N_("PKCS#11 module to load through p11-kit (repeatable; default opensc-pkcs11.so)"),
      N_("MODULE") },
    { "reader", 'r', 0, G_OPTION_ARG_STRING, &reader, N_("Only the card in this reader"),
      N_("READER") },
    { "signing-certificate", 's', 0, G_OPTION_ARG_NONE, &signing,
      N_("Also read the signing certificate (asks for the signing password)"), NULL },
    { "show-personal", 0, 0, G_OPTION_ARG_NONE, &show_personal,
      N_("Show the name, address, date of birth and gender instead of hiding them"), NULL },
    { "password-fd", 0, 0, G_OPTION_ARG_INT, &password_fd,
      N_("Read the password from this file descriptor instead of the terminal"), N_("FD") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) readers = NULL;
  g_autoptr(InjCardMonitor) monitor = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GTlsInteraction) interaction = NULL;
  int status = EXIT_OK;

  if (argc > 1 && g_str_equal (argv[1], "change-password"))
    return card_change (argc - 1, argv + 1, INJ_PIN_SIGN);
  if (argc > 1 && g_str_equal (argv[1], "change-pin"))
    return card_change (argc - 1, argv + 1, INJ_PIN_AUTH);
  if (!parse_verb_options (ininjo_cli_find_verb ("card"), entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    {
      g_printerr (_("card: unexpected argument “%s”\n"), argv[1]);
      return EXIT_USAGE;
    }

  readers = inj_pcsc_list_readers (&error);
  g_print ("%s\n", _("Readers"));
  if (readers == NULL)
    {
      g_print ("  %s\n", error->message);
      g_clear_error (&error);
    }
  else if (readers->len == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; readers && i < readers->len; i++)
    {
      InjReaderInfo *r = g_ptr_array_index (readers, i);
      if (r->card_present)
        {
          gsize len;
          const guint8 *atr = g_bytes_get_data (r->atr, &len);
          GString *hexatr = g_string_new (NULL);
          for (gsize k = 0; k < len; k++)
            g_string_append_printf (hexatr, "%s%02X", k ? " " : "", atr[k]);
          g_print ("  %s: %s (ATR %s)\n", r->name, _("card present"), hexatr->str);
          g_string_free (hexatr, TRUE);
        }
      else
        g_print ("  %s: %s\n", r->name, _("no card"));
    }

  ininjo_cli_default_modules (&modules);
  monitor = inj_card_monitor_new ((const char * const *) modules, &error);
  if (monitor == NULL)
    {
      g_printerr ("%s\n", error->message);
      inj_diagnostics_note_failure (cli_step, NULL, error);
      return EXIT_CARD;
    }
  tokens = inj_card_monitor_list_tokens (monitor);
  g_print ("\n%s\n", _("Tokens"));
  if (tokens->len == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; i < tokens->len; i++)
    {
      InjToken *t = g_ptr_array_index (tokens, i);
      g_print ("  %s — %s [%s, %s]\n", inj_token_get_label (t), token_kind_label (t),
               inj_token_get_module_name (t), inj_token_get_reader (t));
    }

  cards = inj_card_monitor_list_cards (monitor);
  if (cards->len == 0)
    {
      /* OpenSC 0.23 shows no JPKI token for some cards that are My Number
       * cards (a locked PIN answering 69 84, no EF 001B): ask the card. */
      const char *reason = NULL;
      gboolean jpki = FALSE;

      for (guint i = 0; readers && i < readers->len; i++)
        {
          InjReaderInfo *r = g_ptr_array_index (readers, i);
          const char *why = NULL;

          if (r->card_present && (!reader || g_strcmp0 (reader, r->name) == 0) &&
              ininjo_cli_print_card_probe (r->name, FALSE, &why))
            {
              jpki = TRUE;
              reason = reason ? reason : why;
            }
        }
      if (jpki)
        {
          inj_diagnostics_note_failure (cli_step, reason ? reason : "card-error", NULL);
          return EXIT_CARD;
        }
      g_print ("\n%s\n", _("No My Number card was found."));
      inj_diagnostics_note_failure (cli_step, "no-card", NULL);
      return EXIT_CARD;
    }
  interaction = inj_terminal_interaction_new (password_fd);
  for (guint i = 0; i < cards->len; i++)
    {
      InjCard *card = g_ptr_array_index (cards, i);

      if (reader && g_strcmp0 (reader, inj_card_get_reader (card)) != 0)
        continue;
      g_print ("\n%s: %s\n", _("My Number card"), inj_card_get_reader (card));
      ininjo_cli_print_card_probe (inj_card_get_reader (card), TRUE, NULL);
      print_pin (card, INJ_PIN_AUTH, _("Authentication PIN"));
      print_pin (card, INJ_PIN_SIGN, _("Signing password"));
      if (!print_certificate (card, INJ_CERT_AUTH, _("User authentication certificate"), NULL,
                              FALSE, &error) ||
          !print_certificate (card, INJ_CERT_AUTH_CA, _("User authentication CA"), NULL, FALSE,
                              &error) ||
          !print_certificate (card, INJ_CERT_SIGN_CA, _("Digital signature CA"), NULL, FALSE,
                              &error))
        {
          g_printerr ("%s\n", error->message);
          inj_diagnostics_note_failure (cli_step, NULL, error);
          g_clear_error (&error);
          status = EXIT_CARD;
          continue;
        }
      if (!signing)
        {
          g_print ("  %s: %s\n", _("Digital signature certificate"),
                   _("not read (use --signing-certificate; it asks for the signing password)"));
          continue;
        }
      if (!print_certificate (card, INJ_CERT_SIGN, _("Digital signature certificate"),
                              interaction, show_personal, &error))
        {
          g_printerr ("%s\n", error->message);
          inj_diagnostics_note_failure (cli_step, NULL, error);
          g_clear_error (&error);
          status = EXIT_CARD;
        }
    }
  return status;
}
