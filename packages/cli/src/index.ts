export { type CheckInput, type CheckOptions, type CheckReport, checkJobs } from "./check-jobs";
export { CliError, type CliErrorCode, type CliErrorDetails } from "./cli-error";
export { type CatalogDiff, type DiffCatalogsOptions, diffCatalogs } from "./diff-catalogs";
export { type EventGraphOptions, eventGraph } from "./event-graph";
export { type CliIo, runCli } from "./run-cli";
