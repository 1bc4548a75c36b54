/* ininjo-cli-conn.h: the service's connection as the service verbs
 * (ininjo-cli-service.c) and the account's (ininjo-cli-account.c) take it:
 * the options, the client made of them and the settings, and the exit
 * status of a failure. Only app/cli/ includes it. */
#pragma once

#include "inj-pkcs11.h"
#include "inj-service-client.h"

G_BEGIN_DECLS

typedef struct {
  char *service;
  char *service_ca;
  char *client_cert;
  char *client_key;
  int password_fd;
  char **trust;
  gboolean reveal;
  char *output;
  char *end;
  InjCardMonitor *monitor; /* with a card key: the card, checked before any PIN */
  InjCard *card;
  char *reader;            /* --reader: which card, when several */
  char *key_url;           /* the card's key, registered for net/ */
} Conn;

void              conn_clear      (Conn *c);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Conn, conn_clear)

#define CONN_OPTIONS(c)                                                                          \
  { "service", 0, 0, G_OPTION_ARG_STRING, &(c).service,                                          \
    N_("The service's address (https://host:port)"), N_("URL") },                               \
  { "service-ca", 0, 0, G_OPTION_ARG_FILENAME, &(c).service_ca,                                  \
    N_("The CA certificate that issued the service's certificate (PEM)"), N_("FILE") },          \
  { "client-cert", 0, 0, G_OPTION_ARG_FILENAME, &(c).client_cert,                                \
    N_("Use this certificate file instead of the card's authentication certificate"),           \
    N_("FILE") },                                                                                \
  { "client-key", 0, 0, G_OPTION_ARG_FILENAME, &(c).client_key,                                  \
    N_("The key file that goes with --client-cert"), N_("FILE") },                              \
  { "password-fd", 0, 0, G_OPTION_ARG_INT, &(c).password_fd,                                     \
    N_("Read the card's PIN from this file descriptor instead of the terminal"), N_("FD") },     \
  { "reader", 0, 0, G_OPTION_ARG_STRING, &(c).reader,                                            \
    N_("The reader of the card to use, when several hold a My Number card"), N_("NAME") }

/* A client for the options and the settings (with the card's key, the
 * card is found first; c->card is it), or NULL with @error. */
InjServiceClient *connect_service (Conn *c,
                                   GError **error);
/* The exit status of a failure of the service's verbs (and the failure
 * noted for support). */
int               net_exit        (const GError *error);

G_END_DECLS
