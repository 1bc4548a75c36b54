/* vcard-applet.c: the JPKI applet state machine.
 *
 * Behaviour follows what OpenSC 0.23's card-jpki.c sends and checks (see
 * shared/docs/jpki-card.md); where a real card's answer is not known, the
 * ISO 7816-4 status word is used and the choice is commented. */
#include "config.h"

#include <string.h>

#include "vcard-applet-private.h"

#define SIG_LEN 256
/* PKCS#1 v1.5 type 1 needs 11 bytes of framing in a 256-byte block. */
#define MAX_SIGN_INPUT (SIG_LEN - 11)
/* A malformed APDU is logged as raw hex, cut at this many bytes. */
#define MAX_LOGGED_BYTES 300

static const guint8 jpki_aid[] = {
  0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01,
};

static const Ef jpki_efs[] = {
  { 0x0001, EF_CERT, VCARD_CERT_SIGN },
  { 0x0002, EF_CERT, VCARD_CERT_SIGN_CA },
  { 0x000A, EF_CERT, VCARD_CERT_AUTH },
  { 0x000B, EF_CERT, VCARD_CERT_AUTH_CA },
  { 0x0006, EF_TOKEN_KIND, 0 },
  { 0x0008, EF_CARD_INFO, 0 },
  { 0x0017, EF_KEY, VCARD_PIN_AUTH },
  { 0x0018, EF_PIN, VCARD_PIN_AUTH },
  { 0x001A, EF_KEY, VCARD_PIN_SIGN },
  { 0x001B, EF_PIN, VCARD_PIN_SIGN },
};

VcardApplet *
vcard_applet_new (VcardProfile *profile,
                  VcardLog *log)
{
  VcardApplet *self = g_new0 (VcardApplet, 1);

  self->profile = profile;
  self->log = log;
  for (int i = 0; i < VCARD_N_PINS; i++)
    self->tries[i] = profile->tries[i];
  self->locked_query_sw = 0x63C0;
  self->locked_verify_sw = SW_BLOCKED;
  self->sign_pin_ef = TRUE;
  self->change_refuses = TRUE;
  self->fault_select = g_array_new (FALSE, FALSE, sizeof (guint16));
  self->fault_truncated = g_array_new (FALSE, FALSE, sizeof (guint16));
  return self;
}

void
vcard_applet_free (VcardApplet *self)
{
  if (self == NULL)
    return;
  vcard_profile_free (self->profile);
  g_array_unref (self->fault_select);
  g_array_unref (self->fault_truncated);
  g_free (self);
}

static gboolean
parse_fid (const char *text,
           guint16 *fid)
{
  guint64 v;

  if (strlen (text) != 4)
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 16, 0, 0xFFFF, &v, NULL))
    return FALSE;
  *fid = (guint16) v;
  return TRUE;
}

gboolean
vcard_applet_add_fault (VcardApplet *self,
                        const char *spec,
                        GError **error)
{
  guint16 fid;

  if (g_str_equal (spec, "sign-6f00"))
    {
      self->fault_sign_6f00 = TRUE;
      return TRUE;
    }
  if (g_str_has_prefix (spec, "select-6a82:") &&
      parse_fid (spec + strlen ("select-6a82:"), &fid))
    {
      g_array_append_val (self->fault_select, fid);
      return TRUE;
    }
  if (g_str_has_prefix (spec, "truncated-read:") &&
      parse_fid (spec + strlen ("truncated-read:"), &fid))
    {
      g_array_append_val (self->fault_truncated, fid);
      return TRUE;
    }
  g_set_error (error, VCARD_ERROR, VCARD_ERROR_USAGE,
               "unknown fault “%s” (known: select-6a82:FID, truncated-read:FID, "
               "sign-6f00; FID is 4 hex digits)", spec);
  return FALSE;
}

