/* inj-corporate-number.c
 *
 * The 13-digit corporate number is a check digit followed by a 12-digit
 * base: check = 9 − (Σ Pₙ·Qₙ mod 9), Pₙ the n-th digit of the base counted
 * from the right, Qₙ = 1 for odd n and 2 for even n. */
#include "config.h"

#include <string.h>

#include "inj-corporate-number.h"

int
inj_corporate_number_check_digit (const char *base12)
{
  int sum = 0;

  g_return_val_if_fail (base12 != NULL && strlen (base12) == 12, -1);

  for (int n = 1; n <= 12; n++)
    {
      char c = base12[12 - n];
      if (!g_ascii_isdigit (c))
        return -1;
      sum += (c - '0') * ((n % 2) ? 1 : 2);
    }
  return 9 - (sum % 9);
}

InjProblemCode
inj_corporate_number_check (const char *number)
{
  if (number == NULL || strlen (number) != 13)
    return INJ_PROBLEM_CORPORATE_NUMBER_FORMAT;
  for (int i = 0; i < 13; i++)
    if (!g_ascii_isdigit (number[i]))
      return INJ_PROBLEM_CORPORATE_NUMBER_FORMAT;
  if (inj_corporate_number_check_digit (number + 1) != number[0] - '0')
    return INJ_PROBLEM_CORPORATE_NUMBER_CHECK_DIGIT;
  return INJ_PROBLEM_NONE;
}
