/**
 * The reconciliation's workbook output, rendered from the result value (matching and rendering are
 * kept apart): the Breaks sheet (one row per break, analyst columns last so a user can type in them)
 * and the Summary sheet (breaks by category and ageing bucket with a chart, counts and totals per
 * side, match rate per pass, and the conservation proof). Layout and colours: docs/recon-output.md.
 *
 * Pure: no clock, no workbook. Identical inputs give identical OutputSheets.
 */
import { formatIso, type Day } from "../../core/dates/civil";
import { Decimal } from "../../core/money/decimal";
import { serialFromDay, type DateSystem } from "../../core/dates/excel-serial";
import { BREAK_CODES, type Break, type FieldDiff, type ReconProfile, type ReconResult } from "../../core/recon/profile";
import type { CellValue, OutputBlock, OutputColumn, OutputConditional, OutputSheet } from "../port";
import { ANALYST_STATUSES, BREAK_HEADERS, BreakRow, bucketLabels } from "./memory";

export interface SideLabels {
  left: string;
  right: string;
  /** Field name -> what the user calls it ("tradeDate" -> "Trade date"). */
  fields?: Record<string, string>;
}

/** Where a side's rows are, for links: a sheet of this workbook, or a sheet of another file. */
export interface LinkTarget {
  sheet: string;
  /** Path of the source file relative to the output workbook; absent for a sheet in the same workbook. */
  file?: string;
  /** False for a CSV: a file can be opened but a line cannot be addressed. */
  addressable?: boolean;
}

export interface SourceLinks {
  left?: LinkTarget;
  right?: LinkTarget;
}

export interface RenderOptions {
  /** Date system of the workbook written to (dates are written as serials in it). Default "1900". */
  dateSystem?: DateSystem;
  /** Run date, shown in the preamble. */
  runDate?: Day;
  /** Sheet and table names (default "Breaks" / "Summary"). */
  breaksName?: string;
  summaryName?: string;
  /** Input errors of the run, counted on the Summary. */
  inputErrors?: number;
  /** Totals of a number field over the rows in breaks, per category and side (from categoryTotals). */
  categoryTotals?: CategoryTotals;
  /** Most links to source rows on the Breaks sheet (default MAX_SHEET_LINKS). */
  maxLinks?: number;
}

/**
 * Hyperlinks the Breaks sheet carries at most. Excel keeps at most 66,530 hyperlinks on a worksheet
 * ("Excel specifications and limits"); a file with more is "repaired" when opened and loses them.
 * A run with more breaks links the rows of its first breaks (in the sheet's order) up to this many
 * links and says so in the preamble; every break still lists its source rows as text.
 */
export const MAX_SHEET_LINKS = 65_000;

export interface CategoryTotals {
  field: string;
  /** [category, left total, right total] as decimal text; categories as primaryCategory names them. */
  rows: Array<[string, string, string]>;
}

/** Fill colours per break category (a light tint each, readable with black text). */
export const CATEGORY_FILLS: Record<string, string> = {
  MISSING_LEFT: "#F8CBAD",
  MISSING_RIGHT: "#F8CBAD",
  DUPLICATE: "#FFD966",
  ROW_ERROR: "#FF9999",
  INVALID_ID: "#FF9999",
  QUANTITY: "#BDD7EE",
  PRICE: "#C6E0B4",
  AMOUNT: "#DDEBF7",
  MARKET_VALUE: "#DDEBF7",
  TRADE_DATE: "#E2CFEA",
  SETTLE_DATE: "#E2CFEA",
  VALUE_DATE: "#E2CFEA",
  SIDE: "#FCE4D6",
  CURRENCY: "#FCE4D6",
  ACCOUNT: "#FCE4D6",
};

/** Green to red over the ageing buckets. */
const AGE_FILLS = ["#E2EFDA", "#FFF2CC", "#FCE4D6", "#F4B084", "#F8CBAD", "#FF9999"];

function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** The hyperlink target of a source row; see OutputColumn.links. */
export function rowLink(target: LinkTarget | undefined, row: number | undefined): string | null {
  if (!target || row === undefined) return null;
  if (target.file === undefined) return `#${quoteSheet(target.sheet)}!A${row}`;
  if (target.addressable === false) return target.file;
  return `${target.file}#${quoteSheet(target.sheet)}!A${row}`;
}

function fieldLabel(labels: SideLabels, field: string): string {
  return labels.fields?.[field] ?? field;
}

function show(v: string | number | null): string {
  if (v === null) return "(blank)";
  return typeof v === "number" ? String(v) : v;
}

