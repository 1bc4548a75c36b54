/* inj-diagnostics.h: what support needs to know, in one report, and the
 * diagnostic bundle that carries it.
 *
 * The report is a JsonObject: versions, the PKCS#11 modules p11-kit
 * registers, readers, and for each card its ATR, kind (EF 0006), token
 * labels, PIN tries left (read without consuming a try) and its
 * certificates' validity and chain (serials and fingerprints only, never a
 * name or an address); the service: name resolution, TCP, TLS version and
 * parameters, the server's certificate and whether it was verified,
 * whether our client certificate was accepted, the clock's offset from the
 * service's; the outbox's IDs and states. Every text in it has passed the
 * log's redaction (inj-log.h).
 *
 * Built as its own library over app/, pkcs11/ and net/ (like inj-upload).
 * Everything blocks: call it from a worker thread in the GUI. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "inj-service-client.h"
#include "inj-signature.h"

G_BEGIN_DECLS

typedef struct {
  const char *gtk_version;               /* the GUI's GTK, NULL in the CLI */
  const char *const *modules;            /* PKCS#11 modules; NULL: opensc-pkcs11.so */
  gboolean cards;                        /* survey readers and cards */
  const InjServiceConfig *service;       /* NULL: the service is not tried */
  GTlsInteraction *interaction;          /* asks a card key's PIN; may be NULL */
  const char *const *trust_anchors;      /* further CA files (PEM) for the chains */
} InjDiagnosticsOptions;

JsonObject *inj_diagnostics_run          (const InjDiagnosticsOptions *options,
                                          GCancellable *cancellable);
char       *inj_diagnostics_to_json      (JsonObject *report);
char       *inj_diagnostics_to_text      (JsonObject *report);

/* A time for a person: Japan time to the second, labelled 「（日本時間）」,
 * whatever this computer's time zone; "—" for none. The _iso form reads an
 * ISO 8601 time of the report and gives back one it cannot read as it is.
 * A period is labelled once: "A – B（日本時間）". */
char       *inj_diagnostics_time_display     (GDateTime *time);
char       *inj_diagnostics_time_display_iso (const char *iso);
char       *inj_diagnostics_period_display     (GDateTime *from,
                                                GDateTime *until);
char       *inj_diagnostics_period_display_iso (const char *from,
                                                const char *until);
/* A reason of inj_diagnostics_note_failure() (below) for a person:
 * "sign-locked" → 「署名用電子証明書のパスワードのロック」; NULL if unknown. */
const char *inj_failure_reason_display   (const char *reason);
/* A file's size for a person: "530 バイト", "5.2 kB". */
char       *inj_diagnostics_size_display       (guint64 size);

/* The bundle's files, in order: README.txt, diagnostics.json,
 * diagnostics.txt, card-operations.txt, ininjo.log; every byte redacted. */
typedef struct {
  char *name;
  GBytes *content;
} InjBundleFile;

void        inj_bundle_file_free         (InjBundleFile *file);
GPtrArray  *inj_diagnostics_bundle_files (JsonObject *report);
/* Writes the files as one POSIX tar archive at @path, mode 0600 (replacing
 * a file there). */
gboolean    inj_diagnostics_write_bundle (GPtrArray *files,
                                          const char *path,
                                          GError **error);

/* The last failure, for support and for tests/bed/bundle-to-scenario.
 * inj_diagnostics_note_failure() writes one INFO line to the log (so it is
 * always in the log file, verbose or not):
 *
 *   failed: step=STEP reason=REASON error=DOMAIN:CODE
 *
 * STEP is what the user was doing (sign, agent, profile, upload, …),
 * REASON one of the words below, DOMAIN:CODE the GError's ("-" for none).
 * No message and nothing personal. The report's "last_error" member is the
 * newest such line of the recent log: {time, step, reason, error}.
 *
 * Reasons: sign-locked, auth-locked, no-signing, wrong-pin, pin-format, card-removed,
 * no-card, no-reader, not-my-number, card-error, certificate-expired,
 * root-expired, root-not-valid-when-signed,
 * unknown-ca, verification, unreachable, server-certificate,
 * client-certificate, tls13-with-card, pin, problem, protocol, redirect,
 * config, client-key, tls-policy, front-end, rejected, cancelled, other. */
const char *inj_failure_reason_for_error        (const GError *error,
                                                 const char *step);
const char *inj_failure_reason_for_verification (InjVerification *verification);
void        inj_diagnostics_note_failure        (const char *step,
                                                 const char *reason,
                                                 const GError *error);
/* The newest "failed:" line of @log (the recent log's text), as the
 * report's last_error object; NULL when there is none. */
JsonObject *inj_diagnostics_last_failure        (const char *log);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjBundleFile, inj_bundle_file_free)

G_END_DECLS
