/* bench-sign.c N PASSWORD-FILE: signs N SHA-256 digests through the pkcs11/
 * layer on the card in with-card.sh, and prints the mean wall time and the
 * APDUs per signature (from the virtual card's log). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "inj-pkcs11.h"

typedef struct {
  GTlsInteraction parent_instance;
  char *password;
} FileInteraction;
typedef GTlsInteractionClass FileInteractionClass;
static GType file_interaction_get_type (void);
G_DEFINE_TYPE (FileInteraction, file_interaction, G_TYPE_TLS_INTERACTION)

static GTlsInteractionResult
ask (GTlsInteraction *i,
     GTlsPassword *p,
     GCancellable *c,
     GError **e)
{
  inj_tls_password_set_secret (p, ((FileInteraction *) i)->password, -1);
  return G_TLS_INTERACTION_HANDLED;
}

static void
file_interaction_class_init (FileInteractionClass *k)
{
  k->ask_password = ask;
}

static void
file_interaction_init (FileInteraction *self)
{
}

static guint
log_lines (void)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (g_getenv ("INJ_TEST_VCARD_LOG"), &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p; p++)
    if (*p == '\n' && strstr (p, "\"event\":\"apdu\"") != NULL)
      n++;
  return n;
}

int
main (int argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = NULL;
  g_autoptr(InjCard) card = NULL;
  FileInteraction *interaction;
  g_autofree char *password = NULL;
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10;
  guint apdus_before, apdus_after;
  gint64 start, total;

  if (argc < 3 || !g_file_get_contents (argv[2], &password, NULL, &error))
    g_error ("usage: bench-sign N PASSWORD-FILE");
  g_strstrip (password);
  monitor = inj_card_monitor_new (NULL, &error);
  if (monitor == NULL || (card = inj_card_monitor_get_card (monitor, NULL)) == NULL)
    g_error ("no My Number card: run inside with-card.sh --profile");
  interaction = g_object_new (file_interaction_get_type (), NULL);
  interaction->password = password;

  apdus_before = log_lines ();
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      guint8 digest[32];
      g_autoptr(GBytes) d = NULL;
      g_autoptr(GBytes) sig = NULL;
      memset (digest, (int) i, sizeof digest);
      d = g_bytes_new (digest, sizeof digest);
      sig = inj_card_sign_digest (card, INJ_PIN_SIGN, d, G_TLS_INTERACTION (interaction), NULL,
                                  &error);
      if (sig == NULL)
        g_error ("signing failed: %s", error->message);
    }
  total = g_get_monotonic_time () - start;
  apdus_after = log_lines ();
  printf ("ininjo %u %.3f %.1f\n", n, total / 1000.0 / n, (apdus_after - apdus_before) / (double) n);
  interaction->password = NULL;
  g_object_unref (interaction);
  return 0;
}
