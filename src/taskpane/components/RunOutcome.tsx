import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from "@fluentui/react-components";
import { errorDigest } from "../recon-form";
import { summaryLines } from "../recon-summary";
import type { ReconRunResult } from "../services";

/** How the last run ended. */
export type Outcome =
  | { kind: "done"; result: ReconRunResult }
  | { kind: "failed"; message: string }
  /** The workflow's own words on what a cancel left behind, when it said any. */
  | { kind: "cancelled"; message?: string };

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  body: { overflowWrap: "anywhere" },
  h: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export function RunOutcome({ outcome }: { outcome: Outcome }) {
  const styles = useStyles();
  if (outcome.kind === "cancelled") {
    return (
      <MessageBar intent="warning" data-testid="recon-cancelled">
        <MessageBarBody>
          <MessageBarTitle>Run cancelled.</MessageBarTitle>
          {outcome.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (outcome.kind === "failed") {
    return (
      <MessageBar intent="error" data-testid="recon-error" layout="multiline">
        <MessageBarBody className={styles.body}>
          <MessageBarTitle>Reconciliation did not run.</MessageBarTitle>
          {outcome.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const { result } = outcome;
  const lines = summaryLines(result.summary);
  const clean = result.breaks === 0 && result.errors.length === 0;
  const { shown, more } = errorDigest(result.errors);
  return (
    <div className={styles.root}>
      <MessageBar
        intent={!result.summary.conservation.holds ? "error" : clean ? "success" : "warning"}
        layout="multiline"
        data-testid="recon-result"
      >
        <MessageBarBody className={styles.body}>
          <MessageBarTitle>
            {result.breaks === 1 ? "1 break" : `${result.breaks} breaks`}: written to “{result.sheets.breaks}” and “
            {result.sheets.summary}”.
          </MessageBarTitle>
          <span data-testid="recon-comments-note">
            Owner, status, reason and comment you type in the {result.sheets.breaks} sheet are kept when you run again.
          </span>
        </MessageBarBody>
      </MessageBar>
      <section className={styles.body} data-testid="recon-summary" aria-label="Summary">
        <ul className={styles.list}>
          {lines.sides.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
        <h3 className={styles.h}>Breaks by code</h3>
        {lines.codes.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul className={styles.list} data-testid="recon-codes">
            {lines.codes.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        )}
        <h3 className={styles.h}>Match rate per pass</h3>
        <ul className={styles.list} data-testid="recon-pass-rates">
          {lines.passes.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
        <p data-testid="recon-conservation">{lines.conservation}</p>
      </section>
      {result.warnings.length > 0 && (
        <MessageBar intent="info" layout="multiline" data-testid="recon-warnings">
          <MessageBarBody className={styles.body}>
            <ul className={styles.list}>
              {result.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {shown.length > 0 && (
        <Accordion collapsible defaultOpenItems={["row-errors"]} data-testid="recon-row-errors">
          <AccordionItem value="row-errors">
            <AccordionHeader size="small">
              {result.errors.length === 1 ? "1 row error" : `${result.errors.length} row errors`}
            </AccordionHeader>
            <AccordionPanel>
              <ul className={styles.list}>
                {shown.map((e, i) => (
                  <li key={i} data-testid="recon-row-error">
                    {e}
                  </li>
                ))}
              </ul>
              {more > 0 && (
                <p data-testid="recon-more-errors">
                  {more} more in the {result.sheets.breaks} sheet.
                </p>
              )}
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
    </div>
  );
}
