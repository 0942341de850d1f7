export { catalogValidation } from "./catalog-validation";
export {
  type Catalog,
  type CatalogEnvelope,
  type DataOf,
  defineCatalog,
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
export { EventError, type EventErrorCode, type EventIssue } from "./event-error";
export type { EventData, EventName, Register, RegisteredCatalog } from "./register";
export type { SafeParseResult } from "./validate-with-schema";
