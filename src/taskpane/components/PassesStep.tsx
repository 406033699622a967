import {
  Button,
  Caption1,
  Card,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Tag,
  TagGroup,
  tokens,
} from "@fluentui/react-components";
import type { FieldDef, PassConfig } from "../../core/recon/profile";
import { CARDINALITIES, cardinalityText, describeRule, RULE_KINDS, ruleProblems } from "../pass-edit";
import type { PassDraft, RuleDraft, RuleKind } from "../pass-edit";
import type { PassEdit } from "../recon-form";
import { useStepStyles } from "./styles";

const useStyles = makeStyles({
  card: { padding: tokens.spacingVerticalS, gap: tokens.spacingVerticalS, minWidth: 0 },
  rule: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  number: { width: "100%", minWidth: 0 },
});

const MISMATCH: { value: PassConfig["onMismatch"]; text: string }[] = [
  { value: "break", text: "Break: pair them, report the differences" },
  { value: "no-match", text: "No match: leave them for the next pass" },
];

export interface PassesStepProps {
  passes: readonly PassDraft[];
  /** The sides' names, for rules said in words. */
  sides: { left: string; right: string };
  fields: readonly FieldDef[];
  disabled: boolean;
  onEdit(edit: PassEdit): void;
}

/** Step 3: the ordered passes. What one pass leaves unmatched goes on to the next. */
export function PassesStep({ passes, sides, fields, disabled, onEdit }: PassesStepProps) {
  const styles = useStepStyles();
  return (
    <div className={styles.stack} data-testid="recon-passes">
      <Caption1>Passes run in order; rows a pass leaves unmatched go on to the next.</Caption1>
      {passes.map((p, i) => (
        <PassCard
          key={p.key}
          index={i}
          count={passes.length}
          pass={p}
          sides={sides}
          fields={fields}
          disabled={disabled}
          onEdit={onEdit}
        />
      ))}
      <Button data-testid="pass-add" disabled={disabled} onClick={() => onEdit({ type: "add-pass" })}>
        Add pass
      </Button>
    </div>
  );
}

interface PassCardProps {
  index: number;
  count: number;
  pass: PassDraft;
  sides: { left: string; right: string };
  fields: readonly FieldDef[];
  disabled: boolean;
  onEdit(edit: PassEdit): void;
}

