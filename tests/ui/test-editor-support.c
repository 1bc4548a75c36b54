/* test-editor-support.c */
#include "config.h"

#include "test-editor-support.h"
#include "test-ui-support.h"

void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  f->dir = test_ui_tmpdir ();
  f->editor = INJ_DELEGATION_EDITOR (g_object_ref_sink (inj_delegation_editor_new (f->dir)));
  inj_delegation_editor_set_draft_delay (f->editor, 50);
}

void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  if (f->editor)
    g_assert_finalize_object (g_steal_pointer (&f->editor));
  test_ui_rmtree (f->dir);
  g_free (f->dir);
}

void
type_into (InjDelegationEditor *editor,
           InjField field,
           const char *text)
{
  GtkWidget *entry = inj_delegation_editor_get_entry (editor, field);

  g_assert_nonnull (entry);
  if (GTK_IS_TEXT_VIEW (entry))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (entry)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

void
fill_corporation (InjDelegationEditor *editor)
{
  inj_delegation_editor_set_kind (editor, INJ_PRINCIPAL_KIND_CORPORATION);
  type_into (editor, INJ_FIELD_CORPORATE_NUMBER, "4010001234567");
  type_into (editor, INJ_FIELD_CORPORATE_NAME, "テスト商事株式会社");
  type_into (editor, INJ_FIELD_HEAD_OFFICE_ADDRESS, "東京都千代田区試験町一丁目1番1号");
  type_into (editor, INJ_FIELD_REPRESENTATIVE_TITLE, "代表取締役");
  type_into (editor, INJ_FIELD_REPRESENTATIVE_NAME, "試験 太郎");
  type_into (editor, INJ_FIELD_AGENT_NAME, "検証 花子");
  type_into (editor, INJ_FIELD_AGENT_TITLE, "経理担当");
  type_into (editor, INJ_FIELD_AGENT_ADDRESS, "大阪府大阪市北区検証通二丁目2番2号");
  type_into (editor, INJ_FIELD_AUTHORITY_SCOPE, "法人税の電子申告に関する一切の権限\n届出書の提出");
  type_into (editor, INJ_FIELD_PERIOD_START, "today");
  type_into (editor, INJ_FIELD_PERIOD_END, "today+1y");
}
