/* inj-support-page-private.h: what the support page's files share: the
 * page (inj-support-page.c: the report, the bundle, the object) calls its
 * survey of the card (inj-support-survey.c) and its connection test
 * (inj-support-connection.c); all three show values as text in the rows of
 * inj-support-rows.c. No file calls back into one above it. */
#pragma once

#include "inj-job.h"
#include <adwaita.h>

#include "inj-support-page.h"

G_BEGIN_DECLS

#define WATCH_INTERVAL_MS 1000
#define N_CERTS 3

extern const InjCertKind _inj_support_cert_kinds[N_CERTS];

/* What a survey finds. */
typedef struct {
  char *name;
  gboolean card_present;
  char *atr;     /* hex, NULL without a card */
  char *tokens;  /* the token labels in this reader, NULL for none */
  gboolean my_number;
} ReaderInfo;

typedef struct {
  InjCertificate *cert;
  char *error;
  InjChainStatus chain;
  gboolean pinned;
  InjValidity validity; /* zero: unknown, never valid */
} CertInfo;

typedef struct {
  InjCardState state;
  char *error;
  GPtrArray *readers;   /* ReaderInfo */
  char *other_tokens;   /* tokens of no listed reader */
  InjCard *card;
  CertInfo certs[N_CERTS];
  char *trust_error;
} Survey;

/* What a connection test finds. */
typedef struct {
  char *url;
  char *service_ca;
  gboolean uses_card;
  char *client_file;
  char *tls_version;
  char *tls_summary;
  char *service_name;
  GError *error;
  InjTlsCheck server;
  InjTlsCheck client;
} ConnResult;

struct _InjSupportPage {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkListBox *readers_list;
  AdwActionRow *auth_pin_row;
  AdwActionRow *sign_pin_row;
  GtkListBox *certs_list;
  GtkListBox *connection_list;
  GtkSpinner *spinner;
  GtkWidget *cancel_button;
  GtkWidget *test_button;
  GtkWidget *refresh_button;
  GtkWidget *copy_button;
  GtkLabel *copied_label;

  InjSession *session;
  InjCardMonitor *monitor;
  InjJob *survey_job;             /* the survey and its PIN reads; a refresh restarts it */
  guint pin_reads;                /* PIN reads of the survey still under way */
  InjCardState state;
  Survey *survey;
  InjPinStatus *pins[2];          /* by InjPinKind */
  char *pin_errors[2];

  InjJob *conn_job;               /* the connection test; busy while RUNNING */
  InjConnectionState conn_state;
  ConnResult *conn;
};

/* inj-support-rows.c: values as text, the rows of the lists */
const char *_inj_support_check_text (InjTlsCheck check, gboolean server);
const char *_inj_support_cert_title (InjCertKind kind);
char *_inj_support_format_time (GDateTime *time);
char *_inj_support_cert_describe (const CertInfo *info);
char *_inj_support_reader_describe (const ReaderInfo *info);
char *_inj_support_pin_text (InjSupportPage *self, InjPinKind pin);
void _inj_support_clear_list (GtkListBox *list);
GtkWidget *_inj_support_add_row (GtkListBox *list,
                                 const char *title,
                                 const char *subtitle,
                                 const char *icon_name);

/* inj-support-survey.c: the survey, and what it found shown */
void _inj_support_survey_free (Survey *survey);
void _inj_support_show_survey (InjSupportPage *self);
void _inj_support_show_pins (InjSupportPage *self);
void _inj_support_set_state (InjSupportPage *self, InjCardState state);
void _inj_support_show_monitor_error (InjSupportPage *self);

/* inj-support-connection.c: the connection test, and what it found shown */
void _inj_support_conn_result_free (ConnResult *result);
void _inj_support_show_connection (InjSupportPage *self);
void _inj_support_set_connection_state (InjSupportPage *self, InjConnectionState state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Survey, _inj_support_survey_free)

G_END_DECLS
