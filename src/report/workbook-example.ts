import type { ModelInput } from "../model";

/**
 * The worked example the fill-in workbook starts with (`invest-to-save template`): a small
 * model that uses each sheet once, so a new user sees every part filled in and can appraise the
 * template as it is. Figures are illustrative, in the style of examples/family-support.json
 * (whose notes give the published sources they are in the range of).
 *
 * @example
 * ```ts
 * parseModel(TEMPLATE_MODEL).ok; // true
 * TEMPLATE_MODEL.agencies.map((a) => a.id); // ["council", "police", "moj", "nhs"]
 * ```
 */
export const TEMPLATE_MODEL: ModelInput = {
  id: "my-model",
  title: "Early help for families (example: replace with your own)",
  description:
    "A council funds a key worker for families with multiple needs; savings land with the police, the Ministry of Justice and the NHS. Illustrative figures: replace them with your own.",
  notes: [
    "Illustrative figures in the range of published unit costs: replace every example row with your own, and note each figure's source here.",
    "Families grant: the first three years of key workers are funded by a time-limited grant.",
  ],
  appraisal: {
    baseYear: "2025-26",
    priceBase: "2025-26",
    discount: "stpr",
    timing: "end",
    horizons: [1, 5, 10],
    years: 10,
    lens: "fiscal",
    prices: { inflation: 0.02 },
  },
  agencies: [
    {
      id: "council",
      name: "County council",
      kind: "council",
      settlementYears: 1,
      budgets: [
        { id: "early-help", name: "Early help (core)" },
        { id: "families-grant", name: "Families grant (time-limited)", fundingEndsYear: 2 },
      ],
    },
    { id: "police", name: "Police force", kind: "police", settlementYears: 1 },
    { id: "moj", name: "Ministry of Justice", kind: "moj", settlementYears: 3 },
    { id: "nhs", name: "NHS integrated care board", kind: "nhs", settlementYears: 1 },
  ],
  interventions: [
    {
      id: "early-help",
      name: "Intensive family support",
      description: "A key worker for each family for about a year.",
      startYear: 0,
      cohort: [300, 300, 300, 300, 300],
    },
  ],
  costs: [
    {
      id: "set-up",
      label: "Set-up: recruitment and training",
      agency: "council",
      budget: "early-help",
      intervention: "early-help",
      category: "capital",
      per: "once",
      amount: 150000,
      year: 0,
      confidence: "2",
    },
    {
      id: "key-workers-grant",
      label: "Key workers (grant years)",
      agency: "council",
      budget: "families-grant",
      intervention: "early-help",
      per: "participant",
      amount: 1500,
      years: [0, 2],
      confidence: "2",
    },
    {
      id: "key-workers-core",
      label: "Key workers (core years)",
      agency: "council",
      budget: "early-help",
      intervention: "early-help",
      per: "participant",
      amount: 1500,
      years: [3, 4],
      confidence: "2",
    },
    {
      id: "evaluation",
      label: "Independent evaluation",
      agency: "council",
      budget: "early-help",
      series: [40000, 20000, 20000, 20000, 60000],
      prices: "nominal",
    },
  ],
  savings: [
    {
      id: "gp-time",
      label: "GP and A&E time freed",
      agency: "nhs",
      intervention: "early-help",
      per: "year",
      amount: 90000,
      years: [1, 6],
      growth: 0.01,
      cashable: false,
      realisation: 0.25,
    },
  ],
  outcomes: [
    {
      id: "custody",
      label: "Fewer custodial sentences",
      intervention: "early-help",
      success: 0.05,
      engagement: 0.85,
      deadweight: 0.3,
      attribution: 0.8,
      lag: 1,
      persistence: { years: 2, dropOff: 0.3 },
      confidence: "2",
      values: [
        { agency: "moj", label: "Prison places", unitCost: "prison-place-year", cashable: false, realisation: 0.5 },
        { agency: "police", label: "Arrests and investigations", amount: 4500, cashable: false, realisation: 0.2 },
      ],
    },
    {
      id: "police-demand",
      label: "Fewer police call-outs to the home",
      intervention: "early-help",
      success: 0.3,
      engagement: 0.85,
      deadweight: 0.35,
      attribution: 0.8,
      rampUp: [0.5, 0.8],
      persistence: { years: 3, dropOff: 0.25 },
      confidence: "3",
      values: [{ agency: "police", amount: 1100, cashable: false, realisation: 0.15 }],
    },
  ],
  costShunts: [
    {
      id: "counselling",
      label: "Council counselling replaced by NHS talking therapies",
      from: "council",
      fromBudget: "early-help",
      to: "nhs",
      amount: 30000,
      years: [1, 4],
    },
  ],
  deals: [
    {
      type: "gainshare",
      id: "gainshare",
      label: "Gainshare: police, MoJ and NHS to the council",
      from: ["police", "moj", "nhs"],
      to: ["council"],
      share: 0.5,
      years: [0, 9],
    },
  ],
  tables: {
    optimismBias: {
      "2": { label: "Evaluation elsewhere, similar setting", costs: 0.05, benefits: 0.1 },
      "3": { label: "National data and practitioner estimates", costs: 0.1, benefits: 0.2 },
    },
    unitCosts: [
      {
        id: "prison-place-year",
        label: "A prison place, one year",
        value: 51000,
        priceBase: "2023-24",
        source: "Illustrative: in the range of published HMPPS costs",
      },
    ],
  },
  unmonetised: [{ description: "Children's school attendance", direction: "positive", note: "Expected from the national evaluation; not valued here" }],
  options: [
    {
      id: "with-mentors",
      name: "Add peer mentors",
      description: "Volunteer peer mentors for every family, for a higher success rate.",
      costs: [
        {
          id: "peer-mentors",
          label: "Peer mentors (training, expenses)",
          agency: "council",
          budget: "early-help",
          intervention: "early-help",
          per: "participant",
          amount: 300,
        },
      ],
      set: { "outcomes.custody.success": 0.06 },
      unmonetised: [{ description: "Volunteers' skills and confidence", direction: "positive" }],
    },
  ],
  uncertainty: {
    scenarios: {
      low: { "outcomes.custody.success": 0.03, "outcomes.police-demand.success": 0.2 },
      high: { "outcomes.custody.success": 0.07, "outcomes.police-demand.success": 0.4 },
    },
    distributions: {
      "outcomes.custody.success": { type: "triangular", min: 0.03, mode: 0.05, max: 0.07 },
      "outcomes.police-demand.success": { type: "pert", min: 0.15, mode: 0.3, max: 0.4 },
    },
  },
};
