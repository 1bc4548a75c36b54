/* inj-ui-resources.c: the templates, compiled in. A static library drops
 * the resource's constructor, so the types register it themselves. */
#include "config.h"

#include <gio/gio.h>

#include "inj-ui-private.h"
#include "inj-ui-gresource.h"

void
_inj_ui_ensure_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_resources_register (inj_ui_get_resource ());
      g_once_init_leave (&done, 1);
    }
}
