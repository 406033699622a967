/**
 * Browser stand-in for Microsoft's office.js, backed by one memory host. The browser test serves the
 * webpack build of this file (dist/test-host/fake-office.js) where taskpane.html loads office.js
 * from the CDN, so the real pane runs against a workbook the test seeds and inspects:
 *
 *   window.__boHost.addSheet("Books", [["Ref", "Amount"], ["T1", 100]]);
 *   ... drive the pane ...
 *   window.__boHost.getSheet("Breaks")      // values, numberFormats, tables, customProperties...
 *   window.__boHost.exportSheet("Breaks")   // the used range as CSV text
 *
 * Globals installed: Office (onReady resolving { host: "Excel" }, HostType, PlatformType,
 * context.requirements.isSetSupported -> true), Excel (run, RequestContext) and CustomFunctions
 * (associate, Error, ErrorCode), since the add-in's functions bundle calls CustomFunctions.associate
 * on load and office.js provides it inside Excel. Office.actions is left out on purpose: there is no
 * ribbon here, and src/commands checks for it.
 */
import type { Cell } from "./model";
import { createMemoryHost, MemoryHost, SheetSnapshot } from "./index";

export interface BoHost {
  addSheet: MemoryHost["addSheet"];
  addTable: MemoryHost["addTable"];
  setDateSystem: MemoryHost["setDateSystem"];
  /** The sheet's contents, or undefined if there is no such sheet. */
  getSheet(name: string): SheetSnapshot | undefined;
  sheetNames(): string[];
  /** The used range from A1 as CSV (RFC 4180 quoting), or undefined if there is no such sheet. */
  exportSheet(name: string): string | undefined;
  stats(): MemoryHost["stats"];
  resetStats(): void;
  /** Custom function ids the page associated, in order. */
  customFunctions(): string[];
}

function csvField(v: Cell): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function installFakeOffice(
  target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>,
): BoHost {
  const host = createMemoryHost();
  const associated: string[] = [];
  const has = (name: string) => host.sheetNames().some((n) => n.toLowerCase() === name.toLowerCase());

  const HostType = {
    Excel: "Excel",
    Word: "Word",
    PowerPoint: "PowerPoint",
    Outlook: "Outlook",
    OneNote: "OneNote",
    Project: "Project",
    Access: "Access",
  };
  const PlatformType = {
    PC: "PC",
    OfficeOnline: "OfficeOnline",
    Mac: "Mac",
    iOS: "iOS",
    Android: "Android",
    Universal: "Universal",
  };
  const info = { host: HostType.Excel, platform: PlatformType.OfficeOnline };
  const Office = {
    HostType,
    PlatformType,
    context: {
      host: HostType.Excel,
      platform: PlatformType.OfficeOnline,
      requirements: { isSetSupported: (_name: string, _version?: string) => true },
      diagnostics: { host: HostType.Excel, platform: PlatformType.OfficeOnline, version: "16.0.0.0" },
    },
    initialize: undefined as undefined | ((reason: unknown) => void),
    /** Like office.js: the callback runs asynchronously, once, and the promise resolves with the same info. */
    onReady(callback?: (i: typeof info) => void): Promise<typeof info> {
      return Promise.resolve().then(() => {
        callback?.(info);
        return info;
      });
    },
  };

  const ErrorCode = {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  };
  class CustomFunctionsError extends Error {
    constructor(
      public readonly code: string,
      message?: string,
    ) {
      super(message ?? code);
      this.name = "CustomFunctions.Error";
    }
  }
  const CustomFunctions = {
    associate(id: string | Record<string, unknown>, _fn?: unknown) {
      if (typeof id === "string") associated.push(id);
      else associated.push(...Object.keys(id));
    },
    Error: CustomFunctionsError,
    ErrorCode,
  };

  const boHost: BoHost = {
    addSheet: (...args) => host.addSheet(...args),
    addTable: (...args) => host.addTable(...args),
    setDateSystem: (s) => host.setDateSystem(s),
    getSheet: (name) => (has(name) ? host.getSheet(name) : undefined),
    sheetNames: () => host.sheetNames(),
    exportSheet: (name) =>
      has(name)
        ? host
            .getSheet(name)
            .values.map((row) => row.map(csvField).join(","))
            .join("\r\n")
        : undefined,
    stats: () => host.stats,
    resetStats: () => host.resetStats(),
    customFunctions: () => [...associated],
  };

  target.Office = Office;
  target.Excel = host.Excel;
  target.CustomFunctions = CustomFunctions;
  target.__boHost = boHost;
  return boHost;
}

installFakeOffice();
