import { Body1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  code: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
});

export interface PlaceholderPanelProps {
  title: string;
  /** What the panel will do, in one or two sentences. */
  coming: string;
  /** Custom functions that already work in cells today, each with an optional note. */
  functions: { formula: string; note?: string }[];
}

/** An honest "not built yet" panel: says what is coming and what already works, offers no dead buttons. */
export function PlaceholderPanel({ title, coming, functions }: PlaceholderPanelProps) {
  const styles = useStyles();
  return (
    <section role="tabpanel" aria-label={title} className={styles.root} data-testid={`panel-${title.toLowerCase()}`}>
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>{title} is not in the pane yet.</MessageBarTitle>
          {coming}
        </MessageBarBody>
      </MessageBar>
      <Body1>The custom functions already work in any cell, for example:</Body1>
      <ul>
        {functions.map(({ formula, note }) => (
          <li key={formula}>
            <code className={styles.code}>{formula}</code>
            {note && ` — ${note}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
