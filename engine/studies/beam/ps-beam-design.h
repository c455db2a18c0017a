/* ps-beam-design.h: the design path of the beam study.
 *
 * A study with beam.loads (in load cases) or a "design" object is a design study: each
 * configuration of its grid is analysed under every load case once, combined into every
 * combination of EN 1990 or ASCE 7 (ps-beam-actions.h), and checked to the code of its
 * material's family for every ultimate combination: steel to EN 1993-1-1
 * (ps-ec3-math.h) or AISC 360-16 (ps-aisc360-math.h) by design.code, timber to
 * EN 1995-1-1 (ps-ec5-math.h), concrete to EN 1992-1-1 (ps-ec2-math.h: rc-rectangular
 * sections, or plain concrete in flexural tension), aluminium to EN 1999-1-1
 * (ps-ec9-math.h); the deflections of the serviceability combinations the code
 * prescribes ride along with every ultimate check. A configuration passes when no check
 * refused it, at least one check applies and its largest utilisation is at most 1 (a
 * NaN never passes).
 *
 * The grid is material (slowest), section, then the sweepable parameters of the loads
 * and spans in the order ps_beam_actions_get_param() lists them. Nothing proportional
 * to the number of configurations is stored, and the evaluation of one allocates
 * nothing (the workspace holds the analysis's memory).
 */
#pragma once

#include "ps-aisc360-math.h"
#include "ps-beam-actions.h"
#include "ps-beam-design-fast.h"
#include "ps-beam.h"
#include "ps-calc-sheet.h"
#include "ps-design-tables.h"
#include "ps-ec3-math.h"
#include "ps-rc-section.h"
#include "ps-steel.h"

G_BEGIN_DECLS

typedef enum
{
  PS_BEAM_FAMILY_STEEL,
  PS_BEAM_FAMILY_TIMBER,
  PS_BEAM_FAMILY_CONCRETE,
  PS_BEAM_FAMILY_ALUMINIUM,
} PsBeamFamily;

/* The code check a material and a section get. */
typedef enum
{
  PS_BEAM_CHECKER_NONE, /* the pair cannot be checked: refused (PsBeamPair.refusal) */
  PS_BEAM_CHECKER_EC3,
  PS_BEAM_CHECKER_AISC,
  PS_BEAM_CHECKER_EC5,
  PS_BEAM_CHECKER_EC2_RC,
  PS_BEAM_CHECKER_EC2_PLAIN,
  PS_BEAM_CHECKER_EC9,
} PsBeamChecker;

typedef enum
{
  PS_BEAM_SHAPE_I,           /* a rolled I section of the table */
  PS_BEAM_SHAPE_RHS,         /* rhs, shs */
  PS_BEAM_SHAPE_CHS,         /* chs, hollow-circular */
  PS_BEAM_SHAPE_RECTANGULAR, /* solid rectangle */
  PS_BEAM_SHAPE_RC,          /* rc-rectangular */
  PS_BEAM_SHAPE_OTHER,       /* circular, custom: no code check */
} PsBeamShapeKind;

/* Why a configuration was refused: the code check that refused (the high byte) and
 * its own reason (the check's refusal enum), or a pair of material and section that
 * no code here checks. */
enum
{
  PS_BEAM_REFUSED_BY_PAIR = 1,
  PS_BEAM_REFUSED_BY_EC3,
  PS_BEAM_REFUSED_BY_AISC,
  PS_BEAM_REFUSED_BY_EC5,
  PS_BEAM_REFUSED_BY_EC2_RC,
  PS_BEAM_REFUSED_BY_EC2_PLAIN,
  PS_BEAM_REFUSED_BY_EC9,
};
#define PS_BEAM_REFUSAL(source, reason) ((gint32)(((source) << 8) | (reason)))

/* The reasons of PS_BEAM_REFUSED_BY_PAIR. */
enum
{
  PS_BEAM_PAIR_STEEL_SHAPE = 1, /* steel: I, RHS, SHS or CHS only */
  PS_BEAM_PAIR_TIMBER_SHAPE,    /* timber: rectangular only */
  PS_BEAM_PAIR_CONCRETE_SHAPE,  /* concrete: rectangular or rc-rectangular */
  PS_BEAM_PAIR_ALUMINIUM_SHAPE, /* aluminium: I, rectangular or CHS */
  PS_BEAM_PAIR_RC_MATERIAL,     /* rc-rectangular needs a concrete class */
  PS_BEAM_PAIR_NO_SHAPE_CHECK,  /* circular, custom */
  PS_BEAM_PAIR_ALLOY_THICKNESS, /* no Table 3.2b row for the section's thickness */
  PS_BEAM_PAIR_CANTILEVER_LTB,  /* steel: lateral-torsional buckling of a cantilever */
};

