import { Button, Field, makeStyles, ProgressBar, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export interface RunProgressProps {
  /** 0..1 as reported by the workflow. */
  fraction: number;
  message: string;
  cancelling: boolean;
  onCancel(): void;
}

export function RunProgress({ fraction, message, cancelling, onCancel }: RunProgressProps) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid="recon-progress">
      <Field
        label="Progress"
        validationMessage={cancelling ? "Cancelling…" : message || "Starting…"}
        validationState="none"
      >
        <ProgressBar value={Math.min(1, Math.max(0, fraction))} max={1} />
      </Field>
      <Button data-testid="recon-cancel" onClick={onCancel} disabled={cancelling}>
        Cancel
      </Button>
    </div>
  );
}
