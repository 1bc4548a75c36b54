/* inj-wrap.c: Japanese lines that break between words (see inj-wrap.h). */
#include "config.h"

#include "inj-wrap.h"

typedef enum {
  RUN_OTHER,
  RUN_HIRAGANA,
  RUN_KATAKANA,
  RUN_KANJI,
  RUN_ASCII,
} RunKind;

/* Beyond these lengths (in characters) a run may break again, so that
 * nothing overflows a narrow label. */
static guint
longest_kept (RunKind kind)
{
  switch (kind)
    {
    case RUN_HIRAGANA:
      return 8;
    case RUN_KATAKANA:
      return 12;
    case RUN_KANJI:
      return 6;
    case RUN_ASCII:
      return 40;          /* a UUID is 36 */
    case RUN_OTHER:
    default:
      return 0;
    }
}

static RunKind
kind_of (gunichar c)
{
  if (c >= 0x3041 && c <= 0x309F)
    return RUN_HIRAGANA;
  /* katakana and the long vowel mark, not the middle dot ・ */
  if ((c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC)
    return RUN_KATAKANA;
  if ((c >= 0x4E00 && c <= 0x9FFF) || c == 0x3005)
    return RUN_KANJI;
  if (c > 0x20 && c < 0x7F)
    return RUN_ASCII;
  return RUN_OTHER;
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
      RunKind kind = kind_of (g_utf8_get_char (p));
      const char *start = p;
      guint length = 0;

      while (*p && kind_of (g_utf8_get_char (p)) == kind)
        {
          p = g_utf8_next_char (p);
          length++;
        }
      if (kind != RUN_OTHER && length >= 2 && length <= longest_kept (kind))
        {
          PangoAttribute *keep = pango_attr_allow_breaks_new (FALSE);

          keep->start_index = start - text;
          keep->end_index = p - text;
          pango_attr_list_insert (attrs, keep);
        }
    }
  return attrs;
}

/* The label's own attributes (bold, scale from its template) are kept:
 * the no-break ranges are added to a copy of those it had at first. */
static void
apply (GtkLabel *label)
{
  PangoAttrList *base = g_object_get_data (G_OBJECT (label), "inj-wrap-base");
  g_autoptr(PangoAttrList) attrs = base ? pango_attr_list_copy (base) : pango_attr_list_new ();
  g_autoptr(PangoAttrList) keep = inj_wrap_attributes (gtk_label_get_text (label));
  GSList *list = pango_attr_list_get_attributes (keep);

  for (GSList *l = list; l; l = l->next)
    pango_attr_list_insert (attrs, l->data);
  g_slist_free (list);
  gtk_label_set_attributes (label, attrs);
}

static void
label_changed (GtkLabel *label,
               GParamSpec *pspec,
               gpointer data)
{
  apply (label);
}

void
inj_wrap_label (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  if (!g_object_get_data (G_OBJECT (label), "inj-wrap"))
    {
      PangoAttrList *base = gtk_label_get_attributes (label);

      g_object_set_data (G_OBJECT (label), "inj-wrap", GINT_TO_POINTER (TRUE));
      if (base)
        g_object_set_data_full (G_OBJECT (label), "inj-wrap-base", pango_attr_list_copy (base),
                                (GDestroyNotify) pango_attr_list_unref);
      g_signal_connect (label, "notify::label", G_CALLBACK (label_changed), NULL);
    }
  apply (label);
}

void
inj_wrap_set_text (GtkLabel *label,
                   const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_use_markup (label, FALSE);
  gtk_label_set_text (label, text ? text : "");
  inj_wrap_label (label);
}

void
inj_wrap_labels_in (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_LABEL (widget))
    inj_wrap_label (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    inj_wrap_labels_in (child);
}
