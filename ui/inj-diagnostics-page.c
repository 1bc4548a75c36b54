/* inj-diagnostics-page.c */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-app.h"
#include "inj-bundle-dialog.h"
#include "inj-diagnostics.h"
#include "inj-diagnostics-page.h"
#include "inj-diagnostics-setup.h"
#include "inj-ui-private.h"

/* Beyond this many seconds the clock's offset from the service's is worth
 * a warning (certificates' and signatures' times depend on it). */
#define CLOCK_OFFSET_WARN_S 60

typedef enum {
  MOOD_NONE = 0,
  MOOD_OK,
  MOOD_WARN,
  MOOD_BAD,
} Mood;

struct _InjDiagnosticsPage {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkSpinner *spinner;
  GtkWidget *cancel_button;
  GtkWidget *run_button;
  GtkWidget *copy_button;
  GtkWidget *bundle_button;
  GtkLabel *status_label;
  GtkWidget *verbose_row;
  GtkWidget *verbose_switch;
  GtkBox *groups_box;

  InjSession *session;
  GCancellable *cancellable;
  InjDiagnosticsState state;
  gboolean started;          /* run once, when first mapped */
  JsonObject *report;
  GHashTable *rows;          /* id → AdwActionRow (owned by the groups) */
  gboolean with_card;        /* this run tries the service with the card */
};

G_DEFINE_FINAL_TYPE (InjDiagnosticsPage, inj_diagnostics_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STATE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- values as text */

static gboolean
member_is (JsonObject *o,
           const char *member,
           JsonNodeType type)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  return node && json_node_get_node_type (node) == type;
}

static const char *
get_string (JsonObject *o,
            const char *member)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
get_bool (JsonObject *o,
          const char *member,
          gboolean fallback)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return fallback;
}

static gboolean
get_int (JsonObject *o,
         const char *member,
         gint64 *value)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  return FALSE;
}

static JsonObject *
get_object (JsonObject *o,
            const char *member)
{
  return member_is (o, member, JSON_NODE_OBJECT) ? json_object_get_object_member (o, member) : NULL;
}

static JsonArray *
get_array (JsonObject *o,
           const char *member)
{
  return member_is (o, member, JSON_NODE_ARRAY) ? json_object_get_array_member (o, member) : NULL;
}

/* Any node as one line: scalars as they are, lists of scalars joined,
 * anything deeper as compact JSON (so that a new member still shows). */
static char *
value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return g_strdup_printf ("%g", json_node_get_double (node));
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      GString *s = g_string_new (NULL);
      gboolean flat = TRUE;

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (!JSON_NODE_HOLDS_VALUE (json_array_get_element (a, i)))
          flat = FALSE;
      if (json_array_get_length (a) == 0)
        {
          g_string_free (s, TRUE);
          return g_strdup (_("none"));
        }
      if (flat)
        {
          for (guint i = 0; i < json_array_get_length (a); i++)
            {
              g_autofree char *one = value_text (json_array_get_element (a, i));
              g_string_append_printf (s, "%s%s", i ? ", " : "", one);
            }
          return g_string_free (s, FALSE);
        }
      g_string_free (s, TRUE);
    }
  return json_to_string (node, FALSE);
}

static char *
member_text (JsonObject *o,
             const char *member)
{
  return value_text (json_object_get_member (o, member));
}

/* "error" with its code in brackets, or NULL. */
static char *
error_text (JsonObject *o)
{
  const char *error = get_string (o, "error");
  const char *code = get_string (o, "error_code");

  if (error == NULL)
    return NULL;
  return code ? g_strdup_printf ("%s (%s)", error, code) : g_strdup (error);
}

/* An ISO 8601 time in the local time zone, for reading. */
static char *
time_text (const char *iso)
{
  g_autoptr(GDateTime) when = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup (iso ? iso : "—");
  local = g_date_time_to_local (when);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
}

/* ---------------------------------------------------------------- rows and groups */

