import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import type { FieldDef, ReconKind, ReconProfile } from "../../core/recon/profile";
import { passProblems } from "../pass-edit";
import {
  buildProfile,
  customProfile,
  fieldCatalogue,
  formFromProfile,
  formProblems,
  formReducer,
  missingSources,
  profileOf,
  requiredFields,
  SIDES,
  sourceChoices,
} from "../recon-form";
import type { ReconForm, SideName, SourceChoice } from "../recon-form";
import type { TaskpaneServices } from "../services";
import { MappingStep } from "./MappingStep";
import { PassesStep } from "./PassesStep";
import { ProfileBar } from "./ProfileBar";
import { RunOutcome } from "./RunOutcome";
import type { Outcome } from "./RunOutcome";
import { RunProgress } from "./RunProgress";
import { SourcesStep } from "./SourcesStep";
import type { PreviewState } from "./SourcesStep";
import { useStepStyles } from "./styles";
import { usePreview } from "./usePreview";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  panel: { minWidth: 0, paddingBottom: tokens.spacingVerticalS },
});

type Running = { fraction: number; message: string; cancelling: boolean };

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const STEPS = ["sources", "mapping-left", "mapping-right", "passes", "profiles"];

function headersOf(p: PreviewState): string[] | null {
  return p.status === "ok" ? p.preview.headers : null;
}

/**
 * The Reconcile tab: kind and sources, each side's column mapping, the passes, profiles kept in the
 * workbook, then Run with progress and Cancel, and the summary. Steps stack in one column (an
 * Accordion, all open at first) so the pane works at Excel's 320 px.
 */