function diffText(d: FieldDiff, labels: SideLabels): string {
  const diff = d.difference !== undefined ? `, difference ${d.difference}` : "";
  return `${fieldLabel(labels, d.field)}: ${labels.left} ${show(d.left)} vs ${labels.right} ${show(d.right)}${diff} (${d.rule})`;
}

/** Every differing field with both values and the difference; the engine's words for existence breaks. */
export function breakDetail(brk: Break, labels: SideLabels): string {
  if (brk.diffs.length === 0) return brk.detail;
  return brk.diffs.map((d) => diffText(d, labels)).join("; ");
}

function closestMissText(brk: Break, labels: SideLabels): string {
  const m = brk.closestMiss;
  if (!m) return "";
  const other = brk.leftRows.length > 0 && brk.rightRows.length === 0 ? labels.right : labels.left;
  const failed = m.failed.length > 0 ? `: ${m.failed.map((d) => diffText(d, labels)).join("; ")}` : "";
  return `${other} row${m.rows.length === 1 ? "" : "s"} ${m.rows.join(", ")} (score ${m.score.toFixed(2)})${failed}`;
}

/** Key columns: the break-id fields (default the first pass's keys), then any other keys breaks carry. */
function keyFields(result: ReconResult, profile: ReconProfile): string[] {
  const fields = [...(profile.breakIdFields ?? profile.passes.find((p) => !p.scored && !p.subsetSum)?.keys ?? [])];
  for (const b of result.breaks) for (const k of Object.keys(b.keys)) if (!fields.includes(k)) fields.push(k);
  return fields;
}

function dateCell(day: Day | undefined, system: DateSystem): CellValue {
  return day === undefined ? null : serialFromDay(day, system);
}