static AdwPreferencesGroup *
add_group (InjDiagnosticsPage *self,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->groups_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

static GtkWidget *
add_row (InjDiagnosticsPage *self,
         AdwPreferencesGroup *group,
         const char *id,
         const char *title,
         const char *subtitle,
         Mood mood)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (mood != MOOD_NONE)
    {
      static const char *const icons[] = { NULL, "emblem-ok-symbolic", "dialog-warning-symbolic",
                                           "dialog-error-symbolic" };
      static const char *const classes[] = { NULL, "success", "warning", "error" };
      GtkWidget *icon = gtk_image_new_from_icon_name (icons[mood]);

      gtk_widget_add_css_class (icon, classes[mood]);
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      /* the state is in the subtitle's words too; the icon is for the eye */
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      mood == MOOD_OK ? _("Works")
                                      : mood == MOOD_WARN ? _("Warning") : _("Problem"),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  adw_preferences_group_add (group, row);
  if (id)
    g_hash_table_replace (self->rows, g_strdup (id), row);
  return row;
}

static gboolean
is_known (const char *member,
          const char *const *known)
{
  return known && g_strv_contains (known, member);
}

/* Members this page does not know yet: a row each, named as in the
 * report, so that nothing the report says is hidden. */
static void
add_other_members (InjDiagnosticsPage *self,
                   AdwPreferencesGroup *group,
                   const char *id_prefix,
                   JsonObject *o,
                   const char *const *known)
{
  g_autoptr(GList) members = o ? json_object_get_members (o) : NULL;

  for (GList *l = members; l; l = l->next)
    {
      const char *member = l->data;
      g_autofree char *id = NULL;
      g_autofree char *text = NULL;

      if (is_known (member, known))
        continue;
      id = g_strdup_printf ("%s.%s", id_prefix, member);
      text = member_text (o, member);
      add_row (self, group, id, member, text,
               g_str_has_suffix (member, "error") ? MOOD_BAD : MOOD_NONE);
    }
}

/* Lines "member: value" of the members not in @known, for a subtitle. */
static void
append_other_lines (GString *text,
                    JsonObject *o,
                    const char *const *known)
{
  g_autoptr(GList) members = o ? json_object_get_members (o) : NULL;

  for (GList *l = members; l; l = l->next)
    {
      g_autofree char *value = NULL;

      if (is_known (l->data, known))
        continue;
      value = member_text (o, l->data);
      g_string_append_printf (text, "%s%s: %s", text->len ? "\n" : "", (const char *) l->data,
                              value);
    }
}

/* ---------------------------------------------------------------- sections */

static void
show_last_error (InjDiagnosticsPage *self,
                 JsonNode *node)
{
  static const char *const known[] = { "time", "step", "reason", "error", NULL };
  AdwPreferencesGroup *group = add_group (self, _("Last error"),
                                          _("The last failure Ininjo recorded, as support staff "
                                            "see it."));
  JsonObject *o;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      add_row (self, group, "last-error.none", _("None"),
               _("No failure is recorded in the recent log."), MOOD_OK);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *text = value_text (node);
      add_row (self, group, "last-error.error", _("Error code"), text, MOOD_BAD);
      return;
    }
  o = json_node_get_object (node);
  if (json_object_has_member (o, "time"))
    {
      g_autofree char *when = time_text (get_string (o, "time"));
      add_row (self, group, "last-error.time", _("When"), when, MOOD_NONE);
    }
  if (json_object_has_member (o, "step"))
    {
      static const struct {
        const char *step;
        const char *label;
      } steps[] = {
        { "sign", N_("Signing the delegation") },
        { "agent", N_("The agent's signature") },
        { "profile", N_("The connection to the service") },
        { "upload", N_("Uploading") },
        { "card", N_("Reading the card") },
      };
      g_autofree char *text = member_text (o, "step");
      g_autofree char *shown = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        if (g_strcmp0 (text, steps[i].step) == 0)
          shown = g_strdup_printf ("%s (%s)", _(steps[i].label), text);
      add_row (self, group, "last-error.step", _("Step"), shown ? shown : text, MOOD_NONE);
    }
  if (json_object_has_member (o, "reason"))
    {
      g_autofree char *text = member_text (o, "reason");
      add_row (self, group, "last-error.reason", _("Reason"), text, MOOD_NONE);
    }
  if (json_object_has_member (o, "error"))
    {
      g_autofree char *text = member_text (o, "error");
      add_row (self, group, "last-error.error", _("Error code"), text, MOOD_BAD);
    }
  add_other_members (self, group, "last-error", o, known);
}

static const char *
version_title (const char *member)
{
  static const struct { const char *member; const char *title; } names[] = {
    { "ininjo", "Ininjo" }, { "opensc", "OpenSC" }, { "p11-kit", "p11-kit" },
    { "pcsc-lite", "pcsc-lite" }, { "gtk", "GTK" }, { "glib", "GLib" },
    { "libcurl", "libcurl" }, { "gnutls", "GnuTLS" }, { "libxml2", "libxml2" },
    { "xmlsec", "xmlsec" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (member, names[i].member))
      return names[i].title;
  return member;
}

static void
show_versions (InjDiagnosticsPage *self,
               JsonNode *node)
{
  AdwPreferencesGroup *group = add_group (self, _("Versions"), NULL);
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *text = value_text (node);
      add_row (self, group, "versions", _("Versions"), text, MOOD_NONE);
      return;
    }
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l; l = l->next)
    {
      g_autofree char *id = g_strdup_printf ("versions.%s", (const char *) l->data);
      g_autofree char *text = member_text (json_node_get_object (node), l->data);
      add_row (self, group, id, version_title (l->data), text, MOOD_NONE);
    }
}