gboolean
vcard_applet_set_switch (VcardApplet *self,
                         const char *name,
                         const char *value,
                         GError **error)
{
  gboolean second = g_str_equal (value, "6984") || g_str_equal (value, "keeps") ||
                    g_str_equal (value, "present");

  if (g_str_equal (name, "locked-query") && (second || g_str_equal (value, "63C0")))
    self->locked_query_sw = second ? SW_REF_NOT_USABLE : 0x63C0;
  else if (g_str_equal (name, "locked-verify") && (second || g_str_equal (value, "6983")))
    self->locked_verify_sw = second ? SW_REF_NOT_USABLE : SW_BLOCKED;
  else if (g_str_equal (name, "reselect") && (g_str_equal (value, "keeps") || g_str_equal (value, "clears")))
    self->reselect_keeps = second;
  else if (g_str_equal (name, "sign-pin-ef") && (g_str_equal (value, "present") || g_str_equal (value, "absent")))
    self->sign_pin_ef = second;
  else if (g_str_equal (name, "change-format") && (g_str_equal (value, "refuses") || g_str_equal (value, "stores")))
    self->change_refuses = g_str_equal (value, "refuses");
  else if (g_str_equal (name, "change-verified") && (g_str_equal (value, "keeps") || g_str_equal (value, "clears")))
    self->change_clears = g_str_equal (value, "clears");
  else
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_USAGE, "--%s %s: locked-query is 63C0 or 6984, "
                   "locked-verify 6983 or 6984, reselect clears or keeps, sign-pin-ef present or "
                   "absent, change-format refuses or stores, change-verified keeps or clears",
                   name, value);
      return FALSE;
    }
  return TRUE;
}

void
vcard_applet_set_clear_after_sign (VcardApplet *self,
                                   gboolean clear)
{
  self->clear_after_sign = clear;
}

gboolean
vcard_applet_set_tries (VcardApplet *self,
                        VcardPin pin,
                        int tries,
                        GError **error)
{
  int max = vcard_pin_max_tries (pin);

  if (tries < 0 || tries > max)
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_USAGE,
                   "%s tries must be 0 to %d (--%s-tries)", vcard_pin_name (pin), max,
                   vcard_pin_name (pin));
      return FALSE;
    }
  self->tries[pin] = tries;
  return TRUE;
}

GBytes *
vcard_applet_get_atr (VcardApplet *self)
{
  return g_bytes_ref (self->profile->atr);
}

gboolean
vcard_applet_is_verified (VcardApplet *self,
                          VcardPin pin)
{
  return self->verified[pin];
}

int
vcard_applet_get_tries (VcardApplet *self,
                        VcardPin pin)
{
  return self->tries[pin];
}

static gboolean
fid_listed (GArray *fids,
            guint16 fid)
{
  for (guint i = 0; i < fids->len; i++)
    if (g_array_index (fids, guint16, i) == fid)
      return TRUE;
  return FALSE;
}

/* The security state a card keeps in RAM: lost on reset and power loss,
 * and on re-selection of the application unless --reselect keeps. */
static void
clear_volatile_state (VcardApplet *self)
{
  self->ap_selected = FALSE;
  self->current = NULL;
  for (int i = 0; i < VCARD_N_PINS; i++)
    self->verified[i] = FALSE;
}

static void
add_state (VcardApplet *self,
           GString *json)
{
  char ef[5];

  if (json == NULL)
    return;
  if (self->current)
    g_snprintf (ef, sizeof ef, "%04X", self->current->fid);
  vcard_json_add_string (json, "ef", self->current ? ef : NULL);
  vcard_log_add_bool (json, "powered", self->powered);
  vcard_log_add_bool (json, "ap", self->ap_selected);
  vcard_log_add_bool (json, "auth_verified", self->verified[VCARD_PIN_AUTH]);
  vcard_log_add_bool (json, "sign_verified", self->verified[VCARD_PIN_SIGN]);
  vcard_log_add_int (json, "auth_tries", self->tries[VCARD_PIN_AUTH]);
  vcard_log_add_int (json, "sign_tries", self->tries[VCARD_PIN_SIGN]);
}

static void
log_event (VcardApplet *self,
           const char *event,
           const char *note)
{
  GString *line = vcard_log_begin (self->log, event);

  add_state (self, line);
  if (note)
    vcard_log_add_string (line, "note", note);
  vcard_log_end (self->log, line);
}

