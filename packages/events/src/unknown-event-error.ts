/**
 * Thrown when an event name is not in the catalog it was looked up in; lists close matches.
 *
 * @example Suggest the right name
 * ```ts
 * import { defineCatalog, UnknownEventError } from "@jobkit/events";
 *
 * const catalog = defineCatalog([]);
 * try {
 *   catalog.parse({ name: "user/craeted", data: {} });
 * } catch (error) {
 *   if (error instanceof UnknownEventError) console.error(error.suggestions);
 * }
 * ```
 */
export class UnknownEventError extends Error {
  override readonly name = "UnknownEventError";
  readonly eventName: string;
  /** Catalog names close to the unknown one, closest first. */
  readonly suggestions: readonly string[];

  constructor(eventName: string, suggestions: readonly string[]) {
    const hint =
      suggestions.length > 0
        ? `\n  did you mean: ${suggestions.map((name) => `"${name}"`).join(", ")}?`
        : "\n  expected: a name defined in the catalog; add the event with defineEvent() and list it in defineCatalog()";
    super(`Unknown event "${eventName}": it is not in the catalog${hint}`);
    this.eventName = eventName;
    this.suggestions = suggestions;
  }
}
