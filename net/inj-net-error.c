/* inj-net-error.c: the net/ error domain. An extended GError carries what
 * a caller needs besides the message: the HTTP status, the problem's type,
 * and how many times the request was sent. */
#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "inj-net-private.h"

typedef struct {
  char *problem_type;
  guint http_status;
  guint attempts;
} InjNetErrorPrivate;

static void
inj_net_error_private_init (InjNetErrorPrivate *priv)
{
  priv->problem_type = NULL;
  priv->http_status = 0;
  priv->attempts = 0;
}

static void
inj_net_error_private_copy (const InjNetErrorPrivate *src,
                            InjNetErrorPrivate *dest)
{
  dest->problem_type = g_strdup (src->problem_type);
  dest->http_status = src->http_status;
  dest->attempts = src->attempts;
}

static void
inj_net_error_private_clear (InjNetErrorPrivate *priv)
{
  g_clear_pointer (&priv->problem_type, g_free);
}

G_DEFINE_EXTENDED_ERROR (InjNetError, inj_net_error)

void
inj_net_set_error (GError **error,
                   InjNetError code,
                   guint http_status,
                   const char *problem_type,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  InjNetErrorPrivate *priv;
  GError *e;
  va_list args;

  if (error == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  e = g_error_new_literal (INJ_NET_ERROR, code, message);
  priv = inj_net_error_get_private (e);
  priv->http_status = http_status;
  priv->problem_type = g_strdup (problem_type);
  g_propagate_error (error, e);
}

void
inj_net_error_set_attempts (GError *error,
                            guint attempts)
{
  if (error != NULL && error->domain == INJ_NET_ERROR)
    inj_net_error_get_private (error)->attempts = attempts;
}

const char *
inj_net_error_problem_type (const GError *error)
{
  if (error == NULL || error->domain != INJ_NET_ERROR)
    return NULL;
  return inj_net_error_get_private (error)->problem_type;
}

guint
inj_net_error_http_status (const GError *error)
{
  if (error == NULL || error->domain != INJ_NET_ERROR)
    return 0;
  return inj_net_error_get_private (error)->http_status;
}

guint
inj_net_error_attempts (const GError *error)
{
  if (error == NULL || error->domain != INJ_NET_ERROR)
    return 0;
  return inj_net_error_get_private (error)->attempts;
}

/* Text that came from the network (a problem's detail, a Location) goes
 * into messages a person reads: valid UTF-8, no control or bidirectional
 * formatting characters, and not a novel. */
char *
inj_net_sanitize (const char *text,
                  gssize length,
                  gsize max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", length);
  GString *out = g_string_new (NULL);
  gsize count = 0;

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (count == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT
          || type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        c = ' ';
      g_string_append_unichar (out, c);
      count++;
    }
  return g_strstrip (g_string_free (out, FALSE));
}

/* ---------------------------------------------------------------- PIN */

struct _InjNetPin {
  gsize capacity;
  char *data; /* NUL-terminated: libcurl takes a C string */
};

InjNetPin *
inj_net_pin_new (const char *value,
                 gsize length)
{
  InjNetPin *pin = g_new0 (InjNetPin, 1);

  pin->capacity = length + 1;
  pin->data = g_malloc0 (pin->capacity);
  /* Out of swap where RLIMIT_MEMLOCK allows; not fatal otherwise. */
  (void) mlock (pin->data, pin->capacity);
  memcpy (pin->data, value, length);
  return pin;
}

const char *
inj_net_pin_get (const InjNetPin *pin)
{
  return pin->data;
}

void
inj_net_pin_free (InjNetPin *pin)
{
  if (pin == NULL)
    return;
  /* explicit_bzero, unlike memset before free, is not optimised away. */
  explicit_bzero (pin->data, pin->capacity);
  (void) munlock (pin->data, pin->capacity);
  g_free (pin->data);
  g_free (pin);
}
