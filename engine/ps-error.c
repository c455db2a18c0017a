#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include "ps-error.h"

/* PS_ERROR is an extended error domain (GLib 2.68): its errors carry the JSON path as
 * data. This is G_DEFINE_EXTENDED_ERROR written out, without its checks that return
 * NULL, which every caller here would have to test for. */
typedef struct
{
  char *json_path;
} PsErrorPrivate;

static PsErrorPrivate *
get_private (const GError *error)
{
  /* GLib keeps an extended domain's private data just before the GError, aligned as
   * gtype.c aligns instance private data. */
  const gsize sa = 2 * sizeof (gsize);
  const gsize as = (sizeof (PsErrorPrivate) + (sa - 1)) & -sa;

  return (PsErrorPrivate *)(((guint8 *)error) - as);
}

static void
private_init (GError *error)
{
  get_private (error)->json_path = NULL;
}

static void
private_copy (const GError *src, GError *dest)
{
  get_private (dest)->json_path = g_strdup (get_private (src)->json_path);
}

static void
private_clear (GError *error)
{
  g_clear_pointer (&get_private (error)->json_path, g_free);
}

GQuark
ps_error_quark (void)
{
  static GQuark quark;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      quark = g_error_domain_register_static ("parastudy-error-quark", sizeof (PsErrorPrivate),
                                              private_init, private_copy, private_clear);
      g_once_init_leave (&initialized, 1);
    }
  return quark;
}

const char *
ps_error_get_json_path (const GError *error)
{
  if (error == NULL || error->domain != PS_ERROR)
    return NULL;
  return get_private (error)->json_path;
}

void
ps_error_set_json_path (GError *error, const char *path)
{
  PsErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == PS_ERROR);
  priv = get_private (error);
  g_free (priv->json_path);
  priv->json_path = g_strdup (path);
}
