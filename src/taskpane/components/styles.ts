import { makeStyles, tokens } from "@fluentui/react-components";

/**
 * Layout shared by the Reconcile steps. Excel opens task panes 320 px wide: everything stacks in one
 * column, and Fluent's Dropdown loses its 250 px minimum width so it shrinks with the pane.
 */
export const useStepStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center", minWidth: 0 },
  control: { width: "100%", minWidth: 0, maxWidth: "100%" },
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
  wrap: { overflowWrap: "anywhere", minWidth: 0 },
});
