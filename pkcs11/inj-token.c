/* inj-token.c */
#include "config.h"

#include <string.h>

#include "inj-pkcs11-error.h"
#include "inj-token.h"

struct _InjToken {
  GObject parent_instance;
  CK_FUNCTION_LIST *module;
  char *module_name;
  CK_SLOT_ID slot;
  CK_FLAGS slot_flags;
  CK_FLAGS flags;
  char *label;
  char *manufacturer;
  char *model;
  char *serial;
  char *reader;
  InjTokenKind kind;
};

G_DEFINE_FINAL_TYPE (InjToken, inj_token, G_TYPE_OBJECT)

static void
inj_token_finalize (GObject *object)
{
  InjToken *self = INJ_TOKEN (object);

  g_free (self->module_name);
  g_free (self->label);
  g_free (self->manufacturer);
  g_free (self->model);
  g_free (self->serial);
  g_free (self->reader);
  G_OBJECT_CLASS (inj_token_parent_class)->finalize (object);
}

static void
inj_token_class_init (InjTokenClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = inj_token_finalize;
}

static void
inj_token_init (InjToken *self)
{
}

/* PKCS#11 strings are fixed-width, blank-padded and not terminated. */
char *
inj_pkcs11_string (const CK_UTF8CHAR *padded,
                   gsize length)
{
  gsize n = length;

  while (n > 0 && (padded[n - 1] == ' ' || padded[n - 1] == '\0'))
    n--;
  if (!g_utf8_validate ((const char *) padded, (gssize) n, NULL))
    return g_utf8_make_valid ((const char *) padded, (gssize) n);
  return g_strndup ((const char *) padded, n);
}

/* A My Number card as OpenSC presents it: the JPKI labels, "JPKI" as the
 * manufacturer and OpenSC's PKCS#15 emulation, in a hardware slot. A
 * software token that copies a label is not one. */
static InjTokenKind
classify (InjToken *self)
{
  if (!(self->slot_flags & CKF_HW_SLOT) || g_strcmp0 (self->manufacturer, "JPKI") != 0 ||
      g_strcmp0 (self->model, "PKCS#15 emulated") != 0)
    return INJ_TOKEN_KIND_OTHER;
  if (g_strcmp0 (self->label, INJ_JPKI_AUTH_LABEL) == 0)
    return INJ_TOKEN_KIND_JPKI_AUTH;
  if (g_strcmp0 (self->label, INJ_JPKI_SIGN_LABEL) == 0)
    return INJ_TOKEN_KIND_JPKI_SIGN;
  return INJ_TOKEN_KIND_OTHER;
}

InjToken *
inj_token_new (CK_FUNCTION_LIST *module,
               const char *module_name,
               CK_SLOT_ID slot,
               const CK_SLOT_INFO *slot_info,
               const CK_TOKEN_INFO *token_info)
{
  InjToken *self = g_object_new (INJ_TYPE_TOKEN, NULL);

  self->module = module;
  self->module_name = g_strdup (module_name);
  self->slot = slot;
  self->slot_flags = slot_info->flags;
  self->flags = token_info->flags;
  self->label = inj_pkcs11_string (token_info->label, sizeof token_info->label);
  self->manufacturer = inj_pkcs11_string (token_info->manufacturerID,
                                          sizeof token_info->manufacturerID);
  self->model = inj_pkcs11_string (token_info->model, sizeof token_info->model);
  self->serial = inj_pkcs11_string (token_info->serialNumber, sizeof token_info->serialNumber);
  self->reader = inj_pkcs11_string (slot_info->slotDescription, sizeof slot_info->slotDescription);
  self->kind = classify (self);
  return self;
}

CK_FUNCTION_LIST *
inj_token_get_module (InjToken *self)
{
  g_return_val_if_fail (INJ_IS_TOKEN (self), NULL);
  return self->module;
}

const char *
inj_token_get_module_name (InjToken *self)
{
  g_return_val_if_fail (INJ_IS_TOKEN (self), NULL);
  return self->module_name;
}

CK_SLOT_ID
inj_token_get_slot (InjToken *self)
{
  g_return_val_if_fail (INJ_IS_TOKEN (self), 0);
  return self->slot;
}

const char *
inj_token_get_label (InjToken *self)
{
  g_return_val_if_fail (INJ_IS_TOKEN (self), NULL);
  return self->label;
}

