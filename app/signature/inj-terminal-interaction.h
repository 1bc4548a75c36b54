/* inj-terminal-interaction.h: asks for a PIN on the terminal without echo,
 * or reads it from a file descriptor (--password-fd), never from argv. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define INJ_TYPE_TERMINAL_INTERACTION (inj_terminal_interaction_get_type ())
G_DECLARE_FINAL_TYPE (InjTerminalInteraction, inj_terminal_interaction, INJ,
                      TERMINAL_INTERACTION, GTlsInteraction)

GTlsInteraction *inj_terminal_interaction_new (int password_fd);

G_END_DECLS
