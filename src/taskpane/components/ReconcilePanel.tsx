import {
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import { buildRequest, draftProblems, initialDraft, keepColumns, sourceChoices } from "../recon-form";
import type { ReconDraft, SideDraft, SideName, SourceChoice } from "../recon-form";
import type { TaskpaneServices } from "../services";
import { checkTolerance } from "../tolerance";
import { RunOutcome } from "./RunOutcome";
import type { Outcome } from "./RunOutcome";
import { RunProgress } from "./RunProgress";
import { SideFields } from "./SideFields";
import type { PreviewState } from "./SideFields";
import { usePreview } from "./usePreview";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  control: { width: "100%", minWidth: 0 },
});

type Running = { fraction: number; message: string; cancelling: boolean };

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function ReconcilePanel({ services }: { services: TaskpaneServices }) {
  const styles = useStyles();
  const [choices, setChoices] = useState<SourceChoice[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [draft, setDraft] = useState<ReconDraft>(initialDraft);
  const [running, setRunning] = useState<Running | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const controller = useRef<AbortController | null>(null);

  // Column choices survive a re-read only if the source still has those headers.
  const keepFor = (side: SideName) => (headers: string[]) =>
    setDraft((d) => ({ ...d, [side]: keepColumns(d[side], headers) }));
  const previews: Record<SideName, PreviewState> = {
    left: usePreview(services, choices, draft.left.sourceId, keepFor("left")),
    right: usePreview(services, choices, draft.right.sourceId, keepFor("right")),
  };

  /** (Re)read the workbook's sources; picks whose source is gone are cleared, the others re-previewed. */
  const refresh = useCallback(async () => {
    try {
      const next = sourceChoices(await services.listSources());
      setListError(null);
      setChoices(next);
      const keep = (s: SideDraft): SideDraft =>
        next.some((c) => c.id === s.sourceId) ? s : { ...s, sourceId: "", key: "", value: "" };
      setDraft((d) => ({ ...d, left: keep(d.left), right: keep(d.right) }));
    } catch (e) {
      setListError(`Could not list the workbook's tables and sheets: ${messageOf(e)}`);
    }
  }, [services]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A run still going when the pane goes away is told to stop rather than left writing unseen.
  useEffect(() => () => controller.current?.abort(), []);

  const chooseSource = (side: SideName, id: string) =>
    setDraft((d) => ({ ...d, [side]: { ...d[side], sourceId: id } }));

  const tolerance = checkTolerance(draft.tolerance);
  // Until both sides' headers are read, the column picks may belong to the previous source.
  const unread = (["left", "right"] as const).filter(
    (side) => previews[side].status !== "ok" && draft[side].sourceId !== "",
  );
  const problems = [
    ...draftProblems(draft, choices),
    ...unread.map((side) =>
      previews[side].status === "error"
        ? `${draft[side].label || side}: the source could not be read.`
        : `${draft[side].label || side}: reading headers…`,
    ),
  ];
  const request = unread.length === 0 ? buildRequest(draft, choices) : null;
  const busy = running !== null;

  const run = async () => {
    if (!request || busy) return;
    const ctl = new AbortController();
    controller.current = ctl;
    setOutcome(null);
    setRunning({ fraction: 0, message: "Starting…", cancelling: false });
    try {
      const result = await services.runReconcile(
        request,
        (fraction, message) => setRunning((r) => (r ? { ...r, fraction, message } : r)),
        ctl.signal,
      );
      setOutcome({ kind: "done", result });
    } catch (e) {
      setOutcome(
        ctl.signal.aborted ? { kind: "cancelled", message: messageOf(e) } : { kind: "failed", message: messageOf(e) },
      );
    } finally {
      controller.current = null;
      setRunning(null);
    }
  };

  const cancel = () => {
    controller.current?.abort();
    setRunning((r) => (r ? { ...r, cancelling: true } : r));
  };

  const update = (side: SideName) => (next: SideDraft) => setDraft((d) => ({ ...d, [side]: next }));

  return (
    <div className={styles.root} data-testid="panel-reconcile">
      <div className={styles.row}>
        <Caption1>Compare one number column of two tables or sheets, matched on a key column.</Caption1>
        <Button size="small" data-testid="recon-refresh" onClick={() => void refresh()} disabled={busy}>
          Refresh
        </Button>
      </div>
      {listError && (
        <MessageBar intent="error" layout="multiline" data-testid="recon-list-error">
          <MessageBarBody>{listError}</MessageBarBody>
        </MessageBar>
      )}
      {(["left", "right"] as const).map((side) => (
        <SideFields
          key={side}
          side={side}
          legend={side === "left" ? "Left side" : "Right side"}
          draft={draft[side]}
          choices={choices}
          preview={previews[side]}
          disabled={busy}
          onSource={(id) => chooseSource(side, id)}
          onChange={update(side)}
        />
      ))}
      <Field
        label="Tolerance (absolute)"
        hint={tolerance.ok ? "Differences up to this amount count as matched." : undefined}
        validationState={tolerance.ok ? "none" : "error"}
        validationMessage={tolerance.ok ? undefined : tolerance.message}
      >
        <Input
          className={styles.control}
          data-testid="recon-tolerance"
          inputMode="decimal"
          disabled={busy}
          value={draft.tolerance}
          onChange={(_, data) => setDraft((d) => ({ ...d, tolerance: data.value }))}
        />
      </Field>
      {running ? (
        <RunProgress
          fraction={running.fraction}
          message={running.message}
          cancelling={running.cancelling}
          onCancel={cancel}
        />
      ) : (
        <Field hint={problems.length > 0 ? `Before running: ${problems[0]}` : undefined}>
          <Button appearance="primary" data-testid="recon-run" disabled={!request} onClick={() => void run()}>
            Run reconciliation
          </Button>
        </Field>
      )}
      <div aria-live="polite">{outcome && <RunOutcome outcome={outcome} />}</div>
    </div>
  );
}
