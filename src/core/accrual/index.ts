export * from "./bond";
export * from "./deposit";
export * from "./exact";
