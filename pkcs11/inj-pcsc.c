/* inj-pcsc.c */
#include "config.h"

#include <string.h>
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

#include "inj-pcsc.h"
#include "inj-secret.h"

/* SELECT the JPKI application by its AID (D3 92 F0 00 26 01 00 00 00 01). */
static const guint8 select_ap[] = { 0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00,
                                    0x26, 0x01, 0x00, 0x00, 0x00, 0x01 };

void
inj_reader_info_free (InjReaderInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_clear_pointer (&info->atr, g_bytes_unref);
  g_free (info);
}

static gboolean
pcsc_failed (LONG rv,
             GError **error)
{
  if (rv == SCARD_S_SUCCESS)
    return FALSE;
  if (rv == (LONG) SCARD_E_NO_READERS_AVAILABLE || rv == (LONG) SCARD_E_UNKNOWN_READER)
    inj_pkcs11_set_error (error, INJ_CKR_NO_READER, INJ_PIN_SIGN, -1);
  else if (rv == (LONG) SCARD_E_NO_SMARTCARD || rv == (LONG) SCARD_W_REMOVED_CARD)
    inj_pkcs11_set_error (error, INJ_CKR_NO_CARD, INJ_PIN_SIGN, -1);
  else if (rv == (LONG) SCARD_E_NO_SERVICE || rv == (LONG) SCARD_E_SERVICE_STOPPED)
    inj_pkcs11_set_error (error, INJ_CKR_PCSC, INJ_PIN_SIGN, -1);
  else
    inj_pkcs11_set_error (error, CKR_DEVICE_ERROR, INJ_PIN_SIGN, -1);
  return TRUE;
}

GPtrArray *
inj_pcsc_list_readers (GError **error)
{
  GPtrArray *readers = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_reader_info_free);
  SCARDCONTEXT ctx;
  DWORD len = 0;
  g_autofree char *names = NULL;
  LONG rv;

  rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx);
  if (pcsc_failed (rv, error))
    {
      g_ptr_array_unref (readers);
      return NULL;
    }
  rv = SCardListReaders (ctx, NULL, NULL, &len);
  if (rv == (LONG) SCARD_E_NO_READERS_AVAILABLE)
    {
      SCardReleaseContext (ctx);
      return readers; /* none: an empty list, the caller decides */
    }
  if (rv == SCARD_S_SUCCESS)
    {
      names = g_malloc0 (len + 1);
      rv = SCardListReaders (ctx, NULL, names, &len);
    }
  if (pcsc_failed (rv, error))
    {
      SCardReleaseContext (ctx);
      g_ptr_array_unref (readers);
      return NULL;
    }
  for (const char *n = names; n && *n; n += strlen (n) + 1)
    {
      InjReaderInfo *info = g_new0 (InjReaderInfo, 1);
      SCARD_READERSTATE state = { .szReader = n, .dwCurrentState = SCARD_STATE_UNAWARE };

      info->name = g_strdup (n);
      if (SCardGetStatusChange (ctx, 0, &state, 1) == SCARD_S_SUCCESS &&
          (state.dwEventState & SCARD_STATE_PRESENT))
        {
          info->card_present = TRUE;
          info->atr = g_bytes_new (state.rgbAtr, state.cbAtr);
        }
      g_ptr_array_add (readers, info);
    }
  SCardReleaseContext (ctx);
  return readers;
}

typedef struct {
  SCARDCONTEXT ctx;
  SCARDHANDLE card;
  DWORD protocol;
  gboolean in_transaction;
} Link;

static gboolean
link_open (Link *link,
           const char *reader,
           GError **error)
{
  LONG rv;

  memset (link, 0, sizeof *link);
  rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &link->ctx);
  if (pcsc_failed (rv, error))
    return FALSE;
  rv = SCardConnect (link->ctx, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                     &link->card, &link->protocol);
  if (rv == (LONG) SCARD_W_RESET_CARD)
    rv = SCardReconnect (link->card, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                         SCARD_LEAVE_CARD, &link->protocol);
  if (pcsc_failed (rv, error))
    {
      SCardReleaseContext (link->ctx);
      link->ctx = 0;
      return FALSE;
    }
  rv = SCardBeginTransaction (link->card);
  if (pcsc_failed (rv, error))
    {
      SCardDisconnect (link->card, SCARD_LEAVE_CARD);
      SCardReleaseContext (link->ctx);
      link->ctx = 0;
      return FALSE;
    }
  link->in_transaction = TRUE;
  return TRUE;
}

