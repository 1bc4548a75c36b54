/* inj-delegation.c */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n-lib.h>

#include "inj-corporate-number.h"
#include "inj-date.h"
#include "inj-delegation.h"
#include "inj-service-profile.h"
#include "inj-text.h"

struct _InjDelegation {
  GObject parent_instance;
  char *values[INJ_N_FIELDS];
  int lines[INJ_N_FIELDS];
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SUBDELEGATION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (inj-delegation-error-quark, inj_delegation_error)
G_DEFINE_FINAL_TYPE (InjDelegation, inj_delegation, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (InjSubdelegation, inj_subdelegation,
  G_DEFINE_ENUM_VALUE (INJ_SUBDELEGATION_UNSPECIFIED, "unspecified"),
  G_DEFINE_ENUM_VALUE (INJ_SUBDELEGATION_ALLOWED, "allowed"),
  G_DEFINE_ENUM_VALUE (INJ_SUBDELEGATION_NOT_ALLOWED, "not-allowed"))

static void
inj_delegation_finalize (GObject *object)
{
  InjDelegation *self = INJ_DELEGATION (object);

  for (guint i = 0; i < INJ_N_FIELDS; i++)
    g_free (self->values[i]);
  G_OBJECT_CLASS (inj_delegation_parent_class)->finalize (object);
}

static void
inj_delegation_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  InjDelegation *self = INJ_DELEGATION (object);

  switch (prop_id)
    {
    case PROP_SUBDELEGATION:
      g_value_set_enum (value, inj_delegation_get_subdelegation (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_delegation_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  InjDelegation *self = INJ_DELEGATION (object);

  switch (prop_id)
    {
    case PROP_SUBDELEGATION:
      inj_delegation_set_subdelegation (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_delegation_class_init (InjDelegationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = inj_delegation_finalize;
  object_class->get_property = inj_delegation_get_property;
  object_class->set_property = inj_delegation_set_property;

  /* 復代理の可否; its text is the field INJ_FIELD_SUBDELEGATION. */
  properties[PROP_SUBDELEGATION] =
    g_param_spec_enum ("subdelegation", NULL, NULL, INJ_TYPE_SUBDELEGATION,
                       INJ_SUBDELEGATION_UNSPECIFIED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * InjDelegation::changed:
   * @field: the #InjField whose value changed
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
inj_delegation_init (InjDelegation *self)
{
}

InjDelegation *
inj_delegation_new (void)
{
  return g_object_new (INJ_TYPE_DELEGATION, NULL);
}

/* 128 bits from the kernel's CSPRNG, written as a version-4 UUID: unique and
 * unguessable (GLib's g_uuid_string_random() is not meant for that). */
char *
inj_delegation_generate_id (void)
{
  guint8 b[16];
  gsize got = 0;

  while (got < sizeof b)
    {
      ssize_t n = getrandom (b + got, sizeof b - got, 0);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom() failed: %s", g_strerror (errno));
        }
      got += (gsize) n;
    }
  b[6] = (b[6] & 0x0F) | 0x40;
  b[8] = (b[8] & 0x3F) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
                          b[11], b[12], b[13], b[14], b[15]);
}

static gboolean
is_delegation_id (const char *s)
{
  static const char hex[] = "0123456789abcdef";

  if (s == NULL || strlen (s) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (s[i] != '-')
            return FALSE;
        }
      else if (strchr (hex, s[i]) == NULL || s[i] == '\0')
        return FALSE;
    }
  return s[14] == '4' && strchr ("89ab", s[19]) != NULL;
}

void
inj_delegation_apply_profile (InjDelegation *self,
                              const InjServiceProfile *profile)
{
  g_return_if_fail (INJ_IS_DELEGATION (self));
  g_return_if_fail (profile != NULL);

  inj_delegation_set_text (self, INJ_FIELD_SERVICE_NAME, profile->name);
  inj_delegation_set_text (self, INJ_FIELD_POLICY_URL, profile->policy_url);
  inj_delegation_set_text (self, INJ_FIELD_VALIDITY_URL, profile->validity_url);
}

/* A new delegation: its ID and creation time assigned here, the service's
 * items filled from its profile (table 4-1 ※2). */
InjDelegation *
inj_delegation_create (InjPrincipalKind kind,
                       const InjServiceProfile *profile,
                       GDateTime *now)
{
  InjDelegation *self = inj_delegation_new ();
  g_autofree char *id = inj_delegation_generate_id ();
  g_autofree char *created = NULL;
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : inj_date_now ();

  created = inj_date_format_datetime (current);
  inj_delegation_set_text (self, INJ_FIELD_DELEGATION_ID, id);
  inj_delegation_set_text (self, INJ_FIELD_CREATED_AT, created);
  inj_delegation_set_principal_kind (self, kind);
  if (profile)
    inj_delegation_apply_profile (self, profile);
  return self;
}

/* Seed 000, 4.2: a renewal is a new delegation with a new ID; the old ID is
 * retired once the new one is stored, so it is recorded here. */
InjDelegation *
inj_delegation_renew (InjDelegation *self,
                      const InjServiceProfile *profile,
                      GDateTime *now)
{
  InjDelegation *renewal;

  g_return_val_if_fail (INJ_IS_DELEGATION (self), NULL);

  renewal = inj_delegation_create (inj_delegation_get_principal_kind (self), profile, now);
  for (guint i = 0; i < INJ_N_FIELDS; i++)
    {
      if (i == INJ_FIELD_DELEGATION_ID || i == INJ_FIELD_CREATED_AT ||
          i == INJ_FIELD_SUPERSEDES)
        continue;
      if (profile && (inj_field_info (i)->flags & INJ_FIELD_FLAG_AUTO))
        continue;
      inj_delegation_set_text (renewal, i, self->values[i]);
    }
  inj_delegation_set_text (renewal, INJ_FIELD_SUPERSEDES, self->values[INJ_FIELD_DELEGATION_ID]);
  return renewal;
}

const char *
inj_delegation_get_text (InjDelegation *self,
                         InjField field)
{
  g_return_val_if_fail (INJ_IS_DELEGATION (self), NULL);
  g_return_val_if_fail (field >= 0 && field < INJ_N_FIELDS, NULL);
  return self->values[field];
}

/* Stores @value as it is (NULL or "" clears it); validation judges it. */
void
inj_delegation_set_text (InjDelegation *self,
                         InjField field,
                         const char *value)
{
  g_return_if_fail (INJ_IS_DELEGATION (self));
  g_return_if_fail (field >= 0 && field < INJ_N_FIELDS);

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (self->values[field], value) == 0)
    return;
  g_free (self->values[field]);
  self->values[field] = g_strdup (value);
  self->lines[field] = 0;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (int) field);
  if (field == INJ_FIELD_SUBDELEGATION)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBDELEGATION]);
}

/* What a person typed: normalised (NFC, trimmed, identifiers folded to
 * ASCII), dates converted to the stored form. Text that is not UTF-8 is
 * kept as it is so that validation names the problem. Returns a problem
 * found while converting, else INJ_PROBLEM_NONE. */
InjProblemCode
inj_delegation_set_input (InjDelegation *self,
                          InjField field,
                          const char *value,
                          GDateTime *now)
{
  const InjFieldInfo *info;
  g_autofree char *norm = NULL;
  g_autoptr(GDateTime) current = NULL;
  InjProblemCode code = INJ_PROBLEM_NONE;

  g_return_val_if_fail (INJ_IS_DELEGATION (self), INJ_PROBLEM_NONE);
  g_return_val_if_fail (field >= 0 && field < INJ_N_FIELDS, INJ_PROBLEM_NONE);

  info = inj_field_info (field);
  code = value ? inj_text_check (value, -1, INJ_FIELD_FLAG_MULTILINE, NULL) : INJ_PROBLEM_NONE;
  if (value == NULL || code == INJ_PROBLEM_INVALID_UTF8 || code == INJ_PROBLEM_SURROGATE)
    {
      inj_delegation_set_text (self, field, value);
      return INJ_PROBLEM_NONE;
    }
  code = INJ_PROBLEM_NONE;

  norm = inj_text_normalize (value, info->flags);

  if (field == INJ_FIELD_PRINCIPAL_KIND && *norm)
    {
      InjPrincipalKind kind = inj_principal_kind_parse (norm);
      if (kind == INJ_PRINCIPAL_KIND_NONE)
        code = INJ_PROBLEM_KIND_UNKNOWN;
      else
        {
          inj_delegation_set_principal_kind (self, kind);
          return INJ_PROBLEM_NONE;
        }
    }
  else if (field == INJ_FIELD_AGENT_QUALIFICATION && *norm)
    {
      InjQualification q = inj_qualification_parse (norm);
      if (q == INJ_QUALIFICATION_NONE)
        code = INJ_PROBLEM_QUALIFICATION_UNKNOWN;
      else
        {
          inj_delegation_set_qualification (self, q);
          return INJ_PROBLEM_NONE;
        }
    }
  else if (field == INJ_FIELD_SUBDELEGATION && *norm)
    {
      InjSubdelegation sub = inj_subdelegation_parse (norm);
      if (sub == INJ_SUBDELEGATION_UNSPECIFIED)
        code = INJ_PROBLEM_SUBDELEGATION_UNKNOWN;
      else
        {
          inj_delegation_set_subdelegation (self, sub);
          return INJ_PROBLEM_NONE;
        }
    }
  else if ((info->flags & INJ_FIELD_FLAG_DATE) && *norm)
    {
      /* a date of birth written in 和暦 is stored as YYYY-MM-DD */
      g_autofree char *stored = inj_date_birth_from_input (norm, &code);
      if (stored)
        {
          inj_delegation_set_text (self, field, stored);
          return INJ_PROBLEM_NONE;
        }
    }
  else if ((info->flags & INJ_FIELD_FLAG_DATETIME) && *norm)
    {
      g_autofree char *stored = NULL;
      current = now ? g_date_time_ref (now) : inj_date_now ();
      stored = inj_date_from_input (norm, field == INJ_FIELD_PERIOD_END, current, &code);
      if (stored)
        {
          inj_delegation_set_text (self, field, stored);
          return INJ_PROBLEM_NONE;
        }
    }

  inj_delegation_set_text (self, field, norm);
  return code;
}

InjPrincipalKind
inj_delegation_get_principal_kind (InjDelegation *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATION (self), INJ_PRINCIPAL_KIND_NONE);
  return inj_principal_kind_parse (self->values[INJ_FIELD_PRINCIPAL_KIND]);
}

void
inj_delegation_set_principal_kind (InjDelegation *self,
                                   InjPrincipalKind kind)
{
  inj_delegation_set_text (self, INJ_FIELD_PRINCIPAL_KIND, inj_principal_kind_to_key (kind));
}

InjQualification
inj_delegation_get_qualification (InjDelegation *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATION (self), INJ_QUALIFICATION_NONE);
  return inj_qualification_parse (self->values[INJ_FIELD_AGENT_QUALIFICATION]);
}

