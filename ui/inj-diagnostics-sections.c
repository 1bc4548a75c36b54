/* inj-diagnostics-sections.c: the sections of the diagnostics report as
 * the page shows them: the last error, versions, modules, readers, tokens
 * and cards, the service and its checks, the outbox; and whatever the
 * report holds that the page does not know yet, as it is. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-app.h"
#include "inj-diagnostics.h"
#include "inj-diagnostics-page-private.h"

/* ---------------------------------------------------------------- sections */

static void
show_last_error (InjDiagnosticsPage *self,
                 JsonNode *node)
{
  static const char *const known[] = { "time", "step", "reason", "error", NULL };
  AdwPreferencesGroup *group =
    _inj_diag_add_group (self, _("Last error"),
                         _("The last failure Ininjo recorded, as support staff see it."));
  JsonObject *o;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      _inj_diag_add_row (self, group, "last-error.none", _("None"),
                         _("No failure is recorded in the recent log."), MOOD_OK);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *text = _inj_diag_value_text (node);
      _inj_diag_add_row (self, group, "last-error.error", _("Error code"), text, MOOD_BAD);
      return;
    }
  o = json_node_get_object (node);
  if (json_object_has_member (o, "time"))
    {
      g_autofree char *when = _inj_diag_time_text (_inj_diag_get_string (o, "time"));
      _inj_diag_add_row (self, group, "last-error.time", _("When"), when, MOOD_NONE);
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
      g_autofree char *text = _inj_diag_member_text (o, "step");
      g_autofree char *shown = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        if (g_strcmp0 (text, steps[i].step) == 0)
          shown = g_strdup_printf ("%s (%s)", _(steps[i].label), text);
      _inj_diag_add_row (self, group, "last-error.step", _("Step"), shown ? shown : text,
                         MOOD_NONE);
    }
  if (json_object_has_member (o, "reason"))
    {
      /* the page's words, and the report's word for support staff */
      g_autofree char *text = _inj_diag_member_text (o, "reason");
      const char *words = inj_failure_reason_display (text);
      g_autofree char *shown = words ? g_strdup_printf (_("%s (%s)"), words, text) : NULL;

      _inj_diag_add_row (self, group, "last-error.reason", _("Reason"), shown ? shown : text,
                         MOOD_NONE);
    }
  if (json_object_has_member (o, "error"))
    {
      g_autofree char *text = _inj_diag_member_text (o, "error");
      _inj_diag_add_row (self, group, "last-error.error", _("Error code"), text, MOOD_BAD);
    }
  _inj_diag_add_other_members (self, group, "last-error", o, known);
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
  AdwPreferencesGroup *group = _inj_diag_add_group (self, _("Versions"), NULL);
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *text = _inj_diag_value_text (node);
      _inj_diag_add_row (self, group, "versions", _("Versions"), text, MOOD_NONE);
      return;
    }
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l; l = l->next)
    {
      g_autofree char *id = g_strdup_printf ("versions.%s", (const char *) l->data);
      g_autofree char *text = _inj_diag_member_text (json_node_get_object (node), l->data);
      _inj_diag_add_row (self, group, id, version_title (l->data), text, MOOD_NONE);
    }
}

