/* inj-delegation-editor.h: the page where a delegation is written. */
#pragma once

#include <adwaita.h>

#include "inj-app.h"

G_BEGIN_DECLS

#define INJ_TYPE_DELEGATION_EDITOR (inj_delegation_editor_get_type ())
G_DECLARE_FINAL_TYPE (InjDelegationEditor, inj_delegation_editor, INJ, DELEGATION_EDITOR, GtkWidget)

GtkWidget     *inj_delegation_editor_new             (const char *drafts_dir);
InjDelegation *inj_delegation_editor_get_delegation  (InjDelegationEditor *self);
const char    *inj_delegation_editor_get_drafts_dir  (InjDelegationEditor *self);
GtkWidget     *inj_delegation_editor_get_entry       (InjDelegationEditor *self,
                                                      InjField field);
const char    *inj_delegation_editor_get_message     (InjDelegationEditor *self,
                                                      InjField field);
const char    *inj_delegation_editor_get_hint        (InjDelegationEditor *self,
                                                      InjField field);
void           inj_delegation_editor_set_kind        (InjDelegationEditor *self,
                                                      InjPrincipalKind kind);
void           inj_delegation_editor_set_qualification (InjDelegationEditor *self,
                                                        InjQualification qualification);
gboolean       inj_delegation_editor_save_draft_now  (InjDelegationEditor *self,
                                                      GError **error);
guint          inj_delegation_editor_get_draft_delay (InjDelegationEditor *self);
void           inj_delegation_editor_set_draft_delay (InjDelegationEditor *self,
                                                      guint delay_ms);

gboolean       inj_delegation_editor_can_save        (InjDelegationEditor *self);
void           inj_delegation_editor_load            (InjDelegationEditor *self,
                                                      InjDelegation *delegation);
gboolean       inj_delegation_editor_export_xml      (InjDelegationEditor *self,
                                                      GFile *file,
                                                      GError **error);
GtkWidget     *inj_delegation_editor_get_menu_button (InjDelegationEditor *self);
const char    *inj_delegation_editor_get_label       (InjDelegationEditor *self,
                                                      InjField field);
const char    *inj_delegation_editor_get_need        (InjDelegationEditor *self,
                                                      InjField field);
GtkWidget     *inj_delegation_editor_get_date_button (InjDelegationEditor *self,
                                                      InjField field);
GtkWidget     *inj_delegation_editor_get_problems_row (InjDelegationEditor *self);
GPtrArray     *inj_delegation_editor_get_problem_rows (InjDelegationEditor *self);
GtkWidget     *inj_delegation_editor_get_renewal_row (InjDelegationEditor *self);
const char    *inj_delegation_editor_get_status      (InjDelegationEditor *self);

G_END_DECLS
