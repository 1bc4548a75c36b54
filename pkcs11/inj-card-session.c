/* inj-card-session.c: a PKCS#11 session on one of the card's tokens, and
 * what follows every operation: the card's verified state ended, and a
 * failure told as what happened to the card (a wrong PIN with the tries
 * left, a card pulled out). */
#include "config.h"

#include <string.h>

#include "inj-card-private.h"
#include "inj-pcsc.h"

CK_RV
_inj_card_session_open (InjCardSession *s,
                        InjToken *token)
{
  CK_RV rv;

  memset (s, 0, sizeof *s);
  s->f = inj_token_get_module (token);
  rv = s->f->C_OpenSession (inj_token_get_slot (token), CKF_SERIAL_SESSION, NULL, NULL,
                            &s->session);
  s->open = rv == CKR_OK;
  return rv;
}

void
_inj_card_session_close (InjCardSession *s)
{
  if (!s->open)
    return;
  if (s->logged_in)
    s->f->C_Logout (s->session);
  s->f->C_CloseSession (s->session);
  s->open = FALSE;
}

CK_RV
_inj_card_session_login (InjCardSession *s,
                         CK_USER_TYPE user,
                         InjSecret *secret)
{
  gsize len;
  const char *pin = inj_secret_get (secret, &len);
  CK_RV rv = s->f->C_Login (s->session, user, (CK_UTF8CHAR_PTR) pin, (CK_ULONG) len);

  if (rv == CKR_USER_ALREADY_LOGGED_IN && user == CKU_USER)
    rv = CKR_OK;
  if (rv == CKR_OK && user == CKU_USER)
    s->logged_in = TRUE;
  return rv;
}

CK_RV
_inj_card_session_find (InjCardSession *s,
                        CK_OBJECT_CLASS klass,
                        guint8 id,
                        CK_OBJECT_HANDLE *object)
{
  CK_ATTRIBUTE query[] = {
    { CKA_CLASS, &klass, sizeof klass },
    { CKA_ID, &id, 1 },
  };
  CK_ULONG found = 0;
  CK_RV rv = s->f->C_FindObjectsInit (s->session, query, G_N_ELEMENTS (query));

  if (rv != CKR_OK)
    return rv;
  rv = s->f->C_FindObjects (s->session, object, 1, &found);
  s->f->C_FindObjectsFinal (s->session);
  if (rv == CKR_OK && found == 0)
    rv = INJ_CKR_NO_OBJECT;
  return rv;
}

GBytes *
_inj_card_session_read_value (InjCardSession *s,
                              CK_OBJECT_HANDLE object,
                              CK_RV *rv)
{
  CK_ATTRIBUTE attr = { CKA_VALUE, NULL, 0 };
  guint8 *buf;

  *rv = s->f->C_GetAttributeValue (s->session, object, &attr, 1);
  if (*rv != CKR_OK)
    return NULL;
  if (attr.ulValueLen == (CK_ULONG) -1 || attr.ulValueLen > 64 * 1024)
    {
      *rv = INJ_CKR_NO_OBJECT;
      return NULL;
    }
  buf = g_malloc (attr.ulValueLen);
  attr.pValue = buf;
  *rv = s->f->C_GetAttributeValue (s->session, object, &attr, 1);
  if (*rv != CKR_OK)
    {
      g_free (buf);
      return NULL;
    }
  return g_bytes_new_take (buf, attr.ulValueLen);
}

/* The card must not stay verified after we are done with it. A failure to
 * reach the card (it was removed) leaves nothing verified either; a card
 * that stays verified even after a reset fails the operation. @auth_pin:
 * the authentication PIN may have been verified (its state cannot be read
 * back, so the card is reset). */
gboolean
_inj_card_end_verification (const char *reader,
                            gboolean auth_pin,
                            GError **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok = auth_pin ? inj_pcsc_end_verification (reader, &local)
                         : inj_pcsc_end_signing_verification (reader, &local);

  if (ok)
    return TRUE;
  if (inj_pkcs11_error_is (local, INJ_CKR_STILL_VERIFIED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_debug ("ending the verified state on %s: %s", reader, local->message);
  return TRUE;
}

/* Is a card still in the card's reader? (FALSE also when the reader is
 * gone or PC/SC does not answer.) pcscd learns of a removal by polling
 * the reader (every 400 ms for most drivers): the answer is awaited for
 * up to about 1.5 s, only on this error path. */
static gboolean
card_still_present (const char *reader)
{
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      g_autoptr(GError) pcsc_error = NULL;
      g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (&pcsc_error);
      gboolean present = FALSE;

      for (guint i = 0; readers && i < readers->len; i++)
        {
          InjReaderInfo *r = g_ptr_array_index (readers, i);
          if (g_strcmp0 (r->name, reader) == 0)
            present = r->card_present;
        }
      if (!present)
        return FALSE;
      g_usleep (200 * 1000);
    }
  return TRUE;
}

/* After a wrong PIN: how many tries remain, for the message. After a
 * general failure: whether the card left the reader (OpenSC 0.23 answers
 * CKR_GENERAL_ERROR, not CKR_DEVICE_REMOVED, when the card is pulled out
 * in the middle of an operation). */
void
_inj_card_set_error (const char *reader,
                     CK_RV rv,
                     InjPinKind pin,
                     GError **error)
{
  int tries = -1;

  if ((rv == CKR_GENERAL_ERROR || rv == CKR_DEVICE_ERROR || rv == CKR_FUNCTION_FAILED) &&
      !card_still_present (reader))
    {
      g_debug ("%s after the card left %s: reported as removed", inj_pkcs11_rv_name (rv),
               reader);
      rv = CKR_DEVICE_REMOVED;
    }
  if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_LOCKED)
    {
      g_autoptr(GError) ignored = NULL;
      if (!inj_pcsc_pin_tries (reader, pin, &tries, &ignored))
        tries = -1;
      if (rv == CKR_PIN_INCORRECT && tries == 0)
        rv = CKR_PIN_INCORRECT; /* the message says it is now locked */
    }
  inj_pkcs11_set_error (error, rv, pin, tries);
}