/** The Breaks sheet; see the module comment and docs/recon-output.md. */
export function renderBreaks(
  rows: readonly BreakRow[],
  result: ReconResult,
  profile: ReconProfile,
  labels: SideLabels,
  sources: SourceLinks,
  opts: RenderOptions = {},
): OutputSheet {
  const system = opts.dateSystem ?? "1900";
  const keys = keyFields(result, profile);
  // A key labelled like one of the sheet's own columns ("Status") is prefixed, so headers stay unique
  // and the previous sheet's analyst columns are found again by name.
  const fixed = new Set(Object.values(BREAK_HEADERS).map((h) => h.toLowerCase()));
  const keyHeaders = keys.map((k) => {
    const label = fieldLabel(labels, k);
    return fixed.has(label.toLowerCase()) ? `Key: ${label}` : label;
  });
  const leftRowsHeader = `${labels.left} rows`;
  const rightRowsHeader = `${labels.right} rows`;
  const columns: OutputColumn[] = [
    { header: BREAK_HEADERS.id, numberFormat: "@", width: 14 },
    { header: BREAK_HEADERS.runStatus, width: 11 },
    { header: BREAK_HEADERS.codes, numberFormat: "@", width: 18 },
    { header: BREAK_HEADERS.detail, numberFormat: "@", width: 60 },
    ...keyHeaders.map((h) => ({ header: h, numberFormat: "@", width: 14 })),
    { header: leftRowsHeader, numberFormat: "@", width: 12 },
    { header: rightRowsHeader, numberFormat: "@", width: 12 },
    { header: "Closest miss", numberFormat: "@", width: 40 },
    { header: "Age (days)", numberFormat: "0", width: 10 },
    { header: "Age since first seen", numberFormat: "0", width: 10 },
    { header: "Ageing bucket", numberFormat: "@", width: 10 },
    { header: BREAK_HEADERS.firstSeen, numberFormat: "yyyy-mm-dd", width: 11 },
    { header: BREAK_HEADERS.lastSeen, numberFormat: "yyyy-mm-dd", width: 11 },
    { header: BREAK_HEADERS.owner, width: 12 },
    { header: BREAK_HEADERS.status, width: 12, choices: [...ANALYST_STATUSES] },
    { header: BREAK_HEADERS.reason, width: 14 },
    { header: BREAK_HEADERS.comment, width: 40 },
  ];
  const col = (h: string) => columns.findIndex((c) => c.header === h);
  const leftCol = col(leftRowsHeader);
  const rightCol = col(rightRowsHeader);
  const leftLinks: (string | null)[] = [];
  const rightLinks: (string | null)[] = [];

  // One loop filling each row in place: sixty thousand breaks made a spread, a closure and an
  // empty object per row.
  const noCells: Record<string, CellValue> = {};
  const body: CellValue[][] = [];
  for (const r of rows) {
    const b = r.brk;
    const prev = r.previous?.cells ?? noCells;
    leftLinks.push(b ? rowLink(sources.left, b.leftRows[0]) : null);
    rightLinks.push(b ? rowLink(sources.right, b.rightRows[0]) : null);
    const row: CellValue[] = [
      r.id,
      r.runStatus,
      b ? b.codes.join(", ") : (prev[BREAK_HEADERS.codes] ?? null),
      b ? breakDetail(b, labels) : (prev[BREAK_HEADERS.detail] ?? null),
    ];
    for (let i = 0; i < keys.length; i++) row.push(b ? (b.keys[keys[i]] ?? null) : (prev[keyHeaders[i]] ?? null));
    row.push(
      b ? b.leftRows.join(", ") || null : (prev[leftRowsHeader] ?? null),
      b ? b.rightRows.join(", ") || null : (prev[rightRowsHeader] ?? null),
      b ? closestMissText(b, labels) || null : (prev["Closest miss"] ?? null),
      r.age ?? null,
      r.ageSinceFirstSeen,
      r.bucket || null,
      dateCell(r.firstSeen, system),
      dateCell(r.lastSeen, system),
      r.owner || null,
      r.status || null,
      r.reason || null,
      r.comment || null,
    );
    body.push(row);
  }
  // Excel's limit on hyperlinks a sheet (MAX_SHEET_LINKS): the first rows keep theirs.
  const maxLinks = opts.maxLinks ?? MAX_SHEET_LINKS;
  let links = 0;
  let linkedRows = body.length;
  for (let i = 0; i < body.length; i++) {
    const n = (leftLinks[i] !== null ? 1 : 0) + (rightLinks[i] !== null ? 1 : 0);
    if (links + n > maxLinks) {
      linkedRows = i;
      leftLinks.length = i;
      rightLinks.length = i;
      break;
    }
    links += n;
  }
  columns[leftCol].links = leftLinks;
  columns[rightCol].links = rightLinks;
  const linkNote =
    linkedRows < body.length
      ? ` Links to the source rows on the first ${linkedRows} rows only: Excel keeps at most 66,530 links on a sheet; every row lists its source rows in ${leftRowsHeader} and ${rightRowsHeader}.`
      : "";

  const conditional: OutputConditional[] = [];
  const codesCol = col(BREAK_HEADERS.codes);
  for (const code of BREAK_CODES) {
    const fill = CATEGORY_FILLS[code];
    if (fill) conditional.push({ column: codesCol, rule: { kind: "text-contains", text: code }, fill });
  }
  const bounds = profile.ageingBuckets ?? [1, 5, 30];
  const bucketCol = col("Ageing bucket");
  bucketLabels(bounds).forEach((label, i, all) => {
    const fill = AGE_FILLS[Math.round((i * (AGE_FILLS.length - 1)) / Math.max(1, all.length - 1))];
    conditional.push({ column: bucketCol, rule: { kind: "text-equals", text: label }, fill });
  });
  if (bounds.length > 0) {
    conditional.push({
      column: col("Age (days)"),
      rule: { kind: "number-greater", value: bounds[bounds.length - 1] },
      fill: "#FF9999",
    });
  }
  conditional.push({
    column: col(BREAK_HEADERS.runStatus),
    rule: { kind: "text-equals", text: "new" },
    fill: "#FFF2CC",
  });
  conditional.push({
    column: col(BREAK_HEADERS.runStatus),
    rule: { kind: "text-equals", text: "resolved" },
    fill: "#E2EFDA",
  });

  const current = rows.filter((r) => r.runStatus !== "resolved").length;
  const name = opts.breaksName ?? "Breaks";
  return {
    name,
    tableName: name.replace(/[^A-Za-z0-9_]/g, "_"),
    preamble: [
      `${profile.name}: breaks (${labels.left} vs ${labels.right})`,
      `${current} break${current === 1 ? "" : "s"}, ${rows.length - current} resolved since the last run` +
        (opts.runDate !== undefined ? `; run date ${formatIso(opts.runDate)}` : "") +
        ". Owner, Status, Reason and Comment are carried to the next run by Break ID." +
        linkNote,
    ],
    columns,
    rows: body,
    conditional,
  };
}

/** A break's category on the Summary: its first code, existence breaks named by the side they are missing from. */
export function primaryCategory(b: Break, labels: SideLabels): string {
  const code = b.codes[0] ?? "ROW_ERROR";
  if (code === "MISSING_LEFT") return `Missing in ${labels.left}`;
  if (code === "MISSING_RIGHT") return `Missing in ${labels.right}`;
  return code;
}