static void
link_close (Link *link)
{
  if (link->ctx == 0)
    return;
  if (link->in_transaction)
    SCardEndTransaction (link->card, SCARD_LEAVE_CARD);
  SCardDisconnect (link->card, SCARD_LEAVE_CARD);
  SCardReleaseContext (link->ctx);
  link->ctx = 0;
}

/* Sends one short APDU; returns the status word, data in @out. */
static gboolean
link_transmit (Link *link,
               const guint8 *apdu,
               gsize apdu_len,
               guint8 *out,
               gsize *out_len,
               guint16 *sw,
               GError **error)
{
  guint8 rsp[258];
  DWORD rsp_len = sizeof rsp;
  const SCARD_IO_REQUEST *pci = link->protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
  LONG rv = SCardTransmit (link->card, pci, apdu, (DWORD) apdu_len, NULL, rsp, &rsp_len);

  if (pcsc_failed (rv, error))
    return FALSE;
  if (rsp_len < 2)
    {
      inj_pkcs11_set_error (error, CKR_DEVICE_ERROR, INJ_PIN_SIGN, -1);
      return FALSE;
    }
  *sw = (guint16) ((rsp[rsp_len - 2] << 8) | rsp[rsp_len - 1]);
  if (out && out_len)
    {
      gsize n = MIN (*out_len, (gsize) rsp_len - 2);
      memcpy (out, rsp, n);
      *out_len = n;
    }
  return TRUE;
}

GPtrArray *
inj_pcsc_list_jpki_readers (GError **error)
{
  g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (error);
  GPtrArray *jpki = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; readers && i < readers->len; i++)
    {
      InjReaderInfo *r = g_ptr_array_index (readers, i);
      Link link;
      guint16 sw = 0;
      gboolean ok;

      if (!r->card_present || !link_open (&link, r->name, NULL))
        continue;
      ok = link_transmit (&link, select_ap, sizeof select_ap, NULL, NULL, &sw, NULL);
      link_close (&link);
      if (ok && sw == 0x9000)
        g_ptr_array_add (jpki, g_strdup (r->name));
    }
  if (readers == NULL)
    g_clear_pointer (&jpki, g_ptr_array_unref);
  return jpki;
}

gboolean
inj_pcsc_check_one_card (const char *reader,
                         GError **error)
{
  g_autoptr(GPtrArray) jpki = NULL;

  if (reader)
    return TRUE;
  jpki = inj_pcsc_list_jpki_readers (NULL);
  if (jpki && jpki->len > 1)
    {
      inj_pkcs11_set_error (error, INJ_CKR_SEVERAL_CARDS, INJ_PIN_SIGN, -1);
      return FALSE;
    }
  return TRUE;
}

/* SELECT of an EF under the JPKI AP: its status word. */
static gboolean
select_ef (Link *link,
           guint16 fid,
           guint16 *sw,
           GError **error)
{
  guint8 apdu[] = { 0x00, 0xA4, 0x02, 0x0C, 0x02, (guint8) (fid >> 8), (guint8) (fid & 0xFF) };

  return link_transmit (link, apdu, sizeof apdu, NULL, NULL, sw, error);
}

static gboolean
read_binary (Link *link,
             guint8 le,
             guint8 *out,
             gsize *out_len,
             guint16 *sw,
             GError **error)
{
  guint8 apdu[] = { 0x00, 0xB0, 0x00, 0x00, le };

  return link_transmit (link, apdu, sizeof apdu, out, out_len, sw, error);
}

/* A warm reset (ISO 7816-3): the card loses its security state. The
 * transaction is ended first, as pcsc-lite resets only outside one. */
static gboolean
link_reset (Link *link,
            GError **error)
{
  LONG rv;

  if (link->in_transaction)
    SCardEndTransaction (link->card, SCARD_LEAVE_CARD);
  link->in_transaction = FALSE;
  rv = SCardReconnect (link->card, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                       SCARD_RESET_CARD, &link->protocol);
  if (pcsc_failed (rv, error))
    return FALSE;
  rv = SCardBeginTransaction (link->card);
  if (pcsc_failed (rv, error))
    return FALSE;
  link->in_transaction = TRUE;
  return TRUE;
}