static void
show_modules (InjDiagnosticsPage *self,
              JsonObject *cards)
{
  static const char *const known[] = { "name", "file", "description", "manufacturer", "version",
                                       NULL };
  AdwPreferencesGroup *group = add_group (self, _("PKCS#11 modules"),
                                          _("The modules p11-kit registers."));
  JsonArray *modules = get_array (cards, "p11kit_modules");
  const char *error = get_string (cards, "modules_error");

  if (error)
    add_row (self, group, "modules.error", _("The modules cannot be listed"), error, MOOD_BAD);
  for (guint i = 0; modules && i < json_array_get_length (modules); i++)
    {
      JsonObject *m = json_array_get_object_element (modules, i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("modules.%u", i);
      const char *name = get_string (m, "name");

      if (get_string (m, "file"))
        g_string_append (text, get_string (m, "file"));
      if (get_string (m, "description") || get_string (m, "manufacturer"))
        g_string_append_printf (text, "%s%s%s%s", text->len ? "\n" : "",
                                get_string (m, "description") ? get_string (m, "description") : "",
                                get_string (m, "description") && get_string (m, "manufacturer")
                                ? " — " : "",
                                get_string (m, "manufacturer") ? get_string (m, "manufacturer") : "");
      if (get_string (m, "version"))
        g_string_append_printf (text, "%s%s %s", text->len ? "\n" : "", _("Version"),
                                get_string (m, "version"));
      append_other_lines (text, m, known);
      add_row (self, group, id, name ? name : _("Module"), text->str, MOOD_NONE);
    }
  if (modules && json_array_get_length (modules) == 0 && error == NULL)
    add_row (self, group, "modules.none", _("No module registered"),
             _("p11-kit registers no PKCS#11 module: install OpenSC (Debian package opensc-pkcs11)."),
             MOOD_WARN);
}

static void
show_readers (InjDiagnosticsPage *self,
              JsonObject *cards)
{
  static const char *const known[] = { "name", "card_present", "atr", NULL };
  AdwPreferencesGroup *group = add_group (self, _("Readers"), NULL);
  JsonArray *readers = get_array (cards, "readers");
  const char *error = get_string (cards, "readers_error");

  if (error)
    add_row (self, group, "readers.error", _("The readers cannot be listed"), error, MOOD_BAD);
  for (guint i = 0; readers && i < json_array_get_length (readers); i++)
    {
      JsonObject *r = json_array_get_object_element (readers, i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("readers.%u", i);
      const char *name = get_string (r, "name");
      gboolean present = get_bool (r, "card_present", FALSE);

      if (present)
        g_string_append_printf (text, _("Card present, ATR: %s"),
                                get_string (r, "atr") ? get_string (r, "atr") : "—");
      else
        g_string_append (text, _("No card"));
      append_other_lines (text, r, known);
      add_row (self, group, id, name ? name : _("Reader"), text->str, MOOD_NONE);
    }
  if (readers && json_array_get_length (readers) == 0 && error == NULL)
    add_row (self, group, "readers.none", _("No reader"),
             _("Connect a card reader. If one is connected, check that pcscd runs."), MOOD_WARN);
}

static void
show_tokens (InjDiagnosticsPage *self,
             JsonObject *cards)
{
  static const char *const known[] = { "label", "module", "reader", "my_number", NULL };
  static const char *const known_cards[] = { "p11kit_modules", "modules_error", "readers",
                                             "readers_error", "tokens", "monitor_error", "cards",
                                             NULL };
  AdwPreferencesGroup *group = add_group (self, _("Tokens"),
                                          _("What the PKCS#11 module finds in the readers."));
  JsonArray *tokens = get_array (cards, "tokens");
  const char *error = get_string (cards, "monitor_error");

  if (error)
    add_row (self, group, "tokens.error", _("The PKCS#11 module cannot be used"), error, MOOD_BAD);
  for (guint i = 0; tokens && i < json_array_get_length (tokens); i++)
    {
      JsonObject *t = json_array_get_object_element (tokens, i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("tokens.%u", i);
      const char *label = get_string (t, "label");

      g_string_append (text, get_bool (t, "my_number", FALSE) ? _("My Number card")
                                                              : _("Not a My Number card"));
      if (get_string (t, "reader"))
        g_string_append_printf (text, "\n%s: %s", _("Reader"), get_string (t, "reader"));
      if (get_string (t, "module"))
        g_string_append_printf (text, "\n%s: %s", _("Module"), get_string (t, "module"));
      append_other_lines (text, t, known);
      add_row (self, group, id, label ? label : _("Token"), text->str, MOOD_NONE);
    }
  if (tokens && json_array_get_length (tokens) == 0 && error == NULL)
    add_row (self, group, "tokens.none", _("No token"), _("No card is seen through PKCS#11."),
             MOOD_NONE);
  add_other_members (self, group, "cards", cards, known_cards);
}

static char *
pin_text (JsonObject *pin,
          Mood *mood)
{
  gint64 left = 0, max = 0;
  g_autofree char *error = error_text (pin);
  GString *text;

  *mood = MOOD_NONE;
  if (error)
    {
      *mood = MOOD_BAD;
      return g_steal_pointer (&error);
    }
  if (!get_int (pin, "tries_left", &left) || !get_int (pin, "max_tries", &max))
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, pin);
      return value_text (node);
    }
  text = g_string_new (NULL);
  if (get_bool (pin, "locked", FALSE))
    {
      *mood = MOOD_BAD;
      g_string_append (text, _("Locked: no try left. It must be reset at the municipal office."));
    }
  else
    {
      *mood = get_bool (pin, "final_try", FALSE) ? MOOD_WARN : MOOD_OK;
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d try left of %d",
                                                 "%d tries left of %d", (gulong) left),
                              (int) left, (int) max);
      if (!get_bool (pin, "exact", TRUE))
        g_string_append_printf (text, " (%s)", _("at least; the card does not tell exactly"));
      if (get_bool (pin, "final_try", FALSE))
        g_string_append_printf (text, "\n%s", _("One try left: a wrong entry locks it."));
    }
  g_string_append_printf (text, "\n%s", _("Read without using a try."));
  return g_string_free (text, FALSE);
}

static const char *
cert_title (const char *kind)
{
  if (g_str_equal (kind, "auth"))
    return _("Authentication certificate");
  if (g_str_equal (kind, "auth-ca"))
    return _("Authentication CA certificate");
  if (g_str_equal (kind, "sign-ca"))
    return _("Signing CA certificate");
  if (g_str_equal (kind, "sign"))
    return _("Signing certificate");
  return kind;
}

