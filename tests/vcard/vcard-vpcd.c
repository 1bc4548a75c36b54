/* vcard-vpcd.c: vpcd client transport.
 *
 * Wire format (vsmartcard's vpcd.c): every message is a 2-byte big-endian
 * length and a payload. A 1-byte payload from vpcd is a control message:
 * 00 power off, 01 power on, 02 reset (none answered), 04 get ATR (answered
 * with the ATR). Anything else is a command APDU, answered with the
 * response APDU. vpcd accepts the card's connection only when pcscd polls
 * the reader, and polls with “get ATR” about every 400 ms. */
#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include "vcard-vpcd.h"

#define RETRY_MS 200
#define CTRL_POWER_OFF 0x00
#define CTRL_POWER_ON 0x01
#define CTRL_RESET 0x02
#define CTRL_ATR 0x04

typedef enum {
  STATE_REMOVED,
  STATE_CONNECTING,   /* until vpcd's first message on a connection */
  STATE_CONNECTED,
} State;

typedef struct {
  VcardVpcdInsertFunc func;
  gpointer data;
} Waiter;

struct _VcardVpcd
{
  VcardApplet *applet;        /* borrowed */
  char *host;
  guint16 port;
  guint timeout_ms;
  guint latency_ms;
  VcardVpcdCallbacks callbacks;
  gpointer user_data;

  State state;
  gboolean fatal_on_failure;  /* no one asked for this attempt: give up */
  gboolean ever_ready;
  GSocketClient *client;
  GCancellable *cancellable;  /* of the connection attempt or the reads */
  GSocketConnection *conn;
  guint retry_id;
  guint deadline_id;
  guint latency_id;
  GByteArray *inbuf;
  GBytes *held_apdu;          /* waiting out --latency-ms */
  guint8 readbuf[4096];
  GArray *waiters;            /* of Waiter */
};

static void attempt_connect (VcardVpcd *self);
static void read_more (VcardVpcd *self);
static void process_frames (VcardVpcd *self);

VcardVpcd *
vcard_vpcd_new (VcardApplet *applet,
                const char *host,
                guint16 port,
                guint connect_timeout_ms,
                guint latency_ms,
                const VcardVpcdCallbacks *callbacks,
                gpointer user_data)
{
  VcardVpcd *self = g_new0 (VcardVpcd, 1);

  self->applet = applet;
  self->host = g_strdup (host);
  self->port = port;
  self->timeout_ms = connect_timeout_ms;
  self->latency_ms = latency_ms;
  self->callbacks = *callbacks;
  self->user_data = user_data;
  self->client = g_socket_client_new ();
  self->inbuf = g_byte_array_new ();
  self->waiters = g_array_new (FALSE, FALSE, sizeof (Waiter));
  return self;
}

/* Drops the connection or the attempt under way, whatever the state. */
static void
teardown (VcardVpcd *self)
{
  if (self->cancellable)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->latency_id, g_source_remove);
  if (self->conn)
    {
      /* Closing the socket itself, not the stream: a read is pending on
       * the input stream, and the stream would refuse to close. */
      g_socket_close (g_socket_connection_get_socket (self->conn), NULL);
      g_clear_object (&self->conn);
    }
  g_byte_array_set_size (self->inbuf, 0);
  g_clear_pointer (&self->held_apdu, g_bytes_unref);
}

static void
notify_waiters (VcardVpcd *self,
                const GError *error)
{
  g_autoptr(GArray) waiters = self->waiters;

  /* A waiter may call insert again: give it a fresh list. */
  self->waiters = g_array_new (FALSE, FALSE, sizeof (Waiter));
  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *w = &g_array_index (waiters, Waiter, i);
      w->func (error, w->data);
    }
}

void
vcard_vpcd_free (VcardVpcd *self)
{
  if (self == NULL)
    return;
  if (self->state == STATE_CONNECTED)
    vcard_applet_removed (self->applet, "exit");
  teardown (self);
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  if (self->waiters->len > 0)
    {
      g_autoptr(GError) error = g_error_new (VCARD_ERROR, VCARD_ERROR_VPCD, "shutting down");
      notify_waiters (self, error);
    }
  g_array_unref (self->waiters);
  g_byte_array_unref (self->inbuf);
  g_object_unref (self->client);
  g_free (self->host);
  g_free (self);
}

gboolean
vcard_vpcd_is_inserted (VcardVpcd *self)
{
  return self->state == STATE_CONNECTED;
}

