import type { CellKind } from "./workbook-cells";

/**
 * The layout of a model workbook: which sheet holds which part of the model, and which column
 * holds which field. The writer (workbook-template.ts) and the reader (workbook-read.ts) both
 * follow this one description, and a test checks that it places every field of the model's JSON
 * Schema. The conventions are described for users in docs/workbook.md.
 *
 * - A **table** section lists items (agencies, costs, outcomes…), one per row. A column's `path`
 *   names the field within the item: `persistence.years` is a nested field, `years.0` and
 *   `years.1` the two ends of a span.
 * - A **sub-list** (an agency's budgets, an outcome's values, a deal's tiers) uses columns whose
 *   path has `[]`, e.g. `values[].agency`. The item's first row holds its first sub-item; each
 *   following row with the item's own columns left blank adds one more sub-item to it.
 * - **Year columns** (`Year 0`, `Year 1`, …) hold a `series`: amounts by appraisal year.
 * - A **form** (the Appraisal sheet) has one row per setting: its name, its value, what it means.
 */

/** Lists of ids a drop-down can offer: the id column of another table. */
export type IdList = "agencies" | "budgets" | "interventions" | "outcomes" | "unitCosts" | "options";

/** One column of a table, or one row of a form. */
export interface Column {
  /** The field's path within the item, e.g. `success`, `persistence.years`, `values[].agency`, `years.0`. */
  path: string;
  /** Header text, as the user sees it. */
  label: string;
  /** What the field means, its unit and its default (shown under the header). */
  help: string;
  kind: CellKind;
  /** The words allowed (kind `enum` or `choiceOrWeights`): a drop-down list. */
  choices?: readonly string[];
  /** A drop-down of the ids in another table. */
  ids?: IdList;
  /** Required: the example shows it and the help says so. */
  required?: boolean;
}

/** How a section's rows become part of the model. */
export type Collect =
  /** A list of items (`target` is a list). */
  | { as: "list" }
  /** A record keyed by one column (distributions by input path, optimism bias by grade). */
  | { as: "record"; key: string }
  /** A list of plain strings, one per row (the assumptions register). */
  | { as: "strings"; column: string }
  /** Named scenarios: each a record of input path → value, one row per input. */
  | { as: "scenarios" }
  /** Deals of one type, merged with the other deal sections in the order of their Order column. */
  | { as: "deals"; type: string }
  /** One row per field of a single object (the Appraisal settings). */
  | { as: "form" };

/** A titled table (or form) within a sheet. */
export interface Section {
  /** The section's title: the reader finds the section by it. */
  title: string;
  /** One or two sentences shown under the title. */
  intro: string;
  /** Where in the model: `agencies`, `uncertainty.distributions`, `deals`, or `` for the model itself (the form). */
  target: string;
  collect: Collect;
  columns: Column[];
  /** Year columns for a `series` (amounts by appraisal year). */
  series?: { help: string };
  /**
   * The lines of options (`options[].costs`…) share this table: an Option column (path `option`)
   * names the option a row belongs to; rows with it blank are business as usual.
   */
  optionLines?: boolean;
}

/** One sheet of the workbook. */
export interface SheetLayout {
  name: string;
  sections: Section[];
}

// ---- Column helpers -------------------------------------------------------------------------

const col = (path: string, label: string, kind: CellKind, help: string, more: Partial<Column> = {}): Column => ({ path, label, kind, help, ...more });
const SECTORS = ["public", "households", "business", "third-sector"] as const;
const LENSES = ["fiscal", "economic", "social"] as const;
const PRICES = ["real", "nominal"] as const;

const id = (what: string, example: string) =>
  col("id", `${what} id`, "id", `Short id the other sheets use: letters, digits, - _ . and no spaces (e.g. ${example}). Required.`, { required: true });
const label = (what = "Label") => col("label", what, "text", "Name shown in reports (optional).");
const agency = (path: string, labelText: string, help: string, required = false) => col(path, labelText, "id", help, { ids: "agencies", required });
const budget = (path: string, labelText: string, help: string) => col(path, labelText, "id", help, { ids: "budgets" });
const lens = (path = "lens") =>
  col(path, "Lens", "enum", "fiscal (public budgets), economic (+ earnings, output) or social (everything). Blank: fiscal.", { choices: LENSES });
const prices = (path = "prices") =>
  col(path, "Prices", "enum", "real (constant prices of the price base) or nominal (cash of each year). Blank: real.", { choices: PRICES });
const priceBase = (path = "priceBase") =>
  col(path, "Price base", "fy", "Financial year whose prices the amounts are in, e.g. 2024-25. Blank: the appraisal's price base.");
const discount = (path = "discount") =>
  col(
    path,
    "Own discounting",
    "schedule",
    "This line's own discount schedule: stpr, stpr-health (for QALY values), a flat rate (3.5%) or bands \"0: 3.5%; 31: 3%\". Blank: the appraisal's.",
  );
