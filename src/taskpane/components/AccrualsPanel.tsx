/**
 * The Accruals tab: choose the input sheets (or tables) and the period, run the month-end accrual
 * workflow, follow its progress (cancellable), read the summary and the input errors.
 *
 * Self-contained: it gets the workbook's sources and the run as callbacks (props) and never calls
 * Office.js. Laid out as one column so that it works in a 320 px task pane. The form logic is in
 * plain exported functions (accrualsDraftFrom, accrualsProblems, buildAccrualsRequest) so that unit
 * tests check what the pane would send.
 */
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import { formatIso, parseIso } from "../../core/dates/civil";
import type { Progress, SourceList, SourceRef } from "../../io/port";
import { monthPeriod } from "../../io/workflows/accruals";
import type { AccrualsRequest, AccrualsResult } from "../../io/workflows/accruals-types";

export type AccrualSource = "instruments" | "fees" | "nav" | "opening" | "payments" | "holidays";

export const ACCRUAL_SOURCES: readonly { key: AccrualSource; label: string; required: boolean; hint: string }[] = [
  { key: "instruments", label: "Instruments", required: true, hint: "Bonds, deposits and loans" },
  { key: "fees", label: "Fees", required: false, hint: "MGMT, ADMIN and EXPENSE terms" },
  { key: "nav", label: "NAV", required: false, hint: "Date, NAV (and GAV) for the fees" },
  {
    key: "opening",
    label: "Opening",
    required: false,
    hint: "Last period's closing accruals; without it instruments are computed and fees start at 0",
  },
  { key: "payments", label: "Payments", required: false, hint: "Coupons and interest received, fees paid" },
  { key: "holidays", label: "Holidays", required: false, hint: "Calendar, Date: for the instruments' Calendar column" },
];

/** A source choice as a string key: "sheet:Name", "table:Name", or "" for none. */
export type SourceKey = string;

export interface AccrualsDraft {
  sources: Record<AccrualSource, SourceKey>;
  /** "2026-10". */
  month: string;
  custom: boolean;
  /** yyyy-mm-dd, used when custom. */
  from: string;
  to: string;
}

export function sourceKeyOf(ref: SourceRef): SourceKey {
  return ref.table ? `table:${ref.table}` : ref.sheet ? `sheet:${ref.sheet}` : "";
}

export function sourceRefOf(key: SourceKey): SourceRef | undefined {
  if (key.startsWith("table:")) return { table: key.slice(6) };
  if (key.startsWith("sheet:")) return { sheet: key.slice(6) };
  return undefined;
}

/** Choices for one picker: the workbook's tables, then its sheets. */
export function sourceOptions(list: SourceList): { key: SourceKey; text: string }[] {
  return [
    ...list.tables.map((t) => ({ key: `table:${t.name}`, text: `${t.name} (table on ${t.sheet})` })),
    ...list.sheets.map((s) => ({ key: `sheet:${s}`, text: s })),
  ];
}

/** The month before `today` as yyyy-mm: a month-end close is run for the month just ended. */
export function previousMonth(today: { y: number; m: number }): string {
  const y = today.m === 1 ? today.y - 1 : today.y;
  const m = today.m === 1 ? 12 : today.m - 1;
  return `${y}-${String(m).padStart(2, "0")}`;
}

/**
 * The first draft for a workbook: each picker takes the sheet (or table) named like it
 * ("Instruments", "NAV" ...), case-insensitively; a table of that name wins over a sheet.
 */
export function accrualsDraftFrom(list: SourceList, month: string): AccrualsDraft {
  const sources = {} as Record<AccrualSource, SourceKey>;
  for (const s of ACCRUAL_SOURCES) {
    const want = s.label.toLowerCase();
    const table = list.tables.find((t) => t.name.toLowerCase() === want);
    const sheet = list.sheets.find((x) => x.toLowerCase() === want);
    sources[s.key] = table ? `table:${table.name}` : sheet ? `sheet:${sheet}` : "";
  }
  return { sources, month, custom: false, from: "", to: "" };
}

/** What stops a run, in words for the pane; empty when the draft can be run. */
export function accrualsProblems(d: AccrualsDraft): string[] {
  const problems: string[] = [];
  if (!d.sources.instruments) problems.push("Choose the Instruments sheet.");
  if (d.custom) {
    const from = parseIso(d.from);
    const to = parseIso(d.to);
    if (from === undefined) problems.push("Enter the first day of the period (yyyy-mm-dd).");
    if (to === undefined) problems.push("Enter the last day of the period (yyyy-mm-dd).");
    if (from !== undefined && to !== undefined && to < from) problems.push("The period ends before it starts.");
  } else if (!monthPeriod(d.month)) {
    problems.push("Enter the month as yyyy-mm, e.g. 2026-10.");
  }
  return problems;
}

