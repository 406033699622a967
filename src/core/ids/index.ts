export * from "./identifiers";
export * from "./crosswalk";