void
inj_delegation_set_qualification (InjDelegation *self,
                                  InjQualification qualification)
{
  inj_delegation_set_text (self, INJ_FIELD_AGENT_QUALIFICATION,
                           inj_qualification_name (qualification));
}

/* Only the stored keys count: 「可」 is read from an input file but is not
 * what a delegation holds. */
InjSubdelegation
inj_delegation_get_subdelegation (InjDelegation *self)
{
  const char *value;
  InjSubdelegation sub;

  g_return_val_if_fail (INJ_IS_DELEGATION (self), INJ_SUBDELEGATION_UNSPECIFIED);
  value = self->values[INJ_FIELD_SUBDELEGATION];
  sub = inj_subdelegation_parse (value);
  if (g_strcmp0 (inj_subdelegation_to_key (sub), value) != 0)
    return INJ_SUBDELEGATION_UNSPECIFIED;
  return sub;
}

void
inj_delegation_set_subdelegation (InjDelegation *self,
                                  InjSubdelegation subdelegation)
{
  g_return_if_fail (INJ_IS_DELEGATION (self));
  g_return_if_fail (subdelegation >= INJ_SUBDELEGATION_UNSPECIFIED &&
                    subdelegation <= INJ_SUBDELEGATION_NOT_ALLOWED);
  inj_delegation_set_text (self, INJ_FIELD_SUBDELEGATION, inj_subdelegation_to_key (subdelegation));
}

