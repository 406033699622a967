/**
 * One sheet of an .xlsx file read straight from its XML, for the previous run's Breaks sheet
 * (`bo recon --previous`, FileWorkbook.readStreamed): at 60,000 breaks exceljs's streaming reader
 * takes 2.5-3 s (an object per cell and per XML event); this reads the same cells in a few hundred
 * milliseconds. It gives exactly the Grid gridFromXlsxSheetStream gives (test/unit/xlsx-sheet-fast.test.ts
 * compares the two on this project's own workbooks and on workbooks exceljs writes, with shared
 * strings, rich text, formulas, errors, booleans and dates), and answers undefined for anything it
 * does not read with certainty (ZIP64 or encrypted entries, the 1904 date system, a cell type other
 * than number, shared or inline string, formula string, boolean or error, a formula's boolean
 * result, CDATA sections or comments in the XML), which the caller then reads with exceljs. One difference, on purpose: Excel's _xHHHH_
 * escapes are undone (see unescapeExcel). Like the streaming reader, it does not resolve merged areas or
 * give number formats: a date is the serial Excel stores.
 *
 * The parts: the ZIP central directory (entries by name), xl/workbook.xml (sheet names, their
 * relationship ids, the 1904 date system), its relationships (the sheet's part and the shared
 * strings part), the shared strings, then the sheet's <row> and <c> elements.
 */
import { inflateRawSync } from "node:zlib";
import type { DateSystem } from "../../core/dates/excel-serial";
import type { CellValue, Grid } from "../port";

interface Entry {
  method: number;
  compressed: number;
  offset: number;
}

/** The ZIP's entries by name, or undefined for what is not read here (ZIP64, encryption). */
function entries(b: Buffer): Map<string, Entry> | undefined {
  const from = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= from; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) return undefined;
  const out = new Map<string, Entry>();
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return undefined;
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const compressed = b.readUInt32LE(p + 20);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const offset = b.readUInt32LE(p + 42);
    if (flags & 1 || compressed === 0xffffffff || offset === 0xffffffff) return undefined;
    out.set(b.toString("utf8", p + 46, p + 46 + nameLen), { method, compressed, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** An entry's bytes, or undefined (missing, or a method other than stored or deflated). */
function part(b: Buffer, all: Map<string, Entry>, name: string): string | undefined {
  const e = all.get(name);
  if (!e || b.readUInt32LE(e.offset) !== 0x04034b50) return undefined;
  const start = e.offset + 30 + b.readUInt16LE(e.offset + 26) + b.readUInt16LE(e.offset + 28);
  const data = b.subarray(start, start + e.compressed);
  if (e.method === 0) return data.toString("utf8");
  if (e.method === 8) return inflateRawSync(data).toString("utf8");
  return undefined;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    hex !== undefined
      ? String.fromCodePoint(parseInt(hex, 16))
      : dec !== undefined
        ? String.fromCodePoint(parseInt(dec, 10))
        : NAMED[name!],
  );
}

/**
 * Excel's escape for characters XML cannot hold (ST_Xstring: _x000D_ is a carriage return, and a
 * literal "_x" is written _x005F_x), undone as Excel undoes it. exceljs leaves it in the text (and
 * its streaming reader cannot resolve a shared string whose part comes after the sheet's, as this
 * project's writer orders them), so here this reader is the reference: such text reads back as it
 * was written (test/unit/xlsx-sheet-fast.test.ts).
 */
const EXCEL_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

function unescapeExcel(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(EXCEL_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const OTHER_SPACE = /[\t\n\r]/;
const ATTR = new Map<string, RegExp>();

/**
 * An attribute of an element's opening tag text, unescaped; undefined when absent. Found by its
 * ` name="` (the tags read here hold no attribute value containing such text).
 */
function attr(tag: string, name: string): string | undefined {
  const key = ` ${name}="`;
  let at = tag.indexOf(key);
  if (at < 0) {
    // Attributes may be separated by other whitespace than a space.
    if (!OTHER_SPACE.test(tag)) return undefined;
    let re = ATTR.get(name);
    if (!re) ATTR.set(name, (re = new RegExp(`\\s${name}="([^"]*)"`)));
    const m = re.exec(tag);
    return m ? unescapeXml(m[1]) : undefined;
  }
  at += key.length;
  return unescapeXml(tag.slice(at, tag.indexOf('"', at)));
}

/** The text of a string item (<si> or <is>): its <t> elements in order, phonetic runs (<rPh>) left out. */
function itemText(xml: string, from: number, to: number): string {
  // Searched within the item only: an unbounded search for something absent would scan the rest of
  // a 50 MB sheet for every cell.
  const item = xml.slice(from, to);
  let out = "";
  let i = 0;
  for (;;) {
    const t = item.indexOf("<t", i);
    if (t < 0) break;
    const c = item.charCodeAt(t + 2);
    if (c !== 62 && c !== 32 && c !== 47) {
      i = t + 2;
      continue;
    }
    const ph = item.indexOf("<rPh", i);
    if (ph >= 0 && ph < t) {
      const phEnd = item.indexOf("</rPh>", ph);
      if (phEnd < 0) break;
      i = phEnd + 6;
      continue;
    }
    const open = item.indexOf(">", t);
    if (item.charCodeAt(open - 1) === 47) {
      i = open + 1;
      continue;
    }
    const close = item.indexOf("</t>", open);
    if (close < 0) break;
    out += item.slice(open + 1, close);
    i = close + 4;
  }
  return unescapeExcel(unescapeXml(out));
}

/** The shared strings, or undefined for XML not well formed (exceljs then says what is wrong). */
function sharedStrings(xml: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const s = xml.indexOf("<si", i);
    if (s < 0) break;
    const open = xml.indexOf(">", s);
    if (open < 0) return undefined;
    if (xml.charCodeAt(open - 1) === 47) {
      out.push("");
      i = open + 1;
      continue;
    }
    const end = xml.indexOf("</si>", open);
    if (end < 0) return undefined;
    out.push(itemText(xml, open, end));
    i = end + 5;
  }
  return out;
}

function plainXml(xml: string): boolean {
  return xml.indexOf("<![CDATA[") < 0 && xml.indexOf("<!--") < 0;
}

/** 0-based column of a cell reference ("AB12" -> 27). */
function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    c = c * 26 + (ch - 64);
  }
  return c - 1;
}

