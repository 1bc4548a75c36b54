/* bench-register.c MODE URL CA CERT KEY DIR… : registers each package DIR
 * (delegation.xml + agent-submission.xml) with a new client each time
 * (MODE "file": CERT and KEY are files), or runs one workflow — profile,
 * register, receipt polling — with the card (MODE "card": CERT/KEY ignored,
 * the PIN read from $BENCH_PIN). Prints ms per registration and the TLS
 * handshakes. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "inj-app.h"
#include "inj-pkcs11.h"
#include "inj-service-client.h"

typedef struct {
  GTlsInteraction parent_instance;
} PinInteraction;
typedef GTlsInteractionClass PinInteractionClass;
static GType pin_interaction_get_type (void);
G_DEFINE_TYPE (PinInteraction, pin_interaction, G_TYPE_TLS_INTERACTION)

static GTlsInteractionResult
ask (GTlsInteraction *i,
     GTlsPassword *p,
     GCancellable *c,
     GError **e)
{
  inj_tls_password_set_secret (p, g_getenv ("BENCH_PIN"), -1);
  return G_TLS_INTERACTION_HANDLED;
}

static void
pin_interaction_class_init (PinInteractionClass *k)
{
  k->ask_password = ask;
}

static void
pin_interaction_init (PinInteraction *self)
{
}

static GBytes *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *data;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, NULL))
    g_error ("cannot read %s", path);
  return g_bytes_new_take (data, len);
}

int
main (int argc,
      char **argv)
{
  gboolean card;
  gint64 total = 0;
  guint handshakes = 0;

  if (argc < 7)
    g_error ("usage: bench-register file|card URL CA CERT KEY DIR…");
  card = g_str_equal (argv[1], "card");
  for (int i = 6; i < argc; i++)
    {
      InjServiceConfig config = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(InjServiceClient) client = NULL;
      g_autoptr(GBytes) d = read_file (argv[i], "delegation.xml");
      g_autoptr(GBytes) s = read_file (argv[i], "agent-submission.xml");
      g_autoptr(JsonObject) receipt = NULL;
      g_autofree char *key = inj_delegation_generate_id ();
      g_autoptr(GTlsInteraction) interaction = g_object_new (pin_interaction_get_type (), NULL);
      gint64 start = g_get_monotonic_time ();

      config.base_url = g_strdup (argv[2]);
      config.service_ca = g_strdup (argv[3]);
      config.key_kind = card ? INJ_CLIENT_KEY_PKCS11 : INJ_CLIENT_KEY_FILE;
      config.client_certificate = g_strdup (card ? INJ_JPKI_AUTH_CERT_URI : argv[4]);
      config.client_key = g_strdup (card ? INJ_JPKI_AUTH_KEY_URI : argv[5]);
      client = inj_service_client_new (&config, interaction, &error);
      inj_service_config_clear (&config);
      if (client == NULL)
        g_error ("%s", error->message);
      if (card)
        {
          g_autoptr(JsonObject) profile = inj_service_client_get_profile (client, NULL, &error);
          if (profile == NULL)
            g_error ("%s", error->message);
        }
      receipt = inj_service_client_register (client, d, s, key, NULL, &error);
      if (receipt == NULL)
        g_error ("%s", error->message);
      if (card)
        for (int poll = 0; poll < 3; poll++)
          {
            g_autoptr(JsonObject) r = inj_service_client_get_receipt (
              client, json_object_get_string_member (receipt, "receipt"), NULL, &error);
            if (r == NULL)
              g_error ("%s", error->message);
          }
      total += g_get_monotonic_time () - start;
      handshakes += inj_service_client_get_handshakes (client);
    }
  printf ("%s %d %.3f %u\n", argv[1], argc - 6, total / 1000.0 / (argc - 6), handshakes);
  return 0;
}