const span = (path: string, what: string): Column[] => [
  col(`${path}.0`, `${what} from`, "int", "First year, counted from the base year (0 = the base year). Give both ends or neither."),
  col(`${path}.1`, `${what} to`, "int", "Last year, inclusive."),
];
const basis = (prefix: string): Column[] => [
  col(`${prefix}.outcomes`, "Only outcomes", "ids", "Count only savings from these outcomes (ids, separated by commas). Blank: all."),
  col(`${prefix}.interventions`, "Only interventions", "ids", "Count only savings from these interventions (ids). Blank: all."),
  col(`${prefix}.cashableOnly`, "Cashable only", "bool", "TRUE: count only cash-releasing savings. Blank: FALSE."),
];
const optionColumn = col(
  "option",
  "Option",
  "id",
  "For an option's lines: the option's id (Options sheet). The line is added to business as usual in that option, or replaces the line with the same id. Blank: business as usual.",
  { ids: "options" },
);
/** A table that options' lines share: its columns and the Option column last. */
const withOptions = (section: Section): Section => ({ ...section, columns: [...section.columns, optionColumn], optionLines: true });
const order = col("order", "Order", "int", "Deals are applied and reported in this order (1, 2, …). Blank: after the numbered ones, in sheet order.");
const notes = col("notes", "Notes", "text", "Where the figures come from, and anything assumed (optional).");
const confidence = col("confidence", "Confidence grade", "grade", "Grade looked up in the Optimism bias sheet (e.g. 2). Blank: no optimism-bias adjustment.");

/** Timing and amount columns shared by costs and savings. */
const scheduled = (what: "cost" | "saving"): Column[] => [
  col(
    "amount",
    "Amount (£)",
    "amount",
    `The ${what} in £: per year, per participant or once, as Per says; or a reference value, "ref qaly" (see the Read me). Give an amount, or amounts by year in the Year columns, not both.`,
  ),
  col("per", "Per", "enum", "year (each year from From to To), participant (each participant starting, in their start year) or once. Blank: year.", {
    choices: ["year", "participant", "once"],
  }),
  ...span("years", "Years"),
  col("year", "Year (once)", "int", "Year of a one-off amount (Per: once), counted from the base year. Blank: the first year."),
  col("growth", "Growth a year", "rate", "Real growth of a recurring amount each year (e.g. 2%). Blank: none."),
];

// ---- The sheets -----------------------------------------------------------------------------

const APPRAISAL: Section = {
  title: "Appraisal",
  intro: "The appraisal's settings, one per row: fill in the Value column. Blank values take the default named under What it means.",
  target: "",
  collect: { as: "form" },
  columns: [
    col("title", "Title", "text", "The model's title, shown on every output. Required.", { required: true }),
    col("id", "Model id", "id", "A short id for the model (optional)."),
    col("description", "Description", "text", "What is appraised, for whom, and why (optional)."),
    col("appraisal.baseYear", "Base year", "fy", "Financial year 0 of the appraisal, e.g. 2025-26. Required.", { required: true }),
    col("appraisal.priceBase", "Price base", "fy", "Financial year whose prices the results are in (real terms), e.g. 2025-26. Required.", { required: true }),
    col(
      "appraisal.discount",
      "Discounting",
      "schedule",
      'stpr (HM Treasury Green Book: 3.5% to year 30, then 3%), stpr-health (1.5%, for health effects), a flat rate (e.g. 3.5%), or bands "0: 3.5%; 31: 3%". Blank: stpr.',
    ),
    col("appraisal.timing", "Timing", "enum", "When in each year flows happen: end (Green Book convention) or mid. Blank: end.", { choices: ["end", "mid"] }),
    col("appraisal.horizons", "Horizons (years)", "numbers", "Appraisal periods to report, in years, separated by commas: 5 means years 0–4. Blank: 1, 5, 10."),
    col("appraisal.years", "Years in the ledger", "int", "How many years to build (0 to this − 1). Blank: the longest horizon."),
    col("appraisal.lens", "Lens", "enum", "Which flows count: fiscal (public budgets), economic (+ earnings, output), social (everything). Blank: fiscal.", {
      choices: LENSES,
    }),
    col("appraisal.cashableOnly", "Cashable only", "bool", "TRUE: count only cash-releasing savings. Blank: FALSE."),
    col(
      "appraisal.prices.inflation",
      "Inflation",
      "rate",
      "Constant inflation a year, to convert nominal amounts or other price bases (e.g. 2%). Only needed when some amounts are nominal or in another price base.",
    ),
    col(
      "appraisal.prices.deflator",
      "Deflator index",
      "fyIndex",
      'Or: a GDP deflator index by financial year, "2024-25: 98.2; 2025-26: 100"; or hmt for HM Treasury\'s GDP deflator (bundled). Give inflation or an index of your own, not both.',
    ),
    col(
      "appraisal.prices.forecast",
      "Deflator forecast",
      "fyIndex",
      'With hmt: index values for years after its last outturn (same base), e.g. the OBR forecast, "2026-27: 104.1"; later years grow at Inflation.',
    ),
    col("appraisal.prices.source", "Deflator source", "text", "Where an index of your own comes from (optional)."),
    col("$schema", "JSON Schema", "text", "Only for model files written as JSON: the schema editors check them against. Leave blank."),
  ],
};

