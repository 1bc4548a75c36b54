/* test-printout.c: the printable delegation as a reader gets it. The PDF
 * is read back with Debian's own tools, not ours: pdftotext finds every
 * item (and no personal value unless revealed), zbarimg decodes the QR
 * code of a 300 dpi picture to the ID, pdffonts shows the Japanese font
 * embedded. A missing tool fails the test: it is never skipped. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "inj-app.h"
#include "inj-printout-private.h"
#include "sign-support.h"

/* The tool's path, or the test fails saying which package to install. */
static char *
tool (const char *name,
      const char *package)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_error ("%s is missing: install Debian's %s (quickstart lists it)", name, package);
  return path;
}

/* The command's standard output; the test fails on an exit status. */
static char *
run (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

/* What a reader's copy-and-paste finds: the text of pages [first, last]
 * (0: all) without spaces or line breaks, so that a value wrapped on the
 * page is found whole. */
static char *
pdf_text (const char *pdf,
          int first,
          int last)
{
  g_autofree char *pdftotext = tool ("pdftotext", "poppler-utils");
  g_autofree char *f = g_strdup_printf ("%d", first ? first : 1);
  g_autofree char *l = g_strdup_printf ("%d", last ? last : 99);
  const char *argv[] = { pdftotext, "-enc", "UTF-8", "-f", f, "-l", l, pdf, "-", NULL };
  g_autofree char *text = run (argv);
  GString *flat = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_len (flat, p, g_utf8_next_char (p) - p);
  return g_string_free (flat, FALSE);
}

/* @s as pdf_text() gives it: no white space (U+3000 included). */
static char *
flat (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
  return g_string_free (out, FALSE);
}

static void
assert_has (const char *text,
            const char *what)
{
  g_autofree char *needle = flat (what);

  if (strstr (text, needle) == NULL)
    g_error ("the PDF does not say “%s”:\n%s", what, text);
}

static void
assert_lacks (const char *text,
              const char *what)
{
  g_autofree char *needle = flat (what);

  if (strstr (text, needle) != NULL)
    g_error ("the PDF says “%s”, which it must not:\n%s", what, text);
}

static guint
count (const char *text,
       const char *what)
{
  g_autofree char *needle = flat (what);
  guint n = 0;

  for (const char *p = strstr (text, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

static char *
write_pdf (InjPrintout *p,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (sign_work, name, NULL);

  g_assert_true (inj_printout_write_pdf (p, path, &error));
  g_assert_no_error (error);
  return path;
}

/* A delegation of テスト商事株式会社, signed by the representative's
 * (software) key, read back from its signed XML and verified. */
typedef struct {
  GBytes *xml;
  InjDelegation *delegation;
  InjVerification *verification;
} Signed;

static void
signed_clear (Signed *s)
{
  g_clear_pointer (&s->xml, g_bytes_unref);
  g_clear_object (&s->delegation);
  g_clear_object (&s->verification);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Signed, signed_clear)

static Signed
make_signed (void)
{
  Signed s = { NULL, NULL, NULL };
  g_autoptr(InjTrustStore) trust = sign_trust ();
  g_autoptr(GError) error = NULL;

  s.xml = sign_signed_by ("representative");
  s.verification = inj_verify_delegation (s.xml, trust, NULL, &s.delegation, &error);
  g_assert_no_error (error);
  g_assert_true (inj_verification_is_valid (s.verification));
  g_assert_nonnull (s.delegation);
  return s;
}

static const char *
signer_name (Signed *s)
{
  InjCertificate *cert = inj_verification_get_signer (s->verification);
  return inj_certificate_get_jpki_field (cert, INJ_JPKI_NAME);
}

static void
test_signed_revealed (void)
{
  g_auto(Signed) s = make_signed ();
  g_autoptr(InjPrintout) p = inj_printout_new (s.delegation, s.verification,
                                               "delegation-signed.xml", TRUE);
  g_autofree char *pdf = write_pdf (p, "revealed.pdf");
  g_autofree char *text = pdf_text (pdf, 0, 0);
  InjDelegation *d = s.delegation;
  InjCertificate *cert = inj_verification_get_signer (s.verification);
  g_autofree char *url = g_strdup_printf ("%s/%s",
                                          inj_delegation_get_text (d, INJ_FIELD_VALIDITY_URL),
                                          inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID));
  g_autofree char *start = inj_render_value (d, INJ_FIELD_PERIOD_START, TRUE);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *year = g_date_time_format (now, "（%Y年");
  guint items = 0;

  assert_has (text, "電子委任状");
  for (InjField f = 0; f < INJ_N_FIELDS; f++)
    {
      g_autofree char *value = inj_render_value (d, f, TRUE);
      if (!inj_delegation_field_applies (d, f) || value == NULL)
        continue;
      assert_has (text, inj_field_label_as (f, inj_delegation_get_qualification (d)));
      assert_has (text, value);
      items++;
    }
  g_assert_cmpuint (items, >=, 17);
  assert_has (text, "法人");
  /* the agent's data, personal, shown as asked */
  assert_has (text, "髙橋 テスト");
  assert_has (text, "愛知県名古屋市中区模擬町四丁目7番8号");
  /* 和暦 with 西暦 */
  g_assert_true (g_str_has_prefix (start, "令和"));
  g_assert_nonnull (strstr (start, year));
  assert_has (text, start);
  /* the ID, its validity URL, the signature check, the record */
  assert_has (text, inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID));
  assert_has (text, url);
  assert_has (text, "有効です");
  g_assert_cmpuint (count (text, signer_name (&s)), ==, 2); /* 代表者名 and 署名者 */
  assert_has (text, inj_certificate_get_serial (cert));
  assert_has (text, "署名日時");
  assert_has (text, "検証日時");
  assert_has (text, "この書面は電子委任状の内容を読みやすく示したものです。"
                    "正本は署名付きの XML ファイル（delegation-signed.xml）です。");
  assert_lacks (text, "＊");
}

static void
test_signed_masked (void)
{
  g_auto(Signed) s = make_signed ();
  g_autoptr(InjPrintout) p = inj_printout_new (s.delegation, s.verification,
                                               "delegation-signed.xml", FALSE);
  g_autofree char *pdf = write_pdf (p, "masked.pdf");
  g_autofree char *text = pdf_text (pdf, 0, 0);
  g_autofree char *signer_mask = inj_mask_jpki_field (INJ_JPKI_NAME, signer_name (&s));

  /* the personal values are not there at all… */
  assert_lacks (text, "髙橋 テスト");
  assert_lacks (text, "髙橋");
  assert_lacks (text, "愛知県名古屋市中区模擬町四丁目7番8号");
  /* the signer is the representative, whose name as 代表者名 (public
   * registry data) is shown: once, not a second time as the signer */
  g_assert_cmpuint (count (text, signer_name (&s)), ==, 1);
  /* …their masks are, and the sentence that says so */
  assert_has (text, "髙＊＊＊");
  assert_has (text, "＊＊＊＊＊＊");
  assert_has (text, signer_mask);
  assert_has (text, "個人の氏名・住所・生年月日は伏せてあります");
  /* what is not personal is still all there (a 法人's 代表者名 is public) */
  assert_has (text, "テスト商事株式会社");
  assert_has (text, "試験 太郎");
  assert_has (text, inj_delegation_get_text (s.delegation, INJ_FIELD_DELEGATION_ID));

}

static void
test_qr_decodes_to_id (void)
{
  g_auto(Signed) s = make_signed ();
  g_autoptr(InjPrintout) p = inj_printout_new (s.delegation, s.verification, NULL, FALSE);
  g_autofree char *pdf = write_pdf (p, "qr.pdf");
  g_autofree char *pdftoppm = tool ("pdftoppm", "poppler-utils");
  g_autofree char *zbarimg = tool ("zbarimg", "zbar-tools");
  g_autofree char *root = g_build_filename (sign_work, "qr-page", NULL);
  g_autofree char *png = g_strconcat (root, ".png", NULL);
  const char *to_png[] = { pdftoppm, "-r", "300", "-png", "-f", "1", "-l", "1", "-singlefile",
                           pdf, root, NULL };
  const char *decode[] = { zbarimg, "--raw", "-q", png, NULL };
  g_autofree char *ignored = run (to_png);
  g_autofree char *decoded = run (decode);
  g_autofree char *expected = g_strdup_printf ("%s\n", inj_delegation_get_text (s.delegation,
                                                                               INJ_FIELD_DELEGATION_ID));

  g_assert_cmpstr (decoded, ==, expected);
}

static void
test_font_embedded (void)
{
  g_auto(Signed) s = make_signed ();
  g_autoptr(InjPrintout) p = inj_printout_new (s.delegation, s.verification, NULL, TRUE);
  g_autofree char *pdf = write_pdf (p, "fonts.pdf");
  g_autofree char *pdffonts = tool ("pdffonts", "poppler-utils");
  const char *argv[] = { pdffonts, pdf, NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  gboolean found = FALSE;

  /* name type encoding emb sub uni object ID: "ABCDEF+IPAGothic … yes yes yes";
   * every font of the page is the application's, embedded */
  for (guint i = 2; lines[i]; i++)
    {
      g_auto(GStrv) cols = g_strsplit_set (lines[i], " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();
      const char *name;
      for (guint j = 0; cols[j]; j++)
        if (*cols[j])
          g_ptr_array_add (words, cols[j]);
      if (words->len == 0)
        continue;
      g_assert_cmpuint (words->len, >=, 7);
      name = words->pdata[0];
      if (strchr (name, '+'))
        name = strchr (name, '+') + 1;
      if (!g_str_equal (name, "IPAGothic"))
        g_error ("the PDF uses a font other than IPAGothic:\n%s", out);
      /* emb is the fifth column from the end (emb sub uni object ID) */
      g_assert_cmpstr (words->pdata[words->len - 5], ==, "yes");
      found = TRUE;
    }
  if (!found)
    g_error ("pdffonts lists no embedded IPAGothic:\n%s", out);
}

/* A sole proprietor, unsigned, with a scope too long for one page. */
static InjDelegation *
make_long (void)
{
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (NULL);
  InjDelegation *d = inj_delegation_create (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR, profile, now);
  GString *scope = g_string_new (NULL);

  for (int i = 1; i <= 40; i++)
    g_string_append_printf (scope, "%s第%03d項 入札参加資格審査の申請、入札及び見積りに関する一切の件",
                            i > 1 ? "\n" : "", i);
  inj_delegation_set_input (d, INJ_FIELD_TRADE_NAME, "試験商店", now);
  inj_delegation_set_input (d, INJ_FIELD_PROPRIETOR_NAME, "試験 次郎", now);
  inj_delegation_set_input (d, INJ_FIELD_PROPRIETOR_ADDRESS, "大阪府大阪市北区模擬町二丁目3番4号", now);
  inj_delegation_set_input (d, INJ_FIELD_PROPRIETOR_BIRTH_DATE, "1980-04-01", now);
  inj_delegation_set_input (d, INJ_FIELD_AGENT_NAME, "検証 花子", now);
  inj_delegation_set_input (d, INJ_FIELD_AGENT_TITLE, "営業部長", now);
  inj_delegation_set_input (d, INJ_FIELD_AGENT_ADDRESS, "京都府京都市中京区模擬町5番6号", now);
  inj_delegation_set_input (d, INJ_FIELD_AGENT_IDENTIFIER, "E-0042", now);
  inj_delegation_set_input (d, INJ_FIELD_AUTHORITY_SCOPE, scope->str, now);
  inj_delegation_set_input (d, INJ_FIELD_AUTHORITY_RESTRICTIONS, "再委任を禁止する。", now);
  inj_delegation_set_input (d, INJ_FIELD_SUBDELEGATION, "不可", now);
  inj_delegation_set_input (d, INJ_FIELD_PERIOD_START, "today", now);
  inj_delegation_set_input (d, INJ_FIELD_PERIOD_END, "today+1y", now);
  g_string_free (scope, TRUE);
  return d;
}

static void
test_long_scope_pages (void)
{
  g_autoptr(InjDelegation) d = make_long ();
  g_autoptr(InjPrintout) p = inj_printout_new (d, NULL, NULL, TRUE);
  g_autofree char *pdf = write_pdf (p, "long.pdf");
  g_autofree char *all = pdf_text (pdf, 0, 0);
  g_autofree char *one = pdf_text (pdf, 1, 1);
  g_autofree char *two = pdf_text (pdf, 2, 2);
  int pages = (int) p->pages->len;
  int on_one = 0, on_two = 0;

  g_assert_cmpint (pages, ==, 2);
  /* no line crosses the body's bottom edge */
  for (int i = 0; i < pages; i++)
    g_assert_cmpfloat (_inj_printout_page_bottom (p, i), <=, _inj_printout_body_bottom (p));
  /* every line of the scope once, whole, the page break between two of them */
  for (int i = 1; i <= 40; i++)
    {
      g_autofree char *line = g_strdup_printf ("第%03d項入札参加資格審査の申請、入札及び見積りに関する一切の件", i);
      gboolean a = strstr (one, line) != NULL, b = strstr (two, line) != NULL;
      g_assert_true (a != b);
      if (a)
        {
          g_assert_cmpint (on_two, ==, 0); /* in order */
          on_one++;
        }
      else
        on_two++;
    }
  g_assert_cmpint (on_one, >, 0);
  g_assert_cmpint (on_two, >, 0);
  /* the item's label on each page it is on */
  assert_has (one, "代理権の内容");
  assert_lacks (one, "代理権の内容（続き）");
  assert_has (two, "代理権の内容（続き）");
  /* the sole proprietor's items, 和暦 with 西暦, the unsigned state said */
  for (InjField f = 0; f < INJ_N_FIELDS; f++)
    {
      g_autofree char *value = inj_render_value (d, f, TRUE);
      if (!inj_delegation_field_applies (d, f) || value == NULL || f == INJ_FIELD_AUTHORITY_SCOPE)
        continue;
      assert_has (all, inj_field_label (f));
      assert_has (all, value);
    }
  assert_has (all, "試験商店");
  assert_has (all, "復代理の可否");
  assert_has (all, "不可（受任者は、この委任の全部または一部を他の者に委任できません）");
  assert_has (all, "昭和55年4月1日（1980年4月1日）");
  assert_has (all, "署名がないか、署名を確認していません");
  assert_has (all, "正本は署名付きの XML ファイルです。");
  assert_has (all, "1 / 2");
  assert_has (all, "2 / 2");
}

/* A failed write leaves nothing: not the file, not a temporary one. */
static void
test_write_atomic (void)
{
  g_autoptr(InjDelegation) d = make_long ();
  g_autoptr(InjPrintout) p = inj_printout_new (d, NULL, NULL, FALSE);
  g_autofree char *dir = g_build_filename (sign_work, "atomic", NULL);
  g_autofree char *target = g_build_filename (dir, "taken", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "x.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  guint entries = 0;

  g_assert_cmpint (g_mkdir_with_parents (target, 0700), ==, 0);
  g_assert_false (inj_printout_write_pdf (p, missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* a folder where the file should go: the rename fails */
  g_assert_false (inj_printout_write_pdf (p, target, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_DIR));
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing))
    entries++;
  g_assert_cmpuint (entries, ==, 1);
}

int
main (int argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  inj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  sign_personas = g_strdup (g_getenv ("INJ_TEST_PERSONAS"));
  if (sign_personas == NULL)
    g_error ("INJ_TEST_PERSONAS is not set: run through meson (it generates the personas)");
  sign_work = g_dir_make_tmp ("inj-printout-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/printout/signed-revealed", test_signed_revealed);
  g_test_add_func ("/printout/signed-masked", test_signed_masked);
  g_test_add_func ("/printout/qr-decodes-to-id", test_qr_decodes_to_id);
  g_test_add_func ("/printout/font-embedded", test_font_embedded);
  g_test_add_func ("/printout/long-scope-pages", test_long_scope_pages);
  g_test_add_func ("/printout/write-atomic", test_write_atomic);
  status = g_test_run ();
  /* INJ_PRINTOUT_KEEP=1: the PDFs stay for a person to look at (the
   * README's picture is masked.pdf's first page) */
  if (g_getenv ("INJ_PRINTOUT_KEEP"))
    g_printerr ("# the PDFs are in %s\n", sign_work);
  else if (status == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", sign_work);
      (void) !system (cmd);
    }
  return status;
}
