/* test-text.c: text rules and the corporate number. */
#include "config.h"

#include "test-support.h"

static void
test_normalize (void)
{
  /* "ガ" as カ + combining voiced mark (NFD) becomes one character (NFC). */
  g_autofree char *nfc = inj_text_normalize ("\xe3\x82\xab\xe3\x82\x99", INJ_FIELD_FLAG_NONE);
  g_autofree char *trimmed = inj_text_normalize ("\xe3\x80\x80 試験 太郎 \t", INJ_FIELD_FLAG_NONE);
  g_autofree char *lines = inj_text_normalize ("一行目  \r\n二行目\r三行目", INJ_FIELD_FLAG_MULTILINE);
  g_autofree char *digits = inj_text_normalize ("７０００－１２", INJ_FIELD_FLAG_ASCII_ID);
  g_autofree char *kana = inj_text_normalize ("ｱｲｳ", INJ_FIELD_FLAG_NONE);

  g_assert_cmpstr (nfc, ==, "ガ");
  g_assert_cmpstr (trimmed, ==, "試験 太郎");
  g_assert_cmpstr (lines, ==, "一行目\n二行目\n三行目");
  g_assert_cmpstr (digits, ==, "7000-12");
  /* NFC keeps half-width kana as they are: only identifiers are folded. */
  g_assert_cmpstr (kana, ==, "ｱｲｳ");
}

static void
test_check (void)
{
  gsize off = 0;

  g_assert_cmpint (inj_text_check ("試験 太郎", -1, 0, NULL), ==, INJ_PROBLEM_NONE);
  g_assert_cmpint (inj_text_check ("a\xff" "b", -1, 0, &off), ==, INJ_PROBLEM_INVALID_UTF8);
  g_assert_cmpuint (off, ==, 1);
  /* U+D800 written as UTF-8 (CESU style): an unpaired surrogate */
  g_assert_cmpint (inj_text_check ("ab\xed\xa0\x80", -1, 0, &off), ==, INJ_PROBLEM_SURROGATE);
  g_assert_cmpuint (off, ==, 2);
  g_assert_cmpint (inj_text_check ("a\x01" "b", -1, 0, NULL), ==, INJ_PROBLEM_CONTROL_CHARACTER);
  g_assert_cmpint (inj_text_check ("a\tb", -1, 0, NULL), ==, INJ_PROBLEM_CONTROL_CHARACTER);
  g_assert_cmpint (inj_text_check ("a\x7f", -1, 0, NULL), ==, INJ_PROBLEM_CONTROL_CHARACTER);
  g_assert_cmpint (inj_text_check ("a\xc2\x85", -1, 0, NULL), ==, INJ_PROBLEM_CONTROL_CHARACTER);
  g_assert_cmpint (inj_text_check ("a\xef\xbf\xbe", -1, 0, NULL), ==, INJ_PROBLEM_CONTROL_CHARACTER);
  g_assert_cmpint (inj_text_check ("abc\xe2\x80\xae" "fed", -1, 0, NULL), ==,
                   INJ_PROBLEM_BIDI_CONTROL);
  g_assert_cmpint (inj_text_check ("a\nb", -1, 0, NULL), ==, INJ_PROBLEM_LINE_BREAK);
  g_assert_cmpint (inj_text_check ("a\nb", -1, INJ_FIELD_FLAG_MULTILINE, NULL), ==,
                   INJ_PROBLEM_NONE);
  g_assert_cmpint (inj_text_check ("a\r\nb", -1, INJ_FIELD_FLAG_MULTILINE, NULL), ==,
                   INJ_PROBLEM_CONTROL_CHARACTER);
  g_assert_cmpuint (inj_text_length ("試験太郎"), ==, 4);
  g_assert_true (inj_text_is_blank (" \xe3\x80\x80 "));
  g_assert_false (inj_text_is_blank (" a "));
}

static void
test_corporate_number (void)
{
  /* The example from the issue and the National Tax Agency's rule. */
  g_assert_cmpint (inj_corporate_number_check ("7000012050002"), ==, INJ_PROBLEM_NONE);
  g_assert_cmpint (inj_corporate_number_check_digit ("000012050002"), ==, 7);
  g_assert_cmpint (inj_corporate_number_check ("4010001234567"), ==, INJ_PROBLEM_NONE);
  /* Every wrong check digit is caught. */
  for (char c = '0'; c <= '9'; c++)
    {
      char n[] = "7000012050002";
      n[0] = c;
      g_assert_cmpint (inj_corporate_number_check (n), ==,
                       c == '7' ? INJ_PROBLEM_NONE : INJ_PROBLEM_CORPORATE_NUMBER_CHECK_DIGIT);
    }
  /* A changed base digit changes the check digit. */
  g_assert_cmpint (inj_corporate_number_check ("7000012050003"), ==,
                   INJ_PROBLEM_CORPORATE_NUMBER_CHECK_DIGIT);
  g_assert_cmpint (inj_corporate_number_check ("700001205000"), ==,
                   INJ_PROBLEM_CORPORATE_NUMBER_FORMAT);
  g_assert_cmpint (inj_corporate_number_check ("70000120500021"), ==,
                   INJ_PROBLEM_CORPORATE_NUMBER_FORMAT);
  g_assert_cmpint (inj_corporate_number_check ("700001205000A"), ==,
                   INJ_PROBLEM_CORPORATE_NUMBER_FORMAT);
  g_assert_cmpint (inj_corporate_number_check (NULL), ==, INJ_PROBLEM_CORPORATE_NUMBER_FORMAT);
}

int
main (int argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/text/normalize", test_normalize);
  g_test_add_func ("/text/check", test_check);
  g_test_add_func ("/text/corporate-number", test_corporate_number);
  return g_test_run ();
}
