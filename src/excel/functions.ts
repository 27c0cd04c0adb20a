/**
 * The `excel` namespace: spreadsheet finance functions named, ordered and signed exactly as in
 * Excel. Cash-flow functions (NPV, IRR, MIRR, XNPV, XIRR), level-payment annuities and loans
 * (PMT, PV, FV, RATE, NPER, IPMT, PPMT, CUMIPMT, CUMPRINC, ISPMT), rate conversions and growth
 * (EFFECT, NOMINAL, FVSCHEDULE, PDURATION, RRI) and depreciation (SLN, SYD, DB, DDB).
 */
export { NPV, IRR, MIRR, XNPV, XIRR } from "./cashflows";
export { PMT, PV, FV, RATE, NPER, IPMT, PPMT, CUMIPMT, CUMPRINC, ISPMT } from "./annuities";
export { EFFECT, NOMINAL, FVSCHEDULE, PDURATION, RRI } from "./rates";
export { SLN, SYD, DB, DDB } from "./depreciation";