static const char *
chain_text (const char *chain,
            gboolean pinned)
{
  if (g_strcmp0 (chain, "trusted") == 0)
    return pinned ? _("Chains to a pinned JPKI root.")
                  : _("Chains to a trust anchor of the preferences.");
  if (g_strcmp0 (chain, "bad-signature") == 0)
    return _("Not trusted: a root of the issuer's name did not sign it.");
  if (g_strcmp0 (chain, "insecure") == 0)
    return _("Not trusted: signed with an insecure algorithm.");
  if (g_strcmp0 (chain, "unknown-issuer") == 0)
    return _("Not trusted: it chains neither to a pinned JPKI root nor to a trust anchor "
             "of the preferences.");
  return chain;
}

/* Validity, chain, serial and fingerprint: never a person's subject (the
 * report has none; a CA's subject is the CA's name). */
static char *
cert_text (const char *kind,
           JsonObject *c,
           Mood *mood)
{
  static const char *const known[] = { "serial", "sha256", "not_before", "not_after", "valid_now",
                                       "subject", "pinned_root", "issuer", "chain",
                                       "chain_pinned_root", "chain_to_card_ca", "error",
                                       "error_code", "note", NULL };
  g_autofree char *error = error_text (c);
  GString *text;
  const char *chain = get_string (c, "chain");
  gboolean valid = get_bool (c, "valid_now", FALSE);

  *mood = MOOD_NONE;
  if (error)
    {
      *mood = MOOD_BAD;
      return g_steal_pointer (&error);
    }
  text = g_string_new (NULL);
  if (get_string (c, "note") && g_str_equal (kind, "sign") && get_string (c, "sha256") == NULL)
    g_string_append (text, _("Not read: the signing certificate can only be read with the signing "
                             "password."));
  else if (get_string (c, "note"))
    g_string_append (text, get_string (c, "note"));
  if (json_object_has_member (c, "valid_now"))
    {
      g_autofree char *from = time_text (get_string (c, "not_before"));
      g_autofree char *to = time_text (get_string (c, "not_after"));
      g_string_append_printf (text, "%s%s (%s – %s)", text->len ? "\n" : "",
                              valid ? _("Valid now") : _("Not valid now"), from, to);
    }
  if (chain)
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "",
                            chain_text (chain, get_bool (c, "chain_pinned_root", FALSE)));
  if (get_string (c, "chain_to_card_ca"))
    g_string_append_printf (text, "\n%s: %s", _("Issued by the card's own CA certificate"),
                            g_str_equal (get_string (c, "chain_to_card_ca"), "trusted")
                            ? _("yes") : get_string (c, "chain_to_card_ca"));
  if (get_bool (c, "pinned_root", FALSE))
    g_string_append_printf (text, "\n%s", _("A pinned JPKI root."));
  if (get_string (c, "subject"))
    g_string_append_printf (text, "\n%s: %s", _("Subject (CA)"), get_string (c, "subject"));
  if (get_string (c, "issuer"))
    g_string_append_printf (text, "\n%s: %s", _("Issuer"), get_string (c, "issuer"));
  if (get_string (c, "serial"))
    g_string_append_printf (text, "\n%s: %s", _("Serial"), get_string (c, "serial"));
  if (get_string (c, "sha256"))
    g_string_append_printf (text, "\nSHA-256: %s", get_string (c, "sha256"));
  append_other_lines (text, c, known);
  /* expired, or a chain that is wrong: a problem; a chain to no root
   * this computer knows (the authentication CA's root is not pinned): a
   * warning, to be read with the card's own CA */
  if (chain && (!valid || g_str_equal (chain, "bad-signature") || g_str_equal (chain, "insecure")))
    *mood = MOOD_BAD;
  else if (chain)
    *mood = g_str_equal (chain, "trusted") ? MOOD_OK : MOOD_WARN;
  return g_string_free (text, FALSE);
}

static void
show_card (InjDiagnosticsPage *self,
           guint index,
           JsonObject *card)
{
  static const char *const known[] = { "reader", "kind", "kind_error", "token_labels", "pins",
                                       "certificates", NULL };
  const char *reader = get_string (card, "reader");
  g_autofree char *title = g_strdup_printf (_("Card in %s"), reader ? reader : "?");
  g_autofree char *prefix = g_strdup_printf ("cards.%u", index);
  AdwPreferencesGroup *group = add_group (self, title,
                                          _("Read without a PIN: no try is used."));
  JsonObject *pins = get_object (card, "pins");
  JsonObject *certs = get_object (card, "certificates");
  g_autofree char *kind_id = g_strconcat (prefix, ".kind", NULL);

  if (get_string (card, "kind"))
    add_row (self, group, kind_id, _("Kind (EF 0006)"), get_string (card, "kind"), MOOD_NONE);
  else if (get_string (card, "kind_error"))
    add_row (self, group, kind_id, _("Kind (EF 0006)"), get_string (card, "kind_error"), MOOD_BAD);
  if (json_object_has_member (card, "token_labels"))
    {
      g_autofree char *id = g_strconcat (prefix, ".token-labels", NULL);
      g_autofree char *labels = member_text (card, "token_labels");
      add_row (self, group, id, _("Token labels"), labels, MOOD_NONE);
    }
  if (pins)
    {
      static const char *const pin_known[] = { "auth", "sign", NULL };
      g_autofree char *pins_prefix = g_strconcat (prefix, ".pin", NULL);

      for (guint p = 0; p < 2; p++)
        {
          const char *member = pin_known[p];
          JsonObject *pin = get_object (pins, member);
          g_autofree char *id = g_strdup_printf ("%s.%s", pins_prefix, member);
          g_autofree char *text = NULL;
          Mood mood;

          if (pin == NULL)
            continue;
          text = pin_text (pin, &mood);
          add_row (self, group, id, p == 0 ? _("Authentication PIN") : _("Signing password"), text,
                   mood);
        }
      add_other_members (self, group, pins_prefix, pins, pin_known);
    }
  if (certs)
    {
      g_autoptr(GList) members = json_object_get_members (certs);

      for (GList *l = members; l; l = l->next)
        {
          const char *kind = l->data;
          g_autofree char *id = g_strdup_printf ("%s.cert.%s", prefix, kind);
          JsonObject *c = get_object (certs, kind);
          g_autofree char *text = NULL;
          Mood mood = MOOD_NONE;

          if (c)
            text = cert_text (kind, c, &mood);
          else
            text = member_text (certs, kind);
          add_row (self, group, id, cert_title (kind), text, mood);
        }
    }
  add_other_members (self, group, prefix, card, known);
}

