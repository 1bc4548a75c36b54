/* test-service-support.h: what the UI tests of the service pages share:
 * the user's data in a temporary XDG_DATA_HOME, the settings pointed at a
 * local service (tests/net/net-support.h starts it), packages made with
 * the personas' software keys and put in the outbox, the service's
 * database, and a GTlsInteraction that answers and counts. */
#pragma once

#include <adwaita.h>

#include "inj-session.h"
#include "net-support.h"

G_BEGIN_DECLS

/* In main(), before anything reads the user's directories. */
void      test_data_home_init     (void);
/* Empties $XDG_DATA_HOME/ininjo (the outbox, sent/, drafts). */
void      test_data_home_clear    (void);
void      test_data_home_cleanup  (void);

/* service-url, service-ca, the client credential ("file": the PKI's
 * client certificate and key; "card"), and the personas' signing CA as a
 * trust anchor. */
void      test_settings_for_service (GSettings *settings,
                                     TestService *svc,
                                     gboolean card);

/* make-package with @args (NULL-terminated: --expired, --supersedes ID,
 * --name TEXT…), its files put in the outbox; returns the 電子委任状ID and
 * the package's directory. */
char     *test_outbox_package     (const char *const *args,
                                   char **dir);

/* Rows of the service's receipts table for @id (sqlite3). */
guint     test_service_rows       (TestService *svc,
                                   const char *id);
char     *test_service_principal  (TestService *svc,
                                   const char *id);

char     *test_package_value      (const char *folder,
                                   const char *id,
                                   const char *key);

/* A persona's [group] key from its persona.ini. */
char     *test_persona_ini        (const char *persona,
                                   const char *group,
                                   const char *key);

/* Answers with a fixed password and counts the questions. */
#define TEST_TYPE_PIN_INTERACTION (test_pin_interaction_get_type ())
G_DECLARE_FINAL_TYPE (TestPinInteraction, test_pin_interaction, TEST, PIN_INTERACTION,
                      GTlsInteraction)
TestPinInteraction *test_pin_interaction_new   (const char *password);
guint               test_pin_interaction_asked (TestPinInteraction *self);
/* The authentication PIN for its questions, the signing password for the
 * others (a card's two secrets). */
void                test_pin_interaction_set_passwords (TestPinInteraction *self,
                                                        const char *auth_pin,
                                                        const char *sign_password);

/* Runs the main loop until @object's int or boolean property @name
 * differs from @value (or the time is up); returns whether it did. */
gboolean  test_wait_property_not  (gpointer object,
                                   const char *name,
                                   int value,
                                   guint timeout_ms);

G_END_DECLS