static gboolean
select_pin_file (Link *link,
                 InjPinKind pin,
                 GError **error)
{
  guint8 select_ef[] = { 0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, pin == INJ_PIN_SIGN ? 0x1B : 0x18 };
  guint16 sw;

  if (!link_transmit (link, select_ap, sizeof select_ap, NULL, NULL, &sw, error))
    return FALSE;
  if (sw != 0x9000)
    {
      inj_pkcs11_set_error (error, INJ_CKR_NOT_MY_NUMBER, pin, -1);
      return FALSE;
    }
  if (!link_transmit (link, select_ef, sizeof select_ef, NULL, NULL, &sw, error))
    return FALSE;
  if (sw != 0x9000)
    {
      inj_pkcs11_set_error (error, INJ_CKR_NOT_MY_NUMBER, pin, -1);
      return FALSE;
    }
  return TRUE;
}

/* An empty VERIFY answers 63 Cx, x the tries left, and consumes none. */
gboolean
inj_pcsc_pin_tries (const char *reader,
                    InjPinKind pin,
                    int *tries_left,
                    GError **error)
{
  static const guint8 verify_empty[] = { 0x00, 0x20, 0x00, 0x80 };
  Link link;
  guint16 sw = 0;
  gboolean ok;

  *tries_left = -1;
  if (!link_open (&link, reader, error))
    return FALSE;
  ok = select_pin_file (&link, pin, error) &&
       link_transmit (&link, verify_empty, sizeof verify_empty, NULL, NULL, &sw, error);
  link_close (&link);
  if (!ok)
    return FALSE;
  if ((sw & 0xFFF0) == 0x63C0)
    *tries_left = sw & 0x0F;
  else if (sw == 0x6983 || sw == 0x6984)
    *tries_left = 0; /* blocked; a locked card may answer either (jpki-card.md) */
  else
    {
      inj_pkcs11_set_error (error, CKR_DEVICE_ERROR, pin, -1);
      return FALSE;
    }
  return TRUE;
}

/* Is the signing password still verified? EF 0001 answers 69 82 to a
 * read until it is. *@checkable is FALSE when the card has no EF 0001 (a
 * card without signing). */
static gboolean
signing_still_verified (Link *link,
                        gboolean *verified,
                        gboolean *checkable,
                        GError **error)
{
  guint8 head[4];
  gsize len = sizeof head;
  guint16 sw = 0;

  *verified = FALSE;
  *checkable = FALSE;
  if (!link_transmit (link, select_ap, sizeof select_ap, NULL, NULL, &sw, error))
    return FALSE;
  if (sw != 0x9000)
    {
      inj_pkcs11_set_error (error, INJ_CKR_NOT_MY_NUMBER, INJ_PIN_SIGN, -1);
      return FALSE;
    }
  if (!select_ef (link, 0x0001, &sw, error))
    return FALSE;
  if (sw == 0x6A82)
    return TRUE;
  *checkable = TRUE;
  if (sw != 0x9000 || !read_binary (link, sizeof head, head, &len, &sw, error))
    {
      if (error && *error == NULL)
        inj_pkcs11_set_error (error, CKR_DEVICE_ERROR, INJ_PIN_SIGN, -1);
      return FALSE;
    }
  *verified = sw != 0x6982;
  return TRUE;
}

/* OpenSC 0.23 has no logout for this card and leaves it verified, even after
 * the process ends. Selecting the JPKI application again is assumed (by
 * later OpenSC versions) to end it, but no public trace shows that a real
 * card does, and some card operating systems keep a DF's security state. So
 * the re-selection is checked: EF 0001 must then answer 69 82. If it does
 * not, or cannot be asked (no EF 0001), or the authentication PIN may have
 * been verified (no EF shows its state), the card is reset, which ISO
 * 7816-3 makes clear everything; after the reset EF 0001 is checked again. */
static gboolean
end_verification_on (Link *link,
                     const char *reader,
                     gboolean auth_too,
                     GError **error)
{
  gboolean verified = FALSE, checkable = FALSE;
  gboolean ok;

  ok = signing_still_verified (link, &verified, &checkable, error);
  if (ok && !verified && checkable && !auth_too)
    return TRUE;
  if (ok)
    {
      g_debug ("card in %s: %s; resetting it", reader,
               verified ? "still verified after selecting the JPKI application again"
               : !checkable ? "no EF 0001 to check the verified state with"
                            : "the authentication PIN's state cannot be read back");
      ok = link_reset (link, error) &&
           signing_still_verified (link, &verified, &checkable, error);
    }
  if (ok && verified)
    {
      g_warning ("the card in %s is still verified after a reset", reader);
      inj_pkcs11_set_error (error, INJ_CKR_STILL_VERIFIED, INJ_PIN_SIGN, -1);
      return FALSE;
    }
  return ok;
}