/* Whether @field is part of this delegation at all, given the kind of
 * principal and whether the agent is a 士業. */
gboolean
inj_delegation_field_applies (InjDelegation *self,
                              InjField field)
{
  InjPrincipalKind kind = inj_delegation_get_principal_kind (self);
  gboolean licensed = self->values[INJ_FIELD_AGENT_QUALIFICATION] != NULL;

  switch (field)
    {
    case INJ_FIELD_CORPORATE_NUMBER:
    case INJ_FIELD_CORPORATE_NAME:
    case INJ_FIELD_HEAD_OFFICE_ADDRESS:
    case INJ_FIELD_REPRESENTATIVE_TITLE:
    case INJ_FIELD_REPRESENTATIVE_NAME:
      return kind != INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR;
    case INJ_FIELD_TRADE_NAME:
    case INJ_FIELD_PROPRIETOR_NAME:
    case INJ_FIELD_PROPRIETOR_ADDRESS:
    case INJ_FIELD_PROPRIETOR_BIRTH_DATE:
      return kind != INJ_PRINCIPAL_KIND_CORPORATION;
    case INJ_FIELD_AGENT_TITLE:
      return !licensed;
    default:
      return TRUE;
    }
}

gboolean
inj_delegation_field_required (InjDelegation *self,
                               InjField field)
{
  if (!inj_delegation_field_applies (self, field))
    return FALSE;
  switch (field)
    {
    case INJ_FIELD_SUPERSEDES:
    case INJ_FIELD_AUTHORITY_RESTRICTIONS:
    case INJ_FIELD_SUBDELEGATION:
      return FALSE;
    case INJ_FIELD_AGENT_QUALIFICATION:
      return FALSE; /* absent: the agent is not a 士業 */
    case INJ_FIELD_AGENT_IDENTIFIER:
      /* a 士業 agent is identified by their registration number */
      return self->values[INJ_FIELD_AGENT_QUALIFICATION] != NULL;
    default:
      return TRUE;
    }
}