static void
show_cards (InjDiagnosticsPage *self,
            JsonNode *node)
{
  JsonObject *cards;
  JsonArray *list;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  cards = json_node_get_object (node);
  show_modules (self, cards);
  show_readers (self, cards);
  show_tokens (self, cards);
  list = get_array (cards, "cards");
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonNode *card = json_array_get_element (list, i);
      if (JSON_NODE_HOLDS_OBJECT (card))
        show_card (self, i, json_node_get_object (card));
    }
}

static void
show_check (InjDiagnosticsPage *self,
            AdwPreferencesGroup *group,
            const char *id,
            const char *title,
            JsonObject *o,
            const char *ok_text)
{
  static const char *const known[] = { "ok", "ms", "addresses", "error", "error_code", NULL };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *error = error_text (o);
  gboolean ok = get_bool (o, "ok", FALSE);
  gint64 ms = 0;

  if (ok)
    g_string_append (text, ok_text);
  else
    g_string_append (text, error ? error : _("Failed"));
  if (get_int (o, "ms", &ms))
    g_string_append_printf (text, " (%" G_GINT64_FORMAT " ms)", ms);
  append_other_lines (text, o, known);
  add_row (self, group, id, title, text->str, ok ? MOOD_OK : MOOD_BAD);
}

static void
show_service (InjDiagnosticsPage *self,
              JsonNode *node)
{
  static const char *const known[] = { "url", "client_key", "ok", "error", "error_code",
                                       "name_resolution", "tcp", "tls", "clock_offset_s",
                                       "service_name", NULL };
  static const char *const tls_known[] = { "version", "parameters", "server_certificate",
                                           "server_certificate_verified",
                                           "client_certificate_accepted", "failure", "error",
                                           "error_code", NULL };
  AdwPreferencesGroup *group;
  JsonObject *o, *dns, *tcp, *tls;
  const char *url;
  g_autofree char *error = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  o = json_node_get_object (node);
  url = get_string (o, "url");
  group = add_group (self, _("Service"), url);
  if (json_object_has_member (o, "ok"))
    add_row (self, group, "service.result", _("Result"),
             get_bool (o, "ok", FALSE) ? _("The service answered.")
                                       : _("The service did not answer as expected: see below."),
             get_bool (o, "ok", FALSE) ? MOOD_OK : MOOD_BAD);
  if (get_string (o, "client_key"))
    add_row (self, group, "service.client-key", _("Client credential"),
             g_str_equal (get_string (o, "client_key"), "card")
             ? _("The card's authentication key") : _("A certificate file"), MOOD_NONE);
  if ((error = error_text (o)))
    add_row (self, group, "service.error", _("Error"), error, MOOD_BAD);

  if ((dns = get_object (o, "name_resolution")))
    {
      g_autofree char *addresses = member_text (dns, "addresses");
      show_check (self, group, "service.name-resolution", _("Name resolution"), dns, addresses);
    }
  if ((tcp = get_object (o, "tcp")))
    show_check (self, group, "service.tcp", _("TCP connection"), tcp, _("Connected"));

  if ((tls = get_object (o, "tls")))
    {
      const char *version = get_string (tls, "version");
      const char *parameters = get_string (tls, "parameters");
      const char *verified = get_string (tls, "server_certificate_verified");
      const char *accepted = get_string (tls, "client_certificate_accepted");
      g_autofree char *tls_text = NULL;
      g_autoptr(GString) server = g_string_new (NULL);
      g_autoptr(GString) other = g_string_new (NULL);
      Mood server_mood = MOOD_NONE;
      Mood client_mood = MOOD_NONE;
      const char *client_text;

      if (version || parameters)
        tls_text = g_strdup_printf ("%s%s%s", version ? version : "",
                                    version && parameters && *parameters ? "\n" : "",
                                    parameters ? parameters : "");
      add_row (self, group, "service.tls", _("TLS"), tls_text ? tls_text : _("Not reached"),
               tls_text ? MOOD_NONE : MOOD_BAD);

      if (g_strcmp0 (verified, "yes") == 0)
        {
          g_string_append (server, _("Verified against the service CA of the preferences."));
          server_mood = MOOD_OK;
        }
      else if (g_strcmp0 (verified, "no") == 0)
        {
          g_string_append (server, _("Not verified: it does not chain to the service CA of the "
                                     "preferences, or does not name the service."));
          server_mood = MOOD_BAD;
        }
      else
        g_string_append (server, _("Not reached"));
      if (get_string (tls, "server_certificate") && *get_string (tls, "server_certificate"))
        g_string_append_printf (server, "\n%s", get_string (tls, "server_certificate"));
      add_row (self, group, "service.server-certificate", _("Server certificate"), server->str,
               server_mood);

      if (g_strcmp0 (accepted, "yes") == 0)
        {
          client_text = _("Accepted by the service.");
          client_mood = MOOD_OK;
        }
      else if (g_strcmp0 (accepted, "no") == 0)
        {
          client_text = _("Refused by the service.");
          client_mood = MOOD_BAD;
        }
      else
        client_text = _("Unknown: the connection did not get that far.");
      add_row (self, group, "service.client-certificate", _("Client certificate"), client_text,
               client_mood);

      if (get_string (tls, "failure") || get_string (tls, "error"))
        {
          g_autofree char *tls_error = error_text (tls);
          g_string_append_printf (other, "%s%s%s", get_string (tls, "failure") ? get_string (tls, "failure") : "",
                                  get_string (tls, "failure") && tls_error ? ": " : "",
                                  tls_error ? tls_error : "");
          add_row (self, group, "service.failure", _("Failure"), other->str, MOOD_BAD);
        }
      add_other_members (self, group, "service.tls", tls, tls_known);
    }

  if (json_object_has_member (o, "clock_offset_s"))
    {
      gint64 offset = 0;
      g_autofree char *text = NULL;
      Mood mood = MOOD_NONE;

      if (get_int (o, "clock_offset_s", &offset))
        {
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%+d second (this computer − the "
                                               "service)", "%+d seconds (this computer − the "
                                               "service)", (gulong) ABS (offset)),
                                  (int) offset);
          mood = ABS (offset) > CLOCK_OFFSET_WARN_S ? MOOD_WARN : MOOD_OK;
        }
      else
        text = g_strdup (_("Unknown: the service's answer had no time."));
      add_row (self, group, "service.clock-offset", _("Clock offset"), text, mood);
    }
  if (get_string (o, "service_name"))
    add_row (self, group, "service.name", _("Service name"), get_string (o, "service_name"),
             MOOD_NONE);
  add_other_members (self, group, "service", o, known);
}

