/* inj-password-dialog.h: the GTlsInteraction of the window, which asks the
 * card's PIN or signing password in a modal dialog that says whose secret
 * it is, what it is for, and how many tries are left. */
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

/* What a secret is asked for: the dialog names the secret, the reason and
 * the button after it. */
typedef enum {
  INJ_PROMPT_UNSPECIFIED = 0,
  INJ_PROMPT_SIGN_DELEGATION,   /* the representative signs a delegation */
  INJ_PROMPT_AGENT_SIGN,        /* the agent signs their submission */
  INJ_PROMPT_AGENT_READ,        /* the agent's signing certificate is read */
  INJ_PROMPT_CONNECT,           /* the authentication PIN, to reach the service */
  INJ_PROMPT_SIGN_TERMINATION,  /* the representative signs a delegation's end */
  INJ_PROMPT_SIGN_ACCOUNT,      /* a statement of the account or of a recipient */
} InjPromptPurpose;

/* Marks @password: asked for @purpose; @subject names what is signed (the
 * delegation, in the list's words) or is NULL. */
void             inj_prompt_set_purpose      (GTlsPassword *password,
                                              InjPromptPurpose purpose,
                                              const char *subject);
InjPromptPurpose inj_prompt_get_purpose      (GTlsPassword *password,
                                              const char **subject);

/* The words of the question for @password: every string set is newly
 * allocated. */
typedef struct {
  char *heading;   /* whose secret */
  char *body;      /* for what, and the tries left when the card said them */
  char *hint;      /* its form, or "" */
  char *accept;    /* the verb of the button that answers */
} InjPromptText;

void inj_prompt_text_init  (InjPromptText *text,
                            GTlsPassword *password);
void inj_prompt_text_clear (InjPromptText *text);

/* A GTlsInteraction for one workflow: every password asked through it is
 * marked with @purpose and @subject, then asked through @inner (the
 * window's). Made on the main thread. */
GTlsInteraction *inj_prompt_interaction_new  (GTlsInteraction *inner,
                                              InjPromptPurpose purpose,
                                              const char *subject);

G_END_DECLS