static void
add_problem (GPtrArray *problems,
             InjDelegation *self,
             InjField field,
             InjProblemCode code)
{
  g_autofree char *message = inj_problem_message (field, code, self);
  g_ptr_array_add (problems, inj_problem_new (field, code, self->lines[field], message));
}

static gboolean
is_https_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;

  if (!g_str_has_prefix (text, "https://"))
    return FALSE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  return g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         g_uri_get_userinfo (uri) == NULL;
}

static gboolean
is_registration_number (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* Checks of one item on its own; returns FALSE when the value is so broken
 * that item-specific checks make no sense. */
static gboolean
check_text (GPtrArray *problems,
            InjDelegation *self,
            InjField field)
{
  const InjFieldInfo *info = inj_field_info (field);
  const char *value = self->values[field];
  g_autofree char *norm = NULL;
  InjProblemCode code;

  code = inj_text_check (value, -1, info->flags, NULL);
  if (code != INJ_PROBLEM_NONE)
    {
      add_problem (problems, self, field, code);
      return FALSE;
    }
  norm = inj_text_normalize (value, info->flags);
  if (strcmp (norm, value) != 0)
    {
      add_problem (problems, self, field, INJ_PROBLEM_NOT_NORMALIZED);
      return FALSE;
    }
  if (inj_text_length (value) > info->max_chars)
    {
      add_problem (problems, self, field, INJ_PROBLEM_TOO_LONG);
      return FALSE;
    }
  return TRUE;
}

static void
check_field (GPtrArray *problems,
             InjDelegation *self,
             InjField field,
             GDateTime *now)
{
  const InjFieldInfo *info = inj_field_info (field);
  const char *value = self->values[field];
  InjProblemCode code = INJ_PROBLEM_NONE;

  if (value == NULL)
    {
      if (inj_delegation_field_required (self, field))
        add_problem (problems, self, field,
                     field == INJ_FIELD_AGENT_IDENTIFIER ? INJ_PROBLEM_REGISTRATION_NUMBER_REQUIRED
                                                         : INJ_PROBLEM_REQUIRED);
      return;
    }
  if (!inj_delegation_field_applies (self, field))
    {
      add_problem (problems, self, field, INJ_PROBLEM_NOT_APPLICABLE);
      return;
    }
  if (!check_text (problems, self, field))
    return;

  switch (field)
    {
    case INJ_FIELD_DELEGATION_ID:
    case INJ_FIELD_SUPERSEDES:
      if (!is_delegation_id (value))
        code = INJ_PROBLEM_ID_FORMAT;
      else if (field == INJ_FIELD_SUPERSEDES &&
               g_strcmp0 (value, self->values[INJ_FIELD_DELEGATION_ID]) == 0)
        code = INJ_PROBLEM_SUPERSEDES_SELF;
      break;
    case INJ_FIELD_PRINCIPAL_KIND:
      if (inj_delegation_get_principal_kind (self) == INJ_PRINCIPAL_KIND_NONE)
        code = INJ_PROBLEM_KIND_UNKNOWN;
      break;
    case INJ_FIELD_CORPORATE_NUMBER:
      code = inj_corporate_number_check (value);
      break;
    case INJ_FIELD_AGENT_QUALIFICATION:
      if (inj_delegation_get_qualification (self) == INJ_QUALIFICATION_NONE)
        code = INJ_PROBLEM_QUALIFICATION_UNKNOWN;
      break;
    case INJ_FIELD_SUBDELEGATION:
      if (inj_delegation_get_subdelegation (self) == INJ_SUBDELEGATION_UNSPECIFIED)
        code = INJ_PROBLEM_SUBDELEGATION_UNKNOWN;
      break;
    case INJ_FIELD_AGENT_IDENTIFIER:
      if (self->values[INJ_FIELD_AGENT_QUALIFICATION] != NULL && !is_registration_number (value))
        code = INJ_PROBLEM_IDENTIFIER_FORMAT;
      break;
    case INJ_FIELD_PROPRIETOR_BIRTH_DATE:
      {
        GDate date;
        code = inj_date_parse_date (value, &date);
        if (code == INJ_PROBLEM_NONE)
          {
            g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : inj_date_now ();
            GDate today, earliest;
            g_date_clear (&today, 1);
            g_date_clear (&earliest, 1);
            g_date_set_dmy (&today, g_date_time_get_day_of_month (current),
                            g_date_time_get_month (current), g_date_time_get_year (current));
            g_date_set_dmy (&earliest, 1, 1, 1900);
            if (g_date_compare (&date, &today) > 0 || g_date_compare (&date, &earliest) < 0)
              code = INJ_PROBLEM_BIRTH_DATE_RANGE;
          }
      }
      break;
    default:
      if (info->flags & INJ_FIELD_FLAG_DATETIME)
        code = inj_date_parse_datetime (value, NULL);
      else if (info->flags & INJ_FIELD_FLAG_URL)
        code = is_https_url (value) ? INJ_PROBLEM_NONE : INJ_PROBLEM_URL;
      break;
    }
  if (code != INJ_PROBLEM_NONE)
    add_problem (problems, self, field, code);
}

static void
check_period (GPtrArray *problems,
              InjDelegation *self,
              GDateTime *now)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (inj_date_parse_datetime (self->values[INJ_FIELD_PERIOD_END], &end) != INJ_PROBLEM_NONE)
    return;
  if (inj_date_parse_datetime (self->values[INJ_FIELD_PERIOD_START], &start) == INJ_PROBLEM_NONE &&
      g_date_time_compare (end, start) <= 0)
    add_problem (problems, self, INJ_FIELD_PERIOD_END, INJ_PROBLEM_PERIOD_ORDER);
  else if (now && g_date_time_compare (end, now) < 0)
    add_problem (problems, self, INJ_FIELD_PERIOD_END, INJ_PROBLEM_PERIOD_END_PAST);
}

