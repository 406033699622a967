export * from "./conventions";
export * from "./names";
