/* inj-card-monitor.c
 *
 * Modules are loaded through p11-kit (a path or a name that p11-kit
 * resolves in its module directory: the setting defaults to OpenSC's
 * "opensc-pkcs11.so", not the one-PIN variant that hides the signing key).
 * Insertion and removal are found by polling the slot list on a thread of
 * the monitor's own, and reported as the "changed" signal in the main
 * context the monitor was created in. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <p11-kit/p11-kit.h>

#include "inj-card-monitor.h"

typedef struct {
  CK_FUNCTION_LIST *module;
  char *name;
} Module;

struct _InjCardMonitor {
  GObject parent_instance;
  GArray *modules;          /* of Module */
  GMutex lock;              /* guards tokens, cards, snapshot */
  GPtrArray *tokens;        /* InjToken */
  GHashTable *cards;        /* reader → InjCard, kept across refreshes */
  char *snapshot;           /* what the last refresh saw, to notice changes */
  GMutex scan_lock;         /* one scan at a time; guards token_info */
  GHashTable *token_info;   /* "module/slot" → CK_TOKEN_INFO, for the slots the last scan saw */
  GMainContext *context;
  GThread *watcher;
  gint stop_watching;
  guint interval_ms;
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (InjCardMonitor, inj_card_monitor, G_TYPE_OBJECT)

static void
inj_card_monitor_dispose (GObject *object)
{
  InjCardMonitor *self = INJ_CARD_MONITOR (object);

  if (self->watcher)
    {
      g_atomic_int_set (&self->stop_watching, 1);
      g_thread_join (self->watcher);
      self->watcher = NULL;
    }
  G_OBJECT_CLASS (inj_card_monitor_parent_class)->dispose (object);
}

static void
inj_card_monitor_finalize (GObject *object)
{
  InjCardMonitor *self = INJ_CARD_MONITOR (object);

  g_clear_pointer (&self->tokens, g_ptr_array_unref);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  /* Cards and tokens are gone: the modules can be finalized. */
  for (guint i = 0; i < self->modules->len; i++)
    {
      Module *m = &g_array_index (self->modules, Module, i);
      p11_kit_module_finalize (m->module);
      p11_kit_module_release (m->module);
      g_free (m->name);
    }
  g_array_unref (self->modules);
  g_free (self->snapshot);
  g_clear_pointer (&self->token_info, g_hash_table_unref);
  g_mutex_clear (&self->scan_lock);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (inj_card_monitor_parent_class)->finalize (object);
}