/* Every problem of the delegation, in the order of table 4-1. With @now,
 * a period that has already ended is a problem too (a delegation to create,
 * sign or send); without it, an expired delegation is still well-formed (one
 * to show). */
GPtrArray *
inj_delegation_validate (InjDelegation *self,
                         GDateTime *now)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_problem_free);

  g_return_val_if_fail (INJ_IS_DELEGATION (self), problems);

  /* 復代理の可否 (the last field) is said right after the restrictions */
  for (guint i = 0; i < INJ_FIELD_SUBDELEGATION; i++)
    {
      if (i == INJ_FIELD_PERIOD_START)
        check_field (problems, self, INJ_FIELD_SUBDELEGATION, now);
      check_field (problems, self, i, now);
    }
  for (guint i = INJ_FIELD_SUBDELEGATION + 1; i < INJ_N_FIELDS; i++)
    check_field (problems, self, i, now);
  check_period (problems, self, now);
  return problems;
}

/* The problems of one item, for validation as a person types. */
GPtrArray *
inj_delegation_validate_field (InjDelegation *self,
                               InjField field,
                               GDateTime *now)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_problem_free);

  g_return_val_if_fail (INJ_IS_DELEGATION (self), problems);
  check_field (problems, self, field, now);
  if ((field == INJ_FIELD_PERIOD_START || field == INJ_FIELD_PERIOD_END) && problems->len == 0)
    check_period (problems, self, now);
  return problems;
}