void
vcard_applet_power_on (VcardApplet *self)
{
  clear_volatile_state (self);
  self->powered = TRUE;
  log_event (self, "power-on", NULL);
}

void
vcard_applet_power_off (VcardApplet *self)
{
  clear_volatile_state (self);
  self->powered = FALSE;
  log_event (self, "power-off", NULL);
}

void
vcard_applet_reset (VcardApplet *self)
{
  clear_volatile_state (self);
  self->powered = TRUE;
  log_event (self, "reset", NULL);
}

void
vcard_applet_inserted (VcardApplet *self)
{
  clear_volatile_state (self);
  self->powered = FALSE;
  log_event (self, "insert", NULL);
}

void
vcard_applet_removed (VcardApplet *self,
                      const char *why)
{
  clear_volatile_state (self);
  self->powered = FALSE;
  log_event (self, "remove", why);
}

char *
vcard_applet_status_json (VcardApplet *self,
                          gboolean inserted)
{
  GString *json = g_string_new ("{");

  vcard_log_add_bool (json, "inserted", inserted);
  add_state (self, json);
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

/* Short APDUs only: the card and OpenSC's driver use no other. */
static gboolean
parse_apdu (const guint8 *b,
            gsize n,
            Apdu *a)
{
  memset (a, 0, sizeof *a);
  if (n < 4 || n > VCARD_MAX_APDU)
    return FALSE;
  a->cla = b[0];
  a->ins = b[1];
  a->p1 = b[2];
  a->p2 = b[3];
  if (n == 4)
    return TRUE;
  if (n == 5)
    {
      a->has_le = TRUE;
      a->le = b[4] ? b[4] : 256;
      return TRUE;
    }
  /* b[4] == 0 with more bytes would be an extended length: unsupported. */
  if (b[4] == 0)
    return FALSE;
  a->lc = b[4];
  a->data = b + 5;
  if (n == 5 + a->lc)
    return TRUE;
  if (n == 6 + a->lc)
    {
      a->has_le = TRUE;
      a->le = b[n - 1] ? b[n - 1] : 256;
      return TRUE;
    }
  return FALSE;
}

/* PIN-bearing instructions (VERIFY, CHANGE REFERENCE DATA, RESET RETRY
 * COUNTER…): their data never reaches the log. */
static gboolean
ins_is_secret (guint8 ins)
{
  return ins == 0x20 || ins == 0x21 || ins == 0x24 || ins == 0x2C;
}

static void
append_hex (GString *s,
            const guint8 *b,
            gsize n,
            gboolean masked)
{
  for (gsize i = 0; i < n; i++)
    {
      if (masked)
        g_string_append (s, "**");
      else
        g_string_append_printf (s, "%02X", b[i]);
    }
}

/* “CLAINSP1P2 Lc data Le” for a well-formed APDU, raw hex otherwise. */
static char *
format_cmd (const guint8 *b,
            gsize n,
            const Apdu *a)
{
  GString *s = g_string_new (NULL);
  gboolean secret = n >= 2 && ins_is_secret (b[1]);

  if (a == NULL)
    {
      gsize shown = MIN (n, (gsize) MAX_LOGGED_BYTES);

      append_hex (s, b, MIN (shown, (gsize) 4), FALSE);
      if (shown > 4)
        append_hex (s, b + 4, shown - 4, secret);
      if (shown < n)
        g_string_append_printf (s, "...(+%" G_GSIZE_FORMAT ")", n - shown);
      return g_string_free (s, FALSE);
    }
  append_hex (s, b, 4, FALSE);
  if (a->lc)
    {
      g_string_append_printf (s, " %02X ", (unsigned) a->lc);
      append_hex (s, a->data, a->lc, secret);
    }
  if (a->has_le)
    g_string_append_printf (s, " %02X", (unsigned) (a->le & 0xFF));
  return g_string_free (s, FALSE);
}

static const char *
ins_name (guint8 ins)
{
  switch (ins)
    {
    case 0xA4: return "SELECT";
    case 0xB0: return "READ BINARY";
    case 0x20: return "VERIFY";
    case 0x24: return "CHANGE REFERENCE DATA";
    case 0x2A: return "COMPUTE DIGITAL SIGNATURE";
    default: return "unknown";
    }
}

/* Handlers return the status word; this also records why, for the log. */
guint16
vcard_say (Cmd *c,
           guint16 sw,
           const char *note)
{
  c->note = note;
  return sw;
}

static void
add_fid (Cmd *c,
         const char *key,
         guint16 fid)
{
  char text[5];

  g_snprintf (text, sizeof text, "%04X", fid);
  vcard_log_add_string (c->line, key, text);
}

/* Without signing: no EF 0001 nor 001A; EF 001B per --sign-pin-ef. */
static const Ef *
find_ef (VcardApplet *self,
         guint16 fid)
{
  if (!self->profile->has_sign &&
      (fid == 0x0001 || fid == 0x001A || (fid == 0x001B && !self->sign_pin_ef)))
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (jpki_efs); i++)
    if (jpki_efs[i].fid == fid)
      return &jpki_efs[i];
  return NULL;
}

