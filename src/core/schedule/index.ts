export * from "./roll";
export * from "./schedule";
