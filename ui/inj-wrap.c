/* inj-wrap.c */
#include "config.h"

#include <string.h>

#include "inj-wrap.h"

/* Pango breaks Japanese between any two characters (UAX #14): a narrow
 * window would end a line on 「ませ」 and start the next with 「ん。」. */
static const char *const endings[] = {
  "ありません", "あります", "ください", "できます", "ません", "ました", "ます", "です",
};

static void
keep_together (PangoAttrList *attrs,
               gsize start,
               gsize end)
{
  PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

  attr->start_index = (guint) start;
  attr->end_index = (guint) end;
  pango_attr_list_insert (attrs, attr);
}

PangoAttrList *
inj_wrap_attributes (const char *text)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  const char *p = text;

  if (text == NULL)
    return attrs;
  while (*p)
    {
      gsize taken = 0;

      for (guint i = 0; i < G_N_ELEMENTS (endings) && taken == 0; i++)
        if (g_str_has_prefix (p, endings[i]))
          taken = strlen (endings[i]);
      if (taken == 0 && (g_ascii_isalnum (*p)))
        while (g_ascii_isalnum (p[taken]) || p[taken] == '-' || p[taken] == '_')
          taken++;
      if (taken > 1)
        keep_together (attrs, (gsize) (p - text), (gsize) (p - text) + taken);
      p = taken ? p + taken : g_utf8_next_char (p);
    }
  return attrs;
}

/* Sets @text with the attributes above (any others the label had are
 * replaced). */
void
inj_wrap_set_text (GtkLabel *label,
                   const char *text)
{
  g_autoptr(PangoAttrList) attrs = inj_wrap_attributes (text ? text : "");

  gtk_label_set_text (label, text ? text : "");
  gtk_label_set_attributes (label, attrs);
}
