/* inj-delegation-editor-private.h: shared by the editor's files: the
 * object (inj-delegation-editor.c), its rows (-rows.c), the problem bar
 * and the renewal banner (-problems.c). */
#pragma once

#include "inj-delegation-editor.h"

G_BEGIN_DECLS

typedef struct {
  InjField field;
  GtkWidget *row;         /* the box holding the rest */
  GtkLabel *title;        /* the item's name (the 資格's term for a 士業's ID) */
  GtkLabel *need;         /* 必須 or 任意 */
  GtkWidget *entry;       /* GtkEntry, or GtkTextView for multi-line items */
  GtkWidget *date_button; /* a calendar beside a date */
  GtkLabel *hint;         /* how a typed date is read, in 和暦 and 西暦 */
  GtkLabel *message;      /* the model's messages */
  InjProblemCode converted; /* a problem found while converting the input */
  gboolean touched;
} FieldRow;

struct _InjDelegationEditor {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkDropDown *kind_dropdown;
  GtkDropDown *qualification_dropdown;
  GtkBox *principal_box;
  GtkBox *agent_box;
  GtkBox *authority_box;
  GtkLabel *status_label;
  GtkWidget *menu_button;
  GtkWidget *renewal_list;
  AdwActionRow *renewal_row;
  GtkWidget *problems_list;
  AdwExpanderRow *problems_row;
  GtkWidget *next_problem_button;

  InjDelegation *delegation;
  InjServiceProfile *profile;
  FieldRow rows[INJ_N_FIELDS];
  GPtrArray *problem_rows;   /* AdwActionRow in problems_row */
  char *problems_shown;      /* what problem_rows show, to rebuild only on a change */
  InjField problem_fields[INJ_N_FIELDS + 1];
  guint n_problem_fields;
  char *renewal_of;          /* the supersedes ID the banner speaks of */
  char *notice;              /* a failure to show until the next attempt */
  char *drafts_dir;
  guint draft_delay_ms;
  guint draft_source;
  GCancellable *cancellable;
  gboolean loading;
  gboolean can_save;
};

/* -rows.c */
void  _inj_editor_build_row       (InjDelegationEditor *self,
                                   InjField f);
void  _inj_editor_update_field    (InjDelegationEditor *self,
                                   InjField f);
char *_inj_editor_stored_to_entry (InjField f,
                                   const char *stored);
void  _inj_editor_set_entry_text  (FieldRow *row,
                                   const char *text);
char *_inj_editor_entry_text      (FieldRow *row);
void  _inj_editor_focus_field     (InjDelegationEditor *self,
                                   InjField f);

/* -problems.c */
void  _inj_editor_update_problems (InjDelegationEditor *self,
                                   GPtrArray *problems);
void  _inj_editor_next_problem    (InjDelegationEditor *self);
void  _inj_editor_update_renewal  (InjDelegationEditor *self);

/* inj-delegation-editor.c */
void  _inj_editor_entry_changed   (InjDelegationEditor *self,
                                   FieldRow *row);

G_END_DECLS