const NOTES: Section = {
  title: "Assumptions register",
  intro: "What was assumed, and where the figures come from: one note per row. Shown in the report and the workbook.",
  target: "notes",
  collect: { as: "strings", column: "note" },
  columns: [col("note", "Note", "text", "One assumption or source per row.")],
};

const DIRECTIONS = ["positive", "negative", "mixed", "uncertain"] as const;

const UNMONETISED: Section = {
  title: "Unmonetised effects",
  intro: "Effects of business as usual not valued in money: the Appraisal Summary Table lists them. (An option's own go on the Options sheet.)",
  target: "unmonetised",
  collect: { as: "list" },
  columns: [
    col("description", "Effect", "text", "The effect, in words. Required.", { required: true }),
    col("direction", "Direction", "enum", "positive, negative, mixed or uncertain. Required.", { choices: DIRECTIONS, required: true }),
    col("note", "Note", "text", "Evidence or scale, in words (optional)."),
  ],
};

const OPTIONS: Section = {
  title: "Options",
  intro:
    "Options appraised against business as usual (the model without them). An option's own lines are rows of the other sheets with its id in their Option column; here: what it removes, the inputs it sets (one per row), and its unmonetised effects (one per row). Rows below an option with the Option id blank add inputs and effects to it.",
  target: "options",
  collect: { as: "list" },
  columns: [
    id("Option", "more-families"),
    col("name", "Name", "text", "The option's name. Required.", { required: true }),
    col("description", "Description", "text", "What the option does (optional)."),
    col("remove.interventions", "Removes interventions", "ids", "Business-as-usual interventions this option drops (ids, separated by commas)."),
    col("remove.costs", "Removes costs", "ids", "Costs it drops."),
    col("remove.savings", "Removes savings", "ids", "Savings it drops."),
    col("remove.outcomes", "Removes outcomes", "ids", "Outcomes it drops."),
    col("remove.costShunts", "Removes cost shunts", "ids", "Cost shunts it drops."),
    col("remove.deals", "Removes deals", "ids", "Deals it drops."),
    col("set[].key", "Sets input", "text", "An input the option overrides, by path (as in scenarios): outcomes.custody.success, costs.staff.amount…"),
    col("set[].value", "To", "money", "The input's value in this option."),
    col("unmonetised[].description", "Unmonetised effect", "text", "An effect of this option not valued in money."),
    col("unmonetised[].direction", "Effect direction", "enum", "positive, negative, mixed or uncertain.", { choices: DIRECTIONS }),
    col("unmonetised[].note", "Effect note", "text", "Evidence or scale (optional)."),
  ],
};

const AGENCIES: Section = {
  title: "Agencies and budgets",
  intro:
    "Every party that pays or saves: one row per agency. For an agency with several budgets, add a row below it with the Agency id left blank for each further budget.",
  target: "agencies",
  collect: { as: "list" },
  columns: [
    id("Agency", "council, police, nhs"),
    col("name", "Name", "text", "The agency's name as reports show it. Required.", { required: true }),
    col("sector", "Sector", "enum", "public (funded by taxation), households, business or third-sector. Blank: public.", { choices: SECTORS }),
    col("kind", "Kind", "text", "Free text, e.g. council, nhs, police, dwp, hmt (optional)."),
    col("settlementYears", "Settlement (years)", "int", "Length of the agency's budget settlement in years: 1 annual, 3 a spending review. Blank: 1."),
    col("budgets[].id", "Budget id", "id", "A budget of the agency. Blank on every row: one budget, core."),
    col("budgets[].name", "Budget name", "text", "The budget's name (optional)."),
    col(
      "budgets[].fundingEndsYear",
      "Funding ends (year)",
      "int",
      "Last year a time-limited budget (a grant) is funded for, counted from the base year. Blank: not time-limited.",
    ),
    col("budgets[].funding", "Budget funding", "text", "Where the budget's money comes from, in words (the financial case shows it), e.g. DfE grant."),
    col(
      "budgets[].available",
      "Budget available (£)",
      "moneyOrList",
      "Cash available to the programme from this budget each year (nominal £): one amount for every year, or amounts by appraisal year separated by commas.",
    ),
  ],
};

const INTERVENTIONS: Section = withOptions({
  title: "Interventions",
  intro: "The services delivered: one row per intervention, with the people (or families, cases) starting it each delivery year.",
  target: "interventions",
  collect: { as: "list" },
  columns: [
    id("Intervention", "family-support"),
    col("name", "Name", "text", "The intervention's name. Required.", { required: true }),
    col("description", "Description", "text", "What it is (optional)."),
    col("startYear", "Start year", "int", "First delivery year, counted from the base year. Blank: 0."),
    col("endYear", "End year", "int", "Last delivery year, inclusive. Blank: from the cohort list's length, else the start year."),
    col(
      "cohort",
      "Cohort",
      "countOrList",
      'People starting each delivery year: one number for every year, or numbers by delivery year "400, 420, 440" ("[400]" for a list of one year). Or leave blank and use the next three columns.',
    ),
    col("cohort.from", "Cohort from", "id", "Or: the cohort is a share of another intervention's cohort: that intervention's id.", { ids: "interventions" }),
    col("cohort.share", "Cohort share", "share", "The share of that cohort (0–1)."),
    col("cohort.lag", "Cohort lag", "int", "Years after that cohort starts. Blank: 0."),
  ],
});

