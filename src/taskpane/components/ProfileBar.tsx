import { Button, Caption1, Dropdown, Field, Input, Option } from "@fluentui/react-components";
import { useState } from "react";
import { useStepStyles } from "./styles";

export interface ProfileBarProps {
  name: string;
  saved: readonly string[];
  /** Why Save is not offered now (the profile is not complete), or null. */
  saveBlocked: string | null;
  disabled: boolean;
  /** What the last save or load did, or why it failed. */
  status: { intent: "ok" | "error"; text: string } | null;
  onName(text: string): void;
  onSave(): void;
  onLoad(name: string): void;
}

/** Profiles kept in the workbook: save the one being edited under its name, or load another. */
export function ProfileBar({ name, saved, saveBlocked, disabled, status, onName, onSave, onLoad }: ProfileBarProps) {
  const styles = useStepStyles();
  const [chosen, setChosen] = useState("");
  const pick = saved.includes(chosen) ? chosen : "";
  return (
    <div className={styles.stack} data-testid="recon-profiles">
      <Field
        label="Profile name"
        hint={
          saveBlocked ??
          (saved.includes(name.trim())
            ? "A profile of this name is saved: Save replaces it."
            : "Saved in this workbook, so it re-runs the same way.")
        }
      >
        <Input
          className={styles.control}
          data-testid="profile-name"
          disabled={disabled}
          value={name}
          onChange={(_, d) => onName(d.value)}
        />
      </Field>
      <Button data-testid="profile-save" disabled={disabled || saveBlocked !== null} onClick={onSave}>
        Save profile
      </Button>
      <Field label="Saved profiles">
        <Dropdown
          className={styles.control}
          data-testid="profile-list"
          placeholder={saved.length === 0 ? "None saved in this workbook" : "Choose a profile"}
          disabled={disabled || saved.length === 0}
          value={pick}
          selectedOptions={pick ? [pick] : []}
          onOptionSelect={(_, d) => d.optionValue && setChosen(d.optionValue)}
        >
          {saved.map((n) => (
            <Option key={n} value={n}>
              {n}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Button data-testid="profile-load" disabled={disabled || pick === ""} onClick={() => onLoad(pick)}>
        Load profile
      </Button>
      {status && (
        <Caption1
          role={status.intent === "error" ? "alert" : "status"}
          className={styles.wrap}
          data-testid="profile-status"
        >
          {status.text}
        </Caption1>
      )}
    </div>
  );
}