/** The workflow request the draft stands for (call accrualsProblems first). */
export function buildAccrualsRequest(d: AccrualsDraft): AccrualsRequest {
  const period = d.custom ? { from: parseIso(d.from)!, to: parseIso(d.to)! } : monthPeriod(d.month)!;
  const ref = (k: AccrualSource) => sourceRefOf(d.sources[k]);
  return {
    instruments: ref("instruments")!,
    fees: ref("fees"),
    nav: ref("nav"),
    opening: ref("opening"),
    payments: ref("payments"),
    holidays: ref("holidays"),
    ...period,
  };
}

export interface AccrualsPanelProps {
  /** The open workbook's sheets and tables. */
  listSources(): Promise<SourceList>;
  /** Runs the workflow and writes its sheets; rejects when the whole run fails (nothing written then). */
  runAccruals(req: AccrualsRequest, onProgress: Progress, signal: AbortSignal): Promise<AccrualsResult>;
  /** Month shown at first (yyyy-mm); default the month before today. */
  initialMonth?: string;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  full: { width: "100%", minWidth: 0 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  body: { overflowWrap: "anywhere" },
});

type Outcome =
  | { kind: "done"; result: AccrualsResult }
  | { kind: "failed"; message: string }
  | { kind: "cancelled"; message: string };

const SHOWN = 10;

function todayMonth(): string {
  // The pane's only clock read: which month to offer first. The engine never sees a Date.
  const now = new Date();
  return previousMonth({ y: now.getFullYear(), m: now.getMonth() + 1 });
}

