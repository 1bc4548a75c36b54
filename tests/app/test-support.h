/* test-support.h: shared fixtures for the app/ tests. Synthetic data only. */
#pragma once

#include "inj-app.h"

G_BEGIN_DECLS

GDateTime         *test_now                 (void);
InjServiceProfile *test_profile             (void);
InjDelegation     *test_corporation         (void);
InjDelegation     *test_sole_proprietor     (void);
gboolean           test_has_problem         (GPtrArray *problems,
                                             InjField field,
                                             InjProblemCode code);
void               test_assert_problem      (GPtrArray *problems,
                                             InjField field,
                                             InjProblemCode code);
void               test_assert_no_problems  (GPtrArray *problems);
char              *test_read_corpus         (const char *name,
                                             gsize *length);
void               test_init                (int *argc,
                                             char ***argv);

G_END_DECLS
