/* inj-delegation.h: the electronic delegation (電子委任状), seed 000 table 4-1. */
#pragma once

#include <glib-object.h>

#include "inj-field.h"
#include "inj-problem.h"
#include "inj-types.h"

G_BEGIN_DECLS

/* 1.1 added 復代理の可否 (Subdelegation), optional: a delegation without it
 * is still written as 1.0, byte for byte as before, and both are read. */
#define INJ_DELEGATION_SCHEMA_VERSION "1.1"
#define INJ_DELEGATION_SCHEMA_VERSION_1_0 "1.0"
#define INJ_DELEGATION_NAMESPACE "urn:ininjo:delegation:1"

#define INJ_DELEGATION_ERROR (inj_delegation_error_quark ())
typedef enum {
  INJ_DELEGATION_ERROR_INVALID,  /* one or more problems; see the problem list */
  INJ_DELEGATION_ERROR_INPUT,    /* an input file that cannot be read as one */
  INJ_DELEGATION_ERROR_PROFILE,  /* the service profile is missing or broken */
} InjDelegationError;
GQuark inj_delegation_error_quark (void);

#define INJ_TYPE_SUBDELEGATION (inj_subdelegation_get_type ())
GType inj_subdelegation_get_type (void) G_GNUC_CONST;

#define INJ_TYPE_DELEGATION (inj_delegation_get_type ())
G_DECLARE_FINAL_TYPE (InjDelegation, inj_delegation, INJ, DELEGATION, GObject)

InjDelegation   *inj_delegation_new               (void);
InjDelegation   *inj_delegation_create            (InjPrincipalKind kind,
                                                   const InjServiceProfile *profile,
                                                   GDateTime *now);
InjDelegation   *inj_delegation_renew             (InjDelegation *self,
                                                   const InjServiceProfile *profile,
                                                   GDateTime *now);
char            *inj_delegation_generate_id       (void);
void             inj_delegation_apply_profile     (InjDelegation *self,
                                                   const InjServiceProfile *profile);

const char      *inj_delegation_get_text          (InjDelegation *self,
                                                   InjField field);
void             inj_delegation_set_text          (InjDelegation *self,
                                                   InjField field,
                                                   const char *value);
InjProblemCode   inj_delegation_set_input         (InjDelegation *self,
                                                   InjField field,
                                                   const char *value,
                                                   GDateTime *now);
InjPrincipalKind inj_delegation_get_principal_kind(InjDelegation *self);
void             inj_delegation_set_principal_kind(InjDelegation *self,
                                                   InjPrincipalKind kind);
InjQualification inj_delegation_get_qualification (InjDelegation *self);
void             inj_delegation_set_qualification (InjDelegation *self,
                                                   InjQualification qualification);
/* 復代理の可否 (the "subdelegation" property); UNSPECIFIED leaves the item
 * out of the delegation. */
InjSubdelegation inj_delegation_get_subdelegation (InjDelegation *self);
void             inj_delegation_set_subdelegation (InjDelegation *self,
                                                   InjSubdelegation subdelegation);

gboolean         inj_delegation_field_applies     (InjDelegation *self,
                                                   InjField field);
gboolean         inj_delegation_field_required    (InjDelegation *self,
                                                   InjField field);
GPtrArray       *inj_delegation_validate          (InjDelegation *self,
                                                   GDateTime *now);
GPtrArray       *inj_delegation_validate_field    (InjDelegation *self,
                                                   InjField field,
                                                   GDateTime *now);
gboolean         inj_delegation_is_expired        (InjDelegation *self,
                                                   GDateTime *now);
gboolean         inj_delegation_equal             (InjDelegation *a,
                                                   InjDelegation *b);

int              inj_delegation_get_line          (InjDelegation *self,
                                                   InjField field);
void             inj_delegation_set_line          (InjDelegation *self,
                                                   InjField field,
                                                   int line);

char            *inj_problem_message              (InjField field,
                                                   InjProblemCode code,
                                                   InjDelegation *context);

G_END_DECLS
