/* ps-units.h: numbers with units, as engineers write them in study files.
 *
 * A unit is a product of powers of base units with SI prefixes ("kN/m", "kg/m^3",
 * "N/mm²", "MPa"). Parsing gives the SI value and checks the dimension against the
 * quantity the caller expects.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PS_QTY_DIMENSIONLESS,
  PS_QTY_LENGTH,
  PS_QTY_FORCE,
  PS_QTY_FORCE_PER_LENGTH,
  PS_QTY_STRESS,
  PS_QTY_DENSITY,
  PS_QTY_TIME,
  PS_QTY_AREA,
  PS_QTY_SECOND_MOMENT,
  PS_QTY_SECTION_MODULUS,
  PS_QTY_MOMENT,
  PS_QTY_MASS_PER_LENGTH,
  PS_QTY_N_QUANTITIES
} PsQuantity;

/* Dimension as exponents of kg, m and s. */
typedef struct
{
  int kg;
  int m;
  int s;
} PsDim;

const char *ps_quantity_name (PsQuantity quantity);
const char *ps_quantity_example (PsQuantity quantity);
const char *ps_quantity_si_unit (PsQuantity quantity);
PsDim ps_quantity_dim (PsQuantity quantity);

/* Parses a unit expression such as "kN/m" into its scale to SI and its dimension.
 * Returns FALSE and sets @error_message (newly allocated) when it is not a unit. */
gboolean ps_unit_parse (const char *unit, double *scale, PsDim *dim, char **error_message);

/* Parses "12.5 kN" as @quantity into SI. The message says what was expected and what
 * was found; it does not name a path (the caller adds it). */
gboolean ps_units_parse_quantity (const char *text, PsQuantity quantity, double *value_si,
                                  char **error_message);

G_END_DECLS

G_BEGIN_DECLS
/* Parses "300 MPa" of any dimension (a plain number is dimensionless). */
gboolean ps_units_parse_any (const char *text, double *value_si, PsDim *dim, char **error_message);
char *ps_dim_describe (PsDim dim);
/* The SI unit of @dim as people write it: "Pa", "N", "N·m", "N·m^2", "kg·s^-1";
 * "1" for a dimensionless number. */
char *ps_dim_si_unit (PsDim dim);
G_END_DECLS