static gboolean
end_verification (const char *reader,
                  gboolean auth_too,
                  GError **error)
{
  Link link;
  gboolean ok;

  if (!link_open (&link, reader, error))
    return FALSE;
  ok = end_verification_on (&link, reader, auth_too, error);
  link_close (&link);
  return ok;
}

gboolean
inj_pcsc_end_verification (const char *reader,
                           GError **error)
{
  return end_verification (reader, TRUE, error);
}

gboolean
inj_pcsc_end_signing_verification (const char *reader,
                                   GError **error)
{
  return end_verification (reader, FALSE, error);
}

/* The first 32 bytes of EF 0006's record, padded with spaces on real cards
 * (as CK_TOKEN_INFO fields are), with NULs by some implementations: both are
 * trimmed from the end. Anything unprintable ends the text. */
static char *
trim_kind (const guint8 *data,
           gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isprint (data[i]))
      {
        len = i;
        break;
      }
  while (len > 0 && (data[len - 1] == ' ' || data[len - 1] == '\0'))
    len--;
  return g_strndup ((const char *) data, len);
}

/* EF 0006: "JPKIAPICCTOKEN2" (My Number card), "JPKIAPICCTOKEN" (住基カード),
 * "JPKIAPGPSETOKEN" (smartphone). OpenSC does not read it. */
char *
inj_pcsc_read_token_kind (const char *reader,
                          GError **error)
{
  static const guint8 select_kind[] = { 0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x06 };
  static const guint8 read_kind[] = { 0x00, 0xB0, 0x00, 0x00, 0x20 };
  Link link;
  guint8 data[32];
  gsize len = sizeof data;
  guint16 sw = 0;
  gboolean ok;

  if (!link_open (&link, reader, error))
    return NULL;
  ok = link_transmit (&link, select_ap, sizeof select_ap, NULL, NULL, &sw, error) &&
       sw == 0x9000 &&
       link_transmit (&link, select_kind, sizeof select_kind, NULL, NULL, &sw, error) &&
       sw == 0x9000 &&
       link_transmit (&link, read_kind, sizeof read_kind, data, &len, &sw, error);
  link_close (&link);
  if (!ok || sw != 0x9000)
    {
      if (error && *error == NULL)
        inj_pkcs11_set_error (error, INJ_CKR_NOT_MY_NUMBER, INJ_PIN_SIGN, -1);
      return NULL;
    }
  return trim_kind (data, len);
}

void
inj_card_probe_clear (InjCardProbe *probe)
{
  g_clear_pointer (&probe->kind, g_free);
}

static gboolean
probe_pin (Link *link,
           InjCardProbe *probe,
           InjPinKind pin,
           GError **error)
{
  static const guint8 verify_empty[] = { 0x00, 0x20, 0x00, 0x80 };
  guint16 sw = 0;

  probe->tries[pin] = -1;
  if (!select_ef (link, pin == INJ_PIN_SIGN ? 0x001B : 0x0018, &sw, error))
    return FALSE;
  if (sw != 0x9000)
    return TRUE; /* no such PIN on this card */
  probe->pin_present[pin] = TRUE;
  if (!link_transmit (link, verify_empty, sizeof verify_empty, NULL, NULL, &sw, error))
    return FALSE;
  probe->query_sw[pin] = sw;
  if ((sw & 0xFFF0) == 0x63C0)
    probe->tries[pin] = sw & 0x0F;
  else if (sw == 0x6983 || sw == 0x6984)
    probe->tries[pin] = 0;
  return TRUE;
}

/* Reads EF @fid's first @len bytes into @out; FALSE only when the card
 * cannot be reached (a missing or short EF leaves *@got FALSE). */
static gboolean
probe_read (Link *link,
            guint16 fid,
            guint8 *out,
            gsize *len,
            gboolean *got,
            GError **error)
{
  guint16 sw = 0;
  gsize want = *len;

  *got = FALSE;
  if (!select_ef (link, fid, &sw, error))
    return FALSE;
  if (sw != 0x9000)
    return TRUE;
  if (!read_binary (link, (guint8) want, out, len, &sw, error))
    return FALSE;
  *got = sw == 0x9000;
  return TRUE;
}

/* Everything is read or asked without a PIN and without spending a try:
 * the APDUs a support person can reproduce (jpki-card.md). */
