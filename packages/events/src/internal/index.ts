/**
 * `@jobkit/events/internal`: helpers the other jobkit packages share. Not part of the public API: no
 * semver promise, not in the API reference. Apps import from `@jobkit/events` instead.
 *
 * @packageDocumentation
 */
export type { DefinitionNamed } from "../define-catalog";
export { majorVersion } from "../event-name-rules";
export { findNonJson, keyPathText, type NonJson } from "./find-non-json";
export { didYouMean, formatList, plural } from "./format-list";
export { type SuggestNamesOptions, suggestNames } from "./suggest-names";
