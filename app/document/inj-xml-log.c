/* inj-xml-log.c: libxml2's and libxmlsec1's messages through the log. */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/errors.h>

#include "inj-xml-log.h"
#include "inj-xml-private.h"

#define LOG_LIBXML2 "libxml2"
#define LOG_XMLSEC "xmlsec"

/* A long message cut where it would fill the log; libxml2's own are short. */
#define MAX_PENDING 4096

static void
say (const char *domain,
     GLogLevelFlags level,
     const char *text)
{
  g_autofree char *line = g_strstrip (g_strdup (text ? text : ""));

  if (*line != '\0')
    g_log_structured (domain, level, "MESSAGE", "%s", line);
}

/* libxml2's texts quote the document ("Opening and ending tag mismatch: 氏名
 * …", a schema's "The value '…' is not accepted"), and a document that
 * failed to read never registered its names with the redaction layer: the
 * log keeps where and which error, never libxml2's words (security.md 16).
 * The code is enough to look the message up in libxml/xmlerror.h. */
void
_inj_xml_log_error (const xmlError *err,
                    GLogLevelFlags level)
{
  g_autofree char *text = NULL;

  if (err == NULL)
    return;
  if (err->line > 0)
    text = g_strdup_printf ("line %d: error %d (domain %d); its text is not logged", err->line,
                            err->code, err->domain);
  else
    text = g_strdup_printf ("error %d (domain %d); its text is not logged", err->code,
                            err->domain);
  say (LOG_LIBXML2, level, text);
}

static void
structured_cb (void *user_data,
               xmlErrorPtr err)
{
  _inj_xml_log_error (err, err && err->level == XML_ERR_WARNING ? G_LOG_LEVEL_DEBUG
                                                                : G_LOG_LEVEL_INFO);
}

static void
pending_free (gpointer data)
{
  g_string_free (data, TRUE);
}

/* The text of a generic message until its newline; libxml2 writes some in
 * pieces. */
/* The generic channel's lines are free text made from the document: only
 * that one was written is logged. */
static void
say_generic (gsize length)
{
  g_autofree char *text = NULL;

  if (length == 0)
    return;
  text = g_strdup_printf ("a message of %" G_GSIZE_FORMAT " bytes; its text is not logged", length);
  say (LOG_LIBXML2, G_LOG_LEVEL_INFO, text);
}

static GPrivate pending = G_PRIVATE_INIT (pending_free);

static void generic_cb (void *ctx,
                        const char *format,
                        ...) G_GNUC_PRINTF (2, 3);

static void
generic_cb (void *ctx,
            const char *format,
            ...)
{
  GString *text = g_private_get (&pending);
  va_list args;
  const char *nl;

  if (text == NULL)
    {
      text = g_string_new (NULL);
      g_private_set (&pending, text);
    }
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
  while ((nl = strchr (text->str, '\n')) != NULL)
    {
      say_generic (nl - text->str);
      g_string_erase (text, 0, nl - text->str + 1);
    }
  if (text->len > MAX_PENDING)
    {
      say_generic (text->len);
      g_string_truncate (text, 0);
    }
}

/* libxmlsec1's errors: one callback for the process (its default one
 * writes to libxml2's generic channel, and so to stderr). */
static void
xmlsec_cb (const char *file,
           int line,
           const char *func,
           const char *object,
           const char *subject,
           int reason,
           const char *msg)
{
  const char *what = NULL;

  for (xmlSecSize i = 0; i < XMLSEC_ERRORS_MAX_NUMBER && xmlSecErrorsGetMsg (i) != NULL; i++)
    if (xmlSecErrorsGetCode (i) == reason)
      {
        what = xmlSecErrorsGetMsg (i);
        break;
      }
  /* msg carries values ("subject=…" of a certificate, a node's content):
   * like libxml2's texts, it is not logged */
  g_log_structured (LOG_XMLSEC, G_LOG_LEVEL_INFO, "MESSAGE",
                    "%s: %s (object %s, subject %s, reason %d)", func ? func : "?",
                    what ? what : "an error", object ? object : "-", subject ? subject : "-",
                    reason);
}

/* Once per process: libxml2 initialised, our handlers the default of every
 * thread libxml2 sees from now on, libxmlsec1's callback. Then, for the
 * calling thread (which may have its own handlers already, or have had
 * them replaced): our handlers. Cheap enough for every entry into
 * libxml2. */
void
inj_xml_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      xmlInitParser ();
      xmlThrDefSetGenericErrorFunc (NULL, generic_cb);
      xmlThrDefSetStructuredErrorFunc (NULL, structured_cb);
      xmlSecErrorsSetCallback (xmlsec_cb);
      g_once_init_leave (&done, 1);
    }
  xmlSetGenericErrorFunc (NULL, generic_cb);
  xmlSetStructuredErrorFunc (NULL, structured_cb);
}
