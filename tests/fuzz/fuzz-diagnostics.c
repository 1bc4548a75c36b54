/* fuzz-diagnostics: the bundle's diagnostics.json as bundle-to-scenario
 * (tests/bed, Python) reads it, run in an embedded Python whose line events
 * in bundle-to-scenario are libFuzzer's coverage (extra counters).
 *
 * Invariant: for any JSON the bundle may hold, bundle-to-scenario writes a
 * scenario (no exception, no traceback for support staff) that the test
 * bed accepts (scn_validate, through scenario-worker.sh); and what it
 * copies from the bundle stays a value: a line break in the bundle's texts
 * makes no group or key of its own. */
#include "config.h"

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <frameobject.h>
#include <string.h>

#include "fuzz-bed.h"
#include "fuzz-support.h"

#define N_COUNTERS 8192
__attribute__ ((section ("__libfuzzer_extra_counters"), used))
static uint8_t py_counters[N_COUNTERS];

static PyObject *one;          /* fuzz_diagnostics.one */
static PyObject *traced_file;  /* bundle-to-scenario's path */
static GHashTable *validated;  /* scenarios the bed has accepted already */
static guint prev_location;

static int
trace (PyObject *obj,
       PyFrameObject *frame,
       int what,
       PyObject *arg)
{
  PyCodeObject *code;
  guint location;

  if (what != PyTrace_LINE)
    return 0;
  code = PyFrame_GetCode (frame);
  if (PyUnicode_Compare (code->co_filename, traced_file) == 0)
    {
      location = (guint) (((uintptr_t) code >> 4) * 31u + (guint) PyFrame_GetLineNumber (frame));
      py_counters[(location ^ prev_location) % N_COUNTERS]++;
      prev_location = location >> 1;
    }
  Py_DECREF (code);
  return 0;
}

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  g_autofree char *tool = g_build_filename (FUZZ_SOURCE_DIR, "..", "bed", "bundle-to-scenario",
                                            NULL);
  PyObject *sys_path, *dir, *module, *init, *r;

  fuzz_setup ("fuzz-diagnostics");
  fuzz_bed_start ();
  validated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_setenv ("PYTHONDONTWRITEBYTECODE", "1", TRUE);
  /* objects in malloc, not in pymalloc's arenas (which LeakSanitizer does
   * not scan): what Python holds is then seen as held */
  g_setenv ("PYTHONMALLOC", "malloc", TRUE);
  Py_InitializeEx (0); /* libFuzzer keeps its signal handlers */
  sys_path = PySys_GetObject ("path");
  dir = PyUnicode_FromString (FUZZ_SOURCE_DIR);
  PyList_Insert (sys_path, 0, dir);
  Py_DECREF (dir);
  module = PyImport_ImportModule ("fuzz_diagnostics");
  if (module == NULL)
    goto failed;
  init = PyObject_GetAttrString (module, "init");
  one = PyObject_GetAttrString (module, "one");
  r = init && one ? PyObject_CallFunction (init, "s", tool) : NULL;
  if (r == NULL)
    goto failed;
  Py_DECREF (r);
  Py_DECREF (init);
  Py_DECREF (module);
  {
    /* the path as the loader recorded it in the code objects */
    PyObject *b2s = PyObject_GetAttrString (module, "b2s");
    PyObject *convert = b2s ? PyObject_GetAttrString (b2s, "convert") : NULL;
    PyObject *code = convert ? PyObject_GetAttrString (convert, "__code__") : NULL;
    traced_file = code ? PyObject_GetAttrString (code, "co_filename") : NULL;
    Py_XDECREF (code);
    Py_XDECREF (convert);
    Py_XDECREF (b2s);
    if (traced_file == NULL)
      goto failed;
  }
  PyEval_SetTrace (trace, NULL);
  return 0;

failed:
  PyErr_Print ();
  fuzz_invariant_failed (__FILE__, __LINE__, "bundle-to-scenario loads", NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  PyObject *result = PyObject_CallFunction (one, "y#", (const char *) data, (Py_ssize_t) size);
  const char *text;
  Py_ssize_t length;

  if (result == NULL)
    {
      gboolean broken = PyErr_ExceptionMatches (PyExc_AssertionError);
      PyErr_Print ();
      fuzz_invariant_failed (__FILE__, __LINE__,
                             broken ? "what bundle-to-scenario copies from a bundle stays a value"
                                    : "bundle-to-scenario converts any JSON without an exception",
                             NULL);
    }
  if (result == Py_None)
    {
      Py_DECREF (result);
      return 0;
    }
  text = PyUnicode_AsUTF8AndSize (result, &length);
  FUZZ_CHECK (text != NULL, "the scenario is text", NULL);
  if (!g_hash_table_contains (validated, text))
    {
      g_autofree char *problems = NULL;
      int status = fuzz_bed_validate (text, (gsize) length, &problems);
      if (status != 0)
        {
          fprintf (stderr, "%s", text);
          fuzz_invariant_failed (__FILE__, __LINE__,
                                 "the test bed accepts the scenario bundle-to-scenario writes",
                                 problems);
        }
      FUZZ_CHECK (strstr (problems, "BROKEN") == NULL,
                  "the test bed can run the scenario bundle-to-scenario writes", problems);
      /* a bounded cache: the scenarios vary in few ways */
      if (g_hash_table_size (validated) > 100000)
        g_hash_table_remove_all (validated);
      g_hash_table_add (validated, g_strndup (text, (gsize) length));
    }
  Py_DECREF (result);
  return 0;
}