static gboolean
on_deadline (gpointer user_data)
{
  VcardVpcd *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean fatal = self->fatal_on_failure;
  gboolean tcp_up = self->conn != NULL;

  self->deadline_id = 0;
  teardown (self);
  self->state = STATE_REMOVED;
  if (tcp_up)
    /* The TCP handshake completes in vpcd's listen backlog, but vpcd only
     * accepts one card per slot: a silent connection means the slot is
     * taken or pcscd does not poll this reader. */
    error = g_error_new (VCARD_ERROR, VCARD_ERROR_VPCD,
                         "connected to vpcd at %s:%u, but it did not poll the card "
                         "within %u ms (another card emulator on this slot? pcscd "
                         "not running with the vpcd reader?)",
                         self->host, self->port, self->timeout_ms);
  else
    error = g_error_new (VCARD_ERROR, VCARD_ERROR_VPCD,
                         "vpcd at %s:%u not reachable within %u ms (is pcscd running "
                         "with the vpcd reader?)",
                         self->host, self->port, self->timeout_ms);
  notify_waiters (self, error);
  if (fatal && self->callbacks.lost)
    self->callbacks.lost (error, self->user_data);
  return G_SOURCE_REMOVE;
}

static void
start_connecting (VcardVpcd *self,
                  gboolean fatal)
{
  self->state = STATE_CONNECTING;
  self->fatal_on_failure = fatal;
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  self->deadline_id = g_timeout_add (self->timeout_ms, on_deadline, self);
  attempt_connect (self);
}

static gboolean
on_retry (gpointer user_data)
{
  VcardVpcd *self = user_data;

  self->retry_id = 0;
  attempt_connect (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (VcardVpcd *self)
{
  teardown (self);
  self->retry_id = g_timeout_add (RETRY_MS, on_retry, self);
}

/* The card went away under us (vpcd closed, write failed): a removal that
 * nobody asked for, so try to come back, as a card left in the reader
 * would be seen again once pcscd returns. */
static void
connection_lost (VcardVpcd *self,
                 const char *why)
{
  if (self->state == STATE_CONNECTING)
    {
      schedule_retry (self);
      return;
    }
  teardown (self);
  vcard_applet_removed (self->applet, why);
  start_connecting (self, TRUE);
}

static void
on_connected (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  GSocketConnection *conn;
  VcardVpcd *self;

  conn = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, &error);
  /* Cancelled means torn down, perhaps freed: do not touch self. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (conn == NULL)
    {
      schedule_retry (self);
      return;
    }
  self->conn = conn;
  /* Small request/response messages: no Nagle delay. */
  g_socket_set_option (g_socket_connection_get_socket (conn), IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  read_more (self);
}

static void
attempt_connect (VcardVpcd *self)
{
  g_autoptr(GSocketConnectable) address = g_network_address_new (self->host, self->port);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_socket_client_connect_async (self->client, address, self->cancellable, on_connected, self);
}

static void
on_read (GObject *source,
         GAsyncResult *result,
         gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  VcardVpcd *self;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (n <= 0)
    {
      connection_lost (self, n == 0 ? "vpcd closed the connection" : "vpcd connection failed");
      return;
    }
#ifdef TCP_QUICKACK
  /* Debian's vpcd sends the length and the payload in two writes without
   * TCP_NODELAY: Nagle holds the payload until the length is ACKed, and a
   * delayed ACK would add some 40 ms to every APDU. Linux clears quick-ACK
   * mode by itself, hence after every read. */
  g_socket_set_option (g_socket_connection_get_socket (self->conn), IPPROTO_TCP, TCP_QUICKACK, 1,
                       NULL);
#endif
  g_byte_array_append (self->inbuf, self->readbuf, (guint) n);
  process_frames (self);
  if (self->conn)
    read_more (self);
}

static void
read_more (VcardVpcd *self)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (self->conn));

  g_input_stream_read_async (in, self->readbuf, sizeof self->readbuf, G_PRIORITY_DEFAULT,
                             self->cancellable, on_read, self);
}

/* FALSE when the connection was lost (and self->conn is gone). */
static gboolean
send_frame (VcardVpcd *self,
            GBytes *payload)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (self->conn));
  gsize len;
  const guint8 *data = g_bytes_get_data (payload, &len);
  g_autoptr(GByteArray) frame = g_byte_array_sized_new ((guint) len + 2);
  guint8 header[2];

  g_return_val_if_fail (len <= 0xFFFF, FALSE);
  header[0] = (guint8) (len >> 8);
  header[1] = (guint8) (len & 0xFF);
  /* One write: a lone 2-byte header segment would meet vpcd's delayed
   * ACK and cost some 40 ms per APDU. */
  g_byte_array_append (frame, header, 2);
  g_byte_array_append (frame, data, (guint) len);
  if (!g_output_stream_write_all (out, frame->data, frame->len, NULL, self->cancellable, &error))
    {
      connection_lost (self, "vpcd connection failed");
      return FALSE;
    }
  return TRUE;
}