export function AccrualsPanel({ listSources, runAccruals, initialMonth }: AccrualsPanelProps) {
  const styles = useStyles();
  const [sources, setSources] = useState<SourceList>({ sheets: [], tables: [] });
  const [loadError, setLoadError] = useState<string | undefined>();
  const [draft, setDraft] = useState<AccrualsDraft>(() =>
    accrualsDraftFrom({ sheets: [], tables: [] }, initialMonth ?? todayMonth()),
  );
  const [running, setRunning] = useState<{ fraction: number; message: string; cancelling: boolean } | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const controller = useRef<AbortController | undefined>(undefined);
  const mounted = useRef(true);

  const refresh = useCallback(async () => {
    try {
      const list = await listSources();
      if (!mounted.current) return;
      setSources(list);
      setLoadError(undefined);
      // Keep the user's picks that still exist; fill the rest by name.
      setDraft((d) => {
        const fresh = accrualsDraftFrom(list, d.month);
        const valid = new Set(sourceOptions(list).map((o) => o.key));
        const kept = { ...fresh.sources };
        for (const s of ACCRUAL_SOURCES)
          if (d.sources[s.key] && valid.has(d.sources[s.key])) kept[s.key] = d.sources[s.key];
        return { ...d, sources: kept };
      });
    } catch (e) {
      if (mounted.current) setLoadError(e instanceof Error ? e.message : String(e));
    }
  }, [listSources]);

  useEffect(() => {
    mounted.current = true;
    void refresh();
    return () => {
      mounted.current = false;
      controller.current?.abort();
    };
  }, [refresh]);

  const options = sourceOptions(sources);
  const textOf = (key: SourceKey) => options.find((o) => o.key === key)?.text ?? "";
  const problems = accrualsProblems(draft);

  const run = async () => {
    if (problems.length > 0 || running) return;
    const ac = new AbortController();
    controller.current = ac;
    setOutcome(undefined);
    setRunning({ fraction: 0, message: "Starting…", cancelling: false });
    try {
      const result = await runAccruals(
        buildAccrualsRequest(draft),
        (fraction, message) => {
          if (mounted.current) setRunning((r) => (r ? { ...r, fraction, message } : r));
        },
        ac.signal,
      );
      if (mounted.current) setOutcome({ kind: "done", result });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (mounted.current) setOutcome(ac.signal.aborted ? { kind: "cancelled", message } : { kind: "failed", message });
    } finally {
      controller.current = undefined;
      if (mounted.current) setRunning(undefined);
    }
  };

  const cancel = () => {
    controller.current?.abort();
    setRunning((r) => (r ? { ...r, cancelling: true } : r));
  };

  return (
    <div className={styles.root} data-testid="accruals-panel">
      {loadError && (
        <MessageBar intent="error">
          <MessageBarBody className={styles.body}>
            Could not list the workbook&apos;s sheets: {loadError}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.group}>
        {ACCRUAL_SOURCES.map((s) => (
          <Field key={s.key} label={s.label} hint={s.hint} required={s.required}>
            <Dropdown
              className={styles.full}
              data-testid={`accruals-source-${s.key}`}
              placeholder={s.required ? "Choose a sheet" : "(none)"}
              value={textOf(draft.sources[s.key])}
              selectedOptions={draft.sources[s.key] ? [draft.sources[s.key]] : []}
              disabled={!!running}
              onOpenChange={(_, data) => {
                if (data.open) void refresh();
              }}
              onOptionSelect={(_, data) =>
                setDraft((d) => ({ ...d, sources: { ...d.sources, [s.key]: data.optionValue ?? "" } }))
              }
            >
              {!s.required && <Option value="">(none)</Option>}
              {options.map((o) => (
                <Option key={o.key} value={o.key}>
                  {o.text}
                </Option>
              ))}
            </Dropdown>
          </Field>
        ))}
      </div>
      <div className={styles.group}>
        {draft.custom ? (
          <div className={styles.row}>
            <Field label="From" required>
              <Input
                type="date"
                data-testid="accruals-from"
                value={draft.from}
                disabled={!!running}
                onChange={(_, data) => setDraft((d) => ({ ...d, from: data.value }))}
              />
            </Field>
            <Field label="To" required>
              <Input
                type="date"
                data-testid="accruals-to"
                value={draft.to}
                disabled={!!running}
                onChange={(_, data) => setDraft((d) => ({ ...d, to: data.value }))}
              />
            </Field>
          </div>
        ) : (
          <Field label="Month" hint="yyyy-mm; the period is its first to its last day" required>
            <Input
              data-testid="accruals-month"
              className={styles.full}
              value={draft.month}
              placeholder="2026-10"
              disabled={!!running}
              onChange={(_, data) => setDraft((d) => ({ ...d, month: data.value }))}
            />
          </Field>
        )}
        <Checkbox
          label="Other dates than a calendar month"
          checked={draft.custom}
          disabled={!!running}
          onChange={(_, data) => {
            const custom = data.checked === true;
            setDraft((d) => {
              // Start the custom dates from the month shown, so switching over keeps the period.
              const p = monthPeriod(d.month);
              return custom && p && d.from === "" && d.to === ""
                ? { ...d, custom, from: formatIso(p.from), to: formatIso(p.to) }
                : { ...d, custom };
            });
          }}
        />
      </div>
      {problems.length > 0 && !running && (
        <ul className={styles.list} data-testid="accruals-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {running ? (
        <div className={styles.group} data-testid="accruals-progress">
          <Field
            label="Progress"
            validationMessage={running.cancelling ? "Cancelling…" : running.message}
            validationState="none"
          >
            <ProgressBar value={Math.min(1, Math.max(0, running.fraction))} max={1} />
          </Field>
          <Button data-testid="accruals-cancel" onClick={cancel} disabled={running.cancelling}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button
          appearance="primary"
          data-testid="accruals-run"
          disabled={problems.length > 0}
          onClick={() => void run()}
        >
          Run accruals
        </Button>
      )}
      {outcome && <AccrualsOutcome outcome={outcome} />}
    </div>
  );
}

function AccrualsOutcome({ outcome }: { outcome: Outcome }) {
  const styles = useStyles();
  if (outcome.kind !== "done") {
    return (
      <MessageBar intent={outcome.kind === "failed" ? "error" : "warning"} data-testid="accruals-outcome">
        <MessageBarBody className={styles.body}>
          <MessageBarTitle>{outcome.kind === "failed" ? "Not run" : "Cancelled"}</MessageBarTitle>
          {outcome.message}
          {outcome.kind === "failed" ? " Nothing was written." : ""}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const { result } = outcome;
  const errors = result.errors;
  return (
    <div className={styles.group} data-testid="accruals-outcome">
      <MessageBar intent={errors.length > 0 ? "warning" : "success"}>
        <MessageBarBody className={styles.body}>
          <MessageBarTitle>{errors.length > 0 ? "Done, with input errors" : "Done"}</MessageBarTitle>
          {result.summary}. Sheets: {result.sheets.join(", ")}.
        </MessageBarBody>
      </MessageBar>
      {errors.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody className={styles.body}>
            <MessageBarTitle>
              {errors.length} input error{errors.length === 1 ? "" : "s"}: the items concerned were left out
            </MessageBarTitle>
            <ul className={styles.list}>
              {errors.slice(0, SHOWN).map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
            {errors.length > SHOWN &&
              `… and ${errors.length - SHOWN} more in the ${result.sheets[3] ?? "Accrual errors"} sheet.`}
          </MessageBarBody>
        </MessageBar>
      )}
      {result.warnings.length > 0 && (
        <MessageBar intent="info">
          <MessageBarBody className={styles.body}>
            <MessageBarTitle>Notes</MessageBarTitle>
            <ul className={styles.list}>
              {result.warnings.slice(0, SHOWN).map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
            {result.warnings.length > SHOWN && `… and ${result.warnings.length - SHOWN} more in the Notes column.`}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