static void
with_card_clicked (InjDiagnosticsPage *self)
{
  inj_diagnostics_page_run_with_card (self);
}

static void
show_no_service (InjDiagnosticsPage *self)
{
  AdwPreferencesGroup *group = add_group (self, _("Service"), NULL);
  GtkWidget *row;
  GtkWidget *button;

  row = add_row (self, group, "service.not-tried", _("Not tried"),
                 _("With the card as the client credential, reaching the service needs your "
                   "authentication PIN (利用者証明用電子証明書の暗証番号). It is asked only when "
                   "you press the button; no other try is used."), MOOD_NONE);
  button = gtk_button_new_with_mnemonic (_("_Test with the card…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Run the diagnostics again, the service included: asks "
                                         "for the authentication PIN"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (with_card_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static const char *
package_state_text (const char *state)
{
  if (g_strcmp0 (state, "ready") == 0)
    return _("Ready to upload");
  if (g_strcmp0 (state, "received") == 0)
    return _("Received by the service");
  if (g_strcmp0 (state, "stored") == 0)
    return _("Stored by the service");
  if (g_strcmp0 (state, "rejected") == 0)
    return _("Rejected by the service");
  return state ? state : "—";
}

static void
show_outbox (InjDiagnosticsPage *self,
             JsonNode *node)
{
  static const char *const known[] = { "packages", "error", "error_code", NULL };
  static const char *const package_known[] = { "id", "state", NULL };
  AdwPreferencesGroup *group = add_group (self, _("Outbox"),
                                          _("Signed packages waiting to be uploaded: IDs and "
                                            "states only."));
  JsonObject *o;
  JsonArray *packages;
  g_autofree char *error = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  o = json_node_get_object (node);
  packages = get_array (o, "packages");
  if ((error = error_text (o)))
    add_row (self, group, "outbox.error", _("The outbox cannot be read"), error, MOOD_BAD);
  for (guint i = 0; packages && i < json_array_get_length (packages); i++)
    {
      JsonObject *p = json_array_get_object_element (packages, i);
      g_autofree char *id = g_strdup_printf ("outbox.%u", i);
      g_autoptr(GString) text = g_string_new (NULL);
      const char *state = get_string (p, "state");

      g_string_append (text, package_state_text (state));
      if (state && !g_str_equal (package_state_text (state), state))
        g_string_append_printf (text, " (%s)", state);
      append_other_lines (text, p, package_known);
      add_row (self, group, id, get_string (p, "id") ? get_string (p, "id") : "?", text->str,
               MOOD_NONE);
    }
  if (packages && json_array_get_length (packages) == 0 && error == NULL)
    add_row (self, group, "outbox.empty", _("Empty"), _("No package waits in the outbox."),
             MOOD_NONE);
  add_other_members (self, group, "outbox", o, known);
}

static void
clear_groups (InjDiagnosticsPage *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->rows);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))))
    gtk_box_remove (self->groups_box, child);
}