function codeOrder(a: string, b: string): number {
  const ia = (BREAK_CODES as readonly string[]).indexOf(a);
  const ib = (BREAK_CODES as readonly string[]).indexOf(b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0) return -1;
  if (ib >= 0) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Accounted {
  matched: number;
  inBreaks: number;
  excluded: number;
  out: number;
  distinct: number;
}

/** Rows of each side found in matches, breaks and exclusions, counted independently of the engine's summary. */
function accounted(result: ReconResult): { left: Accounted; right: Accounted } {
  // The breaks' rows, both sides, gathered in one walk over the breaks (objects spread over the
  // heap: walking them is the costly part), into flat arrays.
  let nl = 0;
  let nr = 0;
  for (const b of result.breaks) {
    nl += b.leftRows.length;
    nr += b.rightRows.length;
  }
  const breakRows = { left: new Int32Array(nl), right: new Int32Array(nr) };
  nl = 0;
  nr = 0;
  for (const b of result.breaks) {
    for (const r of b.leftRows) breakRows.left[nl++] = r;
    for (const r of b.rightRows) breakRows.right[nr++] = r;
  }
  const count = (side: "left" | "right"): Accounted => {
    // The matches' rows of this side, all in one array (match-list.ts).
    const matchedRows = side === "left" ? result.matches.leftRows : result.matches.rightRows;
    const inBreaks = breakRows[side];
    // Distinct rows by marking a byte per row number: a Set of a million numbers costs ten times more.
    let maxRow = 0;
    for (let k = 0; k < matchedRows.length; k++) if (matchedRows[k] > maxRow) maxRow = matchedRows[k];
    for (let k = 0; k < inBreaks.length; k++) if (inBreaks[k] > maxRow) maxRow = inBreaks[k];
    for (const e of result.excluded) if (e.side === side && e.row > maxRow) maxRow = e.row;
    const seen = new Uint8Array(maxRow + 1);
    let distinct = 0;
    const mark = (rows: Int32Array): void => {
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k];
        if (seen[r] === 0) distinct++;
        seen[r] = 1;
      }
    };
    mark(matchedRows);
    mark(inBreaks);
    let excluded = 0;
    for (const e of result.excluded) {
      if (e.side !== side) continue;
      excluded++;
      if (seen[e.row] === 0) distinct++;
      seen[e.row] = 1;
    }
    const matched = matchedRows.length;
    return { matched, inBreaks: inBreaks.length, excluded, out: matched + inBreaks.length + excluded, distinct };
  };
  return { left: count("left"), right: count("right") };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** The Summary sheet; see the module comment. */