static guint16
do_select (VcardApplet *self,
           Cmd *c)
{
  const Ef *ef;
  guint16 fid;

  if (c->a.lc == 0)
    return vcard_say (c, SW_WRONG_LENGTH, "SELECT without data");
  /* OpenSC asks for no FCI (P2 0C); 00 is tolerated but answered without
   * FCI too, the driver never reads one. */
  if (c->a.p2 != 0x0C && c->a.p2 != 0x00)
    return vcard_say (c, SW_WRONG_P1P2, "unsupported P2");

  switch (c->a.p1)
    {
    case 0x04:
      {
        g_autoptr(GString) aid = g_string_new (NULL);

        append_hex (aid, c->a.data, c->a.lc, FALSE);
        vcard_log_add_string (c->line, "aid", aid->str);
      }
      if (c->a.lc != sizeof jpki_aid || memcmp (c->a.data, jpki_aid, sizeof jpki_aid) != 0)
        /* A failed SELECT leaves the current selection alone (ISO 7816-4),
         * so other drivers' probes do not disturb the JPKI AP. */
        return vcard_say (c, SW_NOT_FOUND, "not the JPKI AID");
      if (self->reselect_keeps && self->ap_selected)
        {
          /* Some card operating systems keep a DF's security state when
           * it is selected again; only a reset clears it then. */
          self->current = NULL;
          return vcard_say (c, SW_OK, "JPKI AP selected again; verified state kept");
        }
      clear_volatile_state (self);
      self->ap_selected = TRUE;
      return vcard_say (c, SW_OK, "JPKI AP selected");

    case 0x00:
    case 0x02:
      if (c->a.lc != 2)
        return vcard_say (c, SW_LC_VS_P1P2, "a file identifier is 2 bytes");
      fid = (guint16) (c->a.data[0] << 8 | c->a.data[1]);
      add_fid (c, "fid", fid);
      if (!self->ap_selected)
        return vcard_say (c, SW_NOT_FOUND, "JPKI AP not selected");
      ef = find_ef (self, fid);
      if (ef == NULL)
        return vcard_say (c, SW_NOT_FOUND, "no such EF");
      if (fid_listed (self->fault_select, fid))
        {
          c->fault = "select-6a82";
          return vcard_say (c, SW_NOT_FOUND, "fault injected");
        }
      self->current = ef;
      return vcard_say (c, SW_OK, NULL);

    default:
      return vcard_say (c, SW_WRONG_P1P2, "unsupported SELECT P1");
    }
}

static GBytes *
ef_content (VcardApplet *self,
            const Ef *ef)
{
  if (ef->kind == EF_CERT)
    return self->profile->cert_efs[ef->index];
  if (ef->kind == EF_CARD_INFO)
    return self->profile->card_info;
  return self->profile->token_kind;
}

