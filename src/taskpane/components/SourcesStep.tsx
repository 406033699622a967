import { Dropdown, Field, Input, Option, OptionGroup } from "@fluentui/react-components";
import type { ReconKind } from "../../core/recon/profile";
import type { SourcePreview } from "../services";
import type { ReconForm, SideName, SourceChoice } from "../recon-form";
import { useStepStyles } from "./styles";

/** Where a side's header preview stands: none chosen yet, loading, loaded, or failed with a message. */
export type PreviewState =
  | { status: "none" }
  | { status: "loading" }
  | { status: "ok"; preview: SourcePreview }
  | { status: "error"; message: string };

export const KINDS: { kind: ReconKind; text: string }[] = [
  { kind: "trade", text: "Trade" },
  { kind: "position", text: "Position" },
  { kind: "cash", text: "Cash" },
  { kind: "custom", text: "Custom" },
];

export interface SourcesStepProps {
  form: ReconForm;
  choices: readonly SourceChoice[];
  previews: Record<SideName, PreviewState>;
  disabled: boolean;
  onKind(kind: ReconKind): void;
  onSource(side: SideName, id: string): void;
  onLabel(side: SideName, text: string): void;
}

/** Step 1: what kind of reconciliation, and which table or sheet holds each side. */
export function SourcesStep({ form, choices, previews, disabled, onKind, onSource, onLabel }: SourcesStepProps) {
  const styles = useStepStyles();
  const kindText = KINDS.find((k) => k.kind === form.kind)?.text ?? "";
  return (
    <div className={styles.stack}>
      <Field
        label="Kind"
        hint={
          form.kind === "custom"
            ? "Start from one empty pass: choose its keys and comparisons below."
            : "Starts from the kind's default passes and tolerances; edit them below."
        }
      >
        <Dropdown
          className={styles.control}
          data-testid="recon-kind"
          disabled={disabled}
          value={kindText}
          selectedOptions={[form.kind]}
          onOptionSelect={(_, d) => d.optionValue && onKind(d.optionValue as ReconKind)}
        >
          {KINDS.map((k) => (
            <Option key={k.kind} value={k.kind}>
              {k.text}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {(["left", "right"] as const).map((side) => (
        <SideSource
          key={side}
          side={side}
          legend={side === "left" ? "Left side" : "Right side"}
          sourceId={form[side].sourceId}
          label={form[side].label}
          choices={choices}
          preview={previews[side]}
          disabled={disabled}
          onSource={(id) => onSource(side, id)}
          onLabel={(text) => onLabel(side, text)}
        />
      ))}
    </div>
  );
}

interface SideSourceProps {
  side: SideName;
  legend: string;
  sourceId: string;
  label: string;
  choices: readonly SourceChoice[];
  preview: PreviewState;
  disabled: boolean;
  onSource(id: string): void;
  onLabel(text: string): void;
}

function SideSource({ side, legend, sourceId, label, choices, preview, disabled, onSource, onLabel }: SideSourceProps) {
  const styles = useStepStyles();
  const chosen = choices.find((c) => c.id === sourceId);
  const tables = choices.filter((c) => c.kind === "table");
  const sheets = choices.filter((c) => c.kind === "sheet");
  const hint =
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
        hint={preview.status === "error" ? undefined : hint}
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
          onOptionSelect={(_, d) => d.optionValue && onSource(d.optionValue)}
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
        validationState={label.trim() === "" ? "error" : "none"}
        validationMessage={label.trim() === "" ? "Give this side a name, e.g. Books." : undefined}
      >
        <Input
          className={styles.control}
          data-testid={`${side}-label`}
          disabled={disabled}
          value={label}
          onChange={(_, d) => onLabel(d.value)}
        />
      </Field>
    </fieldset>
  );
}
