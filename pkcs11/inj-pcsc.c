/* inj-pcsc.c */
#include "config.h"

#include <string.h>
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

#include "inj-pcsc.h"

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
  else if (sw == 0x6983)
    *tries_left = 0;
  else
    {
      inj_pkcs11_set_error (error, CKR_DEVICE_ERROR, pin, -1);
      return FALSE;
    }
  return TRUE;
}

/* OpenSC 0.23 has no logout for this card and leaves it verified, even after
 * the process ends. Selecting the JPKI application again resets the card's
 * security state (both PINs), so a verified password never outlives the
 * operation that needed it. */
gboolean
inj_pcsc_end_verification (const char *reader,
                           GError **error)
{
  Link link;
  guint16 sw = 0;
  gboolean ok;

  if (!link_open (&link, reader, error))
    return FALSE;
  ok = link_transmit (&link, select_ap, sizeof select_ap, NULL, NULL, &sw, error);
  link_close (&link);
  if (ok && sw != 0x9000)
    {
      inj_pkcs11_set_error (error, INJ_CKR_NOT_MY_NUMBER, INJ_PIN_SIGN, -1);
      return FALSE;
    }
  return ok;
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
  for (gsize i = 0; i < len; i++)
    if (data[i] == 0 || !g_ascii_isprint (data[i]))
      {
        len = i;
        break;
      }
  return g_strndup ((const char *) data, len);
}
