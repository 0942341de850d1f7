const maxShownLength = 80;

/** Renders one option value for an error message: short, and never the contents of an object. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > maxShownLength ? `${value.slice(0, maxShownLength)}…` : value);
  }
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}