export function ReconcilePanel({ services }: { services: TaskpaneServices }) {
  const styles = useStyles();
  const step = useStepStyles();
  const [choices, setChoices] = useState<SourceChoice[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [form, dispatch] = useReducer(formReducer, undefined, () =>
    formFromProfile(services.defaultProfile("trade"), []),
  );
  const [running, setRunning] = useState<Running | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [saved, setSaved] = useState<string[]>([]);
  const [profileStatus, setProfileStatus] = useState<{ intent: "ok" | "error"; text: string } | null>(null);
  const controller = useRef<AbortController | null>(null);
  const outcomeRef = useRef<HTMLDivElement | null>(null);

  const standard = useMemo<Record<ReconKind, FieldDef[]>>(
    () => ({
      trade: services.standardFields("trade"),
      position: services.standardFields("position"),
      cash: services.standardFields("cash"),
      custom: services.standardFields("custom"),
    }),
    [services],
  );
  const fields = useMemo(() => fieldCatalogue(form.kind, standard), [form.kind, standard]);

  // A side's mapping is proposed from its headers whenever they are (re)read, for the form's kind
  // when the answer arrives (the user may have changed kind meanwhile); choices the user made that
  // the headers still have are kept.
  const onHeaders = (side: SideName) => (headers: string[]) =>
    dispatch({
      type: "headers",
      side,
      headers,
      proposed: (kind) => services.proposeMapping(headers, fieldCatalogue(kind, standard)).mapping,
    });
  const previews: Record<SideName, PreviewState> = {
    left: usePreview(services, choices, form.left.sourceId, onHeaders("left")),
    right: usePreview(services, choices, form.right.sourceId, onHeaders("right")),
  };
  const headers = { left: headersOf(previews.left), right: headersOf(previews.right) };
  const proposals = {
    left: useMemo(
      () => (headers.left ? services.proposeMapping(headers.left, fields) : null),
      [services, headers.left, fields],
    ),
    right: useMemo(
      () => (headers.right ? services.proposeMapping(headers.right, fields) : null),
      [services, headers.right, fields],
    ),
  };

  const refreshProfiles = useCallback(async () => {
    try {
      setSaved(await services.listProfiles());
    } catch (e) {
      setSaved([]);
      setProfileStatus({ intent: "error", text: `Could not list saved profiles: ${messageOf(e)}` });
    }
  }, [services]);

  /** (Re)read the workbook's sources; picks whose source is gone are cleared, the others re-previewed. */
  const refresh = useCallback(async () => {
    try {
      const next = sourceChoices(await services.listSources());
      setListError(null);
      setChoices(next);
      dispatch({ type: "sources", available: next.map((c) => c.id) });
    } catch (e) {
      setListError(`Could not list the workbook's tables and sheets: ${messageOf(e)}`);
    }
  }, [services]);

  useEffect(() => {
    void refresh();
    void refreshProfiles();
  }, [refresh, refreshProfiles]);

  // The steps above the result are long at 320 px: bring the outcome into view when a run ends.
  useEffect(() => {
    if (outcome) outcomeRef.current?.scrollIntoView?.({ block: "start" });
  }, [outcome]);

  // A run still going when the pane goes away is told to stop rather than left writing unseen.
  useEffect(() => () => controller.current?.abort(), []);

  /**
   * Apply the already-read headers to a new form (another kind, a loaded profile) for the sides whose
   * source did not change: their preview will not be re-read, so nothing else would propose.
   */
  const withHeaders = (next: ReconForm): ReconForm => {
    const catalogue = fieldCatalogue(next.kind, standard);
    let out = next;
    for (const s of SIDES) {
      const h = headers[s];
      if (h && next[s].sourceId === form[s].sourceId) {
        out = formReducer(out, {
          type: "headers",
          side: s,
          headers: h,
          proposed: services.proposeMapping(h, catalogue).mapping,
        });
      }
    }
    return out;
  };

  const chooseKind = (kind: ReconKind) => {
    if (kind === form.kind) return;
    const profile: ReconProfile =
      kind === "custom"
        ? customProfile({ left: form.left.label, right: form.right.label })
        : services.defaultProfile(kind);
    const keep = { left: form.left.sourceId, right: form.right.sourceId };
    dispatch({ type: "replace", form: withHeaders(formFromProfile(profile, choices, keep)) });
  };

  const required = requiredFields(form);
  const sideHeaders = {
    left: form.left.sourceId !== "" ? (headers.left ?? undefined) : undefined,
    right: form.right.sourceId !== "" ? (headers.right ?? undefined) : undefined,
  };
  // Until both sides' headers are read, the mapping may belong to the previous source.
  const unread = SIDES.filter((s) => previews[s].status !== "ok" && form[s].sourceId !== "");
  const problems = [
    ...formProblems(form, choices, sideHeaders, fields),
    ...unread.map((s) =>
      previews[s].status === "error"
        ? `${form[s].label || s}: the source could not be read.`
        : `${form[s].label || s}: reading headers…`,
    ),
  ];
  const profile = unread.length === 0 ? buildProfile(form, choices, sideHeaders, fields) : null;
  const busy = running !== null;

  const run = async () => {
    if (!profile || busy) return;
    const ctl = new AbortController();
    controller.current = ctl;
    setOutcome(null);
    setRunning({ fraction: 0, message: "Starting…", cancelling: false });
    try {
      const result = await services.runRecon(
        profile,
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

  // Save keeps work in progress (a mapping not finished), but only passes the profile schema accepts.
  const passIssues = passProblems(form.passes, (f) => fields.find((d) => d.name === f)?.label ?? f);
  const saveBlocked =
    form.name.trim() === ""
      ? "Give the profile a name to save it."
      : passIssues.length > 0
        ? `Before saving: ${passIssues[0]}`
        : null;

  const save = async () => {
    const p = profileOf(form, choices);
    try {
      const replacing = saved.includes(p.name);
      await services.saveProfile(p);
      setProfileStatus({
        intent: "ok",
        text: replacing
          ? `Saved “${p.name}” in this workbook, replacing the profile of that name.`
          : `Saved “${p.name}” in this workbook.`,
      });
      await refreshProfiles();
    } catch (e) {
      setProfileStatus({ intent: "error", text: `Could not save: ${messageOf(e)}` });
    }
  };

  const load = async (name: string) => {
    try {
      const p = await services.loadProfile(name);
      const keep = { left: form.left.sourceId, right: form.right.sourceId };
      dispatch({ type: "replace", form: withHeaders(formFromProfile(p, choices, keep)) });
      setProfileStatus({ intent: "ok", text: [`Loaded “${p.name}”.`, ...missingSources(p, choices)].join(" ") });
    } catch (e) {
      setProfileStatus({ intent: "error", text: `Could not load “${name}”: ${messageOf(e)}` });
    }
  };

  return (
    <div className={styles.root} data-testid="panel-reconcile">
      <div className={step.row}>
        <Caption1>Tie two sides by a profile: kind, columns, passes.</Caption1>
        <Button
          size="small"
          data-testid="recon-refresh"
          onClick={() => void refresh().then(() => refreshProfiles())}
          disabled={busy}
        >
          Refresh
        </Button>
      </div>
      {listError && (
        <MessageBar intent="error" layout="multiline" data-testid="recon-list-error">
          <MessageBarBody>{listError}</MessageBarBody>
        </MessageBar>
      )}
      <Accordion multiple collapsible defaultOpenItems={STEPS}>
        <AccordionItem value="sources">
          <AccordionHeader size="small">1. Kind and sources</AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <SourcesStep
              form={form}
              choices={choices}
              previews={previews}
              disabled={busy}
              onKind={chooseKind}
              onSource={(side, id) => dispatch({ type: "source", side, id })}
              onLabel={(side, text) => dispatch({ type: "label", side, text })}
            />
          </AccordionPanel>
        </AccordionItem>
        {SIDES.map((s) => (
          <AccordionItem key={s} value={`mapping-${s}`}>
            <AccordionHeader size="small">{`2${s === "left" ? "a" : "b"}. Columns: ${form[s].label || s}`}</AccordionHeader>
            <AccordionPanel className={styles.panel}>
              <MappingStep
                side={s}
                state={form[s]}
                headers={form[s].sourceId !== "" ? headers[s] : null}
                proposal={proposals[s]}
                fields={fields}
                required={required}
                disabled={busy}
                onMap={(field, header) => dispatch({ type: "map", side: s, field, header })}
              />
            </AccordionPanel>
          </AccordionItem>
        ))}
        <AccordionItem value="passes">
          <AccordionHeader size="small">{`3. Passes (${form.passes.length})`}</AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <PassesStep
              passes={form.passes}
              sides={{ left: form.left.label || "left", right: form.right.label || "right" }}
              fields={fields}
              disabled={busy}
              onEdit={(action) => dispatch({ type: "pass", action })}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="profiles">
          <AccordionHeader size="small">4. Profile</AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <ProfileBar
              name={form.name}
              saved={saved}
              saveBlocked={saveBlocked}
              disabled={busy}
              status={profileStatus}
              onName={(text) => dispatch({ type: "name", text })}
              onSave={() => void save()}
              onLoad={(name) => void load(name)}
            />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      {running ? (
        <RunProgress
          fraction={running.fraction}
          message={running.message}
          cancelling={running.cancelling}
          onCancel={cancel}
        />
      ) : (
        <Field hint={problems.length > 0 ? `Before running: ${problems[0]}` : undefined}>
          <Button appearance="primary" data-testid="recon-run" disabled={!profile} onClick={() => void run()}>
            Run reconciliation
          </Button>
        </Field>
      )}
      <div aria-live="polite" ref={outcomeRef}>
        {outcome && <RunOutcome outcome={outcome} />}
      </div>
    </div>
  );
}