const COSTS: Section = withOptions({
  title: "Costs",
  intro:
    "What is spent, by whom, from which budget, and when: one row per cost line. Amounts are £ in real terms at the price base unless Prices or Price base say otherwise.",
  target: "costs",
  collect: { as: "list" },
  series: { help: "£ in this appraisal year, instead of Amount (a blank between two amounts counts as 0)." },
  columns: [
    id("Cost", "staff"),
    label(),
    agency("agency", "Agency", "Who pays: an agency id. Required.", true),
    budget("budget", "Budget", "Which of the agency's budgets. Blank: its first."),
    col("intervention", "Intervention", "id", "The intervention the cost belongs to (its delivery years are the default years).", { ids: "interventions" }),
    col("category", "Category", "enum", "revenue or capital. Blank: revenue.", { choices: ["revenue", "capital"] }),
    ...scheduled("cost"),
    lens(),
    priceBase(),
    prices(),
    confidence,
    col("optimismBias.category", "OB category", "enum", "Or: optimism bias by Green Book project category (supplementary guidance), instead of a grade.", {
      choices: [
        "standard-buildings",
        "non-standard-buildings",
        "standard-civil-engineering",
        "non-standard-civil-engineering",
        "equipment-development",
        "outsourcing",
      ],
    }),
    col("optimismBias.mitigation", "OB mitigation", "share", "Share of the category's upper bound removed by risk management (0–1)."),
    col("optimismBias.stage", "OB stage", "enum", "Or the business-case stage: strategic-outline-case (upper bound) or full-business-case (lower bound).", {
      choices: ["strategic-outline-case", "full-business-case"],
    }),
    col("optimismBias.dimension", "OB dimension", "enum", "capital (expenditure, the default) or duration (works duration).", {
      choices: ["capital", "duration"],
    }),
    discount(),
    notes,
  ],
});

const transferFrom = [
  agency(
    "transferFrom",
    "Transfer from",
    "A transfer: the party that loses what this line saves (benefits not paid: the household loses them). Blank: not a transfer.",
  ),
  budget("transferFromBudget", "Transfer from budget", "That party's budget. Blank: its first."),
];

const SAVINGS: Section = withOptions({
  title: "Savings",
  intro: "Savings already estimated in money, by agency and year (when they are not built up from outcomes): one row per saving line.",
  target: "savings",
  collect: { as: "list" },
  series: { help: "£ saved in this appraisal year, instead of Amount (a blank between two amounts counts as 0)." },
  columns: [
    id("Saving", "nhs-beds"),
    label(),
    agency("agency", "Agency", "Whose budget saves: an agency id. Required.", true),
    budget("budget", "Budget", "Which of the agency's budgets. Blank: its first."),
    col("intervention", "Intervention", "id", "The intervention the saving comes from.", { ids: "interventions" }),
    ...scheduled("saving"),
    col("cashable", "Cashable", "bool", "TRUE if the saving releases cash. Blank: FALSE."),
    col("realisation", "Realisation", "share", "For a non-cashable saving: the share of freed capacity turned into cash (0–1). Blank: 0."),
    ...transferFrom,
    lens(),
    priceBase(),
    prices(),
    confidence,
    discount(),
    notes,
  ],
});

