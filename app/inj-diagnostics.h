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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjBundleFile, inj_bundle_file_free)

G_END_DECLS
