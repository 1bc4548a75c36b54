/* inj-terminal-interaction.c */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "inj-pkcs11.h"
#include "inj-terminal-interaction.h"

struct _InjTerminalInteraction {
  GTlsInteraction parent_instance;
  int password_fd; /* -1: the terminal */
  gboolean asked;
};

G_DEFINE_FINAL_TYPE (InjTerminalInteraction, inj_terminal_interaction, G_TYPE_TLS_INTERACTION)

/* Reads one line into @buf without stdio buffering (nothing of the secret
 * stays in a FILE buffer). Returns the length, or -1. */
static gssize
read_line (int fd,
           char *buf,
           gsize size)
{
  gsize n = 0;

  while (n + 1 < size)
    {
      char c;
      ssize_t r = read (fd, &c, 1);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return n > 0 ? (gssize) n : -1;
      if (c == '\n')
        break;
      if (c != '\r')
        buf[n++] = c;
    }
  buf[n] = '\0';
  return (gssize) n;
}

static GTlsInteractionResult
ask_password (GTlsInteraction *interaction,
              GTlsPassword *password,
              GCancellable *cancellable,
              GError **error)
{
  InjTerminalInteraction *self = INJ_TERMINAL_INTERACTION (interaction);
  char buf[64];
  gssize len;
  int fd = self->password_fd;
  gboolean own_fd = FALSE;
  struct termios saved, quiet;
  gboolean echo_off = FALSE;

  if (fd >= 0 && self->asked)
    {
      /* A PIN from a file is given once: asking again would be a retry. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The PIN from --password-fd was already used."));
      return G_TLS_INTERACTION_FAILED;
    }
  self->asked = TRUE;

  if (fd < 0)
    {
      fd = open ("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
      if (fd < 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("A PIN is needed, but there is no terminal to ask on "
                                 "(use --password-fd)."));
          return G_TLS_INTERACTION_FAILED;
        }
      own_fd = TRUE;
      /* Echo off before the prompt appears: what is typed once it shows
       * is neither echoed nor flushed away (TCSAFLUSH drops typed-ahead
       * input). */
      if (tcgetattr (fd, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) (ECHO | ECHONL);
          echo_off = tcsetattr (fd, TCSAFLUSH, &quiet) == 0;
        }
      {
        g_autofree char *prompt = NULL;
        const char *warning = g_tls_password_get_warning (password);
        if (warning && *warning)
          {
            g_autofree char *w = g_strdup_printf ("%s\n", warning);
            (void) !write (fd, w, strlen (w));
          }
        prompt = g_strdup_printf ("%s: ", g_tls_password_get_description (password));
        (void) !write (fd, prompt, strlen (prompt));
      }
    }

  len = read_line (fd, buf, sizeof buf);

  if (echo_off)
    {
      tcsetattr (fd, TCSAFLUSH, &saved);
      (void) !write (fd, "\n", 1);
    }
  if (own_fd)
    close (fd);

  if (len < 0 || g_cancellable_is_cancelled (cancellable))
    {
      inj_wipe (buf, sizeof buf);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No PIN was given."));
      return G_TLS_INTERACTION_FAILED;
    }
  inj_tls_password_set_secret (password, buf, len);
  inj_wipe (buf, sizeof buf);
  return G_TLS_INTERACTION_HANDLED;
}

static void
inj_terminal_interaction_class_init (InjTerminalInteractionClass *klass)
{
  G_TLS_INTERACTION_CLASS (klass)->ask_password = ask_password;
}

static void
inj_terminal_interaction_init (InjTerminalInteraction *self)
{
  self->password_fd = -1;
}

GTlsInteraction *
inj_terminal_interaction_new (int password_fd)
{
  InjTerminalInteraction *self = g_object_new (INJ_TYPE_TERMINAL_INTERACTION, NULL);
  self->password_fd = password_fd;
  return G_TLS_INTERACTION (self);
}
