/* inj-card-survey.h: where the card stands (card service, reader, card, My
 * Number card), found off the main thread: PC/SC and PKCS#11 calls wait on
 * the card service. Shared by the pages that show the card. */
#pragma once

#include <gio/gio.h>

#include "inj-pkcs11.h"

G_BEGIN_DECLS

typedef enum {
  INJ_CARD_STATE_LOADING = 0,
  INJ_CARD_STATE_ERROR,          /* no card service or no PKCS#11 module */
  INJ_CARD_STATE_NO_READER,
  INJ_CARD_STATE_NO_CARD,
  INJ_CARD_STATE_NOT_MY_NUMBER,
  INJ_CARD_STATE_READY,
  INJ_CARD_STATE_LOCKED,         /* a My Number card with a locked PIN and no token */
  INJ_CARD_STATE_NO_TOKEN,       /* a My Number card OpenSC shows no token for */
} InjCardState;

typedef struct {
  guint tag;          /* the caller's, to drop answers it no longer waits for */
  InjCardState state;
  char *details;      /* what the person may need to know, or NULL */
  InjCard *card;      /* when READY */
} InjCardSurvey;

void           inj_card_survey_free   (InjCardSurvey *survey);
/* No My Number card through PKCS#11, but a card in a reader: is it one
 * that OpenSC shows no token for (a locked PIN answering 69 84, no EF
 * 001B)? Then *state is LOCKED or NO_TOKEN and *details says why. Blocks. */
gboolean       inj_card_survey_explain (GPtrArray *readers,
                                        InjCardState *state,
                                        char **details);
/* Where the card stands, from the readers PC/SC lists (InjReaderInfo),
 * the tokens @monitor shows and its My Number card (NULL for none): READY,
 * NO_READER, NO_CARD, LOCKED or NO_TOKEN (then *details says why) or
 * NOT_MY_NUMBER. Blocks (it may ask the card). The one answer for every
 * page that shows the card. */
InjCardState   inj_card_survey_classify (GPtrArray *readers,
                                         InjCardMonitor *monitor,
                                         InjCard *card,
                                         char **details);
void           inj_card_survey_async  (InjCardMonitor *monitor,
                                       guint tag,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
InjCardSurvey *inj_card_survey_finish (GAsyncResult *result,
                                       GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjCardSurvey, inj_card_survey_free)

G_END_DECLS
