/* card-support.h: the virtual card from a test's point of view. Runs
 * inside with-card.sh (a private pcscd with the vpcd reader). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "inj-pkcs11.h"

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  char *dir;
  char *log;
  char *control;
  char *persona;
} TestVcard;

TestVcard   *test_vcard_start        (const char *persona,
                                      const char *const *extra_args);
void         test_vcard_stop         (TestVcard *vc);
char        *test_vcard_control      (TestVcard *vc,
                                      const char *command);
GPtrArray   *test_vcard_log          (TestVcard *vc);
guint        test_vcard_count        (TestVcard *vc,
                                      const char *ins,
                                      const char *ef,
                                      gboolean with_data);
char        *test_persona_path       (const char *persona,
                                      const char *file);
char        *test_persona_value      (const char *persona,
                                      const char *group,
                                      const char *key);
gboolean     test_wait_card          (gboolean present,
                                      guint timeout_ms);

/* A GTlsInteraction that answers with a fixed password and counts how
 * often it was asked. */
#define TEST_TYPE_INTERACTION (test_interaction_get_type ())
G_DECLARE_FINAL_TYPE (TestInteraction, test_interaction, TEST, INTERACTION, GTlsInteraction)
TestInteraction *test_interaction_new    (const char *password);
guint            test_interaction_asked  (TestInteraction *self);
GTlsPasswordFlags test_interaction_flags (TestInteraction *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestVcard, test_vcard_stop)

G_END_DECLS