/** The sheet's rows (by row number - 1) of cell values, or undefined for a cell not read here. */
function sheetRows(xml: string, strings: readonly string[]): { rows: CellValue[][]; width: number } | undefined {
  const rows: CellValue[][] = [];
  let width = 0;
  let i = xml.indexOf("<sheetData");
  if (i < 0) return { rows, width };
  const end = xml.indexOf("</sheetData>", i);
  let rowNumber = 0;
  for (;;) {
    const r = xml.indexOf("<row", i);
    if (r < 0 || (end >= 0 && r > end)) break;
    const rowOpen = xml.indexOf(">", r);
    if (rowOpen < 0) return undefined;
    const rowTag = xml.slice(r, rowOpen);
    const rn = attr(rowTag, "r");
    rowNumber = rn === undefined ? rowNumber + 1 : Number(rn);
    const values: CellValue[] = [];
    let col = -1;
    if (xml.charCodeAt(rowOpen - 1) === 47) {
      i = rowOpen + 1;
    } else {
      const rowEnd = xml.indexOf("</row>", rowOpen);
      if (rowEnd < 0) return undefined;
      let p = rowOpen + 1;
      for (;;) {
        const c = xml.indexOf("<c", p);
        if (c < 0 || c > rowEnd) break;
        const after = xml.charCodeAt(c + 2);
        if (after !== 32 && after !== 62 && after !== 47) {
          p = c + 2;
          continue;
        }
        const open = xml.indexOf(">", c);
        if (open < 0 || open > rowEnd) return undefined;
        const tag = xml.slice(c, open);
        const ref = attr(tag, "r");
        col = ref === undefined ? col + 1 : columnOf(ref);
        const type = attr(tag, "t") ?? "n";
        let v: CellValue = null;
        if (xml.charCodeAt(open - 1) === 47) {
          p = open + 1;
        } else {
          const close = xml.indexOf("</c>", open);
          if (close < 0 || close > rowEnd) return undefined;
          if (type === "inlineStr") {
            const is = xml.indexOf("<is", open);
            if (is >= 0 && is < close) {
              const isEnd = xml.indexOf("</is>", is);
              if (isEnd < 0 || isEnd > close) return undefined;
              v = itemText(xml, is, isEnd);
            }
          } else {
            const vs = xml.indexOf("<v", open);
            if (vs >= 0 && vs < close) {
              const vOpen = xml.indexOf(">", vs);
              const vEnd = xml.charCodeAt(vOpen - 1) === 47 ? vOpen + 1 : xml.indexOf("</v>", vOpen);
              if (vEnd < 0 || vEnd > close) return undefined;
              const raw = vEnd === vOpen + 1 ? "" : xml.slice(vOpen + 1, vEnd);
              if (type === "n") v = Number(raw);
              else if (type === "s") {
                const k = Number(raw);
                if (!Number.isInteger(k) || k < 0 || k >= strings.length) return undefined;
                v = strings[k];
              } else if (type === "str" || type === "e") v = unescapeExcel(unescapeXml(raw));
              else if (type === "b") {
                // exceljs gives a formula's boolean result as a number: such a cell is left to it.
                if (xml.slice(open, close).includes("<f")) return undefined;
                v = raw === "1" || raw === "true";
              } else return undefined;
            }
          }
          p = close + 4;
        }
        values[col] = v;
      }
      i = rowEnd + 6;
    }
    while (rows.length < rowNumber - 1) rows.push([]);
    rows.push(values);
    if (values.length > width) width = values.length;
  }
  return { rows, width };
}