static void
show_modules (InjDiagnosticsPage *self,
              JsonObject *cards)
{
  static const char *const known[] = { "name", "file", "description", "manufacturer", "version",
                                       NULL };
  AdwPreferencesGroup *group = _inj_diag_add_group (self, _("PKCS#11 modules"),
                                                    _("The modules p11-kit registers."));
  JsonArray *modules = _inj_diag_get_array (cards, "p11kit_modules");
  const char *error = _inj_diag_get_string (cards, "modules_error");

  if (error)
    _inj_diag_add_row (self, group, "modules.error", _("The modules cannot be listed"), error,
                       MOOD_BAD);
  for (guint i = 0; modules && i < json_array_get_length (modules); i++)
    {
      JsonObject *m = json_array_get_object_element (modules, i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("modules.%u", i);
      const char *name = _inj_diag_get_string (m, "name");
      const char *description = _inj_diag_get_string (m, "description");
      const char *manufacturer = _inj_diag_get_string (m, "manufacturer");

      if (_inj_diag_get_string (m, "file"))
        g_string_append (text, _inj_diag_get_string (m, "file"));
      if (description || manufacturer)
        g_string_append_printf (text, "%s%s%s%s", text->len ? "\n" : "",
                                description ? description : "",
                                description && manufacturer ? " — " : "",
                                manufacturer ? manufacturer : "");
      if (_inj_diag_get_string (m, "version"))
        g_string_append_printf (text, "%s%s %s", text->len ? "\n" : "", _("Version"),
                                _inj_diag_get_string (m, "version"));
      _inj_diag_append_other_lines (text, m, known);
      _inj_diag_add_row (self, group, id, name ? name : _("Module"), text->str, MOOD_NONE);
    }
  if (modules && json_array_get_length (modules) == 0 && error == NULL)
    _inj_diag_add_row (self, group, "modules.none", _("No module registered"),
                       _("p11-kit registers no PKCS#11 module: install OpenSC (Debian package opensc-pkcs11)."),
                       MOOD_WARN);
}

static void
show_readers (InjDiagnosticsPage *self,
              JsonObject *cards)
{
  static const char *const known[] = { "name", "card_present", "atr", NULL };
  AdwPreferencesGroup *group = _inj_diag_add_group (self, _("Readers"), NULL);
  JsonArray *readers = _inj_diag_get_array (cards, "readers");
  const char *error = _inj_diag_get_string (cards, "readers_error");

  if (error)
    _inj_diag_add_row (self, group, "readers.error", _("The readers cannot be listed"), error,
                       MOOD_BAD);
  for (guint i = 0; readers && i < json_array_get_length (readers); i++)
    {
      JsonObject *r = json_array_get_object_element (readers, i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("readers.%u", i);
      const char *name = _inj_diag_get_string (r, "name");
      gboolean present = _inj_diag_get_bool (r, "card_present", FALSE);
      const char *atr = _inj_diag_get_string (r, "atr");

      if (present)
        g_string_append_printf (text, _("Card present, ATR: %s"),
                                atr ? atr : "—");
      else
        g_string_append (text, _("No card"));
      _inj_diag_append_other_lines (text, r, known);
      _inj_diag_add_row (self, group, id, name ? name : _("Reader"), text->str, MOOD_NONE);
    }
  if (readers && json_array_get_length (readers) == 0 && error == NULL)
    _inj_diag_add_row (self, group, "readers.none", _("No reader"),
                       _("Connect a card reader. If one is connected, check that pcscd runs."),
                       MOOD_WARN);
}

static void
show_tokens (InjDiagnosticsPage *self,
             JsonObject *cards)
{
  static const char *const known[] = { "label", "module", "reader", "my_number", NULL };
  static const char *const known_cards[] = { "p11kit_modules", "modules_error", "readers",
                                             "readers_error", "tokens", "monitor_error", "cards",
                                             NULL };
  AdwPreferencesGroup *group =
    _inj_diag_add_group (self, _("Tokens"), _("What the PKCS#11 module finds in the readers."));
  JsonArray *tokens = _inj_diag_get_array (cards, "tokens");
  const char *error = _inj_diag_get_string (cards, "monitor_error");

  if (error)
    _inj_diag_add_row (self, group, "tokens.error", _("The PKCS#11 module cannot be used"), error,
                       MOOD_BAD);
  for (guint i = 0; tokens && i < json_array_get_length (tokens); i++)
    {
      JsonObject *t = json_array_get_object_element (tokens, i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("tokens.%u", i);
      const char *label = _inj_diag_get_string (t, "label");

      g_string_append (text, _inj_diag_get_bool (t, "my_number", FALSE) ? _("My Number card")
                                                              : _("Not a My Number card"));
      if (_inj_diag_get_string (t, "reader"))
        g_string_append_printf (text, "\n%s: %s", _("Reader"), _inj_diag_get_string (t, "reader"));
      if (_inj_diag_get_string (t, "module"))
        g_string_append_printf (text, "\n%s: %s", _("Module"), _inj_diag_get_string (t, "module"));
      _inj_diag_append_other_lines (text, t, known);
      _inj_diag_add_row (self, group, id, label ? label : _("Token"), text->str, MOOD_NONE);
    }
  if (tokens && json_array_get_length (tokens) == 0 && error == NULL)
    _inj_diag_add_row (self, group, "tokens.none", _("No token"),
                       _("No card is seen through PKCS#11."),
                       MOOD_NONE);
  _inj_diag_add_other_members (self, group, "cards", cards, known_cards);
}

static char *
pin_text (JsonObject *pin,
          Mood *mood)
{
  gint64 left = 0, max = 0;
  g_autofree char *error = _inj_diag_error_text (pin);
  GString *text;

  *mood = MOOD_NONE;
  if (error)
    {
      *mood = MOOD_BAD;
      return g_steal_pointer (&error);
    }
  if (!_inj_diag_get_int (pin, "tries_left", &left) || !_inj_diag_get_int (pin, "max_tries", &max))
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, pin);
      return _inj_diag_value_text (node);
    }
  text = g_string_new (NULL);
  if (_inj_diag_get_bool (pin, "locked", FALSE))
    {
      *mood = MOOD_BAD;
      g_string_append (text, _("Locked: no try left. It must be reset at the municipal office."));
    }
  else
    {
      *mood = _inj_diag_get_bool (pin, "final_try", FALSE) ? MOOD_WARN : MOOD_OK;
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d try left of %d",
                                                 "%d tries left of %d", (gulong) left),
                              (int) left, (int) max);
      if (!_inj_diag_get_bool (pin, "exact", TRUE))
        g_string_append_printf (text, " (%s)", _("at least; the card does not tell exactly"));
      if (_inj_diag_get_bool (pin, "final_try", FALSE))
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
  g_autofree char *error = _inj_diag_error_text (c);
  GString *text;
  const char *chain = _inj_diag_get_string (c, "chain");
  gboolean valid = _inj_diag_get_bool (c, "valid_now", FALSE);

  *mood = MOOD_NONE;
  if (error)
    {
      *mood = MOOD_BAD;
      return g_steal_pointer (&error);
    }
  text = g_string_new (NULL);
  if (_inj_diag_get_string (c, "note") && g_str_equal (kind, "sign") &&
      _inj_diag_get_string (c, "sha256") == NULL)
    g_string_append (text, _("Not read: the signing certificate can only be read with the signing "
                             "password."));
  else if (_inj_diag_get_string (c, "note"))
    g_string_append (text, _inj_diag_get_string (c, "note"));
  if (json_object_has_member (c, "valid_now"))
    {
      g_autofree char *period =
        inj_diagnostics_period_display_iso (_inj_diag_get_string (c, "not_before"),
                                            _inj_diag_get_string (c, "not_after"));
      g_string_append (text, text->len ? "\n" : "");
      g_string_append_printf (text, _("%s: %s"), valid ? _("Valid now") : _("Not valid now"),
                              period);
    }
  if (chain)
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "",
                            chain_text (chain,
                                        _inj_diag_get_bool (c, "chain_pinned_root", FALSE)));
  if (_inj_diag_get_string (c, "chain_to_card_ca"))
    g_string_append_printf (text, "\n%s: %s", _("Issued by the card's own CA certificate"),
                            g_str_equal (_inj_diag_get_string (c, "chain_to_card_ca"), "trusted")
                            ? _("yes") : _inj_diag_get_string (c, "chain_to_card_ca"));
  if (_inj_diag_get_bool (c, "pinned_root", FALSE))
    g_string_append_printf (text, "\n%s", _("A pinned JPKI root."));
  if (_inj_diag_get_string (c, "subject"))
    {
      g_autofree char *name = inj_render_ca_name (_inj_diag_get_string (c, "subject"));
      g_string_append_printf (text, "\n%s: %s", _("Subject (CA)"), name);
    }
  if (_inj_diag_get_string (c, "issuer"))
    {
      g_autofree char *name = inj_render_ca_name (_inj_diag_get_string (c, "issuer"));
      g_string_append_printf (text, "\n%s: %s", _("Issuer"), name);
    }
  if (_inj_diag_get_string (c, "serial"))
    g_string_append_printf (text, "\n%s: %s", _("Serial"), _inj_diag_get_string (c, "serial"));
  if (_inj_diag_get_string (c, "sha256"))
    g_string_append_printf (text, "\nSHA-256: %s", _inj_diag_get_string (c, "sha256"));
  _inj_diag_append_other_lines (text, c, known);
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
  const char *reader = _inj_diag_get_string (card, "reader");
  g_autofree char *title = g_strdup_printf (_("Card in %s"), reader ? reader : "?");
  g_autofree char *prefix = g_strdup_printf ("cards.%u", index);
  AdwPreferencesGroup *group = _inj_diag_add_group (self, title,
                                                    _("Read without a PIN: no try is used."));
  JsonObject *pins = _inj_diag_get_object (card, "pins");
  JsonObject *certs = _inj_diag_get_object (card, "certificates");
  g_autofree char *kind_id = g_strconcat (prefix, ".kind", NULL);

  if (_inj_diag_get_string (card, "kind"))
    _inj_diag_add_row (self, group, kind_id, _("Kind (EF 0006)"),
                       _inj_diag_get_string (card, "kind"), MOOD_NONE);
  else if (_inj_diag_get_string (card, "kind_error"))
    _inj_diag_add_row (self, group, kind_id, _("Kind (EF 0006)"),
                       _inj_diag_get_string (card, "kind_error"), MOOD_BAD);
  if (json_object_has_member (card, "token_labels"))
    {
      g_autofree char *id = g_strconcat (prefix, ".token-labels", NULL);
      g_autofree char *labels = _inj_diag_member_text (card, "token_labels");
      _inj_diag_add_row (self, group, id, _("Token labels"), labels, MOOD_NONE);
    }
  if (pins)
    {
      static const char *const pin_known[] = { "auth", "sign", NULL };
      g_autofree char *pins_prefix = g_strconcat (prefix, ".pin", NULL);

      for (guint p = 0; p < 2; p++)
        {
          const char *member = pin_known[p];
          JsonObject *pin = _inj_diag_get_object (pins, member);
          g_autofree char *id = g_strdup_printf ("%s.%s", pins_prefix, member);
          g_autofree char *text = NULL;
          Mood mood;

          if (pin == NULL)
            continue;
          text = pin_text (pin, &mood);
          _inj_diag_add_row (self, group, id,
                             p == 0 ? _("Authentication PIN") : _("Signing password"), text,
                             mood);
        }
      _inj_diag_add_other_members (self, group, pins_prefix, pins, pin_known);
    }
  if (certs)
    {
      g_autoptr(GList) members = json_object_get_members (certs);

      for (GList *l = members; l; l = l->next)
        {
          const char *kind = l->data;
          g_autofree char *id = g_strdup_printf ("%s.cert.%s", prefix, kind);
          JsonObject *c = _inj_diag_get_object (certs, kind);
          g_autofree char *text = NULL;
          Mood mood = MOOD_NONE;

          if (c)
            text = cert_text (kind, c, &mood);
          else
            text = _inj_diag_member_text (certs, kind);
          _inj_diag_add_row (self, group, id, cert_title (kind), text, mood);
        }
    }
  _inj_diag_add_other_members (self, group, prefix, card, known);
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
  list = _inj_diag_get_array (cards, "cards");
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
  g_autofree char *error = _inj_diag_error_text (o);
  gboolean ok = _inj_diag_get_bool (o, "ok", FALSE);
  gint64 ms = 0;

  if (ok)
    g_string_append (text, ok_text);
  else
    g_string_append (text, error ? error : _("Failed"));
  if (_inj_diag_get_int (o, "ms", &ms))
    g_string_append_printf (text, " (%" G_GINT64_FORMAT " ms)", ms);
  _inj_diag_append_other_lines (text, o, known);
  _inj_diag_add_row (self, group, id, title, text->str, ok ? MOOD_OK : MOOD_BAD);
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
  url = _inj_diag_get_string (o, "url");
  group = _inj_diag_add_group (self, _("Service"), url);
  if (json_object_has_member (o, "ok"))
    _inj_diag_add_row (self, group, "service.result", _("Result"),
                       _inj_diag_get_bool (o, "ok", FALSE) ? _("The service answered.")
                                       : _("The service did not answer as expected: see below."),
                       _inj_diag_get_bool (o, "ok", FALSE) ? MOOD_OK : MOOD_BAD);
  if (_inj_diag_get_string (o, "client_key"))
    _inj_diag_add_row (self, group, "service.client-key", _("Client credential"),
                       g_str_equal (_inj_diag_get_string (o, "client_key"), "card")
                       ? _("The card's authentication key") : _("A certificate file"), MOOD_NONE);
  if ((error = _inj_diag_error_text (o)))
    _inj_diag_add_row (self, group, "service.error", _("Error"), error, MOOD_BAD);

  if ((dns = _inj_diag_get_object (o, "name_resolution")))
    {
      g_autofree char *addresses = _inj_diag_member_text (dns, "addresses");
      show_check (self, group, "service.name-resolution", _("Name resolution"), dns, addresses);
    }
  if ((tcp = _inj_diag_get_object (o, "tcp")))
    show_check (self, group, "service.tcp", _("TCP connection"), tcp, _("Connected"));

  if ((tls = _inj_diag_get_object (o, "tls")))
    {
      const char *version = _inj_diag_get_string (tls, "version");
      const char *parameters = _inj_diag_get_string (tls, "parameters");
      const char *server_certificate;
      const char *verified = _inj_diag_get_string (tls, "server_certificate_verified");
      const char *accepted = _inj_diag_get_string (tls, "client_certificate_accepted");
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
      _inj_diag_add_row (self, group, "service.tls", _("TLS"),
                         tls_text ? tls_text : _("Not reached"),
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
      server_certificate = _inj_diag_get_string (tls, "server_certificate");
      if (server_certificate && *server_certificate)
        g_string_append_printf (server, "\n%s", server_certificate);
      _inj_diag_add_row (self, group, "service.server-certificate", _("Server certificate"),
                         server->str,
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
      _inj_diag_add_row (self, group, "service.client-certificate", _("Client certificate"),
                         client_text,
                         client_mood);

      if (_inj_diag_get_string (tls, "failure") || _inj_diag_get_string (tls, "error"))
        {
          g_autofree char *tls_error = _inj_diag_error_text (tls);
          const char *failure = _inj_diag_get_string (tls, "failure");
          g_string_append_printf (other, "%s%s%s", failure ? failure : "",
                                  failure && tls_error ? ": " : "",
                                  tls_error ? tls_error : "");
          _inj_diag_add_row (self, group, "service.failure", _("Failure"), other->str, MOOD_BAD);
        }
      _inj_diag_add_other_members (self, group, "service.tls", tls, tls_known);
    }

  if (json_object_has_member (o, "clock_offset_s"))
    {
      gint64 offset = 0;
      g_autofree char *text = NULL;
      Mood mood = MOOD_NONE;

      if (_inj_diag_get_int (o, "clock_offset_s", &offset))
        {
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%+d second (this computer − the "
                                               "service)", "%+d seconds (this computer − the "
                                               "service)", (gulong) ABS (offset)),
                                  (int) offset);
          mood = ABS (offset) > CLOCK_OFFSET_WARN_S ? MOOD_WARN : MOOD_OK;
        }
      else
        text = g_strdup (_("Unknown: the service's answer had no time."));
      _inj_diag_add_row (self, group, "service.clock-offset", _("Clock offset"), text, mood);
    }
  if (_inj_diag_get_string (o, "service_name"))
    _inj_diag_add_row (self, group, "service.name", _("Service name"),
                       _inj_diag_get_string (o, "service_name"),
                       MOOD_NONE);
  _inj_diag_add_other_members (self, group, "service", o, known);
}

