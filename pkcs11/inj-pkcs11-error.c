/* inj-pkcs11-error.c: messages a person can act on. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-pkcs11-error.h"

G_DEFINE_QUARK (inj-pkcs11-error-quark, inj_pkcs11_error)

static const char *
pin_name (InjPinKind pin)
{
  return pin == INJ_PIN_SIGN ? _("the signing password (署名用電子証明書のパスワード)")
                             : _("the authentication PIN (利用者証明用電子証明書の暗証番号)");
}

static char *
message_for (CK_RV rv,
             InjPinKind pin,
             int tries_left)
{
  switch (rv)
    {
    case CKR_PIN_INCORRECT:
      if (tries_left > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Wrong %s. %d try is left before the card locks it.",
                                             "Wrong %s. %d tries are left before the card locks it.",
                                             tries_left),
                                pin_name (pin), tries_left);
      if (tries_left == 0)
        return g_strdup_printf (_("Wrong %s. It is now locked: take the card to your "
                                  "municipal office (市区町村の窓口) to have it unlocked."),
                                pin_name (pin));
      return g_strdup_printf (_("Wrong %s."), pin_name (pin));
    case CKR_PIN_LOCKED:
      return g_strdup_printf (_("%s is locked after too many wrong tries. Only your "
                                "municipal office (市区町村の窓口) can unlock it; Ininjo will "
                                "not try it."), pin_name (pin));
    case CKR_PIN_LEN_RANGE:
    case INJ_CKR_PIN_FORMAT:
      if (pin == INJ_PIN_SIGN)
        return g_strdup (_("The signing password is 6 to 16 characters, letters A–Z and "
                           "digits 0–9. Nothing was sent to the card."));
      return g_strdup (_("The authentication PIN is 4 digits. Nothing was sent to the "
                         "card."));
    case CKR_PIN_INVALID: /* the new value of a change */
      if (pin == INJ_PIN_SIGN)
        return g_strdup (_("The new signing password must be 6 to 16 characters, letters A–Z "
                           "and digits 0–9. Nothing was sent to the card."));
      return g_strdup (_("The new authentication PIN must be 4 digits. Nothing was sent to "
                         "the card."));
    case CKR_DEVICE_REMOVED:
    case CKR_TOKEN_NOT_PRESENT:
    case CKR_SESSION_HANDLE_INVALID:
    case CKR_SESSION_CLOSED:
      return g_strdup (_("The card was removed or the reader disconnected. Insert the card "
                         "and try again."));
    case CKR_TOKEN_NOT_RECOGNIZED:
    case INJ_CKR_NOT_MY_NUMBER:
      return g_strdup (_("This is not a My Number card (no JPKI application)."));
    case INJ_CKR_NO_READER:
      return g_strdup (_("No card reader was found. Connect a reader (or check that pcscd "
                         "is running) and try again."));
    case INJ_CKR_NO_CARD:
      return g_strdup (_("No card is in the reader. Insert your My Number card."));
    case INJ_CKR_MODULE:
      return g_strdup (_("The PKCS#11 module (OpenSC) could not be loaded. Check that the "
                         "opensc-pkcs11 package is installed."));
    case INJ_CKR_PCSC:
      return g_strdup (_("The smart card service (pcscd) did not answer."));
    case INJ_CKR_NO_OBJECT:
      return g_strdup (_("The card does not hold the expected certificate or key."));
    case INJ_CKR_NO_SIGNING:
      return g_strdup (_("This My Number card has no signing certificate (署名用電子証明書), "
                         "as cards issued to children under 15 do not: it cannot sign. It "
                         "can still authenticate you for uploads."));
    case INJ_CKR_STILL_VERIFIED:
      return g_strdup (_("The card stays unlocked for PIN-protected use even after a reset. "
                         "Remove it from the reader now, and report this to support."));
    case INJ_CKR_SEVERAL_CARDS:
      return g_strdup (_("Several readers hold a My Number card: choose the one to use, or "
                         "take out the cards that are not to be used."));
    case CKR_FUNCTION_CANCELED:
      return g_strdup (_("The operation was cancelled."));
    case CKR_DEVICE_ERROR:
    case CKR_DEVICE_MEMORY:
    case CKR_GENERAL_ERROR:
    case CKR_FUNCTION_FAILED:
      return g_strdup_printf (_("The card reported an error (%s). Remove the card, insert it "
                                "again and retry."), inj_pkcs11_rv_name (rv));
    default:
      return g_strdup_printf (_("The card operation failed (%s)."), inj_pkcs11_rv_name (rv));
    }
}

/* No secret ever reaches the message: only the kind of PIN and a count. */
void
inj_pkcs11_set_error (GError **error,
                      CK_RV rv,
                      InjPinKind pin,
                      int tries_left)
{
  g_autofree char *message = message_for (rv, pin, tries_left);
  g_set_error_literal (error, INJ_PKCS11_ERROR, (gint) rv, message);
}

CK_RV
inj_pkcs11_error_rv (const GError *error)
{
  if (error == NULL || error->domain != INJ_PKCS11_ERROR)
    return CKR_GENERAL_ERROR;
  return (CK_RV) (guint) error->code;
}

gboolean
inj_pkcs11_error_is (const GError *error,
                     CK_RV rv)
{
  return error != NULL && error->domain == INJ_PKCS11_ERROR &&
         (CK_RV) (guint) error->code == (CK_RV) (guint) (gint) rv;
}

const char *
inj_pkcs11_rv_name (CK_RV rv)
{
  switch (rv)
    {
#define N(x) case x: return #x
    N (CKR_OK);
    N (CKR_CANCEL);
    N (CKR_GENERAL_ERROR);
    N (CKR_FUNCTION_FAILED);
    N (CKR_ARGUMENTS_BAD);
    N (CKR_DEVICE_ERROR);
    N (CKR_DEVICE_MEMORY);
    N (CKR_DEVICE_REMOVED);
    N (CKR_FUNCTION_CANCELED);
    N (CKR_KEY_HANDLE_INVALID);
    N (CKR_MECHANISM_INVALID);
    N (CKR_OBJECT_HANDLE_INVALID);
    N (CKR_PIN_INCORRECT);
    N (CKR_PIN_INVALID);
    N (CKR_PIN_LEN_RANGE);
    N (CKR_PIN_LOCKED);
    N (CKR_SESSION_CLOSED);
    N (CKR_SESSION_HANDLE_INVALID);
    N (CKR_SLOT_ID_INVALID);
    N (CKR_TOKEN_NOT_PRESENT);
    N (CKR_TOKEN_NOT_RECOGNIZED);
    N (CKR_USER_ALREADY_LOGGED_IN);
    N (CKR_USER_NOT_LOGGED_IN);
    N (CKR_USER_TYPE_INVALID);
    N (CKR_CRYPTOKI_NOT_INITIALIZED);
    N (CKR_BUFFER_TOO_SMALL);
    N (INJ_CKR_NO_READER);
    N (INJ_CKR_NO_CARD);
    N (INJ_CKR_NOT_MY_NUMBER);
    N (INJ_CKR_PIN_FORMAT);
    N (INJ_CKR_MODULE);
    N (INJ_CKR_PCSC);
    N (INJ_CKR_NO_OBJECT);
    N (INJ_CKR_NO_SIGNING);
    N (INJ_CKR_STILL_VERIFIED);
    N (INJ_CKR_SEVERAL_CARDS);
#undef N
    default:
      return "CKR_?";
    }
}
