/* fuzz-bed.c: fuzz-bed.h. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "fuzz-bed.h"
#include "fuzz-support.h"

#define N_COUNTERS 4096
__attribute__ ((section ("__libfuzzer_extra_counters"), used))
static uint8_t bed_counters[N_COUNTERS];

static FILE *to_worker;
static FILE *from_worker;
static char *scenario_path;
static GPid worker;

void
fuzz_bed_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (FUZZ_SOURCE_DIR, "scenario-worker.sh", NULL);
  g_autofree char *root = g_build_filename (FUZZ_SOURCE_DIR, "..", "..", NULL);
  g_autofree char *dir = g_dir_make_tmp ("ininjo-fuzz-bed-XXXXXX", &error);
  const char *argv[] = { "/bin/bash", script, root, NULL };
  int in_fd, out_fd;

  if (dir == NULL ||
      !g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &worker, &in_fd, &out_fd, NULL, &error))
    fuzz_invariant_failed (__FILE__, __LINE__, "the scenario worker starts", error->message);
  scenario_path = g_build_filename (dir, "scenario.ini", NULL);
  to_worker = fdopen (in_fd, "w");
  from_worker = fdopen (out_fd, "r");
}

int
fuzz_bed_validate (const char *data,
                   gsize length,
                   char **problems)
{
  g_autoptr(GError) error = NULL;
  char *answer = NULL;
  size_t size = 0;
  ssize_t n;
  char *tab;
  int status;

  if (!g_file_set_contents (scenario_path, data, (gssize) length, &error))
    fuzz_invariant_failed (__FILE__, __LINE__, "the scenario is written", error->message);
  {
    g_autofree char *request = g_strconcat (scenario_path, "\n", NULL);
    gsize done = 0, total = strlen (request);
    while (done < total)
      {
        ssize_t w = write (fileno (to_worker), request + done, total - done);
        if (w < 0 && errno == EINTR)
          continue;
        if (w <= 0)
          fuzz_invariant_failed (__FILE__, __LINE__, "the scenario worker is there",
                                 g_strerror (errno));
        done += (gsize) w;
      }
  }
  /* libFuzzer's timer (-timeout) interrupts reads without SA_RESTART */
  do
    {
      clearerr (from_worker);
      errno = 0;
      n = getline (&answer, &size, from_worker);
    }
  while (n < 0 && errno == EINTR);
  if (n <= 0 || (tab = strchr (answer, '\t')) == NULL)
    {
      int wstatus = 0;
      g_autofree char *why = NULL;
      if (waitpid (worker, &wstatus, WNOHANG) == worker)
        why = WIFSIGNALED (wstatus) ? g_strdup_printf ("bash was killed by signal %d", WTERMSIG (wstatus))
                                    : g_strdup_printf ("bash ended with %d", WEXITSTATUS (wstatus));
      else
        why = g_strdup_printf ("bash answered “%s”", n > 0 ? answer : "");
      fuzz_invariant_failed (__FILE__, __LINE__, "the scenario worker answers", why);
    }
  *tab = '\0';
  g_strchomp (tab + 1);
  status = atoi (answer);
  *problems = g_strdup (tab + 1);
  free (answer);
  return status;
}

/* "[card] sign-tries=9 out of range" → "[card] sign-tries", "unknown group
 * [x]" → "unknown group", "[card] unknown key x" → "[card] unknown key". */
static char *
kind_of (const char *problem)
{
  const char *unknown = strstr (problem, "unknown ");
  gsize n = strcspn (problem, "=:");

  if (unknown && (g_str_has_prefix (unknown, "unknown group") || g_str_has_prefix (unknown, "unknown key")))
    n = (gsize) (unknown - problem) + (g_str_has_prefix (unknown, "unknown group") ? 13 : 11);
  return g_strndup (problem, n);
}

void
fuzz_bed_count (int status,
                const char *problems)
{
  const char *body = strstr (problems, ": ");
  g_auto(GStrv) parts = g_strsplit (body ? body + 2 : problems, "; ", -1);

  bed_counters[(guint) status % 16]++;
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *kind = kind_of (parts[i]);
      bed_counters[16 + g_str_hash (kind) % (N_COUNTERS - 16)]++;
    }
}