const char *
inj_token_get_manufacturer (InjToken *self)
{
  g_return_val_if_fail (INJ_IS_TOKEN (self), NULL);
  return self->manufacturer;
}

const char *
inj_token_get_model (InjToken *self)
{
  g_return_val_if_fail (INJ_IS_TOKEN (self), NULL);
  return self->model;
}

const char *
inj_token_get_serial (InjToken *self)
{
  g_return_val_if_fail (INJ_IS_TOKEN (self), NULL);
  return self->serial;
}

const char *
inj_token_get_reader (InjToken *self)
{
  g_return_val_if_fail (INJ_IS_TOKEN (self), NULL);
  return self->reader;
}

CK_FLAGS
inj_token_get_flags (InjToken *self)
{
  g_return_val_if_fail (INJ_IS_TOKEN (self), 0);
  return self->flags;
}

InjTokenKind
inj_token_get_kind (InjToken *self)
{
  g_return_val_if_fail (INJ_IS_TOKEN (self), INJ_TOKEN_KIND_OTHER);
  return self->kind;
}

gboolean
inj_token_is_my_number (InjToken *self)
{
  return inj_token_get_kind (self) != INJ_TOKEN_KIND_OTHER;
}

static const char *
class_name (CK_OBJECT_CLASS c)
{
  switch (c)
    {
    case CKO_CERTIFICATE:
      return "certificate";
    case CKO_PUBLIC_KEY:
      return "public-key";
    case CKO_PRIVATE_KEY:
      return "private-key";
    case CKO_DATA:
      return "data";
    case CKO_SECRET_KEY:
      return "secret-key";
    case 9UL: /* CKO_PROFILE (PKCS#11 3.0; not in p11-kit 0.24's header) */
      return "profile";
    default:
      return "other";
    }
}

static const char *
mechanism_name (CK_MECHANISM_TYPE m)
{
  switch (m)
    {
#define M(x) case x: return #x
    M (CKM_RSA_PKCS);
    M (CKM_RSA_X_509);
    M (CKM_RSA_PKCS_PSS);
    M (CKM_SHA1_RSA_PKCS);
    M (CKM_SHA224_RSA_PKCS);
    M (CKM_SHA256_RSA_PKCS);
    M (CKM_SHA384_RSA_PKCS);
    M (CKM_SHA512_RSA_PKCS);
    M (CKM_SHA1_RSA_PKCS_PSS);
    M (CKM_SHA256_RSA_PKCS_PSS);
    M (CKM_MD5);
    M (CKM_SHA_1);
    M (CKM_SHA224);
    M (CKM_SHA256);
    M (CKM_SHA384);
    M (CKM_SHA512);
    M (CKM_MD5_RSA_PKCS);
    M (CKM_RIPEMD160_RSA_PKCS);
    M (CKM_RIPEMD160);
    M (CKM_GOSTR3411);
#undef M
    default:
      return NULL;
    }
}

/* A stable description of what the module exposes for this token before
 * any login: its flags, mechanisms and objects with the attributes that
 * matter to us (never a value). Support staff read it; tests keep it as a
 * golden snapshot so that a change of OpenSC is seen and reviewed. */
