/**
 * Proposing which header holds each reconciliation field, for the user to review and edit.
 *
 * Two rounds, both on normalised headers (src/io/table.ts normaliseHeader: lower case, letters and
 * digits only, so "Settle Dt." = "settledt"):
 * 1. exact: the header equals the field's name, label or one of its aliases;
 * 2. contained words: every word of an alias appears among the header's words ("Trade Date (UTC)"
 *    has the words of "Trade Date"); the longest alias wins, a tie is ambiguous.
 * A header never serves two fields (that would make them silently equal), and a field that two
 * headers fit equally is left unmapped and reported as ambiguous: the user chooses, we never guess.
 */
import { InputError } from "../../core/errors";
import type { FieldDef } from "../../core/recon/profile";
import type { Grid } from "../port";
import { FieldSpec, locateHeader, normaliseHeader } from "../table";

export interface MappingProposal {
  /** field name -> header text as written. */
  mapping: Record<string, string>;
  /** Headers no field uses (to offer in a picker). */
  unmapped: string[];
  /** Fields with no header. */
  missing: string[];
  /** Fields (or a header) that fit more than one way: left unmapped for the user to choose. */
  ambiguous: Array<{ field: string; headers: string[] }>;
}

/** Words of a header or alias: split on anything not a letter or digit and on lower-to-upper case changes. */
export function headerWords(s: string): string[] {
  return s
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.toLowerCase())
    .filter((w) => w !== "");
}

function namesOf(f: FieldDef): string[] {
  return [f.name, f.label, ...f.aliases];
}

export function proposeMapping(headers: readonly string[], fields: readonly FieldDef[]): MappingProposal {
  const texts = headers.map((h) => (h ?? "").toString().trim());
  const keys = texts.map(normaliseHeader);
  const mapping: Record<string, string> = {};
  const ambiguous: Array<{ field: string; headers: string[] }> = [];
  const usedHeader = new Set<number>();
  const decided = new Set<string>();

  // Round 1: exact names. Aliases are listed in order of preference ("ISIN" before "Security"), so
  // the header matching the earliest one is proposed; two headers at the same rank are ambiguous.
  const exact = new Map<string, number[]>();
  for (const f of fields) {
    const ranked = [...f.aliases, f.label, f.name].map(normaliseHeader);
    let bestRank = Infinity;
    let cols: number[] = [];
    keys.forEach((k, c) => {
      if (k === "") return;
      const rank = ranked.indexOf(k);
      if (rank < 0) return;
      if (rank < bestRank) {
        bestRank = rank;
        cols = [c];
      } else if (rank === bestRank) cols.push(c);
    });
    if (cols.length > 0) exact.set(f.name, cols);
  }
  // A header claimed by two fields is reported for both.
  const claims = new Map<number, string[]>();
  for (const [field, cols] of exact) for (const c of cols) claims.set(c, [...(claims.get(c) ?? []), field]);
  for (const f of fields) {
    const cols = exact.get(f.name);
    if (!cols) continue;
    decided.add(f.name);
    if (cols.length === 1 && claims.get(cols[0])!.length === 1) {
      mapping[f.name] = texts[cols[0]];
    } else {
      ambiguous.push({ field: f.name, headers: cols.map((c) => texts[c]) });
    }
    for (const c of cols) usedHeader.add(c);
  }

  // Round 2: contained words, for fields and headers still free.
  const headerWordSets = texts.map((t) => new Set(headerWords(t)));
  const best = new Map<string, { cols: number[]; score: number }>();
  for (const f of fields) {
    if (decided.has(f.name)) continue;
    let score = 0;
    let cols: number[] = [];
    for (const name of namesOf(f)) {
      const words = headerWords(name);
      if (words.length === 0) continue;
      texts.forEach((_t, c) => {
        if (usedHeader.has(c) || keys[c] === "") return;
        if (!words.every((w) => headerWordSets[c].has(w))) return;
        if (words.length > score) {
          score = words.length;
          cols = [c];
        } else if (words.length === score && !cols.includes(c)) cols.push(c);
      });
    }
    if (cols.length > 0) best.set(f.name, { cols, score });
  }
  const byHeader = new Map<number, { field: string; score: number }[]>();
  for (const [field, b] of best) {
    if (b.cols.length > 1) {
      ambiguous.push({ field, headers: b.cols.map((c) => texts[c]) });
      continue;
    }
    const c = b.cols[0];
    byHeader.set(c, [...(byHeader.get(c) ?? []), { field, score: b.score }]);
  }
  for (const [c, wanted] of byHeader) {
    const top = Math.max(...wanted.map((w) => w.score));
    const winners = wanted.filter((w) => w.score === top);
    if (winners.length === 1) {
      mapping[winners[0].field] = texts[c];
      usedHeader.add(c);
    } else for (const w of winners) ambiguous.push({ field: w.field, headers: [texts[c]] });
  }

  const order = new Map(fields.map((f, i) => [f.name, i]));
  ambiguous.sort((a, b) => order.get(a.field)! - order.get(b.field)!);
  const used = new Set(Object.values(mapping));
  return {
    mapping,
    unmapped: texts.filter((t) => t !== "" && !used.has(t)),
    missing: fields.filter((f) => mapping[f.name] === undefined).map((f) => f.name),
    ambiguous,
  };
}

export interface SideProposal extends MappingProposal {
  /** Excel row (CSV line) of the header row found. */
  headerRow: number;
  /** The header row's texts, in column order (blank cells as ""). */
  headers: string[];
}

/**
 * The header row of a side (the row, of the first 30, whose cells match the most fields by name,
 * label or alias; title lines above it are normal) and the mapping proposed from it. An InputError
 * (no-header, empty) when no row matches any field.
 */
export function proposeSideMapping(grid: Grid, fields: readonly FieldDef[]): SideProposal | InputError {
  const specs: FieldSpec[] = fields.map((f) => ({
    field: f.name,
    label: f.label,
    aliases: f.aliases,
    type: "text",
    required: false,
  }));
  const h = locateHeader(grid, specs);
  if (h instanceof InputError) return h;
  const headers = (grid.values[h.index] ?? []).map((v) => (v === null || v === undefined ? "" : String(v).trim()));
  return { ...proposeMapping(headers, fields), headerRow: h.row, headers };
}
