export type { CatalogMarkdownOptions } from "./catalog-to-markdown";
export { type CatalogValidationOptions, catalogValidation } from "./catalog-validation";
export {
  type Catalog,
  type CatalogEnvelope,
  type CatalogEvents,
  type DataOf,
  type DefinitionNamed,
  defineCatalog,
  type EventEnvelope,
} from "./define-catalog";
export {
  type AnyEventDefinition,
  type CreatedEvent,
  type CreateEventOptions,
  type DefineEventOptions,
  defineEvent,
  type EventDefinition,
  type EventSchema,
  type InferEventData,
  type JsonSchema,
} from "./define-event";
export { EventError, type EventErrorCode, type EventErrorDetails, type EventIssue } from "./event-error";
export { assertEventName, assertEventVersion, majorVersion, maxEventNameLength } from "./event-name-rules";
export type {
  EventData,
  EventDefinitionOf,
  EventName,
  EventPayload,
  Register,
  RegisteredCatalog,
  RegisteredCatalogOf,
} from "./register";
export type { SafeParseResult } from "./validate-with-schema";