static guint16
do_read_binary (VcardApplet *self,
                Cmd *c)
{
  const guint8 *content;
  gsize size, offset, n;
  gboolean truncated;

  if (c->a.lc != 0 || !c->a.has_le)
    return vcard_say (c, SW_WRONG_LENGTH, "READ BINARY takes Le only");
  if (c->a.p1 & 0x80)
    return vcard_say (c, SW_FUNC_UNSUPPORTED, "short EF identifiers are not supported");
  offset = (gsize) (c->a.p1 << 8 | c->a.p2);
  vcard_log_add_int (c->line, "off", (gint64) offset);
  vcard_log_add_int (c->line, "le", (gint64) c->a.le);
  if (!self->ap_selected || self->current == NULL)
    return vcard_say (c, SW_NO_CURRENT_EF, "no EF selected");
  if (self->current->kind == EF_KEY || self->current->kind == EF_PIN)
    return vcard_say (c, SW_INCOMPATIBLE, "keys and PINs cannot be read");
  if (self->current->fid == 0x0001 && !self->verified[VCARD_PIN_SIGN])
    return vcard_say (c, SW_SECURITY, "signing password not verified");

  content = g_bytes_get_data (ef_content (self, self->current), &size);
  if (offset >= size)
    return vcard_say (c, SW_WRONG_OFFSET, "offset past the end");
  n = MIN (c->a.le, size - offset);
  truncated = fid_listed (self->fault_truncated, self->current->fid);
  if (truncated)
    n = MIN (c->a.le / 2, size - offset);
  g_byte_array_append (c->out, content + offset, (guint) n);
  if (truncated)
    {
      c->fault = "truncated-read";
      return vcard_say (c, SW_OK, "fault injected: half of Le");
    }
  /* Real cards answer a read that reaches the end with the bytes there
   * and 90 00 (jpki-card.md); the next read is then past the end. */
  if (n < c->a.le)
    return vcard_say (c, SW_OK, "end of file before Le bytes");
  return vcard_say (c, SW_OK, NULL);
}

static guint16
do_sign (VcardApplet *self,
         Cmd *c)
{
  gnutls_datum_t input;
  g_auto(gnutls_datum_t) sig = { NULL, 0 };
  guint8 block[SIG_LEN] = { 0 };
  VcardPin key;
  int ret;

  if (c->a.p1 != 0x00 || c->a.p2 != 0x80)
    return vcard_say (c, SW_WRONG_P1P2, "COMPUTE DIGITAL SIGNATURE is 80 2A 00 80");
  if (c->a.lc == 0)
    return vcard_say (c, SW_WRONG_LENGTH, "nothing to sign");
  /* OpenSC sends Le 00; a T=0 path may drop it. Any other Le cannot hold
   * the 256-byte signature. */
  if (c->a.has_le && c->a.le != 256)
    return vcard_say (c, SW_WRONG_LENGTH, "Le must be 00");
  vcard_log_add_int (c->line, "in_len", (gint64) c->a.lc);
  if (!self->ap_selected || self->current == NULL || self->current->kind != EF_KEY)
    return vcard_say (c, SW_SECURITY, "no key EF selected");
  key = (VcardPin) self->current->index;
  vcard_log_add_string (c->line, "key", vcard_pin_name (key));
  if (!self->verified[key])
    return vcard_say (c, SW_SECURITY, "PIN of this key not verified");
  if (c->a.lc > MAX_SIGN_INPUT)
    return vcard_say (c, SW_WRONG_DATA, "input longer than PKCS#1 v1.5 allows");
  if (self->fault_sign_6f00)
    {
      c->fault = "sign-6f00";
      return vcard_say (c, SW_NO_DIAGNOSIS, "fault injected");
    }

  /* TLS1_RSA: PKCS#1 v1.5 type 1 over exactly these bytes, no hashing and
   * no DigestInfo added, which is what the card does. */
  input.data = (unsigned char *) c->a.data;
  input.size = (unsigned int) c->a.lc;
  ret = gnutls_privkey_sign_hash (self->profile->keys[key], GNUTLS_DIG_UNKNOWN,
                                  GNUTLS_PRIVKEY_SIGN_FLAG_TLS1_RSA, &input, &sig);
  if (ret < 0 || sig.size == 0 || sig.size > SIG_LEN)
    {
      g_warning ("signature failed: %s", gnutls_strerror (ret));
      return vcard_say (c, SW_NO_DIAGNOSIS, "signature failed");
    }
  /* Left-pad: the signature is an integer modulo n and is sent at the
   * modulus length. */
  memcpy (block + SIG_LEN - sig.size, sig.data, sig.size);
  g_byte_array_append (c->out, block, SIG_LEN);
  if (key == VCARD_PIN_SIGN && self->clear_after_sign)
    {
      self->verified[VCARD_PIN_SIGN] = FALSE;
      return vcard_say (c, SW_OK, "signed; signing verification cleared");
    }
  return vcard_say (c, SW_OK, "signed");
}