export function renderSummary(
  result: ReconResult,
  rows: readonly BreakRow[],
  profile: ReconProfile,
  labels: SideLabels,
  opts: RenderOptions = {},
): OutputSheet {
  const s = result.summary;
  const buckets = bucketLabels(profile.ageingBuckets ?? [1, 5, 30]);
  const current = rows.filter((r) => r.brk !== undefined);

  // Breaks by category x ageing bucket: each break counted once, under its first code.
  const byCategory = new Map<string, { code: string; counts: number[] }>();
  for (const r of current) {
    const b = r.brk!;
    const cat = primaryCategory(b, labels);
    let entry = byCategory.get(cat);
    if (!entry) byCategory.set(cat, (entry = { code: b.codes[0] ?? "ROW_ERROR", counts: buckets.map(() => 0) }));
    const i = buckets.indexOf(r.bucket);
    entry.counts[i >= 0 ? i : buckets.length - 1]++;
  }
  const categories = [...byCategory.entries()].sort(
    (a, b) => codeOrder(a[1].code, b[1].code) || (a[0] < b[0] ? -1 : 1),
  );
  const columns: OutputColumn[] = [
    // Wide enough for the blocks below too (money totals such as 34,019,175.48, "Custodian matched").
    { header: "Category", numberFormat: "@", width: 28 },
    ...buckets.map((b) => ({ header: `${b} days`, numberFormat: "0", width: 18 })),
    { header: "Total", numberFormat: "0", width: 18 },
  ];
  const body: CellValue[][] = categories.map(([cat, e]) => [cat, ...e.counts, e.counts.reduce((x, y) => x + y, 0)]);

  const { left, right } = accounted(result);
  const holds = (rowsIn: number, a: Accounted) => rowsIn === a.out && a.distinct === a.out;
  const leftHolds = holds(s.left.rows, left);
  const rightHolds = holds(s.right.rows, right);

  // A total of prices means nothing; quantities and amounts are what a controller ties out.
  const totalFields = [...new Set([...Object.keys(s.left.totals), ...Object.keys(s.right.totals)])]
    .filter((f) => f !== "price")
    .sort();
  const asNumber = (t: string | undefined): CellValue => (t === undefined ? null : Number(t));
  // Counts with thousands separators, money to the cent, rates as percentages: what a controller reads.
  const COUNT = "#,##0";
  const MONEY = "#,##0.00;[Red]-#,##0.00";
  const totalFormat = (f: string): string =>
    [s.left.totals[f], s.right.totals[f]].every((t) => t === undefined || Number.isInteger(Number(t))) ? COUNT : MONEY;
  const blocks: OutputBlock[] = [
    {
      title: "Rows and totals by side",
      rowFormats: [COUNT, COUNT, COUNT, COUNT, ...totalFields.map(totalFormat)],
      columns: ["Measure", labels.left, labels.right],
      rows: [
        ["Rows read", s.left.rows, s.right.rows],
        ["Matched", s.left.matched, s.right.matched],
        ["In breaks", s.left.inBreaks, s.right.inBreaks],
        ["Excluded", s.left.excluded, s.right.excluded],
        ...totalFields.map((f) => [
          `Total ${fieldLabel(labels, f)}`,
          asNumber(s.left.totals[f]),
          asNumber(s.right.totals[f]),
        ]),
      ],
    },
    {
      title: "Conservation: rows in = matched + in breaks + excluded (counted from the result's lists)",
      columns: ["Side", "Rows in", "Matched", "In breaks", "Excluded", "Rows out", "Holds"],
      columnFormats: [undefined, COUNT, COUNT, COUNT, COUNT, COUNT],
      rows: [
        [labels.left, s.left.rows, left.matched, left.inBreaks, left.excluded, left.out, leftHolds],
        [labels.right, s.right.rows, right.matched, right.inBreaks, right.excluded, right.out, rightHolds],
      ],
    },
    {
      title: "Match rate by pass (rows matched over rows that entered the pass)",
      columns: [
        "Pass",
        `${labels.left} matched`,
        `${labels.right} matched`,
        `${labels.left} rate`,
        `${labels.right} rate`,
      ],
      columnFormats: [undefined, COUNT, COUNT, "0.0%", "0.0%"],
      rows: s.passes.map((p) => [p.name, p.matchedLeft, p.matchedRight, round4(p.rateLeft), round4(p.rateRight)]),
    },
    {
      title: "Breaks by code (a break with several codes counts under each)",
      columns: ["Code", "Breaks"],
      rows: Object.keys(s.breaksByCode)
        .sort(codeOrder)
        .map((c) => [c, s.breaksByCode[c]]),
    },
    ...(opts.categoryTotals && opts.categoryTotals.rows.length > 0
      ? [
          {
            title: `${fieldLabel(labels, opts.categoryTotals.field)} in breaks by category (rows in breaks, each side)`,
            columns: ["Category", labels.left, labels.right, "Difference"],
            columnFormats: [undefined, MONEY, MONEY, MONEY],
            rows: opts.categoryTotals.rows.map(([cat, l, r]): CellValue[] => [
              cat,
              Number(l),
              Number(r),
              Number(new Decimal(l).minus(r).toString()),
            ]),
          },
        ]
      : []),
    {
      title: "This run",
      columns: ["Item", "Count"],
      rows: [
        ["Breaks", current.length],
        ["New", current.filter((r) => r.runStatus === "new").length],
        ["Persisting", current.filter((r) => r.runStatus === "persisting").length],
        ["Resolved since the last run", rows.length - current.length],
        ["Suggestions", result.suggestions.length],
        ["Input errors", opts.inputErrors ?? 0],
      ],
    },
  ];
  const name = opts.summaryName ?? "Summary";
  return {
    name,
    tableName: `${name.replace(/[^A-Za-z0-9_]/g, "_")}_Ageing`,
    preamble: [
      `${profile.name}: summary (${labels.left} vs ${labels.right})` +
        (opts.runDate !== undefined ? `, run date ${formatIso(opts.runDate)}` : ""),
      `Conservation ${leftHolds && rightHolds ? "holds" : "FAILS"}: every input row is matched, in a break or excluded, once. Breaks by category and ageing bucket below.`,
    ],
    columns,
    rows: body,
    chart: {
      type: "column",
      title: "Breaks by category and ageing bucket",
      categoriesColumn: 0,
      seriesColumns: buckets.map((_, i) => i + 1),
    },
    blocks,
  };
}
