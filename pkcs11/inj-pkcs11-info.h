/* inj-pkcs11-info.h: what the card layer can tell support: the PKCS#11
 * modules p11-kit registers and their versions, the versions of p11-kit and
 * pcsc-lite, and a small in-memory ring of the card operations that ran
 * (what, how it ended, how long it took: never any data). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *name;            /* p11-kit's name of the module, or the file given */
  char *filename;
  char *description;     /* CK_INFO libraryDescription */
  char *manufacturer;    /* CK_INFO manufacturerID */
  char *library_version; /* CK_INFO libraryVersion, "0.23" */
  char *cryptoki_version;
} InjModuleInfo;

void           inj_module_info_free              (InjModuleInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjModuleInfo, inj_module_info_free)

/* The modules p11-kit's configuration registers (InjModuleInfo). */
GPtrArray     *inj_pkcs11_list_registered_modules (GError **error);
/* One module loaded through p11-kit (NULL: opensc-pkcs11.so). */
InjModuleInfo *inj_pkcs11_module_info            (const char *module,
                                                  GError **error);
const char    *inj_pkcs11_p11kit_version         (void);
const char    *inj_pcsc_lite_version             (void);

typedef struct {
  gint64 when;       /* g_get_real_time() at the start */
  gint64 duration_us;
  char *operation;   /* "pin-status", "read-certificate", "sign" */
  char *detail;      /* which PIN or certificate */
  char *result;      /* "ok", or the error's domain and code */
} InjOpRecord;

void           inj_op_record_free                (InjOpRecord *record);
void           inj_pkcs11_ops_record             (const char *operation,
                                                  const char *detail,
                                                  gint64 started,
                                                  const GError *error);
/* The last operations, oldest first (InjOpRecord). */
GPtrArray     *inj_pkcs11_ops_snapshot           (void);
void           inj_pkcs11_ops_clear              (void);

G_END_DECLS