const OUTCOMES: Section = withOptions({
  title: "Outcomes and values",
  intro:
    "What the intervention changes (the benefit chain), and what each outcome is worth to whom. One row per outcome with its first value; for more values of the same outcome, add rows below it with the Outcome id left blank and only the value columns (green) filled in.",
  target: "outcomes",
  collect: { as: "list" },
  columns: [
    id("Outcome", "custody"),
    label(),
    col("intervention", "Intervention", "id", "The intervention whose participants achieve it. Required.", { ids: "interventions", required: true }),
    col(
      "success",
      "Success",
      "share",
      "Share of engaged participants achieving the outcome (0–1, or a percentage). Required, unless Rate with and Rate without are given.",
      { required: true },
    ),
    col("reach", "Reach", "share", "Share of the cohort reached (0–1). Blank: 1."),
    col("engagement", "Engagement", "share", "Share of those reached who engage (0–1). Blank: 1."),
    col("deadweight", "Deadweight", "share", "Share that would have happened anyway (0–1). Blank: 0."),
    col("attribution", "Attribution", "share", "Share of the change due to this intervention (0–1). Blank: 1."),
    col("displacement", "Displacement", "share", "Share of the benefit lost elsewhere (0–1). Blank: 0."),
    col("rate.with", "Rate with", "share", "Or, instead of Success and Deadweight: the outcome's rate among participants (e.g. reconviction 44%)…"),
    col("rate.without", "Rate without", "share", "…and among comparable people without the intervention (e.g. 52%)."),
    col("rate.better", "Better", "enum", "Which way is an improvement: lower (reconviction) or higher (employment). Blank: the way the two rates move.", {
      choices: ["lower", "higher"],
    }),
    col("rampUp", "Ramp-up", "shares", 'Multipliers for the first delivery years while the service beds in, "0.25, 0.5, 0.75". Blank: none.'),
    col("lag", "Lag (years)", "int", "Years between delivery and the first effect. Blank: 0."),
    col("persistence.years", "Persists (years)", "int", "Years each successful outcome keeps producing value. Blank: 1."),
    col("persistence.dropOff", "Drop-off a year", "share", "Share of the effect lost each year after the first (0–1). Blank: 0."),
    confidence,
    notes,
    agency("values[].agency", "Value: agency", "Whose budget the outcome saves (or who gains): an agency id. Each outcome needs at least one value.", true),
    budget("values[].budget", "Value: budget", "Which of that agency's budgets. Blank: its first."),
    col("values[].label", "Value: label", "text", "What the value is, e.g. custody place avoided (optional)."),
    col(
      "values[].amount",
      "Value: £ per outcome a year",
      "amount",
      'Worth of one attributable outcome each year while it lasts, or a reference value ("0.1 × ref wellby"). Give this or a unit cost.',
    ),
    col("values[].unitCost", "Value: unit cost", "id", "Or: a unit cost id from the Unit costs sheet.", { ids: "unitCosts" }),
    lens("values[].lens"),
    col("values[].cashable", "Value: cashable", "bool", "TRUE if the saving releases cash. Blank: FALSE."),
    col("values[].realisation", "Value: realisation", "share", "For a non-cashable saving: the share turned into cash (0–1). Blank: 0."),
    priceBase("values[].priceBase"),
    prices("values[].prices"),
    discount("values[].discount"),
    agency("values[].transferFrom", "Value: transfer from", "A transfer: the party that loses what this value saves. Blank: not a transfer."),
    budget("values[].transferFromBudget", "Value: transfer from budget", "That party's budget. Blank: its first."),
  ],
});

const SHUNTS: Section = withOptions({
  title: "Cost shunts",
  intro: "Costs moved from one agency to another (they net to zero for the whole system): a yearly amount, amounts by year, or an amount per outcome.",
  target: "costShunts",
  collect: { as: "list" },
  series: { help: "£ moved in this appraisal year, instead of Amount." },
  columns: [
    id("Shunt", "custody-to-probation"),
    label(),
    agency("from", "From agency", "The agency whose cost falls (it saves). Required.", true),
    budget("fromBudget", "From budget", "Its budget. Blank: its first."),
    agency("to", "To agency", "The agency that picks the cost up. Required.", true),
    budget("toBudget", "To budget", "Its budget. Blank: its first."),
    col("amount", "Amount (£)", "money", "£ a year over the years, or £ per attributable outcome each year when Outcome is given."),
    ...span("years", "Years"),
    col("outcome", "Outcome", "id", "Or: moved per attributable outcome of this outcome.", { ids: "outcomes" }),
    lens(),
    col("cashable", "Cashable", "bool", "Is the moved cost cash? Blank: TRUE."),
    priceBase(),
    prices(),
  ],
});

const dealId = id("Deal", "gainshare");
const dealParty = (path: string, labelText: string, help: string) => agency(path, labelText, `${help} Required.`, true);

