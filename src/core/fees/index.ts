export * from "./common";
export * from "./management";
export * from "./expenses";
export * from "./performance";
