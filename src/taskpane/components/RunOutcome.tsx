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
import type { ReconSliceResult } from "../../io/workflows/recon-slice-types";
import { errorDigest } from "../recon-form";

/** How the last run ended. */
export type Outcome =
  | { kind: "done"; result: ReconSliceResult }
  | { kind: "failed"; message: string }
  /** The workflow's own words on what a cancel left behind, when it said any. */
  | { kind: "cancelled"; message?: string };

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  body: { overflowWrap: "anywhere" },
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
  const clean = result.counts.breaks === 0 && result.errors.length === 0;
  const { shown, more } = errorDigest(result.errors);
  return (
    <div className={styles.root}>
      <MessageBar intent={clean ? "success" : "warning"} layout="multiline" data-testid="recon-result">
        <MessageBarBody className={styles.body}>
          <MessageBarTitle>Written to sheet “{result.sheet}”.</MessageBarTitle>
          <span data-testid="recon-summary">{result.summary}</span>
        </MessageBarBody>
      </MessageBar>
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
                  {more} more in the {result.sheet} sheet.
                </p>
              )}
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
    </div>
  );
}