/* Fails closed: a period whose end cannot be read (missing, malformed)
 * has no end to be valid until, and counts as ended. */
gboolean
inj_delegation_is_expired (InjDelegation *self,
                           GDateTime *now)
{
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) current = NULL;

  if (inj_date_parse_datetime (self->values[INJ_FIELD_PERIOD_END], &end) != INJ_PROBLEM_NONE ||
      end == NULL)
    return TRUE;
  current = now ? g_date_time_ref (now) : inj_date_now ();
  return g_date_time_compare (end, current) < 0;
}

gboolean
inj_delegation_equal (InjDelegation *a,
                      InjDelegation *b)
{
  for (guint i = 0; i < INJ_N_FIELDS; i++)
    if (g_strcmp0 (a->values[i], b->values[i]) != 0)
      return FALSE;
  return TRUE;
}

int
inj_delegation_get_line (InjDelegation *self,
                         InjField field)
{
  g_return_val_if_fail (INJ_IS_DELEGATION (self), 0);
  g_return_val_if_fail (field >= 0 && field < INJ_N_FIELDS, 0);
  return self->lines[field];
}

void
inj_delegation_set_line (InjDelegation *self,
                         InjField field,
                         int line)
{
  g_return_if_fail (INJ_IS_DELEGATION (self));
  g_return_if_fail (field >= 0 && field < INJ_N_FIELDS);
  self->lines[field] = line;
}
