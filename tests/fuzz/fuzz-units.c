/* libFuzzer harness: the unit parser (ps_unit_parse, ps_units_parse_any and every
 * quantity's ps_units_parse_quantity) on arbitrary text. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "parastudy.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  double v, scale;
  PsDim dim;
  char *message = NULL;

  if (ps_unit_parse (text, &scale, &dim, &message))
    g_assert_null (message);
  g_clear_pointer (&message, g_free);
  if (ps_units_parse_any (text, &v, &dim, &message))
    g_free (ps_dim_describe (dim));
  g_clear_pointer (&message, g_free);
  for (int q = 0; q < PS_QTY_N_QUANTITIES; q++)
    {
      if (!ps_units_parse_quantity (text, (PsQuantity)q, &v, &message))
        g_assert_nonnull (message);
      g_clear_pointer (&message, g_free);
    }
  return 0;
}
