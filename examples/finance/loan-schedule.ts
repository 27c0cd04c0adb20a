/**
 * A social loan's repayment schedule with the spreadsheet functions: the Juno CIC loan, £800,000
 * lent by Liverpool City Region at 5% over ten years (Demos, The Reform Dividend, 2024).
 *
 * PMT gives the level repayment, IPMT and PPMT split each one into interest and principal, FV the
 * balance still owed, CUMIPMT and CUMPRINC the totals over a settlement period; RATE and NPER
 * answer the questions a lender asks back. Figures are in Excel's signs turned into plain pounds.
 *
 *   npx tsx examples/finance/loan-schedule.ts
 */
import { annuityPeriods, excel, formatPounds } from "../../src";

const principal = 800_000;
const rate = 0.05;
const years = 10;
const firstYear = 2025; // repayments fall at the end of 2025-26 … 2034-35

const pounds = (x: number, width = 12) => formatPounds(x, { places: 0 }).padStart(width);
const fy = (start: number) => `${start}-${String((start + 1) % 100).padStart(2, "0")}`;

const payment = -excel.PMT(rate, years, principal);
console.log(`Juno CIC: £800,000 at 5% over ${years} years, repaid in arrears`);
console.log(`Level payment: ${formatPounds(payment)} a year (=PMT(5%, 10, 800000))`);

console.log(`\nYear         payment     interest    principal      balance`);
for (let k = 1; k <= years; k++) {
  const interest = -excel.IPMT(rate, k, years, principal);
  const repaid = -excel.PPMT(rate, k, years, principal);
  const balance = -excel.FV(rate, k, -payment, principal); // FV is minus what is still owed
  console.log(`${fy(firstYear + k - 1)}  ${pounds(payment)} ${pounds(interest)} ${pounds(repaid)} ${pounds(balance)}`);
}

const settlement = -excel.CUMIPMT(rate, years, principal, 1, 3, 0);
const settlementPrincipal = -excel.CUMPRINC(rate, years, principal, 1, 3, 0);
const totalInterest = -excel.CUMIPMT(rate, years, principal, 1, years, 0);
console.log(
  `\nIn a three-year settlement (2025-26 to 2027-28) Juno pays ${formatPounds(settlement, { places: 0 })} of interest and repays ${formatPounds(settlementPrincipal, { places: 0 })} of principal.`,
);
console.log(`Interest over the whole loan: ${formatPounds(totalInterest, { places: 0 })} (=CUMIPMT(5%, 10, 800000, 1, 10, 0)).`);

// Paid at the start of each year instead, every payment is smaller and the first carries no interest.
const inAdvance = -excel.PMT(rate, years, principal, 0, 1);
console.log(
  `\nPaid in advance (type 1): ${formatPounds(inAdvance)} a year; the first payment's interest is ${formatPounds(-excel.IPMT(rate, 1, years, principal, 0, 1))}.`,
);

// Monthly repayments: interest falling in each financial year is a CUMIPMT over its twelve months.
const monthly = -excel.PMT(rate / 12, years * 12, principal);
const byYear = [0, 1, 2].map((y) => -excel.CUMIPMT(rate / 12, years * 12, principal, 12 * y + 1, 12 * y + 12, 0));
console.log(
  `\nRepaid monthly: ${formatPounds(monthly)} a month; interest in ${fy(firstYear)}, ${fy(firstYear + 1)}, ${fy(firstYear + 2)}: ${byYear.map((x) => formatPounds(x, { places: 0 })).join(", ")}.`,
);

// The lender's questions back: what rate does a repayment imply, and how long at a lower one?
console.log(
  `\nA repayment of £110,000 a year over ten years implies a rate of ${(excel.RATE(years, -110_000, principal) * 100).toFixed(2)}% (=RATE(10, -110000, 800000)).`,
);
console.log(`At £80,000 a year the loan takes ${excel.NPER(rate, -80_000, principal).toFixed(1)} years to repay (=NPER(5%, -80000, 800000)).`);
const tooLittle = annuityPeriods({ rate, payment: -35_000, presentValue: principal });
const why = tooLittle.ok
  ? `${tooLittle.periods.toFixed(1)} years`
  : `never: it does not cover the first year's ${formatPounds(principal * rate, { places: 0 })} of interest (NPER gives #NUM!)`;
console.log(`At £35,000 a year: ${why}.`);