/** A part's path from a relationship target, relative to the workbook's folder (xl/). */
function resolvePart(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ["xl", ...target.split("/")];
  const out: string[] = [];
  for (const s of parts) {
    if (s === "..") out.pop();
    else if (s !== ".") out.push(s);
  }
  return out.join("/");
}

/**
 * The sheet (the first when `sheet` is undefined) as gridFromXlsxSheetStream gives it, the names of
 * the workbook's sheets, or undefined when this reader cannot be sure (see the module comment).
 */
export function fastSheetGrid(
  bytes: Buffer,
  sheet: string | undefined,
  fileLabel: string,
): { grid?: Grid; sheets: string[] } | undefined {
  const all = entries(bytes);
  if (!all) return undefined;
  const workbook = part(bytes, all, "xl/workbook.xml");
  const rels = part(bytes, all, "xl/_rels/workbook.xml.rels");
  if (workbook === undefined || rels === undefined) return undefined;
  const targets = new Map<string, { type: string; target: string }>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const type = attr(m[0], "Type");
    const target = attr(m[0], "Target");
    if (id !== undefined && type !== undefined && target !== undefined) targets.set(id, { type, target });
  }
  const sheets: { name: string; rel: string }[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], "name");
    const rel = /\s[A-Za-z0-9_]+:id="([^"]*)"/.exec(m[0])?.[1];
    if (name === undefined || rel === undefined) return undefined;
    sheets.push({ name, rel });
  }
  const names = sheets.map((s) => s.name);
  const wanted = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet);
  if (!wanted) return { sheets: names };
  // The 1904 date system is left to exceljs, which answers in the 1900 system.
  const pr = /<workbookPr\b[^>]*>/.exec(workbook)?.[0];
  if (pr !== undefined && /\sdate1904="(1|true)"/.test(pr)) return undefined;
  const sheetTarget = targets.get(wanted.rel);
  if (!sheetTarget) return undefined;
  const sheetXml = part(bytes, all, resolvePart(sheetTarget.target));
  if (sheetXml === undefined) return undefined;
  let strings: string[] = [];
  const sst = [...targets.values()].find((t) => t.type.endsWith("/sharedStrings"));
  if (sst) {
    const xml = part(bytes, all, resolvePart(sst.target));
    if (xml === undefined) return undefined;
    const s = plainXml(xml) ? sharedStrings(xml) : undefined;
    if (s === undefined) return undefined;
    strings = s;
  }
  // CDATA sections and comments are XML this reader does not take apart (Excel does not write them).
  if (!plainXml(sheetXml)) return undefined;
  const read = sheetRows(sheetXml, strings);
  if (!read) return undefined;
  const system: DateSystem = "1900";
  const values: CellValue[][] = read.rows.map((r) => {
    const vals: CellValue[] = new Array(read.width);
    for (let c = 0; c < read.width; c++) {
      const v = r[c];
      vals[c] = v === null || v === undefined ? "" : v;
    }
    return vals;
  });
  return {
    grid: { sheet: wanted.name, top: 1, left: 0, values, dateSystem: system, label: `${fileLabel}#${wanted.name}` },
    sheets: names,
  };
}
