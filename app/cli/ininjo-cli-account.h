/* ininjo-cli-account.c and ininjo-cli-account-info.c: the 基本情報 (and a
 * recipient's items) as the account verbs read, ask and show them. Only
 * app/cli/ includes it. */
#pragma once

#include "inj-app.h"

G_BEGIN_DECLS

/* From the input file @input ([account] or [recipient], see
 * data/examples/account-*.ini), or asked on the terminal when @input is
 * NULL; checked, NULL after saying why. */
InjAccountInfo *cli_account_info_from      (const char *input,
                                            gboolean recipient);
/* One item a line, personal data masked unless @reveal. */
void            cli_account_print_info     (InjAccountInfo *info,
                                            gboolean reveal);
/* The items that differ, "label: old → new", masked unless @reveal. */
void            cli_account_print_changes  (InjAccountInfo *old,
                                            InjAccountInfo *new,
                                            gboolean reveal);
/* One line from the terminal after @question; NULL at the end of input. */
char           *cli_account_ask            (const char *question);

G_END_DECLS
