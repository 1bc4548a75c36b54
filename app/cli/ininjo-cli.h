/* ininjo-cli.h: what the CLI's verbs share. */
#pragma once

#include <gio/gio.h>

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

int ininjo_cli_sign               (int argc, char **argv);
int ininjo_cli_verify             (int argc, char **argv);
int ininjo_cli_package            (int argc, char **argv);
int ininjo_cli_agent_submit       (int argc, char **argv);
int ininjo_cli_agent_import       (int argc, char **argv);
int ininjo_cli_agent_request_code (int argc, char **argv);
int ininjo_cli_profile            (int argc, char **argv);
int ininjo_cli_upload             (int argc, char **argv);
int ininjo_cli_status             (int argc, char **argv);
int ininjo_cli_list               (int argc, char **argv);
int ininjo_cli_show_stored        (int argc, char **argv);
int ininjo_cli_renew              (int argc, char **argv);
int ininjo_cli_validity           (int argc, char **argv);
int ininjo_cli_audit              (int argc, char **argv);
int ininjo_cli_diagnose           (int argc, char **argv);

G_END_DECLS
