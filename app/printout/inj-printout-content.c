/* inj-printout-content.c: what the printable page says, in order: the
 * items of seed 000 table 4-1 in the table's groups, the ID as a QR code
 * with the validity URL, the signature check, and the line that names the
 * record. Personal data only when revealed, masked as on screen. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-date.h"
#include "inj-render.h"
#include "inj-printout-private.h"

void
_inj_block_free (InjBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->label);
  g_free (block->text);
  g_free (block->keep);
  g_clear_pointer (&block->qr, QRcode_free);
  g_clear_object (&block->label_layout);
  g_clear_object (&block->more_layout);
  g_clear_object (&block->layout);
  g_free (block);
}

static InjBlock *
add (GPtrArray *blocks,
     InjBlockKind kind,
     const char *label,
     const char *text)
{
  InjBlock *b = g_new0 (InjBlock, 1);

  b->kind = kind;
  b->label = g_strdup (label);
  b->text = g_strdup (text);
  g_ptr_array_add (blocks, b);
  return b;
}

/* Masked as inj_render_value does, and whether that hid something. */
static void
add_field (GPtrArray *blocks,
           InjDelegation *d,
           InjField field,
           gboolean reveal,
           gboolean *masked)
{
  g_autofree char *value = NULL;
  g_autofree char *revealed = NULL;

  if (!inj_delegation_field_applies (d, field))
    return;
  value = inj_render_value (d, field, reveal);
  if (value == NULL || *value == '\0')
    return;
  revealed = inj_render_value (d, field, TRUE);
  if (g_strcmp0 (value, revealed) != 0)
    *masked = TRUE;
  add (blocks, INJ_BLOCK_ITEM,
       inj_field_label_as (field, inj_delegation_get_qualification (d)), value);
}

char *
_inj_printout_validity_url (InjDelegation *delegation)
{
  const char *base = inj_delegation_get_text (delegation, INJ_FIELD_VALIDITY_URL);
  const char *id = inj_delegation_get_text (delegation, INJ_FIELD_DELEGATION_ID);
  gsize len;

  if (base == NULL || *base == '\0' || id == NULL || *id == '\0')
    return NULL;
  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    len--;
  return g_strdup_printf ("%.*s/%s", (int) len, base, id);
}

static char *
display_time (GDateTime *t)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *iso = NULL;
  char *shown;

  if (t == NULL)
    return NULL;
  local = inj_date_to_jst (t);
  iso = inj_date_format_datetime (local);
  shown = inj_date_display (iso);
  return shown ? shown : g_steal_pointer (&iso);
}

/* The verdict in one sentence, then each failure or remark. */
static char *
verdict (InjVerification *v)
{
  GString *out = g_string_new (NULL);
  GPtrArray *checks = inj_verification_get_checks (v);
  InjCheckResult shown;

  /* The verdict on a line of its own, what it rests on below. */
  if (inj_verification_is_valid (v))
    {
      g_string_append_printf (out, "%s\n%s", _("Valid."),
                              _("The signature and the signer's certificate passed every check."));
      shown = INJ_CHECK_WARNING;
    }
  else if (inj_verification_was_valid_when_signed (v))
    {
      g_string_append_printf (out, "%s\n%s", _("Not valid now."),
                              _("It was valid when signed: a certificate or its root has "
                                "expired since."));
      shown = INJ_CHECK_FAILED;
    }
  else
    {
      g_string_append_printf (out, "%s\n%s", _("Not valid."),
                              _("The signature could not be confirmed."));
      shown = INJ_CHECK_FAILED;
    }
  for (guint i = 0; i < checks->len; i++)
    {
      const InjCheck *c = checks->pdata[i];
      if (c->result == shown && c->message)
        g_string_append_printf (out, "\n%s", c->message);
    }
  return g_string_free (out, FALSE);
}

static void
add_signature (GPtrArray *blocks,
               InjDelegation *d,
               InjVerification *v,
               gboolean reveal,
               gboolean *masked)
{
  InjCertificate *signer = v ? inj_verification_get_signer (v) : NULL;
  g_autofree char *result = NULL;
  g_autofree char *signed_at = NULL;
  g_autofree char *checked_at = NULL;

  add (blocks, INJ_BLOCK_HEADING, NULL, _("Signature check"));
  if (v == NULL)
    {
      add (blocks, INJ_BLOCK_NOTE, NULL,
           _("This delegation is not signed, or its signature has not been checked."));
      return;
    }
  result = verdict (v);
  add (blocks, INJ_BLOCK_ITEM, _("Result"), result);
  if (signer)
    {
      const char *name = inj_certificate_has_jpki_fields (signer)
                           ? inj_certificate_get_jpki_field (signer, INJ_JPKI_NAME)
                           : NULL;
      g_autofree char *shown = NULL;

      if (name == NULL)
        shown = g_strdup (inj_certificate_get_subject (signer));
      else if (reveal)
        shown = g_strdup (name);
      else
        {
          shown = inj_mask_jpki_field (INJ_JPKI_NAME, name);
          *masked = TRUE;
        }
      add (blocks, INJ_BLOCK_ITEM, _("Signer"), shown);
      add (blocks, INJ_BLOCK_ITEM, _("Serial number of the certificate"),
           inj_certificate_get_serial (signer));
    }
  /* XMLDSig carries no time of its own: the checks take the document's
   * 作成日時 as the time of signing, and so does the page. */
  signed_at = inj_render_value (d, INJ_FIELD_CREATED_AT, TRUE);
  if (signed_at)
    add (blocks, INJ_BLOCK_ITEM, _("Signed at"), signed_at);
  checked_at = display_time (inj_verification_get_checked_at (v));
  if (checked_at)
    add (blocks, INJ_BLOCK_ITEM, _("Checked at"), checked_at);
}

