/* inj-card-report.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-card-report.h"

static void
add_error_message (GString *out,
                   CK_RV rv,
                   InjPinKind pin)
{
  g_autoptr(GError) error = NULL;

  inj_pkcs11_set_error (&error, rv, pin, 0);
  if (out->len)
    g_string_append_c (out, '\n');
  g_string_append (out, error->message);
}

char *
inj_card_report_text (const InjCardProbe *probe)
{
  GString *out = g_string_new (NULL);

  if (!probe->jpki)
    return g_string_free (out, TRUE);
  /* The locked PIN first: it is what stops the person now. */
  if (inj_card_probe_locked (probe, INJ_PIN_SIGN))
    add_error_message (out, CKR_PIN_LOCKED, INJ_PIN_SIGN);
  if (inj_card_probe_locked (probe, INJ_PIN_AUTH))
    add_error_message (out, CKR_PIN_LOCKED, INJ_PIN_AUTH);
  if (inj_card_probe_without_signing (probe))
    add_error_message (out, INJ_CKR_NO_SIGNING, INJ_PIN_SIGN);
  return g_string_free (out, out->len == 0);
}

const char *
inj_card_report_reason (const InjCardProbe *probe)
{
  if (inj_card_probe_locked (probe, INJ_PIN_SIGN))
    return "sign-locked";
  if (inj_card_probe_locked (probe, INJ_PIN_AUTH))
    return "auth-locked";
  if (inj_card_probe_without_signing (probe))
    return "no-signing";
  return NULL;
}

static JsonObject *
pin_json (const InjCardProbe *probe,
          InjPinKind pin)
{
  JsonObject *o = json_object_new ();
  g_autofree char *sw = g_strdup_printf ("%04X", probe->query_sw[pin]);

  json_object_set_boolean_member (o, "present", probe->pin_present[pin]);
  json_object_set_int_member (o, "tries_left", probe->tries[pin]);
  json_object_set_boolean_member (o, "locked", inj_card_probe_locked (probe, pin));
  if (probe->query_sw[pin])
    json_object_set_string_member (o, "empty_verify_answer", sw);
  return o;
}

JsonObject *
inj_card_report_json (const InjCardProbe *probe)
{
  JsonObject *o = json_object_new ();
  JsonObject *pins;
  const char *reason = inj_card_report_reason (probe);

  json_object_set_boolean_member (o, "jpki_application", probe->jpki);
  if (!probe->jpki)
    return o;
  if (probe->kind)
    json_object_set_string_member (o, "kind", probe->kind);
  if (probe->has_card_info)
    {
      g_autofree char *info = g_strdup_printf ("%02X %02X %02X", probe->card_info[0],
                                               probe->card_info[1], probe->card_info[2]);
      json_object_set_string_member (o, "ef_0008", info);
    }
  json_object_set_boolean_member (o, "signing_certificate", probe->sign_cert);
  /* "pins" with "auth" and "sign", as the card's own object: the bundle's
   * redaction hides the value of any key ending in "pin". */
  pins = json_object_new ();
  json_object_set_object_member (pins, "auth", pin_json (probe, INJ_PIN_AUTH));
  json_object_set_object_member (pins, "sign", pin_json (probe, INJ_PIN_SIGN));
  json_object_set_object_member (o, "pins", pins);
  if (reason)
    json_object_set_string_member (o, "finding", reason);
  return o;
}