/* Which instructions exist in which class: ISO ones in CLA 00, the JPKI
 * signature in the proprietary class 80. Anything else in a known class
 * is 6D 00; any other class 6E 00. Other OpenSC drivers' probes before
 * jpki (SELECTs of their AIDs, GET DATA, GET RESPONSE, proprietary
 * 80 xx) then all fail as on a real card, and none ever sees 90 00. */
static guint16
check_class (guint8 cla,
             guint8 ins)
{
  if (cla == 0x00)
    return (ins == 0xA4 || ins == 0xB0 || ins == 0x20 || ins == 0x24) ? SW_OK
                                                                      : SW_INS_UNSUPPORTED;
  if (cla == 0x80)
    return ins == 0x2A ? SW_OK : SW_INS_UNSUPPORTED;
  return SW_CLA_UNSUPPORTED;
}

GBytes *
vcard_applet_transmit (VcardApplet *self,
                       const guint8 *apdu,
                       gsize len)
{
  Cmd c = { 0 };
  g_autofree char *cmd_text = NULL;
  gboolean parsed;
  guint8 sw[2];
  guint16 cls;

  c.out = g_byte_array_new ();
  c.line = vcard_log_begin (self->log, "apdu");
  parsed = parse_apdu (apdu, len, &c.a);
  cmd_text = format_cmd (apdu, len, parsed ? &c.a : NULL);
  vcard_log_add_string (c.line, "cmd", cmd_text);
  vcard_log_add_string (c.line, "ins", len >= 2 ? ins_name (apdu[1]) : "none");

  if (len < 4)
    c.sw = vcard_say (&c, SW_WRONG_LENGTH, "shorter than a header");
  else if ((cls = check_class (apdu[0], apdu[1])) != SW_OK)
    c.sw = vcard_say (&c, cls, cls == SW_CLA_UNSUPPORTED ? "unknown class" : "unknown instruction");
  else if (!parsed)
    c.sw = vcard_say (&c, SW_WRONG_LENGTH, "length bytes do not match the APDU");
  else
    switch (c.a.ins)
      {
      case 0xA4: c.sw = do_select (self, &c); break;
      case 0xB0: c.sw = do_read_binary (self, &c); break;
      case 0x20: c.sw = vcard_do_verify (self, &c); break;
      case 0x24: c.sw = vcard_do_change (self, &c); break;
      case 0x2A: c.sw = do_sign (self, &c); break;
      default: g_assert_not_reached ();
      }

  if (c.line)
    {
      char sw_text[5];

      g_snprintf (sw_text, sizeof sw_text, "%04X", c.sw);
      vcard_log_add_string (c.line, "rsp", sw_text);
      vcard_log_add_int (c.line, "len", c.out->len);
      add_state (self, c.line);
      if (c.note)
        vcard_log_add_string (c.line, "note", c.note);
      if (c.fault)
        vcard_log_add_string (c.line, "fault", c.fault);
      vcard_log_end (self->log, c.line);
    }

  sw[0] = (guint8) (c.sw >> 8);
  sw[1] = (guint8) (c.sw & 0xFF);
  g_byte_array_append (c.out, sw, 2);
  return g_byte_array_free_to_bytes (c.out);
}