static void
inj_card_monitor_class_init (InjCardMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = inj_card_monitor_dispose;
  object_class->finalize = inj_card_monitor_finalize;

  /**
   * InjCardMonitor::changed:
   * A token or card appeared or went away.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
inj_card_monitor_init (InjCardMonitor *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->scan_lock);
  self->token_info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->modules = g_array_new (FALSE, TRUE, sizeof (Module));
  self->tokens = g_ptr_array_new_with_free_func (g_object_unref);
  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->context = g_main_context_ref_thread_default ();
}

InjCardMonitor *
inj_card_monitor_new (const char * const *modules,
                      GError **error)
{
  static const char *const defaults[] = { INJ_DEFAULT_PKCS11_MODULE, NULL };
  g_autoptr(InjCardMonitor) self = g_object_new (INJ_TYPE_CARD_MONITOR, NULL);

  if (modules == NULL || modules[0] == NULL)
    modules = defaults;
  for (guint i = 0; modules[i]; i++)
    {
      Module m = { NULL, NULL };
      CK_RV rv;

      m.module = p11_kit_module_load (modules[i], 0);
      if (m.module == NULL)
        {
          g_set_error (error, INJ_PKCS11_ERROR, (gint) INJ_CKR_MODULE,
                       _("The PKCS#11 module “%s” could not be loaded: %s"), modules[i],
                       p11_kit_message () ? p11_kit_message () : _("unknown reason"));
          return NULL;
        }
      rv = p11_kit_module_initialize (m.module);
      if (rv != CKR_OK)
        {
          p11_kit_module_release (m.module);
          g_set_error (error, INJ_PKCS11_ERROR, (gint) INJ_CKR_MODULE,
                       _("The PKCS#11 module “%s” could not be initialised (%s)."), modules[i],
                       inj_pkcs11_rv_name (rv));
          return NULL;
        }
      m.name = g_strdup (modules[i]);
      g_array_append_val (self->modules, m);
    }
  if (!inj_card_monitor_refresh (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Reads every token of every module. Returns the tokens and a text that
 * changes when any of them does. */
/* A token's information is asked of the module once while its slot stays
 * present, not at every poll. C_GetTokenInfo locks the card and reads its
 * PIN tries (an empty VERIFY each), and OpenSC 0.23 can be left holding
 * the card's mutex when the card leaves the reader during it: after a
 * reset or a reattached reader it selects the JPKI application again, and
 * when that fails sc_lock() still answers success with its lock count at
 * zero, so the sc_unlock() that follows returns without releasing the
 * mutex, and the next call on that card (the other JPKI token's) waits for
 * ever, in this thread, and so does quitting. Asking only when a slot
 * appears keeps card removal away from that call but for its first moment.
 * The fields kept (label, manufacturer, model) are the same on every My
 * Number card. */
static const CK_TOKEN_INFO *
token_info (InjCardMonitor *self,
            GHashTable *seen,
            guint module_index,
            CK_FUNCTION_LIST *module,
            CK_SLOT_ID slot)
{
  g_autofree char *key = g_strdup_printf ("%u/%lu", module_index, (gulong) slot);
  CK_TOKEN_INFO *ti = g_hash_table_lookup (self->token_info, key);

  if (ti != NULL)
    ti = g_memdup2 (ti, sizeof *ti);
  else
    {
      ti = g_new0 (CK_TOKEN_INFO, 1);
      if (module->C_GetTokenInfo (slot, ti) != CKR_OK)
        {
          g_free (ti);
          return NULL;
        }
    }
  g_hash_table_replace (seen, g_steal_pointer (&key), ti);
  return ti;
}

static GPtrArray *
scan_locked (InjCardMonitor *self,
             char **snapshot,
             GError **error)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_object_unref);
  GString *snap = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < self->modules->len; i++)
    {
      Module *m = &g_array_index (self->modules, Module, i);
      CK_ULONG count = 0;
      g_autofree CK_SLOT_ID *slots = NULL;
      CK_RV rv = m->module->C_GetSlotList (CK_TRUE, NULL, &count);

      if (rv == CKR_OK && count > 0)
        {
          slots = g_new0 (CK_SLOT_ID, count);
          rv = m->module->C_GetSlotList (CK_TRUE, slots, &count);
        }
      if (rv != CKR_OK)
        {
          inj_pkcs11_set_error (error, rv, INJ_PIN_SIGN, -1);
          g_ptr_array_unref (tokens);
          g_string_free (snap, TRUE);
          return NULL;
        }
      for (CK_ULONG s = 0; s < count; s++)
        {
          CK_SLOT_INFO si;
          const CK_TOKEN_INFO *ti;

          if (m->module->C_GetSlotInfo (slots[s], &si) != CKR_OK ||
              (ti = token_info (self, seen, i, m->module, slots[s])) == NULL)
            continue; /* removed between the two calls */
          g_ptr_array_add (tokens, inj_token_new (m->module, m->name, slots[s], &si, ti));
          g_string_append_printf (snap, "%u/%lu/%.32s/%.64s\n", i, (gulong) slots[s], ti->label,
                                  si.slotDescription);
        }
    }
  /* a slot not seen now is asked again when it comes back */
  g_hash_table_unref (self->token_info);
  self->token_info = g_steal_pointer (&seen);
  *snapshot = g_string_free (snap, FALSE);
  return tokens;
}

static GPtrArray *
scan (InjCardMonitor *self,
      char **snapshot,
      GError **error)
{
  GPtrArray *tokens;

  g_mutex_lock (&self->scan_lock);
  tokens = scan_locked (self, snapshot, error);
  g_mutex_unlock (&self->scan_lock);
  return tokens;
}

