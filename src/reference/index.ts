/**
 * Reference values used across government appraisal, shipped as small versioned data files with
 * their source, edition, price year and date: HM Treasury's GDP deflator, optimism-bias bounds,
 * the QALY and WELLBY values, the value of preventing a fatality, carbon values, distributional
 * weights and the marginal excess tax burden. `dataVersions()` lists them all.
 */
export * from "./tables";
export * from "./values";
