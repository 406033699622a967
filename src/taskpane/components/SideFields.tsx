import { Dropdown, Field, Input, makeStyles, Option, OptionGroup, tokens } from "@fluentui/react-components";
import type { SourcePreview } from "../../io/workflows/recon-slice-types";
import { columnOptions } from "../recon-form";
import type { ColumnOption, SideDraft, SideName, SourceChoice } from "../recon-form";

/** Where a side's header preview stands: none chosen yet, loading, loaded, or failed with a message. */
export type PreviewState =
  | { status: "none" }
  | { status: "loading" }
  | { status: "ok"; preview: SourcePreview }
  | { status: "error"; message: string };

const useStyles = makeStyles({
  fieldset: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  legend: { padding: `0 ${tokens.spacingHorizontalXS}`, fontWeight: tokens.fontWeightSemibold },
  // Fluent's Dropdown has a 250 px minimum width; in a 320 px pane it must shrink with its column.
  control: { width: "100%", minWidth: 0, maxWidth: "100%" },
});

export interface SideFieldsProps {
  side: SideName;
  legend: string;
  draft: SideDraft;
  choices: readonly SourceChoice[];
  preview: PreviewState;
  disabled: boolean;
  onSource(id: string): void;
  onChange(next: SideDraft): void;
}

/** One side of the reconciliation: its source, its name in messages, its key and compare columns. */
export function SideFields({ side, legend, draft, choices, preview, disabled, onSource, onChange }: SideFieldsProps) {
  const styles = useStyles();
  const chosen = choices.find((c) => c.id === draft.sourceId);
  const tables = choices.filter((c) => c.kind === "table");
  const sheets = choices.filter((c) => c.kind === "sheet");
  const headers = preview.status === "ok" ? columnOptions(preview.preview.headers) : [];
  const columnsReady = preview.status === "ok" && !disabled;

  const sourceHint =
    preview.status === "ok"
      ? `Headers in row ${preview.preview.headerRow}, ${preview.preview.dataRows} data rows.`
      : preview.status === "loading"
        ? "Reading headers…"
        : choices.length === 0
          ? "No tables or sheets found; press Refresh after adding one."
          : undefined;

  return (
    <fieldset className={styles.fieldset} data-testid={`side-${side}`}>
      <legend className={styles.legend}>{legend}</legend>
      <Field
        label="Table or sheet"
        hint={preview.status === "error" ? undefined : sourceHint}
        validationState={preview.status === "error" ? "error" : "none"}
        validationMessage={preview.status === "error" ? preview.message : undefined}
      >
        <Dropdown
          className={styles.control}
          data-testid={`${side}-source`}
          placeholder="Choose a table or sheet"
          disabled={disabled}
          value={chosen?.text ?? ""}
          selectedOptions={chosen ? [chosen.id] : []}
          onOptionSelect={(_, data) => data.optionValue && onSource(data.optionValue)}
        >
          {tables.length > 0 && (
            <OptionGroup label="Tables">
              {tables.map((c) => (
                <Option key={c.id} value={c.id} text={c.text}>
                  {c.text}
                </Option>
              ))}
            </OptionGroup>
          )}
          {sheets.length > 0 && (
            <OptionGroup label="Sheets">
              {sheets.map((c) => (
                <Option key={c.id} value={c.id} text={c.text}>
                  {c.text}
                </Option>
              ))}
            </OptionGroup>
          )}
        </Dropdown>
      </Field>
      <Field
        label="Name in messages"
        validationState={draft.label.trim() === "" ? "error" : "none"}
        validationMessage={draft.label.trim() === "" ? "Give this side a name, e.g. Books." : undefined}
      >
        <Input
          className={styles.control}
          data-testid={`${side}-label`}
          disabled={disabled}
          value={draft.label}
          onChange={(_, data) => onChange({ ...draft, label: data.value })}
        />
      </Field>
      <ColumnField
        label="Key column"
        testId={`${side}-key`}
        headers={headers}
        value={draft.key}
        enabled={columnsReady}
        className={styles.control}
        onPick={(key) => onChange({ ...draft, key })}
      />
      <ColumnField
        label="Compare column"
        testId={`${side}-value`}
        headers={headers}
        value={draft.value}
        enabled={columnsReady}
        className={styles.control}
        onPick={(value) => onChange({ ...draft, value })}
      />
    </fieldset>
  );
}

interface ColumnFieldProps {
  label: string;
  testId: string;
  headers: readonly ColumnOption[];
  value: string;
  enabled: boolean;
  className: string;
  onPick(header: string): void;
}

function ColumnField({ label, testId, headers, value, enabled, className, onPick }: ColumnFieldProps) {
  return (
    <Field label={label}>
      <Dropdown
        className={className}
        data-testid={testId}
        placeholder={enabled ? "Choose a column" : "Choose the source first"}
        disabled={!enabled}
        value={value}
        selectedOptions={value ? [value] : []}
        onOptionSelect={(_, data) => data.optionValue !== undefined && onPick(data.optionValue)}
      >
        {headers.map(({ header, count }) =>
          count === 1 ? (
            <Option key={header} value={header}>
              {header}
            </Option>
          ) : (
            <Option key={header} value={header} text={header} disabled>
              {`${header} (on ${count} columns: rename one to use it)`}
            </Option>
          ),
        )}
      </Dropdown>
    </Field>
  );
}
