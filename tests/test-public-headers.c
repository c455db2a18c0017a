/* test-public-headers.c: a front end's view of the engine. The engine's public
 * headers (engine/meson.build) are included here through libparastudy_dep, whose one
 * include folder is engine/: this program compiles only if each of them is reached by
 * its path from there and needs no other folder. */
#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include "ps-public-headers.h"

/* What a front end does with them: list the kinds, load one's example, run it and
 * read its summary, through the public interface only. */
static void
test_front_end (void)
{
  const PsKindClass *const *kinds = ps_kinds_list ();
  const PsKindClass *beam = ps_kind_lookup ("beam");
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) result = NULL;
  g_autoptr (PsRunView) view = NULL;
  g_autofree char *json = NULL;
  PsRunOptions options;

  g_assert_nonnull (kinds[0]);
  g_assert_nonnull (beam);
  study = ps_study_load_data (beam->example, -1, &error);
  g_assert_no_error (error);
  g_assert_true (ps_study_get_kind (study) == beam);
  g_assert_cmpuint (ps_study_get_n_items (study), >, 0);
  ps_run_options_init (&options);
  options.backend = "serial";
  /* The example is a large grid: its first items only. */
  g_assert_true (ps_study_set_items (study, 1000, &error));
  result = ps_run_study (study, &options, &error);
  g_assert_no_error (error);
  json = ps_run_summary_json (study, result);
  view = ps_run_view_new_from_data (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (view->items, ==, 1000);
  g_assert_cmpstr (view->study, ==, ps_study_get_name (study));
  g_assert_cmpuint (ps_run_view_get_rows (view, PS_SUMMARY_TERMINAL)->len, >, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/public-headers/front-end", test_front_end);
  return g_test_run ();
}
