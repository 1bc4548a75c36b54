/* inj-problem.h: one precise finding about a delegation or its file. */
#pragma once

#include <glib-object.h>

#include "inj-field.h"
#include "inj-types.h"

G_BEGIN_DECLS

typedef enum {
  INJ_PROBLEM_NONE = 0,
  /* text */
  INJ_PROBLEM_REQUIRED,
  INJ_PROBLEM_TOO_LONG,
  INJ_PROBLEM_INVALID_UTF8,
  INJ_PROBLEM_SURROGATE,
  INJ_PROBLEM_CONTROL_CHARACTER,
  INJ_PROBLEM_BIDI_CONTROL,
  INJ_PROBLEM_LINE_BREAK,
  INJ_PROBLEM_NOT_NORMALIZED,
  INJ_PROBLEM_NOT_APPLICABLE,
  /* items */
  INJ_PROBLEM_KIND_UNKNOWN,
  INJ_PROBLEM_CORPORATE_NUMBER_FORMAT,
  INJ_PROBLEM_CORPORATE_NUMBER_CHECK_DIGIT,
  INJ_PROBLEM_DATE_FORMAT,
  INJ_PROBLEM_DATE_INVALID,
  INJ_PROBLEM_DATE_OFFSET,
  INJ_PROBLEM_PERIOD_ORDER,
  INJ_PROBLEM_PERIOD_END_PAST,
  INJ_PROBLEM_BIRTH_DATE_RANGE,
  INJ_PROBLEM_QUALIFICATION_UNKNOWN,
  INJ_PROBLEM_REGISTRATION_NUMBER_REQUIRED,
  INJ_PROBLEM_IDENTIFIER_FORMAT,
  INJ_PROBLEM_URL,
  INJ_PROBLEM_ID_FORMAT,
  INJ_PROBLEM_SUPERSEDES_SELF,
  /* structure of a file */
  INJ_PROBLEM_MISSING_ITEM,
  INJ_PROBLEM_UNEXPECTED_ITEM,
  INJ_PROBLEM_DUPLICATE_ITEM,
  INJ_PROBLEM_SCHEMA_VALUE,
  INJ_PROBLEM_UNKNOWN_KEY,
  /* the account's 基本情報 */
  INJ_PROBLEM_PHONE_NUMBER,
  /* 復代理の可否 neither allowed nor not-allowed */
  INJ_PROBLEM_SUBDELEGATION_UNKNOWN,
} InjProblemCode;

#define INJ_TYPE_PROBLEM (inj_problem_get_type ())

struct _InjProblem {
  InjField field;
  InjProblemCode code;
  int line;        /* 1-based line in the file it came from, or 0 */
  char *message;   /* translated, names the item; never holds a secret */
};

GType       inj_problem_get_type (void) G_GNUC_CONST;
InjProblem *inj_problem_new      (InjField field,
                                  InjProblemCode code,
                                  int line,
                                  const char *message);
InjProblem *inj_problem_copy     (const InjProblem *problem);
void        inj_problem_free     (InjProblem *problem);
char       *inj_problem_to_string(const InjProblem *problem);
const char *inj_problem_code_nick(InjProblemCode code);
void        inj_problems_set_error(GPtrArray *problems,
                                  GError **error,
                                  GQuark domain,
                                  int code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjProblem, inj_problem_free)

G_END_DECLS
