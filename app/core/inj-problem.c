/* inj-problem.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-problem.h"

G_DEFINE_BOXED_TYPE (InjProblem, inj_problem, inj_problem_copy, inj_problem_free)

InjProblem *
inj_problem_new (InjField field,
                 InjProblemCode code,
                 int line,
                 const char *message)
{
  InjProblem *self = g_new0 (InjProblem, 1);

  self->field = field;
  self->code = code;
  self->line = line;
  self->message = g_strdup (message);
  return self;
}

InjProblem *
inj_problem_copy (const InjProblem *problem)
{
  return inj_problem_new (problem->field, problem->code, problem->line, problem->message);
}

void
inj_problem_free (InjProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

/* "12行目: 「…」…" when the line is known. */
char *
inj_problem_to_string (const InjProblem *problem)
{
  if (problem->line > 0)
    /* TRANSLATORS: a line number, then a problem's message */
    return g_strdup_printf (_("line %d: %s"), problem->line, problem->message);
  return g_strdup (problem->message);
}

/* Stable names for tests, scripts and the corpus manifest. */
const char *
inj_problem_code_nick (InjProblemCode code)
{
  static const char *const nicks[] = {
    [INJ_PROBLEM_NONE] = "none",
    [INJ_PROBLEM_REQUIRED] = "required",
    [INJ_PROBLEM_TOO_LONG] = "too-long",
    [INJ_PROBLEM_INVALID_UTF8] = "invalid-utf8",
    [INJ_PROBLEM_SURROGATE] = "surrogate",
    [INJ_PROBLEM_CONTROL_CHARACTER] = "control-character",
    [INJ_PROBLEM_BIDI_CONTROL] = "bidi-control",
    [INJ_PROBLEM_LINE_BREAK] = "line-break",
    [INJ_PROBLEM_NOT_NORMALIZED] = "not-normalized",
    [INJ_PROBLEM_NOT_APPLICABLE] = "not-applicable",
    [INJ_PROBLEM_KIND_UNKNOWN] = "kind-unknown",
    [INJ_PROBLEM_CORPORATE_NUMBER_FORMAT] = "corporate-number-format",
    [INJ_PROBLEM_CORPORATE_NUMBER_CHECK_DIGIT] = "corporate-number-check-digit",
    [INJ_PROBLEM_DATE_FORMAT] = "date-format",
    [INJ_PROBLEM_DATE_INVALID] = "date-invalid",
    [INJ_PROBLEM_DATE_OFFSET] = "date-offset",
    [INJ_PROBLEM_PERIOD_ORDER] = "period-order",
    [INJ_PROBLEM_PERIOD_END_PAST] = "period-end-past",
    [INJ_PROBLEM_BIRTH_DATE_RANGE] = "birth-date-range",
    [INJ_PROBLEM_QUALIFICATION_UNKNOWN] = "qualification-unknown",
    [INJ_PROBLEM_REGISTRATION_NUMBER_REQUIRED] = "registration-number-required",
    [INJ_PROBLEM_IDENTIFIER_FORMAT] = "identifier-format",
    [INJ_PROBLEM_URL] = "url",
    [INJ_PROBLEM_ID_FORMAT] = "id-format",
    [INJ_PROBLEM_SUPERSEDES_SELF] = "supersedes-self",
    [INJ_PROBLEM_MISSING_ITEM] = "missing-item",
    [INJ_PROBLEM_UNEXPECTED_ITEM] = "unexpected-item",
    [INJ_PROBLEM_DUPLICATE_ITEM] = "duplicate-item",
    [INJ_PROBLEM_SCHEMA_VALUE] = "schema-value",
    [INJ_PROBLEM_UNKNOWN_KEY] = "unknown-key",
    [INJ_PROBLEM_PHONE_NUMBER] = "phone-number",
    [INJ_PROBLEM_SUBDELEGATION_UNKNOWN] = "subdelegation-unknown",
  };

  if ((guint) code >= G_N_ELEMENTS (nicks) || nicks[code] == NULL)
    return "unknown";
  return nicks[code];
}

/* One GError for a list of problems: the first one, and how many follow. */
void
inj_problems_set_error (GPtrArray *problems,
                        GError **error,
                        GQuark domain,
                        int code)
{
  g_autofree char *first = NULL;

  g_return_if_fail (problems != NULL && problems->len > 0);

  first = inj_problem_to_string (g_ptr_array_index (problems, 0));
  if (problems->len == 1)
    g_set_error_literal (error, domain, code, first);
  else
    g_set_error (error, domain, code,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                              "%s (and %u more problems)", problems->len - 1),
                 first, problems->len - 1);
}