static void
show_report (InjDiagnosticsPage *self)
{
  static const char *const known[] = { "generated", "last_error", "versions", "cards", "service",
                                       "outbox", NULL };
  JsonObject *r = self->report;
  g_autoptr(GList) members = NULL;
  AdwPreferencesGroup *other = NULL;

  clear_groups (self);
  if (r == NULL)
    return;
  if (json_object_has_member (r, "last_error"))
    show_last_error (self, json_object_get_member (r, "last_error"));
  if (json_object_has_member (r, "versions"))
    show_versions (self, json_object_get_member (r, "versions"));
  if (json_object_has_member (r, "cards"))
    show_cards (self, json_object_get_member (r, "cards"));
  if (json_object_has_member (r, "service"))
    show_service (self, json_object_get_member (r, "service"));
  else
    show_no_service (self);
  if (json_object_has_member (r, "outbox"))
    show_outbox (self, json_object_get_member (r, "outbox"));
  /* what this page does not know yet */
  members = json_object_get_members (r);
  for (GList *l = members; l; l = l->next)
    {
      g_autofree char *text = NULL;

      if (is_known (l->data, known))
        continue;
      if (other == NULL)
        other = add_group (self, _("More"), _("Further parts of the report."));
      text = member_text (r, l->data);
      add_row (self, other, l->data, l->data, text, MOOD_NONE);
    }
}

/* ---------------------------------------------------------------- running */

static void
set_state (InjDiagnosticsPage *self,
           InjDiagnosticsState state)
{
  gboolean running = state == INJ_DIAGNOSTICS_RUNNING;
  g_autofree char *status = NULL;

  self->state = state;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_sensitive (self->run_button, !running);
  gtk_widget_set_sensitive (self->copy_button, !running && self->report != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "accent");
  switch (state)
    {
    case INJ_DIAGNOSTICS_IDLE:
      status = g_strdup (_("The diagnostics run when this page is shown."));
      break;
    case INJ_DIAGNOSTICS_RUNNING:
      status = g_strdup (self->with_card
                         ? _("Collecting the diagnostics, the service included… This can take "
                             "some seconds; the authentication PIN is asked once.")
                         : _("Collecting the diagnostics… This can take some seconds; no PIN is "
                             "asked."));
      break;
    case INJ_DIAGNOSTICS_CANCELLED:
      status = g_strdup (_("Cancelled. Choose “Run again” to collect the diagnostics."));
      break;
    case INJ_DIAGNOSTICS_DONE:
    default:
      {
        g_autofree char *when = time_text (get_string (self->report, "generated"));
        status = g_strdup_printf (_("Collected at %s."), when);
      }
      break;
    }
  gtk_label_set_text (self->status_label, status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
run_thread (GTask *task,
            gpointer source,
            gpointer data,
            GCancellable *cancellable)
{
  JsonObject *report = inj_diagnostics_setup_run (data, cancellable);

  if (g_cancellable_is_cancelled (cancellable))
    {
      json_object_unref (report);
      g_task_return_error_if_cancelled (task);
      return;
    }
  g_task_return_pointer (task, report, (GDestroyNotify) json_object_unref);
}

static void
run_cb (GObject *source,
        GAsyncResult *result,
        gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  JsonObject *report = g_task_propagate_pointer (G_TASK (result), &error);
  InjDiagnosticsPage *self;

  if (report == NULL)
    return; /* cancelled: the page said so already, or is gone */
  self = INJ_DIAGNOSTICS_PAGE (user_data);
  g_clear_pointer (&self->report, json_object_unref);
  self->report = report;
  show_report (self);
  set_state (self, INJ_DIAGNOSTICS_DONE);
}

static void run_with (InjDiagnosticsPage *self, gboolean with_card);

void
inj_diagnostics_page_run (InjDiagnosticsPage *self)
{
  g_return_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self));
  run_with (self, FALSE);
}

void
inj_diagnostics_page_run_with_card (InjDiagnosticsPage *self)
{
  g_return_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self));
  run_with (self, TRUE);
}

static void
run_with (InjDiagnosticsPage *self,
          gboolean with_card)
{
  g_autoptr(GTask) task = NULL;
  InjDiagnosticsSetup *setup;

  self->started = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->report, json_object_unref);
  clear_groups (self);

  self->with_card = with_card;
  setup = inj_diagnostics_setup_new_with_card (inj_session_get_settings (self->session),
                                               with_card ? inj_session_get_interaction (self->session)
                                                         : NULL);
  /* no reference to the page: its cancellable, cancelled in dispose */
  task = g_task_new (NULL, self->cancellable, run_cb, self);
  g_task_set_source_tag (task, inj_diagnostics_page_run);
  g_task_set_task_data (task, setup, (GDestroyNotify) inj_diagnostics_setup_free);
  set_state (self, INJ_DIAGNOSTICS_RUNNING);
  g_task_run_in_thread (task, run_thread);
}

void
inj_diagnostics_page_show_report (InjDiagnosticsPage *self,
                                  JsonObject *report)
{
  g_return_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self));
  g_return_if_fail (report != NULL);
  self->started = TRUE;
  g_cancellable_cancel (self->cancellable);
  json_object_ref (report);
  g_clear_pointer (&self->report, json_object_unref);
  self->report = report;
  show_report (self);
  set_state (self, INJ_DIAGNOSTICS_DONE);
}

