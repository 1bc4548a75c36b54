/* ininjo-cli.h: what the CLI's verbs share, and the handlers of the verb
 * table (ininjo-cli-verbs.c), one block a group file. Only app/cli/
 * includes it. */
#pragma once

#include <gio/gio.h>

#include "inj-trust.h"

G_BEGIN_DECLS

enum {
  EXIT_OK = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
  EXIT_IO = 3,
  EXIT_CANCELLED = 4,
  EXIT_CARD = 5,
  EXIT_NETWORK = 6,
};

typedef struct {
  const char *name;
  const char *args;
  const char *summary;
  int (*run) (int argc, char **argv);
} Verb;

/* A row of the verb table: the group is the file that runs the verb,
 * ininjo-cli-GROUP.c. */
typedef struct {
  const char *group;
  Verb verb;
} CliVerb;

/* ininjo-cli-verbs.c */
extern const CliVerb ininjo_cli_verbs[];
extern const guint ininjo_cli_n_verbs;
const Verb *ininjo_cli_find_verb (const char *name);

/* ininjo-cli-common.c */

void     print_problems     (const char *file,
                             GPtrArray *problems);
/* The verb running now ("sign", "upload", …): the step of a failure noted
 * for support (inj_diagnostics_note_failure). */
extern const char *cli_step;

int      report_failure     (const char *file,
                             const GError *error,
                             GPtrArray *problems);
gboolean parse_verb_options (const Verb *verb,
                             const GOptionEntry *entries,
                             const char *description,
                             int *argc,
                             char ***argv);
gboolean write_output       (const char *path,
                             GBytes *bytes,
                             gboolean force,
                             GError **error);

/* ininjo-cli-card.c: prints what the card in @reader says without a PIN
 * (kind, EF 0008, signing certificate, and when @tokens_seen is FALSE its
 * PINs); FALSE when it has no JPKI application. @reason: a failure reason
 * word for a locked PIN or a card without signing, else NULL. */
gboolean ininjo_cli_print_card_probe (const char *reader,
                                      gboolean tokens_seen,
                                      const char **reason);

/* ininjo-cli-local.c: takes --allow-unencrypted out of @argv and sets the
 * vault's policy from it and the setting. */
void ininjo_cli_take_vault_policy (int *argc, char **argv);

/* The verbs' handlers, a block a group */
int ininjo_cli_new                (int argc, char **argv);  /* ininjo-cli-document.c */
int ininjo_cli_validate           (int argc, char **argv);
int ininjo_cli_show               (int argc, char **argv);
int ininjo_cli_render             (int argc, char **argv);  /* ininjo-cli-render.c */
int ininjo_cli_card               (int argc, char **argv);  /* ininjo-cli-card.c */
int ininjo_cli_sign               (int argc, char **argv);  /* ininjo-cli-sign.c */
int ininjo_cli_verify             (int argc, char **argv);
int ininjo_cli_package            (int argc, char **argv);
int ininjo_cli_agent              (int argc, char **argv);
int ininjo_cli_agent_submit       (int argc, char **argv);
int ininjo_cli_agent_import       (int argc, char **argv);
int ininjo_cli_agent_request_code (int argc, char **argv);
int ininjo_cli_profile            (int argc, char **argv);  /* ininjo-cli-service.c */
int ininjo_cli_upload             (int argc, char **argv);
int ininjo_cli_status             (int argc, char **argv);
int ininjo_cli_list               (int argc, char **argv);
int ininjo_cli_show_stored        (int argc, char **argv);
int ininjo_cli_renew              (int argc, char **argv);
int ininjo_cli_validity           (int argc, char **argv);
int ininjo_cli_diagnose           (int argc, char **argv);
int ininjo_cli_audit              (int argc, char **argv);  /* ininjo-cli-audit.c */
int ininjo_cli_erase              (int argc, char **argv);  /* ininjo-cli-local.c */
int ininjo_cli_account            (int argc, char **argv);  /* ininjo-cli-account.c */
int ininjo_cli_recipient          (int argc, char **argv);
int ininjo_cli_terminate          (int argc, char **argv);

/* ininjo-cli-config.c: the settings shared with the window, the old
 * ininjo.ini imported (and what was done said on stderr) at the first call. */
int        ininjo_cli_config        (int argc, char **argv);
GSettings *ininjo_cli_open_settings (GError **error);
/* Without the option, the pkcs11-module setting; the trust-anchors setting
 * added to the --trust files. Nothing when the schema is not installed. */
void       ininjo_cli_default_modules   (char ***modules);
void       ininjo_cli_add_trust_anchors (char ***trust);
/* The JPKI signing roots, the trust-anchors setting and the --trust files
 * (@trust, the option's list, gets the setting's files added). */
InjTrustStore *ininjo_cli_trust_store   (char ***trust,
                                         GError **error);

G_END_DECLS