#define PS_BEAM_MAX_ALLOY_ROWS 8

typedef struct
{
  PsBeamMaterial base; /* name, E of the analysis, f_d: characteristic strength, density */
  PsBeamFamily family;
  const PsSteelGradeInfo *steel;
  const PsTimberClass *timber;
  const PsConcreteClass *concrete;
  /* A custom material object owns the row its pointer above points to (NULL for a
   * material of the tables). */
  PsSteelGradeInfo *custom_steel;
  PsTimberClass *custom_timber;
  PsConcreteClass *custom_concrete;
  guint n_alloy_rows; /* the Table 3.2b rows of an alloy, by thickness */
  const PsAluminiumAlloy *alloy[PS_BEAM_MAX_ALLOY_ROWS];
  PsEc5Material ec5;
  PsEc5Options ec5_options;
  PsEc2Concrete ec2;
} PsBeamDesignMaterial;

typedef struct
{
  PsBeamSection base; /* label, dimensions, A, I, W, the reason it is invalid, csv */
  PsBeamShapeKind kind;
  const PsSectionInfo *info; /* a standard section */
  PsSteelSection steel;      /* I, RHS, CHS */
  PsRcSection rc;            /* rc-rectangular */
} PsBeamDesignSection;

/* A material and a section together: what the analysis and the checks read. */
typedef struct
{
  PsBeamChecker checker;
  gint32 refusal;     /* PS_BEAM_CHECKER_NONE: why */
  double EI;          /* N m^2, of the analysis */
  double self_weight; /* N/m */
  double mass;        /* kg/m */
  PsSteelSection steel;
  PsSteelMaterial steel_material;
  PsEc5Section ec5;
  PsEc5Material ec5_material;
  PsEc5Options ec5_options;
  PsEc2Section ec2;
  PsEc2Concrete ec2_concrete;
  PsEc2Options ec2_options;
  PsEc9Section ec9;
  PsEc9Alloy ec9_alloy;
  PsEc9Options ec9_options;
} PsBeamPair;

typedef union
{
  PsEc3Detail ec3;
  PsAiscDetail aisc;
  PsEc5Details ec5;
  PsEc2Details ec2;
  PsEc2PlainDetails plain;
  PsEc9Details ec9;
} PsBeamCheckDetail;

/* The results of one configuration. */
typedef struct
{
  double M_sag, M_hog, V, w, w_variable;             /* the envelope of the actions */
  double M_Rd, V_Rd, M_cr, lambda_LT, chi_LT, Mb_Rd; /* of the strength-governing combination */
  double u[PS_CHECK_N];                              /* the largest over the combinations */
  int u_combo[PS_CHECK_N];                           /* the combination of each, -1: none */
  double u_max;
  int governing_check;       /* PsCheckId, -1 when no check applies */
  int governing_combination; /* -1: none */
  int strength_combination;  /* of the resistances reported, -1: none */
  gboolean refused, pass;
  gint32 refusal;
  double mass; /* kg/m */
} PsBeamDesignOut;

typedef struct
{
  double gamma_M0, gamma_M1, eta;    /* EN 1993-1-1 */
  double gamma_M_timber;             /* EN 1995-1-1 Table 2.3; NAN: the table's */
  double gamma_C, gamma_S, alpha_cc; /* EN 1992-1-1 */
  double alpha_ct_pl;
  double creep_coefficient;  /* phi (inf, t0), EN 1992-1-1 3.1.4 */
  double gamma_M1_aluminium; /* EN 1999-1-1 6.1.3 */
  gint64 service_class;      /* EN 1995-1-1 2.3.1.3; 0: not given */
} PsBeamDesignFactors;

struct _PsBeamDesign
{
  PsBeamActions *actions;
  PsBeamDesignFactors factors;
  PsEc3Options ec3;
  PsAiscOptions aisc;
  PsEc9Options ec9;
  PsEc2Options ec2;

  guint n_materials;
  PsBeamDesignMaterial *materials;
  guint64 n_sections;
  PsBeamDesignSection *sections;

  /* The grid: material, section, then the actions' parameters. */
  guint n_params;
  guint n_dims;
  guint64 *count, *stride;
  guint64 n_items;
  char **param_column; /* results.csv column names ("spans[1]_m") */
  char ***param_csv;   /* pre-formatted values, NULL for a long parameter */

  guint n_uls; /* the ultimate combinations, checked */
  int *uls;
  char **combination_csv; /* names as results.csv fields */