static void
greeted (VcardVpcd *self)
{
  self->state = STATE_CONNECTED;
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  vcard_applet_inserted (self->applet);
  notify_waiters (self, NULL);
  if (!self->ever_ready)
    {
      self->ever_ready = TRUE;
      if (self->callbacks.ready)
        self->callbacks.ready (self->user_data);
    }
}

static gboolean
answer_apdu (VcardVpcd *self,
             GBytes *apdu)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (apdu, &len);
  g_autoptr(GBytes) response = vcard_applet_transmit (self->applet, data, len);

  return send_frame (self, response);
}

static gboolean
on_latency_done (gpointer user_data)
{
  VcardVpcd *self = user_data;
  g_autoptr(GBytes) apdu = g_steal_pointer (&self->held_apdu);

  self->latency_id = 0;
  if (answer_apdu (self, apdu))
    process_frames (self);
  return G_SOURCE_REMOVE;
}

/* FALSE when the connection was lost. */
static gboolean
handle_frame (VcardVpcd *self,
              GBytes *payload)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (payload, &len);

  if (self->state == STATE_CONNECTING)
    greeted (self);

  if (len == 1)
    {
      g_autoptr(GBytes) atr = NULL;

      switch (data[0])
        {
        case CTRL_POWER_OFF:
          vcard_applet_power_off (self->applet);
          return TRUE;
        case CTRL_POWER_ON:
          vcard_applet_power_on (self->applet);
          return TRUE;
        case CTRL_RESET:
          vcard_applet_reset (self->applet);
          return TRUE;
        case CTRL_ATR:
          /* Not logged: vpcd asks every 400 ms to see the card is there. */
          atr = vcard_applet_get_atr (self->applet);
          return send_frame (self, atr);
        default:
          /* vpcd expects no answer to control messages but the ATR. */
          g_printerr ("ininjo-vcard: ignoring unknown vpcd control message %02X\n", data[0]);
          return TRUE;
        }
    }

  if (self->latency_ms > 0)
    {
      /* vpcd waits for this answer before sending anything else, so
       * holding it back is all a slow card amounts to. */
      self->held_apdu = g_bytes_ref (payload);
      self->latency_id = g_timeout_add (self->latency_ms, on_latency_done, self);
      return TRUE;
    }
  return answer_apdu (self, payload);
}

static void
process_frames (VcardVpcd *self)
{
  while (self->conn && self->held_apdu == NULL && self->inbuf->len >= 2)
    {
      gsize len = (gsize) (self->inbuf->data[0] << 8 | self->inbuf->data[1]);
      g_autoptr(GBytes) payload = NULL;

      if (self->inbuf->len < len + 2)
        return;
      payload = g_bytes_new (self->inbuf->data + 2, len);
      g_byte_array_remove_range (self->inbuf, 0, (guint) (len + 2));
      if (!handle_frame (self, payload))
        return;
    }
}

void
vcard_vpcd_start (VcardVpcd *self)
{
  g_return_if_fail (self->state == STATE_REMOVED);
  start_connecting (self, TRUE);
}

void
vcard_vpcd_insert (VcardVpcd *self,
                   VcardVpcdInsertFunc done,
                   gpointer user_data)
{
  if (self->state == STATE_CONNECTED)
    {
      if (done)
        done (NULL, user_data);
      return;
    }
  if (done)
    {
      Waiter w = { done, user_data };
      g_array_append_val (self->waiters, w);
    }
  if (self->state == STATE_REMOVED)
    start_connecting (self, FALSE);
}

void
vcard_vpcd_remove (VcardVpcd *self)
{
  State was = self->state;

  teardown (self);
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  self->state = STATE_REMOVED;
  if (was == STATE_CONNECTED)
    vcard_applet_removed (self->applet, "removed on purpose");
  else if (was == STATE_CONNECTING && self->waiters->len > 0)
    {
      g_autoptr(GError) error = g_error_new (VCARD_ERROR, VCARD_ERROR_VPCD,
                                             "removed before vpcd saw the card");
      notify_waiters (self, error);
    }
}