const DEALS: Section[] = [
  withOptions({
    title: "Gainshare deals",
    intro: "Beneficiaries pay investors a share of their savings. Give a fixed share, or tiers (one per row: rows below with the Deal id blank add tiers).",
    target: "deals",
    collect: { as: "deals", type: "gainshare" },
    columns: [
      dealId,
      label(),
      col("from", "Payers", "ids", "Beneficiaries who pay a share of their savings: agency ids, separated by commas. Required.", { required: true }),
      col("to", "Receivers", "ids", "Investors who receive it: agency ids. Required.", { required: true }),
      col("share", "Share", "share", "Fixed share of each year's savings paid (0–1). Or use tiers."),
      col("tiers[].above", "Tier: above (£)", "money", "Tiered shares: the share applies to each payer's yearly savings above this amount."),
      col("tiers[].share", "Tier: share", "share", "The marginal share above that amount (0–1)."),
      ...basis("basis"),
      ...span("years", "Savings years"),
      col("cap.amount", "Cap (£)", "money", "Cap on the total paid. Or give the next column."),
      col("cap.investmentPlus", "Cap: investment plus", "rate", "Or: cap at the receivers' investment plus this return (e.g. 10%)."),
      col("capPerYear", "Cap a year (£)", "money", "Cap on what is paid each year (optional)."),
      col("floorPerYear", "Floor a year (£)", "money", "Guaranteed minimum paid each year of the deal (optional)."),
      col("splitBy", "Split by", "choiceOrWeights", 'How receivers split it: investment (pro rata, the default), equal, or weights "council: 2; nhs: 1".', {
        choices: ["investment", "equal"],
      }),
      col("clawback.outcome", "Clawback: outcome", "id", "Repay part of what was received if this outcome falls short.", { ids: "outcomes" }),
      col("clawback.target", "Clawback: target", "number", "Attributable outcomes expected, cumulative, by the year below."),
      col("clawback.byYear", "Clawback: by year", "int", "The year the target is checked."),
      col("clawback.share", "Clawback: share", "share", "Share of the shortfall-weighted payments repaid (0–1). Blank: 1."),
      order,
    ],
  }),
  withOptions({
    title: "Pooled budgets",
    intro:
      "Contributors fund a pot (an agency of the model) that pays for agreed costs. One contribution per row: rows below with the Deal id blank add contributions.",
    target: "deals",
    collect: { as: "deals", type: "pooled-budget" },
    columns: [
      dealId,
      label(),
      col("mode", "Mode", "enum", "pooled (one pot, money moves), aligned (planned together) or virtual (joint accounting only). Blank: pooled.", {
        choices: ["pooled", "aligned", "virtual"],
      }),
      dealParty("pot", "Pot", "The agency that holds the pot."),
      agency("contributions[].agency", "Contribution: agency", "A contributor (one per row)."),
      col("contributions[].amount", "Contribution: £ a year", "money", "A fixed amount each year. Or a share:"),
      col("contributions[].share", "Contribution: share", "share", "Its share of the pot's spending on funded costs (0–1)."),
      col("funds.costs", "Funds costs", "ids", "Cost ids the pot pays for, separated by commas."),
      col("funds.interventions", "Funds interventions", "ids", "Interventions whose costs the pot pays for."),
      col("savingsReturn.share", "Savings returned: share", "share", "Share of participants' savings returned to the pot (optional)."),
      col("savingsReturn.agencies", "Savings returned: agencies", "ids", "Only these agencies' savings. Blank: all participants."),
      ...basis("savingsReturn.basis").map((c) => ({ ...c, label: `Savings returned: ${c.label.toLowerCase()}` })),
      col(
        "distribute",
        "Surplus",
        "choiceOrWeights",
        'What happens to the surplus each year: reinvest (the default), by-contribution, equal, or weights "council: 2; nhs: 1".',
        { choices: ["reinvest", "by-contribution", "equal"] },
      ),
      col("reserve", "Reserve (£)", "money", "Balance kept before any distribution. Blank: 0."),
      col("overdraft", "Overdraft", "bool", "May the pot go overdrawn? Blank: FALSE (contributors top it up)."),
      ...span("years", "Years"),
      order,
    ],
  }),
  withOptions({
    title: "Payment by results",
    intro:
      "A commissioner pays a provider an attachment fee per case and payments per result. One result per row: rows below with the Deal id blank add results.",
    target: "deals",
    collect: { as: "deals", type: "payment-by-results" },
    columns: [
      dealId,
      label(),
      dealParty("commissioner", "Commissioner", "Who pays."),
      dealParty("provider", "Provider", "Who is paid."),
      col("intervention", "Intervention", "id", "Whose cohort are the cases. Required.", { ids: "interventions", required: true }),
      col("attachment", "Attachment (£ per case)", "moneyOrList", "Up-front payment per case: one amount, or amounts by delivery year separated by commas."),
      col("perCase", "Price per case (£)", "money", "Or: the most a case can earn; with the next column."),
      col("attachmentShare", "Attachment share", "shareOrList", "The share of the price paid up front (0–1), or shares by delivery year."),
      col("results[].outcome", "Result: outcome", "id", "An outcome paid for (one per row).", { ids: "outcomes" }),
      col("results[].amount", "Result: £ per result", "moneyOrList", "Payment per result: one amount, or by delivery year separated by commas."),
      col("results[].basis", "Result: basis", "enum", "attributable (the default) or gross (as claimed, before deadweight and attribution).", {
        choices: ["attributable", "gross"],
      }),
      col("capPerCase", "Cap per case (£)", "money", "No case earns more than this in total (optional)."),
      order,
    ],
  }),
  withOptions({
    title: "Reward grants",
    intro: "A capped reward for hitting stretch targets above a threshold. One target per row: rows below with the Deal id blank add targets.",
    target: "deals",
    collect: { as: "deals", type: "reward-grant" },
    columns: [
      dealId,
      label(),
      dealParty("payer", "Payer", "Who pays the reward."),
      dealParty("recipient", "Recipient", "Who earns it."),
      col("maximum.amount", "Maximum (£)", "money", "The most that can be earned. Or give the next two columns."),
      col("maximum.shareOf", "Maximum: share of (£)", "money", "Or: a budget the maximum is a share of…"),
      col("maximum.rate", "Maximum: rate", "share", "…and that share (LPSA: 2.5%)."),
      col("targets[].outcome", "Target: outcome", "id", "An outcome with a stretch target (one per row).", { ids: "outcomes" }),
      col("targets[].target", "Target: outcomes", "number", "Attributable outcomes expected, cumulative, by the assessment year."),
      col("targets[].weight", "Target: weight", "number", "The target's weight in the reward. Blank: 1."),
      col("threshold", "Threshold", "share", "No reward for a target below this share of it (0–1). Blank: 0.6."),
      col("scale", "Scale", "enum", "proportional (the default) or above-threshold.", { choices: ["proportional", "above-threshold"] }),
      col("assessmentYear", "Assessment year", "int", "The year achievement is assessed. Required.", { required: true }),
      col("paymentYear", "Payment year", "int", "The year the grant is paid. Blank: the year after assessment."),
      order,
    ],
  }),
  withOptions({
    title: "Earn-back deals",
    intro: "A share of the extra tax from growth returned to a local body.",
    target: "deals",
    collect: { as: "deals", type: "earn-back" },
    columns: [
      dealId,
      label(),
      dealParty("payer", "Payer", "Who collects the extra tax (e.g. HM Treasury)."),
      dealParty("recipient", "Recipient", "Who gets a share back."),
      col("share", "Share", "share", "Share paid back (0–1). Required.", { required: true }),
      col("capPerYear", "Cap a year (£)", "money", "Optional."),
      ...span("years", "Years"),
      ...basis("basis"),
      order,
    ],
  }),
  withOptions({
    title: "Outcomes contracts",
    intro:
      "Payers pay a social investor per outcome achieved. One price per row: a row with a Payer starts that payer's prices; rows below with the Payer blank add more prices for it.",
    target: "deals",
    collect: { as: "deals", type: "outcomes-contract" },
    columns: [
      dealId,
      label(),
      dealParty("investor", "Investor", "The social investor who funds delivery."),
      agency("payers[].agency", "Payer", "An outcome payer."),
      col("payers[].prices[].outcome", "Price: outcome", "id", "An outcome the payer pays for.", { ids: "outcomes" }),
      col("payers[].prices[].price", "Price (£)", "money", "The price per outcome achieved."),
      agency("outcomesFund.agency", "Outcomes fund", "An outcomes fund paying a share of every payment (optional)."),
      col("outcomesFund.share", "Outcomes fund share", "share", "The share it pays (0–1)."),
      col("cap", "Cap (£)", "money", "Total outcome payments are capped at this (optional)."),
      order,
    ],
  }),
  withOptions({
    title: "Loans",
    intro: "A loan between two parties: annuity, bullet or straight-line repayment.",
    target: "deals",
    collect: { as: "deals", type: "loan" },
    columns: [
      dealId,
      label(),
      dealParty("lender", "Lender", "Who lends."),
      dealParty("borrower", "Borrower", "Who borrows."),
      col("principal", "Principal (£)", "money", "The amount lent. Required.", { required: true }),
      col("rate", "Interest rate", "rate", "Annual interest rate (nominal, e.g. 5%). Required.", { required: true }),
      col("term", "Term (years)", "int", "Years of repayment after drawdown, grace years included. Required.", { required: true }),
      col("drawdownYear", "Drawdown year", "int", "Year the money is drawn; repayments from the next year. Blank: 0."),
      col("repayment", "Repayment", "enum", "annuity (the default), bullet or straight-line.", { choices: ["annuity", "bullet", "straight-line"] }),
      col("graceYears", "Grace years", "int", "Interest-only years first. Blank: 0."),
      col("prices", "Prices", "enum", "nominal (cash, the default: deflated with the appraisal's prices) or real.", { choices: ["nominal", "real"] }),
      order,
    ],
  }),
  withOptions({
    title: "Grants",
    intro: "Money from one party to another by year: pump-priming, a transformation fund, a time-limited grant.",
    target: "deals",
    collect: { as: "deals", type: "grant" },
    series: { help: "£ granted in this appraisal year, instead of Amount." },
    columns: [
      dealId,
      label(),
      dealParty("from", "From", "Who gives the grant."),
      dealParty("to", "To", "Who receives it."),
      col("amount", "Amount (£ a year)", "money", "An amount each year of the years (blank years: year 0 only). Or amounts by year in the Year columns."),
      ...span("years", "Years"),
      order,
    ],
  }),
];