gboolean
inj_pcsc_probe_card (const char *reader,
                     InjCardProbe *probe,
                     GError **error)
{
  Link link;
  guint8 kind[32];
  gsize kind_len = sizeof kind, info_len = sizeof probe->card_info;
  gboolean got_kind = FALSE;
  guint16 sw = 0;
  gboolean ok;

  memset (probe, 0, sizeof *probe);
  probe->tries[INJ_PIN_AUTH] = probe->tries[INJ_PIN_SIGN] = -1;
  if (!link_open (&link, reader, error))
    return FALSE;
  ok = link_transmit (&link, select_ap, sizeof select_ap, NULL, NULL, &sw, error);
  probe->jpki = ok && sw == 0x9000;
  if (probe->jpki)
    ok = probe_read (&link, 0x0006, kind, &kind_len, &got_kind, error) &&
         probe_read (&link, 0x0008, probe->card_info, &info_len, &probe->has_card_info, error) &&
         select_ef (&link, 0x0001, &sw, error);
  if (probe->jpki && ok)
    {
      probe->sign_cert = sw == 0x9000; /* selected only: it is not read */
      ok = probe_pin (&link, probe, INJ_PIN_AUTH, error) &&
           probe_pin (&link, probe, INJ_PIN_SIGN, error);
    }
  link_close (&link);
  if (got_kind)
    probe->kind = trim_kind (kind, kind_len);
  probe->has_card_info = probe->has_card_info && info_len == sizeof probe->card_info;
  if (!ok)
    inj_card_probe_clear (probe);
  return ok;
}

gboolean
inj_card_probe_locked (const InjCardProbe *probe,
                       InjPinKind pin)
{
  return probe->jpki && probe->pin_present[pin] && probe->tries[pin] == 0;
}

/* No EF 0001: a card issued to a child under 15. EF 0008 says the same on
 * the cards seen (00 8F 00), but that is unconfirmed: the EF decides. */
gboolean
inj_card_probe_without_signing (const InjCardProbe *probe)
{
  return probe->jpki && !probe->sign_cert;
}

/* Called when PKCS#11 shows no My Number card for an operation with @pin:
 * a card whose JPKI application selects may be there all the same (a
 * locked PIN answering 69 84, a card without EF 001B). Sets the error the
 * person can act on; "no card" only when no such card is found. */
void
inj_pcsc_explain_missing_card (const char *reader,
                               InjPinKind pin,
                               GError **error)
{
  g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (NULL);

  for (guint i = 0; readers && i < readers->len; i++)
    {
      InjReaderInfo *r = g_ptr_array_index (readers, i);
      g_auto(InjCardProbe) probe = { 0 };

      if (!r->card_present || (reader && g_strcmp0 (reader, r->name) != 0) ||
          !inj_pcsc_probe_card (r->name, &probe, NULL) || !probe.jpki)
        continue;
      if (pin == INJ_PIN_SIGN && inj_card_probe_without_signing (&probe))
        inj_pkcs11_set_error (error, INJ_CKR_NO_SIGNING, pin, -1);
      else if (inj_card_probe_locked (&probe, pin))
        inj_pkcs11_set_error (error, CKR_PIN_LOCKED, pin, 0);
      else
        continue;
      return;
    }
  inj_pkcs11_set_error (error, INJ_CKR_NO_CARD, pin, -1);
}

/* Before the signing password is asked: a card without EF 0001 (issued to
 * a child under 15) has nothing to sign with. A card that cannot be probed
 * passes: PKCS#11 will say what is wrong. */
