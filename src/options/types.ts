import type { Decimal } from "../money";
import type { DiscountSchedule, Timing } from "../discount";
import type { Lens, Unmonetised } from "../model";
import type { NpvSummary } from "../uncertainty";

/* The figures that options are reported in (see options.ts). */

/** Settings for {@link appraiseOptions}. */
export interface OptionsSettings {
  /** Appraisal period in years (default: the model's longest horizon). */
  horizon?: number;
  /** Lens of each agency's NPV and the incentive gap (default: the model's). NPSV is always the social lens. */
  lens?: Lens;
  discount?: DiscountSchedule;
  timing?: Timing;
  /** Risk range from a Monte Carlo run of the model's distributions (default: from its scenarios, if any). */
  monteCarlo?: { draws: number; seed?: number };
}

/** One view of costs and savings: present values of costs and of savings (every benefit counted, with net transfers received; net transfers paid count as costs), and their difference. */
export interface CostsSavings {
  pvCosts: Decimal;
  pvSavings: Decimal;
  net: Decimal;
}

/** An alternative's monetised figures at the horizon (absolute, or against business as usual). */
export interface OptionFigures {
  /** Society under the social lens: PV costs, PV savings (the Green Book's PV benefits) and NPSV. */
  pvCosts: Decimal;
  pvSavings: Decimal;
  npsv: Decimal;
  /** PV savings ÷ PV costs; null when costs are not positive (see `bcrNote`). */
  bcr: Decimal | null;
  bcrNote: string | null;
  /** Society under each lens (fiscal: public-budget flows; economic: + earnings, GVA; social: everything). */
  byLens: Record<Lens, CostsSavings>;
  /** The public sector (Exchequer) under the fiscal lens: what public bodies pay and save, transfers counted. */
  publicSector: CostsSavings;
  /** Net cost to the public sector: −(public sector NPV), fiscal lens. */
  publicSectorNetCost: Decimal;
  /** Each agency's NPV (the chosen lens). */
  agencies: Record<string, Decimal>;
  /** The optimism-bias adjustment inside these figures (social lens): PV added to costs, PV taken off benefits. */
  optimismBias: { costs: Decimal; benefits: Decimal };
}

/** An agency that loses under an option (against business as usual) while society gains. */
export interface OptionGap {
  agency: string;
  npv: Decimal;
  /** Present-value transfer that would bring it to break-even (−npv). */
  transferNeeded: Decimal;
}

/** A risk range for NPSV against business as usual. */
export type RiskRange =
  | { kind: "scenarios"; scenarios: { name: string; npsv: Decimal }[]; low: Decimal; high: Decimal; skipped: string[] }
  | { kind: "monte-carlo"; draws: number; seed: number; summary: NpvSummary; inputs: string[] };

/** A switching value: how far something must move before a conclusion changes. */
export interface SwitchingEntry {
  /** In words, e.g. "PV savings fall by 38.2% (£1.9m)". */
  description: string;
  /** The change as a share (0.382), or null when no change in that direction flips it. */
  share: Decimal | null;
  /** The same in pounds (present value). */
  amount: Decimal | null;
}

/** One option: its figures, against business as usual, ranks and summary. */
export interface OptionResult {
  id: string;
  name: string;
  description: string | null;
  /** The option on its own. */
  absolute: OptionFigures;
  /** The option minus business as usual (incremental BCR). */
  vsBau: OptionFigures;
  /** Agencies losing against business as usual while society (the chosen lens) gains. */
  incentiveGaps: OptionGap[];
  /** 1 = best; BCR rank is null for an option without a BCR against business as usual. */
  rank: { npsv: number; bcr: number | null };
  /** Effects not valued in money (the option's `unmonetised`). */
  unmonetised: Unmonetised[];
  /** Key switching values against business as usual (and, for the best, against the runner-up). */
  switching: SwitchingEntry[];
  risk: RiskRange | null;
}

/** The result of {@link appraiseOptions}. */
export interface OptionsAppraisal {
  title: string;
  priceBase: string;
  horizon: number;
  /** "10 years (2025-26 to 2034-35)". */
  horizonLabel: string;
  /** Lens of agency NPVs and incentive gaps. */
  lens: Lens;
  /** The parties, in model order. */
  agencies: { id: string; name: string; sector: string }[];
  businessAsUsual: { figures: OptionFigures; unmonetised: Unmonetised[] };
  options: OptionResult[];
  ranking: {
    /** Option ids, best first, by NPSV against business as usual. */
    byNpsv: string[];
    /** Option ids with a BCR, best first, then those without. */
    byBcr: string[];
    /** The preferred alternative: the option with the highest NPSV when it is positive, else "business-as-usual". */
    preferred: string;
    /** Do the two rankings put the same option first? */
    agree: boolean;
    /** In words. */
    note: string;
  };
  /** How far the best option's figures must move before the runner-up (or business as usual) is preferred. */
  switching: { best: string; runnerUp: string; npsvGap: Decimal; benefitsFall: SwitchingEntry; costsRise: SwitchingEntry } | null;
}
