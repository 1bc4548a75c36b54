/* inj-delegation-problems.c: what a problem of a delegation's item says
 * to a person, naming the item as the delegation names it. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-delegation.h"

char *
inj_problem_message (InjField field,
                     InjProblemCode code,
                     InjDelegation *context)
{
  const char *label = context ? inj_field_label_as (field,
                                                    inj_delegation_get_qualification (context))
                              : inj_field_label (field);
  const InjFieldInfo *info = field >= 0 && field < INJ_N_FIELDS ? inj_field_info (field) : NULL;

  switch (code)
    {
    case INJ_PROBLEM_REQUIRED:
      if (field == INJ_FIELD_TRADE_NAME)
        return g_strdup (_("“Trade name” is required. If the business has no trade name, "
                           "enter the proprietor's name."));
      return g_strdup_printf (_("“%s” is required."), label);
    case INJ_PROBLEM_TOO_LONG:
      return g_strdup_printf (_("“%s” is too long: at most %u characters."), label,
                              info ? info->max_chars : 0);
    case INJ_PROBLEM_INVALID_UTF8:
      return g_strdup_printf (_("“%s” is not valid UTF-8 text."), label);
    case INJ_PROBLEM_SURROGATE:
      return g_strdup_printf (_("“%s” contains an unpaired surrogate (a broken character)."),
                              label);
    case INJ_PROBLEM_CONTROL_CHARACTER:
      return g_strdup_printf (_("“%s” contains a control character, an invisible formatting "
                                "character or a non-character."),
                              label);
    case INJ_PROBLEM_BIDI_CONTROL:
      return g_strdup_printf (_("“%s” contains a character that changes the text direction."),
                              label);
    case INJ_PROBLEM_LINE_BREAK:
      return g_strdup_printf (_("“%s” must fit on one line."), label);
    case INJ_PROBLEM_NOT_NORMALIZED:
      return g_strdup_printf (_("“%s” is not in Unicode NFC, or has spaces around it."), label);
    case INJ_PROBLEM_NOT_APPLICABLE:
      if (field == INJ_FIELD_AGENT_TITLE)
        return g_strdup (_("An agent acting as a licensed professional is described by the "
                           "qualification, not by a position or title."));
      return g_strdup_printf (_("“%s” does not belong to this kind of principal."), label);
    case INJ_PROBLEM_KIND_UNKNOWN:
      return g_strdup (_("The kind of principal must be corporation (法人) or sole-proprietor "
                         "(個人事業主)."));
    case INJ_PROBLEM_CORPORATE_NUMBER_FORMAT:
      return g_strdup (_("The corporate number must be exactly 13 digits."));
    case INJ_PROBLEM_CORPORATE_NUMBER_CHECK_DIGIT:
      return g_strdup (_("The corporate number's check digit does not match: check the 13 "
                         "digits again."));
    case INJ_PROBLEM_DATE_FORMAT:
      if (info && (info->flags & INJ_FIELD_FLAG_DATE))
        return g_strdup_printf (_("“%s” must be a date written YYYY-MM-DD."), label);
      return g_strdup_printf (_("“%s” must be a date (YYYY-MM-DD) or a date and time written "
                                "YYYY-MM-DDThh:mm:ss+09:00."), label);
    case INJ_PROBLEM_DATE_INVALID:
      return g_strdup_printf (_("“%s” is not a date that exists in the calendar."), label);
    case INJ_PROBLEM_DATE_OFFSET:
      return g_strdup_printf (_("“%s” must be in Japan Standard Time (+09:00)."), label);
    case INJ_PROBLEM_PERIOD_ORDER:
      return g_strdup (_("The end of the period must come after its start."));
    case INJ_PROBLEM_PERIOD_END_PAST:
      return g_strdup (_("The end of the period is already in the past."));
    case INJ_PROBLEM_BIRTH_DATE_RANGE:
      return g_strdup (_("The date of birth must be on or after 1900-01-01 and not in the future."));
    case INJ_PROBLEM_QUALIFICATION_UNKNOWN:
      return g_strdup (_("The qualification must be one of 弁護士, 司法書士, 行政書士, "
                         "土地家屋調査士, 弁理士, 税理士, 社会保険労務士 or 公認会計士."));
    case INJ_PROBLEM_SUBDELEGATION_UNKNOWN:
      return g_strdup (_("Sub-delegation must be “allowed” (可) or “not-allowed” (不可)."));
    case INJ_PROBLEM_REGISTRATION_NUMBER_REQUIRED:
      {
        const char *q = context ? inj_qualification_name (inj_delegation_get_qualification (context))
                                : NULL;
        if (q)
          return g_strdup_printf (_("An agent acting as a %s needs a registration number in "
                                    "“%s”."), q, label);
        return g_strdup_printf (_("A licensed agent needs a registration number in “%s”."),
                                label);
      }
    case INJ_PROBLEM_IDENTIFIER_FORMAT:
      return g_strdup (_("A registration number may contain only digits, ASCII letters (A–Z) and hyphens."));
    case INJ_PROBLEM_URL:
      return g_strdup_printf (_("“%s” must be an https:// URL with a host name."), label);
    case INJ_PROBLEM_ID_FORMAT:
      return g_strdup_printf (_("“%s” is not a delegation ID as Ininjo issues them."), label);
    case INJ_PROBLEM_SUPERSEDES_SELF:
      return g_strdup_printf (_("“%s” must differ from this delegation's own ID."), label);
    case INJ_PROBLEM_MISSING_ITEM:
      return g_strdup_printf (_("“%s” is missing."), label);
    case INJ_PROBLEM_UNEXPECTED_ITEM:
      return g_strdup_printf (_("An element that does not belong here was found near “%s”."),
                              label);
    case INJ_PROBLEM_DUPLICATE_ITEM:
      return g_strdup_printf (_("“%s” appears more than once."), label);
    case INJ_PROBLEM_SCHEMA_VALUE:
      return g_strdup_printf (_("“%s” does not have the form the schema requires."), label);
    case INJ_PROBLEM_UNKNOWN_KEY:
      return g_strdup (_("An unknown item was given."));
    case INJ_PROBLEM_NONE:
    default:
      return g_strdup_printf (_("“%s” has a problem."), label);
    }
}
