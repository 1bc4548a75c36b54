/* test-editor-support.h: the editor tests' fixture and form filling. */
#pragma once

#include "inj-delegation-editor.h"

typedef struct {
  char *dir;
  InjDelegationEditor *editor;
} Fixture;

void fixture_set_up    (Fixture *f,
                        gconstpointer data);
void fixture_tear_down (Fixture *f,
                        gconstpointer data);
void type_into         (InjDelegationEditor *editor,
                        InjField field,
                        const char *text);
void fill_corporation  (InjDelegationEditor *editor);