void
inj_diagnostics_page_cancel (InjDiagnosticsPage *self)
{
  g_return_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self));
  if (self->state != INJ_DIAGNOSTICS_RUNNING)
    return;
  g_cancellable_cancel (self->cancellable);
  set_state (self, INJ_DIAGNOSTICS_CANCELLED);
}

/* ---------------------------------------------------------------- buttons */

static void
copy_clicked (InjDiagnosticsPage *self)
{
  g_autofree char *text = inj_diagnostics_page_dup_text (self);

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  gtk_label_set_text (self->status_label,
                      _("The report is on the clipboard. Paste it into your message to support."));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "accent");
}

GtkWidget *
inj_diagnostics_page_open_bundle (InjDiagnosticsPage *self)
{
  g_return_val_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self), NULL);
  return inj_bundle_dialog_present_for (GTK_WIDGET (self), self->session);
}

static void
bundle_clicked (InjDiagnosticsPage *self)
{
  inj_diagnostics_page_open_bundle (self);
}

/* ---------------------------------------------------------------- object */

/* The diagnostics run when the page is first shown, not at window start
 * and not on every visit. */
static void
inj_diagnostics_page_map (GtkWidget *widget)
{
  InjDiagnosticsPage *self = INJ_DIAGNOSTICS_PAGE (widget);

  GTK_WIDGET_CLASS (inj_diagnostics_page_parent_class)->map (widget);
  if (!self->started)
    inj_diagnostics_page_run (self);
}

static void
privacy_lock (InjDiagnosticsPage *self)
{
  /* Nothing personal is on this page; card work stops. */
  inj_diagnostics_page_cancel (self);
}

static void
inj_diagnostics_page_constructed (GObject *object)
{
  InjDiagnosticsPage *self = INJ_DIAGNOSTICS_PAGE (object);

  G_OBJECT_CLASS (inj_diagnostics_page_parent_class)->constructed (object);
  g_settings_bind (inj_session_get_settings (self->session), "verbose-logging",
                   self->verbose_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->session, "privacy-lock", G_CALLBACK (privacy_lock), self,
                           G_CONNECT_SWAPPED);
  set_state (self, INJ_DIAGNOSTICS_IDLE);
}

static void
inj_diagnostics_page_dispose (GObject *object)
{
  InjDiagnosticsPage *self = INJ_DIAGNOSTICS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->verbose_switch)
    g_settings_unbind (self->verbose_switch, "active");
  g_hash_table_remove_all (self->rows);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_DIAGNOSTICS_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (inj_diagnostics_page_parent_class)->dispose (object);
}

static void
inj_diagnostics_page_finalize (GObject *object)
{
  InjDiagnosticsPage *self = INJ_DIAGNOSTICS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, json_object_unref);
  g_hash_table_unref (self->rows);
  G_OBJECT_CLASS (inj_diagnostics_page_parent_class)->finalize (object);
}

static void
inj_diagnostics_page_get_property (GObject *object,
                                   guint prop_id,
                                   GValue *value,
                                   GParamSpec *pspec)
{
  InjDiagnosticsPage *self = INJ_DIAGNOSTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_diagnostics_page_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  InjDiagnosticsPage *self = INJ_DIAGNOSTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_diagnostics_page_class_init (InjDiagnosticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_diagnostics_page_constructed;
  object_class->dispose = inj_diagnostics_page_dispose;
  object_class->finalize = inj_diagnostics_page_finalize;
  object_class->get_property = inj_diagnostics_page_get_property;
  object_class->set_property = inj_diagnostics_page_set_property;
  widget_class->map = inj_diagnostics_page_map;

  /* The session whose settings the page uses. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An InjDiagnosticsState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, INJ_DIAGNOSTICS_IDLE, INJ_DIAGNOSTICS_CANCELLED,
                      INJ_DIAGNOSTICS_IDLE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-diagnostics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, bundle_button);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, verbose_row);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, verbose_switch);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, groups_box);
  gtk_widget_class_bind_template_callback (widget_class, inj_diagnostics_page_run);
  gtk_widget_class_bind_template_callback (widget_class, inj_diagnostics_page_cancel);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked);
  gtk_widget_class_bind_template_callback (widget_class, bundle_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_diagnostics_page_init (InjDiagnosticsPage *self)
{
  g_type_ensure (ADW_TYPE_PREFERENCES_GROUP);
  g_type_ensure (ADW_TYPE_ACTION_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GtkWidget *
inj_diagnostics_page_new (InjSession *session)
{
  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  return g_object_new (INJ_TYPE_DIAGNOSTICS_PAGE, "session", session, NULL);
}

InjDiagnosticsState
inj_diagnostics_page_get_state (InjDiagnosticsPage *self)
{
  g_return_val_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self), INJ_DIAGNOSTICS_IDLE);
  return self->state;
}

JsonObject *
inj_diagnostics_page_get_report (InjDiagnosticsPage *self)
{
  g_return_val_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self), NULL);
  return self->report;
}

char *
inj_diagnostics_page_dup_text (InjDiagnosticsPage *self)
{
  g_return_val_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self), NULL);
  return self->report ? inj_diagnostics_to_text (self->report) : NULL;
}

GtkWidget *
inj_diagnostics_page_get_row (InjDiagnosticsPage *self,
                              const char *id)
{
  g_return_val_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->rows, id);
}