const DISTRIBUTIONS = ["fixed", "uniform", "triangular", "pert", "normal", "lognormal", "beta"] as const;

const UNCERTAINTY: Section[] = [
  {
    title: "Scenarios",
    intro:
      "Named sets of inputs to try (e.g. low, high): one input per row; rows with the Scenario blank belong to the scenario above. An input path names one number of the model, e.g. outcomes.custody.success or costs.staff.amount.",
    target: "uncertainty.scenarios",
    collect: { as: "scenarios" },
    columns: [
      col("name", "Scenario", "text", "The scenario's name, e.g. low."),
      col(
        "inputs[].path",
        "Input path",
        "text",
        "The input: outcomes.<id>.success, costs.<id>.amount, interventions.<id>.cohort[0], … (see docs/uncertainty.md).",
      ),
      col("inputs[].value", "Value", "number", "The input's value in this scenario."),
    ],
  },
  {
    title: "Distributions",
    intro:
      "A probability distribution for each uncertain input, for Monte Carlo simulation and sensitivity: one input per row, with the parameters its type needs.",
    target: "uncertainty.distributions",
    collect: { as: "record", key: "path" },
    columns: [
      col("path", "Input path", "text", "The input, e.g. outcomes.custody.success."),
      col(
        "type",
        "Type",
        "enum",
        "fixed (value), uniform (min, max), triangular or pert (min, mode, max), normal (mean, sd, optional min/max), lognormal (mean and sd, or mu and sigma), beta (alpha, beta, optional min/max).",
        { choices: DISTRIBUTIONS, required: true },
      ),
      col("value", "Value", "number", "fixed: the value."),
      col("min", "Min", "number", "Lowest value."),
      col("mode", "Mode", "number", "Most likely value (triangular, pert)."),
      col("max", "Max", "number", "Highest value."),
      col("mean", "Mean", "number", "normal, lognormal: the mean."),
      col("sd", "SD", "number", "normal, lognormal: the standard deviation."),
      col("mu", "Mu", "number", "lognormal: mean of the logarithm (with sigma, instead of mean and sd)."),
      col("sigma", "Sigma", "number", "lognormal: standard deviation of the logarithm."),
      col("alpha", "Alpha", "number", "beta: first shape parameter."),
      col("beta", "Beta", "number", "beta: second shape parameter."),
      col("lambda", "Lambda", "number", "pert: weight of the mode. Blank: 4."),
    ],
  },
  {
    title: "Correlations",
    intro: "Rank correlations between pairs of inputs that have distributions.",
    target: "uncertainty.correlations",
    collect: { as: "list" },
    columns: [
      col("between.0", "Input", "text", "An input path with a distribution."),
      col("between.1", "And input", "text", "Another."),
      col("rho", "Correlation", "number", "Spearman rank correlation, between −1 and 1 (exclusive)."),
    ],
  },
];

