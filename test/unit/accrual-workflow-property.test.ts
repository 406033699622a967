/**
 * Property (issue 3, item 7: "roll-forward ties exactly for random inputs"): whatever the terms,
 * opening balances, payments and period, every item's roll-forward opening + accrued - paid = closing
 * holds exactly in Decimal (the Check column is 0, also recomputed from the cells written), and the
 * journal balances per currency. Random instruments and fees run through the Office.js adapter on
 * the memory host.
 */
import fc from "fast-check";
import { addMonths, dayFromCivil, daysInMonth, endOfMonth } from "../../src/core/dates/civil";
import { serialFromDay } from "../../src/core/dates/excel-serial";
import { Decimal } from "../../src/core/money";
import { ExcelWorkbook } from "../../src/excel/workbook";
import { createMemoryHost } from "../../src/excel/memory-host";
import { runAccruals } from "../../src/io/workflows/accruals";

type Cell = string | number | boolean | null;

const bondArb = fc.record({
  kind: fc.constant("BOND" as const),
  convention: fc.constantFrom("ACT/ACT ICMA", "30/360", "30E/360", "ACT/365F", "ACT/360", "ACT/ACT ISDA"),
  frequency: fc.constantFrom(1, 2, 4, 12),
  rateBp: fc.integer({ min: 0, max: 1500 }),
  faceCents: fc.integer({ min: 1, max: 10_000_000_000 }),
  // Maturity 0..120 months after the period, on any day of the month (month ends included).
  maturityMonths: fc.integer({ min: 0, max: 120 }),
  maturityDay: fc.integer({ min: 1, max: 31 }),
  exDays: fc.constantFrom(null, 0, 5, 7),
});

const depositArb = fc.record({
  kind: fc.constantFrom("DEPOSIT" as const, "LOAN" as const),
  convention: fc.constantFrom("ACT/360", "ACT/365F", "30/360"),
  rateBp: fc.integer({ min: -50, max: 1200 }),
  faceCents: fc.integer({ min: 1, max: 10_000_000_000 }),
  startOffset: fc.integer({ min: -200, max: 20 }),
  tenor: fc.integer({ min: 1, max: 400 }),
  frequency: fc.constantFrom(null, 4, 12),
});

const feeArb = fc.record({
  kind: fc.constantFrom("MGMT" as const, "EXPENSE" as const),
  rateBp: fc.integer({ min: 0, max: 300 }),
  budgetCents: fc.integer({ min: 0, max: 100_000_000 }),
  daysInYear: fc.constantFrom("365", "360", "Actual"),
});

const itemArb = fc.record({
  terms: fc.oneof(bondArb, depositArb, feeArb),
  openingCents: fc.option(fc.integer({ min: -10_000_000, max: 100_000_000 }), { nil: undefined }),
  payments: fc.array(fc.record({ dayIndex: fc.nat(), cents: fc.integer({ min: -1_000_000, max: 50_000_000 }) }), {
    maxLength: 3,
  }),
});

const caseArb = fc.record({
  year: fc.integer({ min: 2023, max: 2029 }),
  month: fc.integer({ min: 1, max: 12 }),
  items: fc.array(itemArb, { minLength: 1, maxLength: 5 }),
  navSeed: fc.integer({ min: 1_000_000, max: 500_000_000 }),
});

describe("roll-forward ties exactly for random terms, openings, payments and periods", () => {
  it("opening + accrued - paid = closing for every item; the written Check is 0; debits = credits per currency", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const from = dayFromCivil(c.year, c.month, 1);
        const to = from + daysInMonth(c.year, c.month) - 1;
        const S = (d: number) => serialFromDay(d);
        const inst: Cell[][] = [
          ["Id", "Type", "Currency", "Face", "Rate", "Frequency", "Convention", "Maturity", "Start", "Ex Days"],
        ];
        const fees: Cell[][] = [["Id", "Type", "Currency", "Rate", "Annual Amount", "Days In Year"]];
        const opening: Cell[][] = [["Id", "Opening Accrual"]];
        const payments: Cell[][] = [["Id", "Date", "Amount"]];
        c.items.forEach((it, i) => {
          const id = `X${i}`;
          const t = it.terms;
          if (t.kind === "BOND") {
            // Maturity at least a day after the period start; the day of its month up to 28 or the month end.
            const monthStart = addMonths(from, t.maturityMonths);
            const maturity = Math.max(
              from + 1,
              t.maturityDay > 28 ? endOfMonth(monthStart) : monthStart + t.maturityDay - 1,
            );
            inst.push([
              id,
              "BOND",
              "USD",
              t.faceCents / 100,
              t.rateBp / 10000,
              t.frequency,
              t.convention,
              S(maturity),
              null,
              t.exDays,
            ]);
          } else if (!("budgetCents" in t)) {
            const start = from + t.startOffset;
            inst.push([
              id,
              t.kind,
              "EUR",
              t.faceCents / 100,
              t.rateBp / 10000,
              t.frequency,
              t.convention,
              S(start + t.tenor),
              S(start),
              null,
            ]);
          } else if (t.kind === "MGMT") {
            fees.push([id, "MGMT", "USD", t.rateBp / 10000, null, t.daysInYear]);
          } else {
            fees.push([id, "EXPENSE", "USD", null, t.budgetCents / 100, t.daysInYear]);
          }
          if (it.openingCents !== undefined) opening.push([id, it.openingCents / 100]);
          for (const p of it.payments) payments.push([id, S(from + (p.dayIndex % (to - from + 1))), p.cents / 100]);
        });
        const nav: Cell[][] = [["Date", "NAV"]];
        for (let d = from - 1, v = c.navSeed; d <= to; d++, v = Math.round(v * 1.0003 + 17)) nav.push([S(d), v / 100]);

        const host = createMemoryHost();
        host.addSheet("Instruments", inst);
        host.addSheet("Fees", fees);
        host.addSheet("NAV", nav);
        host.addSheet("Opening", opening);
        host.addSheet("Payments", payments);
        const r = await runAccruals(new ExcelWorkbook(host.run), {
          instruments: { sheet: "Instruments" },
          fees: { sheet: "Fees" },
          nav: { sheet: "NAV" },
          opening: { sheet: "Opening" },
          payments: { sheet: "Payments" },
          from,
          to,
        });
        expect(r.errors).toEqual([]);
        expect(r.items).toHaveLength(c.items.length);
        for (const it of r.items) {
          expect(new Decimal(it.opening).plus(it.accrued).minus(it.paid).minus(it.closing).isZero()).toBe(true);
          expect(it.check).toBe("0");
        }
        for (const t of Object.values(r.totals.byCurrency)) expect(t.debits).toBe(t.credits);
        // The cells as written tie too.
        const acc = host.getSheet("Accruals");
        const h = acc.values.findIndex((row) => row[0] === "Id");
        const col = acc.values[h].indexOf("Opening accrual");
        for (const row of acc.values.slice(h + 1)) {
          const n = (k: number) => new Decimal(row[col + k] === "" ? 0 : (row[col + k] as number));
          expect(n(0).plus(n(1)).minus(n(2)).minus(n(3)).isZero()).toBe(true);
        }
      }),
      { numRuns: 100, seed: 20261031 },
    );
  });
});
