/* inj-wrap.h: Japanese lines that break between words.
 *
 * Pango breaks Japanese text between almost any two characters, so a
 * narrow label reads 「取り消せま／せん」 or splits a UUID at its hyphens.
 * These keep short runs together: a katakana word, a kanji compound, a
 * hiragana run (「ません」, 「してください」) and a token of ASCII without
 * spaces (an ID, a receipt number), each up to a length beyond which it
 * may break as before (a SHA-256 fingerprint still wraps). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The no-break ranges of @text, as Pango attributes (byte indices). */
PangoAttrList *inj_wrap_attributes (const char *text);
/* Keeps @label's words together now and whenever its text changes. */
void           inj_wrap_label      (GtkLabel *label);
/* Sets @text as plain text (never markup) and keeps its words together. */
void           inj_wrap_set_text   (GtkLabel *label,
                                    const char *text);
/* The same for every label inside @widget (a row's title and subtitle). */
void           inj_wrap_labels_in  (GtkWidget *widget);

G_END_DECLS