const UNIT_COSTS: Section = {
  title: "Unit costs",
  intro: "Unit costs and values (e.g. a prison place for a year) that outcome values can name instead of an amount.",
  target: "tables.unitCosts",
  collect: { as: "list" },
  columns: [
    id("Unit cost", "prison-place-year"),
    label(),
    col("value", "Value (£)", "amount", 'The unit cost in £, or a reference value ("ref vpf"). Required.', { required: true }),
    priceBase(),
    col("source", "Source", "text", "Where it comes from (e.g. GMCA unit cost database 2024)."),
  ],
};

const OPTIMISM_BIAS: Section = {
  title: "Optimism bias",
  intro: "Adjustments by confidence grade: costs × (1 + uplift), benefits × (1 − reduction). Lines name a grade in their Confidence grade column.",
  target: "tables.optimismBias",
  collect: { as: "record", key: "grade" },
  columns: [
    col("grade", "Grade", "grade", "The confidence grade (e.g. 1, 2, 3)."),
    col("costs", "Cost uplift", "rate", "Costs are raised by this share (e.g. 10%). Blank: 0."),
    col("benefits", "Benefit reduction", "share", "Benefits are cut by this share (0–1). Blank: 0."),
    col("label", "Label", "text", "What the grade means (optional)."),
  ],
};

/**
 * The workbook's sheets, in order. (The Read me sheet, written first, is not read.)
 *
 * @example
 * ```ts
 * MODEL_WORKBOOK.map((s) => s.name).slice(0, 4); // ["Appraisal", "Agencies", "Interventions", "Costs"]
 * ```
 */
export const MODEL_WORKBOOK: readonly SheetLayout[] = [
  { name: "Appraisal", sections: [APPRAISAL, NOTES, UNMONETISED] },
  { name: "Agencies", sections: [AGENCIES] },
  { name: "Interventions", sections: [INTERVENTIONS] },
  { name: "Costs", sections: [COSTS] },
  { name: "Savings", sections: [SAVINGS] },
  { name: "Outcomes", sections: [OUTCOMES] },
  { name: "Cost shunts", sections: [SHUNTS] },
  { name: "Deals", sections: DEALS },
  { name: "Uncertainty", sections: UNCERTAINTY },
  { name: "Unit costs", sections: [UNIT_COSTS] },
  { name: "Optimism bias", sections: [OPTIMISM_BIAS] },
  { name: "Options", sections: [OPTIONS] },
];

/** Where each id list lives: its sheet and the column path of the ids. */
export const ID_SOURCES: Record<IdList, { sheet: string; path: string }> = {
  agencies: { sheet: "Agencies", path: "id" },
  budgets: { sheet: "Agencies", path: "budgets[].id" },
  interventions: { sheet: "Interventions", path: "id" },
  outcomes: { sheet: "Outcomes", path: "id" },
  unitCosts: { sheet: "Unit costs", path: "id" },
  options: { sheet: "Options", path: "id" },
};

/** The sub-list a column belongs to (`values` for `values[].agency`), and nested (`payers[].prices`). */
export function subListOf(path: string): string | null {
  const i = path.lastIndexOf("[]");
  return i < 0 ? null : path.slice(0, i);
}

/** Year column header: "Year 0". */
export const yearLabel = (t: number): string => `Year ${t}`;
/** The year of a "Year 0" header, or null. */
export function yearOfLabel(text: string): number | null {
  const m = /^\s*year\s+(\d{1,3})\s*$/i.exec(text);
  return m ? Number(m[1]) : null;
}
