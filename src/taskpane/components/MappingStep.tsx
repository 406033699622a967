import { Badge, Caption1, Dropdown, Field, Option } from "@fluentui/react-components";
import type { FieldDef } from "../../core/recon/profile";
import { columnOptions, unmappedHeaders } from "../recon-form";
import type { SideName, SideState } from "../recon-form";
import type { MappingProposal } from "../services";
import { useStepStyles } from "./styles";

const NOT_MAPPED = "";

export interface MappingStepProps {
  side: SideName;
  state: SideState;
  /** The side's header texts, or null while they are not read. */
  headers: readonly string[] | null;
  /** The proposal for these headers, for the ambiguous-field notes. */
  proposal: MappingProposal | null;
  fields: readonly FieldDef[];
  required: readonly string[];
  disabled: boolean;
  onMap(field: string, header: string): void;
}

/**
 * Step 2, one side: which header holds each field. Filled from proposeMapping when the headers are
 * read; every choice is editable. Fields a pass uses are flagged required; headers no field uses are
 * listed, so a column the proposal missed is easy to spot.
 */
export function MappingStep({ side, state, headers, proposal, fields, required, disabled, onMap }: MappingStepProps) {
  const styles = useStepStyles();
  if (headers === null) {
    return <Caption1 data-testid={`${side}-mapping-wait`}>Choose this side&apos;s table or sheet first.</Caption1>;
  }
  const options = columnOptions(headers);
  const unmapped = unmappedHeaders(headers, state.mapping);
  // Fields the passes use first, so the ones that matter are at the top of a long list.
  const ordered = [...fields].sort((a, b) => Number(required.includes(b.name)) - Number(required.includes(a.name)));
  return (
    <div className={styles.stack} data-testid={`${side}-mapping`}>
      {ordered.map((f) => {
        const header = state.mapping[f.name] ?? NOT_MAPPED;
        const isRequired = required.includes(f.name);
        const ambiguous = proposal?.ambiguous.find((a) => a.field === f.name);
        const missing = isRequired && header === NOT_MAPPED;
        return (
          <Field
            key={f.name}
            label={
              <span className={styles.row}>
                {f.label}
                {isRequired && (
                  <Badge size="small" appearance="tint" color={missing ? "danger" : "brand"}>
                    required
                  </Badge>
                )}
              </span>
            }
            validationState={missing ? "error" : "none"}
            validationMessage={
              missing
                ? "A pass uses this field: choose its column."
                : ambiguous && header === NOT_MAPPED
                  ? `Could be ${ambiguous.headers.map((h) => `'${h}'`).join(" or ")}: choose one.`
                  : undefined
            }
          >
            <Dropdown
              className={styles.control}
              data-testid={`${side}-map-${f.name}`}
              disabled={disabled}
              value={header === NOT_MAPPED ? "(not mapped)" : header}
              selectedOptions={[header]}
              onOptionSelect={(_, d) => d.optionValue !== undefined && onMap(f.name, d.optionValue)}
            >
              <Option value={NOT_MAPPED} text="(not mapped)">
                (not mapped)
              </Option>
              {options.map(({ header: h, count }) =>
                count === 1 ? (
                  <Option key={h} value={h}>
                    {h}
                  </Option>
                ) : (
                  <Option key={h} value={h} text={h} disabled>
                    {`${h} (on ${count} columns: rename one to use it)`}
                  </Option>
                ),
              )}
            </Dropdown>
          </Field>
        );
      })}
      <Caption1 className={styles.wrap} data-testid={`${side}-unmapped`}>
        {unmapped.length === 0 ? "Every column is mapped." : `Not used: ${unmapped.join(", ")}.`}
      </Caption1>
    </div>
  );
}
