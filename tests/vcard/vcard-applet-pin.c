/* vcard-applet-pin.c: the PIN instructions of the JPKI applet: VERIFY
 * (the tries query and the check) and CHANGE REFERENCE DATA.
 *
 * CHANGE REFERENCE DATA 00 24 01 80 Lc <new value> is what the JPKI AP
 * takes after a successful VERIFY of the same PIN (jpki-card.md; OpenSC 0.23
 * sends it never). Two things public sources do not settle are switches
 * (vcard_applet_set_switch): whether the card refuses a new value outside
 * the PIN's format (6A 80) or stores any bytes (change-format), and whether
 * the change ends the PIN's verified state (change-verified). */
#include "config.h"

#include <string.h>

#include "vcard-applet-private.h"

static gboolean
pin_matches (const char *pin,
             const guint8 *data,
             gsize len)
{
  gsize pin_len = pin ? strlen (pin) : 0;
  guint8 diff = 0;

  if (pin == NULL || len != pin_len)
    return FALSE;
  /* No early exit: a habit worth keeping even in a test card. */
  for (gsize i = 0; i < len; i++)
    diff |= (guint8) (pin[i] ^ data[i]);
  return diff == 0;
}

guint16
vcard_do_verify (VcardApplet *self,
                 Cmd *c)
{
  VcardPin pin;
  int max;

  if (c->a.p1 != 0x00 || c->a.p2 != 0x80)
    return vcard_say (c, SW_WRONG_P1P2, "VERIFY is 00 20 00 80");
  if (!self->ap_selected || self->current == NULL || self->current->kind != EF_PIN)
    return vcard_say (c, SW_NO_CURRENT_EF, "no PIN EF selected");
  pin = (VcardPin) self->current->index;
  max = vcard_pin_max_tries (pin);
  vcard_log_add_string (c->line, "pin", vcard_pin_name (pin));

  /* The 4-byte form only is the tries query (00 20 00 80 00 is 67 00):
   * 63 Cx, the full count when verified; at x = 0 63 C0 or 69 84
   * (--locked-query; with 69 84 OpenSC 0.23's bind fails: no token). */
  if (c->a.lc == 0 && !c->a.has_le)
    {
      vcard_log_add_bool (c->line, "empty", TRUE);
      if (self->tries[pin] == 0)
        return vcard_say (c, self->locked_query_sw, "tries left: none, locked");
      return vcard_say (c, (guint16) (0x63C0 | self->tries[pin]), "tries left");
    }
  if (c->a.has_le)
    return vcard_say (c, SW_WRONG_LENGTH, "VERIFY takes no Le");
  vcard_log_add_bool (c->line, "empty", FALSE);

  if (self->tries[pin] == 0)
    return vcard_say (c, self->locked_verify_sw, "blocked");
  if (pin_matches (self->profile->pins[pin], c->a.data, c->a.lc))
    {
      self->tries[pin] = max;
      self->verified[pin] = TRUE;
      return vcard_say (c, SW_OK, "verified");
    }
  /* A failed attempt also drops an earlier verification, as ISO 7816-4
   * cards commonly do. */
  self->tries[pin]--;
  self->verified[pin] = FALSE;
  return vcard_say (c, (guint16) (0x63C0 | self->tries[pin]),
              self->tries[pin] == 0 ? "wrong PIN, now blocked" : "wrong PIN");
}

/* The PIN's own format: 4 digits; 6 to 16 of A-Z and 0-9. */
static gboolean
value_has_format (VcardPin pin,
                  const guint8 *data,
                  gsize len)
{
  if (pin == VCARD_PIN_AUTH ? len != 4 : (len < 6 || len > 16))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (data[i]) && (pin == VCARD_PIN_AUTH || !g_ascii_isupper (data[i])))
      return FALSE;
  return TRUE;
}

guint16
vcard_do_change (VcardApplet *self,
                 Cmd *c)
{
  VcardPin pin;
  char *old;

  if (c->a.p1 != 0x01 || c->a.p2 != 0x80)
    return vcard_say (c, SW_WRONG_P1P2, "CHANGE REFERENCE DATA is 00 24 01 80");
  if (c->a.has_le)
    return vcard_say (c, SW_WRONG_LENGTH, "CHANGE REFERENCE DATA takes no Le");
  if (c->a.lc == 0)
    return vcard_say (c, SW_WRONG_LENGTH, "no new value");
  if (!self->ap_selected || self->current == NULL || self->current->kind != EF_PIN)
    return vcard_say (c, SW_NO_CURRENT_EF, "no PIN EF selected");
  pin = (VcardPin) self->current->index;
  vcard_log_add_string (c->line, "pin", vcard_pin_name (pin));
  /* Only after a VERIFY of this PIN (a wrong one or a re-selection of the
   * AP ends it); a locked PIN can never get there. */
  if (!self->verified[pin])
    return vcard_say (c, SW_SECURITY, "PIN not verified");
  if (self->change_refuses && !value_has_format (pin, c->a.data, c->a.lc))
    return vcard_say (c, SW_WRONG_DATA, "new value outside the PIN's format; nothing changed");

  /* Kept for the rest of the run, as in the card's EEPROM; the profile on
   * disk is not written, so the next run starts from it again. */
  old = self->profile->pins[pin];
  if (old)
    explicit_bzero (old, strlen (old));
  g_free (old);
  self->profile->pins[pin] = g_strndup ((const char *) c->a.data, c->a.lc);
  self->tries[pin] = vcard_pin_max_tries (pin);
  if (self->change_clears)
    {
      self->verified[pin] = FALSE;
      return vcard_say (c, SW_OK, "changed; verification ended");
    }
  return vcard_say (c, SW_OK, "changed");
}
