/* inj-secret.c */
#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "inj-secret.h"

struct _InjSecret {
  gint ref_count;
  gsize length;
  gsize capacity;
  char *data; /* NUL-terminated, locked in RAM where the system allows */
};

G_DEFINE_BOXED_TYPE (InjSecret, inj_secret, inj_secret_ref, inj_secret_unref)

/* explicit_bzero cannot be optimised away, unlike a memset before free. */
void
inj_wipe (gpointer data,
          gsize length)
{
  if (data != NULL && length > 0)
    explicit_bzero (data, length);
}

InjSecret *
inj_secret_new (const char *text,
                gssize length)
{
  InjSecret *self = g_new0 (InjSecret, 1);
  gsize len = text == NULL ? 0 : (length < 0 ? strlen (text) : (gsize) length);

  self->ref_count = 1;
  self->length = len;
  self->capacity = len + 1;
  self->data = g_malloc0 (self->capacity);
  /* Keep it out of swap; failing that (RLIMIT_MEMLOCK) is not fatal. */
  (void) mlock (self->data, self->capacity);
  if (len > 0)
    memcpy (self->data, text, len);
  return self;
}

InjSecret *
inj_secret_ref (InjSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);
  g_atomic_int_inc (&secret->ref_count);
  return secret;
}

void
inj_secret_unref (InjSecret *secret)
{
  if (secret == NULL || !g_atomic_int_dec_and_test (&secret->ref_count))
    return;
  inj_wipe (secret->data, secret->capacity);
  (void) munlock (secret->data, secret->capacity);
  g_free (secret->data);
  g_free (secret);
}

const char *
inj_secret_get (const InjSecret *secret,
                gsize *length)
{
  g_return_val_if_fail (secret != NULL, NULL);
  if (length)
    *length = secret->length;
  return secret->data;
}

gsize
inj_secret_length (const InjSecret *secret)
{
  g_return_val_if_fail (secret != NULL, 0);
  return secret->length;
}

/* The signing password is A–Z and 0–9; people type it in lower case too. */
void
inj_secret_upcase (InjSecret *secret)
{
  g_return_if_fail (secret != NULL);
  for (gsize i = 0; i < secret->length; i++)
    secret->data[i] = g_ascii_toupper (secret->data[i]);
}