char *
inj_token_describe (InjToken *self,
                    GError **error)
{
  CK_FUNCTION_LIST *f = self->module;
  GString *out = g_string_new (NULL);
  CK_ULONG count = 0;
  g_autofree CK_MECHANISM_TYPE *mechs = NULL;
  CK_SESSION_HANDLE session;
  CK_RV rv;

  g_string_append_printf (out, "token: %s\nmanufacturer: %s\nmodel: %s\nserial: %s\n",
                          self->label, self->manufacturer, self->model, self->serial);
  g_string_append_printf (out, "flags:%s%s%s%s%s\n",
                          (self->flags & CKF_LOGIN_REQUIRED) ? " login-required" : "",
                          (self->flags & CKF_USER_PIN_INITIALIZED) ? " user-pin-initialized" : "",
                          (self->flags & CKF_PROTECTED_AUTHENTICATION_PATH) ? " protected-path" : "",
                          (self->flags & CKF_TOKEN_INITIALIZED) ? " token-initialized" : "",
                          (self->flags & CKF_WRITE_PROTECTED) ? " write-protected" : "");

  rv = f->C_GetMechanismList (self->slot, NULL, &count);
  if (rv == CKR_OK && count > 0)
    {
      mechs = g_new0 (CK_MECHANISM_TYPE, count);
      rv = f->C_GetMechanismList (self->slot, mechs, &count);
    }
  if (rv != CKR_OK)
    goto failed;
  for (CK_ULONG i = 0; i < count; i++)
    {
      CK_MECHANISM_INFO info;
      const char *name = mechanism_name (mechs[i]);
      if (f->C_GetMechanismInfo (self->slot, mechs[i], &info) != CKR_OK)
        continue;
      if (name)
        g_string_append_printf (out, "mechanism: %s", name);
      else
        g_string_append_printf (out, "mechanism: 0x%08lx", (gulong) mechs[i]);
      g_string_append_printf (out, " bits %lu-%lu%s%s%s%s\n", (gulong) info.ulMinKeySize,
                              (gulong) info.ulMaxKeySize, (info.flags & CKF_SIGN) ? " sign" : "",
                              (info.flags & CKF_VERIFY) ? " verify" : "",
                              (info.flags & CKF_DECRYPT) ? " decrypt" : "",
                              (info.flags & CKF_HW) ? " hw" : "");
    }

  rv = f->C_OpenSession (self->slot, CKF_SERIAL_SESSION, NULL, NULL, &session);
  if (rv != CKR_OK)
    goto failed;
  rv = f->C_FindObjectsInit (session, NULL, 0);
  if (rv == CKR_OK)
    {
      CK_OBJECT_HANDLE objects[64];
      CK_ULONG found = 0;
      rv = f->C_FindObjects (session, objects, G_N_ELEMENTS (objects), &found);
      f->C_FindObjectsFinal (session);
      for (CK_ULONG i = 0; rv == CKR_OK && i < found; i++)
        {
          CK_OBJECT_CLASS klass = (CK_OBJECT_CLASS) -1;
          CK_BBOOL priv = CK_FALSE, token = CK_FALSE;
          guint8 id[32];
          CK_UTF8CHAR label[128];
          CK_ULONG bits = 0;
          CK_ATTRIBUTE attrs[] = {
            { CKA_CLASS, &klass, sizeof klass },
            { CKA_PRIVATE, &priv, sizeof priv },
            { CKA_TOKEN, &token, sizeof token },
            { CKA_ID, id, sizeof id },
            { CKA_LABEL, label, sizeof label },
          };
          g_autofree char *text_label = NULL;
          f->C_GetAttributeValue (session, objects[i], attrs, G_N_ELEMENTS (attrs));
          text_label = attrs[4].ulValueLen != (CK_ULONG) -1
                         ? inj_pkcs11_string (label, attrs[4].ulValueLen) : g_strdup ("?");
          g_string_append_printf (out, "object: %s \"%s\" id=", class_name (klass), text_label);
          for (CK_ULONG k = 0; attrs[3].ulValueLen != (CK_ULONG) -1 && k < attrs[3].ulValueLen; k++)
            g_string_append_printf (out, "%02x", id[k]);
          g_string_append_printf (out, "%s%s", priv ? " private" : "", token ? " token" : "");
          if (klass == CKO_PUBLIC_KEY || klass == CKO_PRIVATE_KEY)
            {
              CK_BBOOL sign = CK_FALSE, always = CK_FALSE;
              CK_ATTRIBUTE key_attrs[] = {
                { CKA_MODULUS_BITS, &bits, sizeof bits },
                { CKA_SIGN, &sign, sizeof sign },
                { CKA_ALWAYS_AUTHENTICATE, &always, sizeof always },
              };
              f->C_GetAttributeValue (session, objects[i], key_attrs, G_N_ELEMENTS (key_attrs));
              if (key_attrs[0].ulValueLen != (CK_ULONG) -1)
                g_string_append_printf (out, " bits=%lu", (gulong) bits);
              if (klass == CKO_PRIVATE_KEY)
                g_string_append_printf (out, "%s%s", sign ? " sign" : "",
                                        always ? " always-authenticate" : "");
            }
          g_string_append_c (out, '\n');
        }
    }
  f->C_CloseSession (session);
  if (rv != CKR_OK)
    goto failed;
  return g_string_free (out, FALSE);

failed:
  g_string_free (out, TRUE);
  inj_pkcs11_set_error (error, rv, INJ_PIN_SIGN, -1);
  return NULL;
}