/* A My Number card is the pair of JPKI tokens in one reader. */
static void
rebuild_cards (InjCardMonitor *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < self->tokens->len; i++)
    {
      InjToken *auth = g_ptr_array_index (self->tokens, i);
      if (inj_token_get_kind (auth) != INJ_TOKEN_KIND_JPKI_AUTH)
        continue;
      for (guint k = 0; k < self->tokens->len; k++)
        {
          InjToken *sign = g_ptr_array_index (self->tokens, k);
          InjCard *card;
          if (inj_token_get_kind (sign) != INJ_TOKEN_KIND_JPKI_SIGN ||
              inj_token_get_module (sign) != inj_token_get_module (auth) ||
              g_strcmp0 (inj_token_get_reader (sign), inj_token_get_reader (auth)) != 0)
            continue;
          card = g_hash_table_lookup (self->cards, inj_token_get_reader (auth));
          if (card == NULL || inj_token_get_slot (inj_card_get_auth_token (card)) !=
                                inj_token_get_slot (auth))
            {
              card = inj_card_new (inj_token_get_reader (auth), auth, sign);
              g_hash_table_replace (self->cards, g_strdup (inj_token_get_reader (auth)), card);
            }
          g_hash_table_add (seen, (gpointer) inj_card_get_reader (card));
        }
    }
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      g_hash_table_iter_remove (&iter);
}

static gboolean
refresh (InjCardMonitor *self,
         gboolean *changed,
         GError **error)
{
  g_autofree char *snapshot = NULL;
  GPtrArray *tokens = scan (self, &snapshot, error);

  *changed = FALSE;
  if (tokens == NULL)
    return FALSE;
  g_mutex_lock (&self->lock);
  if (g_strcmp0 (snapshot, self->snapshot) != 0)
    {
      g_ptr_array_unref (self->tokens);
      self->tokens = tokens;
      g_free (self->snapshot);
      self->snapshot = g_steal_pointer (&snapshot);
      rebuild_cards (self);
      *changed = TRUE;
    }
  else
    g_ptr_array_unref (tokens);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

gboolean
inj_card_monitor_refresh (InjCardMonitor *self,
                          GError **error)
{
  gboolean changed;

  g_return_val_if_fail (INJ_IS_CARD_MONITOR (self), FALSE);
  if (!refresh (self, &changed, error))
    return FALSE;
  if (changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

GPtrArray *
inj_card_monitor_list_tokens (InjCardMonitor *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (INJ_IS_CARD_MONITOR (self), NULL);
  g_mutex_lock (&self->lock);
  copy = g_ptr_array_copy (self->tokens, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (copy, g_object_unref);
  g_mutex_unlock (&self->lock);
  return copy;
}

GPtrArray *
inj_card_monitor_list_cards (InjCardMonitor *self)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (INJ_IS_CARD_MONITOR (self), cards);
  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (cards, g_object_ref (value));
  g_mutex_unlock (&self->lock);
  return cards;
}

InjCard *
inj_card_monitor_get_card (InjCardMonitor *self,
                           const char *reader)
{
  InjCard *card = NULL;

  g_return_val_if_fail (INJ_IS_CARD_MONITOR (self), NULL);
  g_mutex_lock (&self->lock);
  if (reader)
    card = g_hash_table_lookup (self->cards, reader);
  else
    {
      GHashTableIter iter;
      gpointer value;
      g_hash_table_iter_init (&iter, self->cards);
      if (g_hash_table_iter_next (&iter, NULL, &value))
        card = value;
    }
  if (card)
    g_object_ref (card);
  g_mutex_unlock (&self->lock);
  return card;
}

static gboolean
emit_changed (gpointer data)
{
  g_signal_emit (data, signals[SIGNAL_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static gpointer
watch_thread (gpointer data)
{
  InjCardMonitor *self = data;

  while (!g_atomic_int_get (&self->stop_watching))
    {
      gboolean changed = FALSE;
      g_autoptr(GError) error = NULL;

      if (!refresh (self, &changed, &error))
        g_debug ("card monitor: %s", error->message);
      if (changed)
        g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_changed,
                                    g_object_ref (self), g_object_unref);
      for (guint waited = 0; waited < self->interval_ms && !g_atomic_int_get (&self->stop_watching);
           waited += 50)
        g_usleep (50 * 1000);
    }
  return NULL;
}

/* Starts reporting insertions and removals as "changed". */
void
inj_card_monitor_watch (InjCardMonitor *self,
                        guint interval_ms)
{
  g_return_if_fail (INJ_IS_CARD_MONITOR (self));
  if (self->watcher)
    return;
  self->interval_ms = MAX (interval_ms, 100);
  self->watcher = g_thread_new ("inj-card-monitor", watch_thread, self);
}
