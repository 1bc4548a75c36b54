/* inj-welcome.h: the first start: who will use Ininjo here, which only
 * sets the page the window opens on (the start-role setting). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INJ_TYPE_WELCOME (inj_welcome_get_type ())
G_DECLARE_FINAL_TYPE (InjWelcome, inj_welcome, INJ, WELCOME, GtkWidget)

GtkWidget *inj_welcome_new        (void);
/* The row that chooses @role ("representative", "agent", "support"). */
GtkWidget *inj_welcome_get_choice (InjWelcome *self,
                                   const char *role);

G_END_DECLS