  /* group_by: the parameters (indices into the actions' list) and the group count. */
  guint n_group_params;
  guint *group_param;
  guint n_groups;

  gboolean has_rc; /* an rc-rectangular section: its shear is V_Rd,c (no links) */

  /* summary.json "pass_map": the two parameters with the most steps (indices into the
   * actions' list, x before y in the order of the file; -1: fewer than two swept). */
  int map_param[2];

  /* The fast paths (ps-beam-design-fast.h): what the study allows, how much of it a
   * run takes, and whether the group's parameter is one of group_by's (then the
   * lightest design per group needs every item: no threshold counting). */
  PsBeamFastStudy fast;
  PsBeamFastLevel fast_level;
  gboolean fast_param_grouped;
};

gboolean ps_beam_design_wanted (JsonObject *root);
/* Reads the design study @root into @m (m->design, m->n_items). */
gboolean ps_beam_design_init (PsBeamModel *m, JsonObject *root, GError **error);
void ps_beam_design_free (PsBeamDesign *d);

/* The items of a chunk: whole proportional groups where the study has them
 * (ps-beam-design-fast.h), so that no group is cut and analysed twice. */
guint64 ps_beam_design_chunk_items (const PsBeamDesign *d);
gpointer ps_beam_design_workspace_new (const PsBeamDesign *d);
void ps_beam_design_workspace_free (gpointer workspace);
void ps_beam_design_summary_init (const PsBeamDesign *d, PsBeamDesignSummary *s);
void ps_beam_design_summary_merge (const PsBeamDesign *d, PsBeamSummary *acc,
                                   const PsBeamSummary *next);
void ps_beam_design_eval (const PsBeamDesign *d, gpointer workspace, guint64 begin, guint64 end,
                          PsBeamSummary *s, PsErrors *errors, PsRowsMode mode, PsBuf *rows);
void ps_beam_design_write_header (const PsBeamDesign *d, PsBuf *buf);
void ps_beam_design_summary_to_json (const PsBeamModel *m, const PsBeamSummary *s, JsonBuilder *b);

/* The grid digits of @item (material, section, then the parameters). */
void ps_beam_design_item_digits (const PsBeamDesign *d, guint64 item, guint64 *digits);
/* The material and section of @item together, and its configuration; FALSE with the
 * reason when it cannot be computed (an invalid section, a load beyond the beam). */
gboolean ps_beam_design_item_config (const PsBeamDesign *d, guint64 item, PsBeamPair *pair,
                                     PsBaConfig *cfg, char **error_message);
/* For tests: items [@begin, @end) one by one as a run that writes every row computes
 * them (on the proportional path where it applies): @out[i] and @ok[i] (FALSE: the
 * item has an error). */
void ps_beam_design_eval_outputs (const PsBeamDesign *d, gpointer workspace, guint64 begin,
                                  guint64 end, PsBeamDesignOut *out, gboolean *ok);
/* Evaluates @item on its own. */
gboolean ps_beam_design_eval_item (const PsBeamDesign *d, guint64 item, PsBeamDesignOut *out,
                                   char **error_message);
/* The calculation sheet of @item's check under combination @combination (an ultimate
 * one), or NULL with the reason. */
PsCalcSheet *ps_beam_design_sheet (const PsBeamDesign *d, guint64 item, int combination,
                                   GError **error);
/* The item_diagram hook of the class for a design study. */
gboolean ps_beam_design_diagram (const PsBeamDesign *d, guint64 item, const char *combination,
                                 JsonBuilder *json, GString *text, GPtrArray *charts,
                                 GError **error);

/* The diagrams of configuration @cfg of @a under combination @combination (-1: the
 * one that governs |M|): members of @json, lines of @text, charts into @charts, each
 * where not NULL (ps-beam-diagram.c). */
void ps_beam_diagram_output (const PsBeamActions *a, const PsBaConfig *cfg, int combination,
                             JsonBuilder *json, GString *text, GPtrArray *charts);

/* "bending", "shear", ..., as in the u_<check> columns. */
const char *ps_beam_check_name (int check);
/* The check's name in the user's language ("bending", "lateral-torsional buckling"). */
const char *ps_beam_check_label (int check);
/* A refusal in English (results files) and in the user's language. */
const char *ps_beam_refusal_text_en (gint32 code);
const char *ps_beam_refusal_text (gint32 code);
/* "EN 1993-1-1", "AISC 360-16", ... of a checker. */
const char *ps_beam_checker_code (PsBeamChecker checker);

G_END_DECLS
