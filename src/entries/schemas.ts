/**
 * The zod schemas of the model file, exported from the core entry as one namespace: `schemas`.
 * `parseModel` is the way to read a model; these are for composing your own validation (a form
 * that edits one agency, an API that accepts one deal) with the same rules and messages.
 * They are built with `zod/mini`: call `.parse` or `.safeParse`, and compose them with zod/mini's
 * functions (`z.optional(schemas.IdSchema)`) or inside a schema of zod's full build.
 */
export {
  ModelSchema,
  AppraisalSchema,
  ScheduleSchema,
  PriceBasisSchema,
  SectorSchema,
  AgencySchema,
  InterventionSchema,
  CostSchema,
  SavingSchema,
  OutcomeSchema,
  OutcomeValueSchema,
  CostShuntSchema,
  OptimismBiasTableSchema,
  UnitCostSchema,
  TablesSchema,
  OptionSchema,
} from "../model/schema";
export {
  ReferenceSchema,
  AmountSchema,
  HmtDeflatorSchema,
  CategoryOptimismBiasSchema,
  OutcomeRateSchema,
  UnmonetisedSchema,
  ResolvedReferenceSchema,
} from "../model/reference-schema";
export { MoneySchema, ShareSchema, RateSchema, IdSchema, FinancialYearSchema, YearSchema, CountSchema, LensSchema, PricesSchema } from "../model/schema-parts";
export {
  DealSchema,
  GainshareSchema,
  PooledBudgetSchema,
  PaymentByResultsSchema,
  RewardGrantSchema,
  EarnBackSchema,
  OutcomesContractSchema,
  LoanSchema,
  GrantSchema,
} from "../model/deals-schema";
export {
  UncertaintySchema,
  DistributionSchema,
  FixedDistributionSchema,
  UniformDistributionSchema,
  TriangularDistributionSchema,
  PertDistributionSchema,
  NormalDistributionSchema,
  LognormalDistributionSchema,
  BetaDistributionSchema,
  ScenarioSchema,
  CorrelationSchema,
} from "../model/uncertainty-schema";
