/**
 * The example scripts run as part of the suite (imported with console output captured), so they
 * cannot silently rot; each check reads a figure the script prints.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

async function capture(path: string): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  try {
    await import(path);
  } finally {
    spy.mockRestore();
  }
  return lines.join("\n");
}

/**
 * One example at a time: each waits until the one before has finished (even one whose test timed
 * out and moved on), so no example's output can land in another's capture.
 */
let previous: Promise<unknown> = Promise.resolve();
function run(path: string): Promise<string> {
  const mine = previous.then(() => capture(path));
  previous = mine.catch(() => undefined);
  return mine;
}

afterEach(() => vi.resetModules());

describe("example scripts", () => {
  it("npm run demo: the family-support table with the penalty, gap and cliff, then Cheshire West", async () => {
    const out = await run("../examples/demo.ts");
    expect(out).toMatch(/10 years \(2025-26 to 2034-35\)/);
    expect(out).toMatch(/County council +investor, loses \(!\)/);
    expect(out).toMatch(/would bring County\s+council to break-even/);
    expect(out).toMatch(/Funding cliff/);
    expect(out).toMatch(/Cheshire West/);
    expect(out).toMatch(/^Savings per £1 invested \(108 \/ 41\) +£2\.63 +£2\.6341 +yes$/m);
    // Plain text for a terminal: no Markdown table rules, bold marks or code marks.
    expect(out).not.toMatch(/\| ---|\*\*|`/);
  });
  it("options: two options ranked against business as usual, QALY and WELLBY cited, the financial case", async () => {
    const out = await run("../examples/options.ts");
    expect(out).toMatch(/0\.05 × qaly \(central\), £70,000\.00 in 2020-21 prices × 1\.196991 = £4,189\.47/);
    expect(out).toMatch(/0\.1 × wellby \(central\), £13,000\.00 in 2019 prices/);
    expect(out).toMatch(/Replace advice with intensive resettlement support \(preferred\)/);
    expect(out).toMatch(/Appraisal Summary Table: Add volunteer-supported mentoring/);
    expect(out).toMatch(/Preferred: intensive\./);
    expect(out).toMatch(/Regional probation budget: short of funding in 3 year\(s\)/);
  });
  it("workbook: the template read back, an error naming its cell, the explorer written", async () => {
    const out = await run("../examples/workbook.ts");
    expect(out).toMatch(
      /^Sheets: Read me, Appraisal, Agencies, Interventions, Costs, Savings, Outcomes, Cost shunts, Deals, Uncertainty, Unit costs, Optimism bias, Options$/m,
    );
    expect(out).toMatch(/^Error: Outcomes!D3: success must be between 0 and 1, got 1\.4 \(outcomes\[0\]\.success\)$/m);
    expect(out).toMatch(/^Custody success rate read back: 0\.06$/m);
    expect(out).toMatch(/^Whole-system NPV over 10 years: £1,656,386$/m);
    expect(out).toMatch(/examples\/out\/explorer\.html/);
  }, 120_000);
  it("deals/gainshare: a range of shares at 10 years and none at 5 or 6", async () => {
    const out = await run("../examples/deals/gainshare.ts");
    expect(out).toMatch(/5 years: even 100% of the payers' savings does not bring council to break-even/);
    expect(out).toMatch(/6 years: no share closes the gap/);
    expect(out).toMatch(/10 years: any share from 26\.\d\d% to 47\.\d\d%/);
    expect(out).toMatch(/County council .*investor-gains/);
  });
  it("deals/payment-by-results: attachment falling 3,200 → 2,400 → 1,600", async () => {
    const out = await run("../examples/deals/payment-by-results.ts");
    expect(out).toMatch(/attachment £3,200 each/);
    expect(out).toMatch(/attachment £1,600 each/);
  });
  it("deals/reward-grant: only targets above 60% earn", async () => {
    const out = await run("../examples/deals/reward-grant.ts");
    expect(out).toMatch(/into-work .*\(64%\): reward £641,143/);
    expect(out).toMatch(/custody .*\(57%\): reward £0/);
  });
  it("deals/outcomes-contract: the investor's multiple and IRR", async () => {
    const out = await run("../examples/deals/outcomes-contract.ts");
    expect(out).toMatch(/multiple 1\.05×, IRR 4\.8%/);
  });
  it("deals/loan: the Juno loan repays £103,603.66 a year, as Excel's PMT", async () => {
    const out = await run("../examples/deals/loan.ts");
    expect(out).toMatch(/Level payment: £103,603\.66 a year; Excel PMT gives £103,603\.66/);
    expect(out).toMatch(/2034-35 .*£0$/m);
  });
  it("finance/loan-schedule: the Juno loan split into interest and principal, year by year", async () => {
    const out = await run("../examples/finance/loan-schedule.ts");
    expect(out).toMatch(/Level payment: £103,603\.66 a year/);
    expect(out).toMatch(/^2025-26 +£103,604 +£40,000 +£63,604 +£736,396$/m);
    expect(out).toMatch(/^2034-35 +£103,604 +£4,934 +£98,670 +£0$/m);
    expect(out).toMatch(/Interest over the whole loan: £236,037/);
    expect(out).toMatch(/pays £110,300 of interest and repays £200,511 of principal/);
    expect(out).toMatch(/first payment's interest is £0\.00/);
    expect(out).toMatch(/implies a rate of 6\.25%/);
    expect(out).toMatch(/At £35,000 a year: never/);
  });
  it("deals/pooled-budget: the pot never goes below zero", async () => {
    const out = await run("../examples/deals/pooled-budget.ts");
    const balances = out.split("Pot balance by year:")[1]!.split("\n\n")[0]!.trim().split("\n");
    expect(balances.length).toBe(10);
    for (const line of balances) expect(line).not.toMatch(/−/);
    expect(out).toMatch(/fair \(Shapley\) split/);
  });
});
