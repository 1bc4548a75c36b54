/* bench-sign.c N PASSWORD-FILE [delegation]: signs N SHA-256 digests
 * through the pkcs11/ layer on the card in with-card.sh (or, with
 * "delegation", N whole delegations: XML, canonicalisation, card), and
 * prints the mean wall time and the APDUs per signature (from the virtual
 * card's log). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "inj-app.h"
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

typedef struct {
  InjCard *card;
  GTlsInteraction *interaction;
} Signer;

static GBytes *
card_sign (GBytes *sha256,
           GBytes **certificate,
           gpointer user_data,
           GError **error)
{
  Signer *s = user_data;
  return inj_card_sign_digest_with_certificate (s->card, INJ_PIN_SIGN, sha256, s->interaction,
                                                certificate, NULL, error);
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
  if (argc > 3 && g_str_equal (argv[3], "delegation"))
    {
      g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (NULL);
      Signer signer = { card, G_TLS_INTERACTION (interaction) };
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GDateTime) now = inj_date_now ();
          g_autoptr(InjDelegation) d = inj_delegation_create (INJ_PRINCIPAL_KIND_CORPORATION,
                                                              profile, now);
          g_autoptr(GBytes) xml = NULL;
          inj_delegation_set_input (d, INJ_FIELD_CORPORATE_NUMBER, "7000012050002", now);
          inj_delegation_set_input (d, INJ_FIELD_CORPORATE_NAME, "テスト商事株式会社", now);
          inj_delegation_set_input (d, INJ_FIELD_HEAD_OFFICE_ADDRESS, "東京都千代田区試験町1番", now);
          inj_delegation_set_input (d, INJ_FIELD_REPRESENTATIVE_TITLE, "代表取締役", now);
          inj_delegation_set_input (d, INJ_FIELD_REPRESENTATIVE_NAME, "試験 太郎", now);
          inj_delegation_set_input (d, INJ_FIELD_AGENT_NAME, "検証 花子", now);
          inj_delegation_set_input (d, INJ_FIELD_AGENT_TITLE, "経理部長", now);
          inj_delegation_set_input (d, INJ_FIELD_AGENT_ADDRESS, "大阪府大阪市北区検証通2番", now);
          inj_delegation_set_input (d, INJ_FIELD_AUTHORITY_SCOPE, "電子入札に関する一切の権限", now);
          inj_delegation_set_input (d, INJ_FIELD_PERIOD_START, "today", now);
          inj_delegation_set_input (d, INJ_FIELD_PERIOD_END, "today+1y", now);
          xml = inj_sign_delegation (d, card_sign, &signer, &error);
          if (xml == NULL)
            g_error ("signing failed: %s", error->message);
        }
      n = n ? n : 1;
    }
  else
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
