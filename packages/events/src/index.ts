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
export { EventDefinitionError } from "./event-definition-error";
export { assertEventName, assertEventVersion, majorVersion, maxEventNameLength } from "./event-name-rules";
export { EventValidationError, type EventValidationIssue } from "./event-validation-error";
export type {
  EventData,
  EventDefinitionOf,
  EventName,
  EventPayload,
  Register,
  RegisteredCatalog,
  RegisteredCatalogOf,
} from "./register";
export { UnknownEventError } from "./unknown-event-error";
export type { SafeParseResult } from "./validate-with-schema";