gboolean
inj_pcsc_check_signing (const char *reader,
                        GError **error)
{
  g_auto(InjCardProbe) probe = { 0 };
  g_autoptr(GError) local = NULL;

  if (!inj_pcsc_probe_card (reader, &probe, &local))
    {
      g_debug ("probing %s: %s", reader, local->message);
      return TRUE;
    }
  if (inj_card_probe_without_signing (&probe))
    {
      inj_pkcs11_set_error (error, INJ_CKR_NO_SIGNING, INJ_PIN_SIGN, -1);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ changing a PIN */

/* The answer to a VERIFY with data of @pin, as an error when it is not
 * 90 00: 63 Cx a wrong value with x tries left; 69 83 / 69 84 locked. */
static gboolean
verify_answer (guint16 sw,
               InjPinKind pin,
               GError **error)
{
  if (sw == 0x9000)
    return TRUE;
  if ((sw & 0xFFF0) == 0x63C0)
    inj_pkcs11_set_error (error, CKR_PIN_INCORRECT, pin, sw & 0x0F);
  else if (sw == 0x6983 || sw == 0x6984)
    inj_pkcs11_set_error (error, CKR_PIN_LOCKED, pin, 0);
  else
    inj_pkcs11_set_error (error, CKR_DEVICE_ERROR, pin, -1);
  return FALSE;
}

/* Builds "@ins 00|01 80 Lc @value" in @apdu (5 + 16 bytes). */
static gsize
pin_apdu (guint8 *apdu,
          guint8 ins,
          guint8 p1,
          const char *value,
          gsize len)
{
  apdu[0] = 0x00;
  apdu[1] = ins;
  apdu[2] = p1;
  apdu[3] = 0x80;
  apdu[4] = (guint8) len;
  memcpy (apdu + 5, value, len);
  return 5 + len;
}

/* Within one transaction on @link: the PIN EF, its tries (an empty
 * VERIFY: no try used), a VERIFY of @current, CHANGE REFERENCE DATA.
 * *@verify_sent tells whether a VERIFY with data reached the card. */
static gboolean
change_on (Link *link,
           InjPinKind pin,
           const char *current,
           gsize current_len,
           const char *new_value,
           gsize new_len,
           gboolean *verify_sent,
           GError **error)
{
  static const guint8 verify_empty[] = { 0x00, 0x20, 0x00, 0x80 };
  guint8 apdu[5 + 16];
  guint16 sw = 0;
  gsize n;
  gboolean ok;

  *verify_sent = FALSE;
  if (!link_transmit (link, select_ap, sizeof select_ap, NULL, NULL, &sw, error))
    return FALSE;
  if (sw != 0x9000)
    {
      inj_pkcs11_set_error (error, INJ_CKR_NOT_MY_NUMBER, pin, -1);
      return FALSE;
    }
  if (!select_ef (link, pin == INJ_PIN_SIGN ? 0x001B : 0x0018, &sw, error))
    return FALSE;
  if (sw != 0x9000)
    {
      inj_pkcs11_set_error (error, pin == INJ_PIN_SIGN ? INJ_CKR_NO_SIGNING : INJ_CKR_NOT_MY_NUMBER,
                            pin, -1);
      return FALSE;
    }
  if (!link_transmit (link, verify_empty, sizeof verify_empty, NULL, NULL, &sw, error))
    return FALSE;
  if (sw == 0x63C0 || sw == 0x6983 || sw == 0x6984)
    {
      inj_pkcs11_set_error (error, CKR_PIN_LOCKED, pin, 0);
      return FALSE;
    }
  if ((sw & 0xFFF0) != 0x63C0)
    {
      inj_pkcs11_set_error (error, CKR_DEVICE_ERROR, pin, -1);
      return FALSE;
    }

  n = pin_apdu (apdu, 0x20, 0x00, current, current_len);
  *verify_sent = TRUE;
  ok = link_transmit (link, apdu, n, NULL, NULL, &sw, error);
  inj_wipe (apdu, sizeof apdu);
  if (!ok || !verify_answer (sw, pin, error))
    return FALSE;

  n = pin_apdu (apdu, 0x24, 0x01, new_value, new_len);
  ok = link_transmit (link, apdu, n, NULL, NULL, &sw, error);
  inj_wipe (apdu, sizeof apdu);
  if (!ok)
    return FALSE;
  if (sw == 0x9000)
    return TRUE;
  /* 6A 80 would be the card refusing the value by rules of its own; the
   * value passed ours, so that is not a thing the person can act on. */
  g_debug ("CHANGE REFERENCE DATA answered %04X", sw);
  inj_pkcs11_set_error (error, CKR_DEVICE_ERROR, pin, -1);
  return FALSE;
}

gboolean
inj_pcsc_change_pin (const char *reader,
                     InjPinKind pin,
                     const char *current,
                     gsize current_len,
                     const char *new_value,
                     gsize new_len,
                     GError **error)
{
  Link link;
  gboolean verify_sent = FALSE;
  gboolean ok;

  g_return_val_if_fail (current_len > 0 && current_len <= 16, FALSE);
  g_return_val_if_fail (new_len > 0 && new_len <= 16, FALSE);
  if (!link_open (&link, reader, error))
    return FALSE;
  ok = change_on (&link, pin, current, current_len, new_value, new_len, &verify_sent, error);
  /* Whatever the answers, a card that was sent a VERIFY is left unverified
   * before the transaction ends, so that nothing can use it in between. */
  if (verify_sent &&
      !end_verification_on (&link, reader, pin == INJ_PIN_AUTH, ok ? error : NULL))
    ok = FALSE;
  link_close (&link);
  return ok;
}