static void
show_no_service (InjDiagnosticsPage *self)
{
  AdwPreferencesGroup *group = _inj_diag_add_group (self, _("Service"), NULL);
  GtkWidget *row;
  GtkWidget *button;

  row = _inj_diag_add_row (self, group, "service.not-tried", _("Not tried"),
                           _("With the card as the client credential, reaching the service needs your "
                             "authentication PIN (利用者証明用電子証明書の暗証番号). It is asked only when "
                             "you press the button; no other try is used."), MOOD_NONE);
  button = gtk_button_new_with_mnemonic (_("_Test with the card…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Run the diagnostics again, the service included: asks "
                                         "for the authentication PIN"));
  /* the page's action: the sections do not run the diagnostics */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "diagnostics.run-with-card");
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
  AdwPreferencesGroup *group =
    _inj_diag_add_group (self, _("Outbox"),
                         _("Signed packages waiting to be uploaded: IDs and states only."));
  JsonObject *o;
  JsonArray *packages;
  g_autofree char *error = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  o = json_node_get_object (node);
  packages = _inj_diag_get_array (o, "packages");
  if ((error = _inj_diag_error_text (o)))
    _inj_diag_add_row (self, group, "outbox.error", _("The outbox cannot be read"), error,
                       MOOD_BAD);
  for (guint i = 0; packages && i < json_array_get_length (packages); i++)
    {
      JsonObject *p = json_array_get_object_element (packages, i);
      g_autofree char *id = g_strdup_printf ("outbox.%u", i);
      g_autoptr(GString) text = g_string_new (NULL);
      const char *state = _inj_diag_get_string (p, "state");

      /* the page's words only: the report's own ("ready") is in its file */
      g_string_append (text, package_state_text (state));
      _inj_diag_append_other_lines (text, p, package_known);
      _inj_diag_add_row (self, group, id,
                         _inj_diag_get_string (p, "id") ? _inj_diag_get_string (p, "id") : "?",
                         text->str,
                         MOOD_NONE);
    }
  if (packages && json_array_get_length (packages) == 0 && error == NULL)
    _inj_diag_add_row (self, group, "outbox.empty", _("Empty"),
                       _("No package waits in the outbox."),
                       MOOD_NONE);
  _inj_diag_add_other_members (self, group, "outbox", o, known);
}

void
_inj_diag_clear_groups (InjDiagnosticsPage *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->rows);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))))
    gtk_box_remove (self->groups_box, child);
}

void
_inj_diag_show_report (InjDiagnosticsPage *self)
{
  static const char *const known[] = { "generated", "last_error", "versions", "cards", "service",
                                       "outbox", NULL };
  JsonObject *r = self->report;
  g_autoptr(GList) members = NULL;
  AdwPreferencesGroup *other = NULL;

  _inj_diag_clear_groups (self);
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

      if (_inj_diag_is_known (l->data, known))
        continue;
      if (other == NULL)
        other = _inj_diag_add_group (self, _("More"), _("Further parts of the report."));
      text = _inj_diag_member_text (r, l->data);
      _inj_diag_add_row (self, other, l->data, l->data, text, MOOD_NONE);
    }
}
