/* inj-password-dialog.h: the GTlsInteraction of the window, which asks the
 * card's PIN or signing password in a modal dialog. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INJ_TYPE_PASSWORD_INTERACTION (inj_password_interaction_get_type ())
G_DECLARE_FINAL_TYPE (InjPasswordInteraction, inj_password_interaction, INJ,
                      PASSWORD_INTERACTION, GTlsInteraction)

/* @parent: the window the dialog is modal to (held weakly), or NULL. */
GTlsInteraction *inj_password_interaction_new        (GtkWindow *parent);

/* For tests: the dialog being shown and its password entry, or NULL. */
AdwMessageDialog *inj_password_interaction_get_dialog (InjPasswordInteraction *self);
GtkEditable      *inj_password_interaction_get_entry  (InjPasswordInteraction *self);

/* Whether @text (of @length bytes) has the form of the secret @password
 * asks for: 4 digits for the authentication PIN, 6–16 letters and digits
 * (either case) for the signing password, anything not empty otherwise. */
gboolean inj_password_text_acceptable (GTlsPassword *password,
                                       const char *text,
                                       gsize length);

G_END_DECLS