function PassCard({ index, count, pass, sides, fields, disabled, onEdit }: PassCardProps) {
  const step = useStepStyles();
  const styles = useStyles();
  const id = `pass-${index}`;
  const labelOf = (f: string) => fields.find((d) => d.name === f)?.label ?? f;
  const { config } = pass;
  const freeKeys = fields.filter((f) => !config.keys.includes(f.name));
  const freeRules = fields.filter((f) => !pass.compare.some((r) => r.field === f.name));
  const cardinality = cardinalityText(config.cardinality, sides);
  const mismatch = MISMATCH.find((m) => m.value === config.onMismatch)?.text ?? config.onMismatch;
  return (
    <Card className={styles.card} data-testid={id} aria-label={`Pass ${index + 1}: ${config.name}`}>
      <Field label={`Pass ${index + 1}`}>
        <Input
          className={step.control}
          data-testid={`${id}-name`}
          disabled={disabled}
          value={config.name}
          onChange={(_, d) => onEdit({ type: "rename-pass", index, name: d.value })}
        />
      </Field>
      <div className={step.row}>
        <Button
          size="small"
          data-testid={`${id}-up`}
          aria-label={`Move pass ${index + 1} up`}
          disabled={disabled || index === 0}
          onClick={() => onEdit({ type: "move-pass", index, by: -1 })}
        >
          Up
        </Button>
        <Button
          size="small"
          data-testid={`${id}-down`}
          aria-label={`Move pass ${index + 1} down`}
          disabled={disabled || index === count - 1}
          onClick={() => onEdit({ type: "move-pass", index, by: 1 })}
        >
          Down
        </Button>
        <Button
          size="small"
          data-testid={`${id}-remove`}
          aria-label={`Remove pass ${index + 1}`}
          disabled={disabled}
          onClick={() => onEdit({ type: "remove-pass", index })}
        >
          Remove
        </Button>
      </div>
      <Field label="Keys (must be equal)">
        <TagGroup
          className={step.row}
          data-testid={`${id}-keys`}
          aria-label={`Keys of pass ${index + 1}`}
          onDismiss={(_, d) => !disabled && onEdit({ type: "remove-key", index, field: String(d.value) })}
        >
          {config.keys.map((k) => (
            <Tag
              key={k}
              value={k}
              size="small"
              dismissible={!disabled}
              dismissIcon={{ "aria-label": `remove ${labelOf(k)}` }}
            >
              {labelOf(k)}
            </Tag>
          ))}
        </TagGroup>
      </Field>
      <Dropdown
        className={step.control}
        data-testid={`${id}-add-key`}
        placeholder="Add a key field"
        disabled={disabled || freeKeys.length === 0}
        value=""
        selectedOptions={[]}
        onOptionSelect={(_, d) => d.optionValue && onEdit({ type: "add-key", index, field: d.optionValue })}
      >
        {freeKeys.map((f) => (
          <Option key={f.name} value={f.name}>
            {f.label}
          </Option>
        ))}
      </Dropdown>
      <Field label="Cardinality">
        <Dropdown
          className={step.control}
          data-testid={`${id}-cardinality`}
          disabled={disabled}
          value={cardinality}
          selectedOptions={[config.cardinality]}
          onOptionSelect={(_, d) =>
            d.optionValue && onEdit({ type: "cardinality", index, value: d.optionValue as PassConfig["cardinality"] })
          }
        >
          {CARDINALITIES.map((c) => (
            <Option key={c} value={c}>
              {cardinalityText(c, sides)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Keys agree but a comparison fails">
        <Dropdown
          className={step.control}
          data-testid={`${id}-mismatch`}
          disabled={disabled}
          value={mismatch}
          selectedOptions={[config.onMismatch]}
          onOptionSelect={(_, d) =>
            d.optionValue && onEdit({ type: "on-mismatch", index, value: d.optionValue as PassConfig["onMismatch"] })
          }
        >
          {MISMATCH.map((m) => (
            <Option key={m.value} value={m.value}>
              {m.text}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {(config.subsetSum || config.scored) && (
        <Caption1 className={step.wrap}>
          {config.subsetSum
            ? `Suggests one ${labelOf(config.subsetSum.field)} against up to ${config.subsetSum.maxItems} items on the other side within ${config.subsetSum.window} business days; suggestions are never matched.`
            : `Suggests pairs scoring at least ${config.scored!.threshold}; suggestions are never matched.`}
        </Caption1>
      )}
      <Caption1>Comparisons</Caption1>
      {pass.compare.length === 0 && <Caption1>None: rows agreeing on the keys match.</Caption1>}
      {pass.compare.map((r, ri) => (
        <RuleRow
          key={r.field}
          id={`${id}-rule-${r.field}`}
          label={labelOf(r.field)}
          rule={r}
          sides={sides}
          disabled={disabled}
          onKind={(kind) => onEdit({ type: "rule-kind", index, rule: ri, kind })}
          onInput={(input, text) => onEdit({ type: "rule-input", index, rule: ri, input, text })}
          onRemove={() => onEdit({ type: "remove-rule", index, rule: ri })}
        />
      ))}
      <Dropdown
        className={step.control}
        data-testid={`${id}-add-rule`}
        placeholder="Add a comparison"
        disabled={disabled || freeRules.length === 0}
        value=""
        selectedOptions={[]}
        onOptionSelect={(_, d) => d.optionValue && onEdit({ type: "add-rule", index, field: d.optionValue })}
      >
        {freeRules.map((f) => (
          <Option key={f.name} value={f.name}>
            {f.label}
          </Option>
        ))}
      </Dropdown>
    </Card>
  );
}

type RuleInput = "tolerance" | "units" | "before" | "after";

interface RuleRowProps {
  id: string;
  label: string;
  rule: RuleDraft;
  sides: { left: string; right: string };
  disabled: boolean;
  onKind(kind: RuleKind): void;
  onInput(input: RuleInput, text: string): void;
  onRemove(): void;
}

const INPUTS: Record<RuleKind, { input: RuleInput; label: string; hint?: string }[]> = {
  exact: [],
  absolute: [{ input: "tolerance", label: "Tolerance (in the field's units)" }],
  relative: [
    { input: "tolerance", label: "Tolerance (fraction of the larger value)", hint: "0.0005 is 5 basis points." },
  ],
  "minor-units": [{ input: "units", label: "Minor units of the currency", hint: "2 is two cents of USD, two yen." }],
  "date-window": [
    { input: "before", label: "Business days before" },
    { input: "after", label: "Business days after" },
  ],
};

/** One comparison: its kind and the tolerance inputs that kind needs, each validated as typed. */
function RuleRow({ id, label, rule, sides, disabled, onKind, onInput, onRemove }: RuleRowProps) {
  const step = useStepStyles();
  const styles = useStyles();
  const problems = ruleProblems(rule);
  const kindText = RULE_KINDS.find((k) => k.kind === rule.kind)?.text ?? rule.kind;
  return (
    <div className={styles.rule} data-testid={id}>
      <div className={step.row}>
        <strong>{label}</strong>
        <Button size="small" appearance="subtle" data-testid={`${id}-remove`} disabled={disabled} onClick={onRemove}>
          Remove
        </Button>
      </div>
      <Dropdown
        className={step.control}
        data-testid={`${id}-kind`}
        aria-label={`${label}: how to compare`}
        disabled={disabled}
        value={kindText}
        selectedOptions={[rule.kind]}
        onOptionSelect={(_, d) => d.optionValue && onKind(d.optionValue as RuleKind)}
      >
        {RULE_KINDS.map((k) => (
          <Option key={k.kind} value={k.kind}>
            {k.text}
          </Option>
        ))}
      </Dropdown>
      {INPUTS[rule.kind].map(({ input, label: inputLabel, hint }) => {
        const problem = problems.find((p) => p.input === input);
        return (
          <Field
            key={input}
            label={inputLabel}
            hint={problem ? undefined : hint}
            validationState={problem ? "error" : "none"}
            validationMessage={problem?.message}
          >
            <Input
              className={styles.number}
              data-testid={`${id}-${input}`}
              inputMode={input === "tolerance" ? "decimal" : "numeric"}
              disabled={disabled}
              value={rule[input]}
              onChange={(_, d) => onInput(input, d.value)}
            />
          </Field>
        );
      })}
      {problems.length === 0 && rule.kind !== "exact" && (
        <Caption1
          className={step.wrap}
          data-testid={`${id}-says`}
        >{`Agrees when ${describeRule(rule, sides)}.`}</Caption1>
      )}
      {rule.kind === "absolute" && rule.extra.tolerances && (
        <Caption1 className={step.wrap}>
          {`By ${rule.extra.byField ?? "class"}: `}
          {Object.entries(rule.extra.tolerances)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}
          ; others use the tolerance above.
        </Caption1>
      )}
    </div>
  );
}
