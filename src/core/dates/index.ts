export * from "./civil";
export * from "./excel-serial";