static void
add_validity (GPtrArray *blocks,
              InjDelegation *d)
{
  const char *id = inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID);
  g_autofree char *url = _inj_printout_validity_url (d);
  InjBlock *qr;
  GString *beside;

  if (id == NULL || *id == '\0')
    return;
  add (blocks, INJ_BLOCK_HEADING, NULL, _("Validity check"));
  beside = g_string_new (NULL);
  g_string_append_printf (beside, "%s\n%s\n", inj_field_label (INJ_FIELD_DELEGATION_ID), id);
  if (url)
    g_string_append_printf (beside, "%s\n%s\n", _("Where to check its validity"), url);
  /* two sentences on two lines: a narrow column breaks neither inside a word */
  g_string_append_printf (beside, "%s\n%s", _("The code holds the delegation ID."),
                          _("A recipient can check with this ID whether the delegation is valid."));
  qr = add (blocks, INJ_BLOCK_QR, beside->str, id);
  g_string_free (beside, TRUE);
  qr->qr = _inj_qr_encode (id);
  qr->keep = g_steal_pointer (&url);
}

GPtrArray *
_inj_printout_blocks (InjDelegation *d,
                      InjVerification *v,
                      const char *xml_file_name,
                      gboolean reveal)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _inj_block_free);
  gboolean masked = FALSE;
  g_autofree char *record = NULL;

  add (blocks, INJ_BLOCK_TITLE, NULL, _("Electronic delegation (電子委任状)"));
  if (xml_file_name)
    record = g_strdup_printf (_("This document shows the content of an electronic delegation "
                                "so that a person can read it. The record is the signed XML "
                                "file (%s)."), xml_file_name);
  else
    record = g_strdup (_("This document shows the content of an electronic delegation so "
                         "that a person can read it. The record is the signed XML file."));
  add (blocks, INJ_BLOCK_NOTE, NULL, record)->keep = g_strdup (xml_file_name);

  /* Seed 000, table 4-1, in its order and its groups. */
  add (blocks, INJ_BLOCK_HEADING, NULL, _("About the principal"));
  add (blocks, INJ_BLOCK_ITEM, inj_field_label (INJ_FIELD_PRINCIPAL_KIND),
       inj_principal_kind_label (inj_delegation_get_principal_kind (d)));
  for (InjField f = INJ_FIELD_CORPORATE_NUMBER; f <= INJ_FIELD_PROPRIETOR_BIRTH_DATE; f++)
    add_field (blocks, d, f, reveal, &masked);

  add (blocks, INJ_BLOCK_HEADING, NULL, _("About the agent"));
  for (InjField f = INJ_FIELD_AGENT_NAME; f <= INJ_FIELD_AGENT_IDENTIFIER; f++)
    add_field (blocks, d, f, reveal, &masked);

  add (blocks, INJ_BLOCK_HEADING, NULL, _("Authority, its restrictions and period"));
  add_field (blocks, d, INJ_FIELD_DELEGATION_ID, reveal, &masked);
  add_field (blocks, d, INJ_FIELD_SUPERSEDES, reveal, &masked);
  add_field (blocks, d, INJ_FIELD_CREATED_AT, reveal, &masked);
  add_field (blocks, d, INJ_FIELD_AUTHORITY_SCOPE, reveal, &masked);
  if (inj_delegation_get_text (d, INJ_FIELD_AUTHORITY_RESTRICTIONS) == NULL)
    add (blocks, INJ_BLOCK_ITEM, inj_field_label (INJ_FIELD_AUTHORITY_RESTRICTIONS), _("none"));
  else
    add_field (blocks, d, INJ_FIELD_AUTHORITY_RESTRICTIONS, reveal, &masked);
  /* 復代理の可否: an item the operator may require (table 4-1 ※1), next
   * to the restrictions as the delegation shows it; absent, no row */
  add_field (blocks, d, INJ_FIELD_SUBDELEGATION, reveal, &masked);
  add_field (blocks, d, INJ_FIELD_PERIOD_START, reveal, &masked);
  add_field (blocks, d, INJ_FIELD_PERIOD_END, reveal, &masked);

  add (blocks, INJ_BLOCK_HEADING, NULL, _("For the service's operation"));
  for (InjField f = INJ_FIELD_SERVICE_NAME; f <= INJ_FIELD_VALIDITY_URL; f++)
    add_field (blocks, d, f, reveal, &masked);

  add_validity (blocks, d);
  add_signature (blocks, d, v, reveal, &masked);

  /* Said at the top, under the line that names the record. */
  if (masked)
    {
      add (blocks, INJ_BLOCK_NOTE, NULL,
           _("Names, addresses and dates of birth of persons are hidden (＊) on this page."));
      g_ptr_array_insert (blocks, 2, g_ptr_array_steal_index (blocks, blocks->len - 1));
    }
  return blocks;
}
