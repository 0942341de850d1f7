import { invalidInput } from "./runs-error";

// Crockford base32, 26 characters, first one 0-7 so the 48-bit time fits (oklog/ulid's Parse rules).
const ulidPattern = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i;

/**
 * Refuses anything but a ULID before a request is made: event ids are the ULIDs `inngest.send()` returns
 * (`{ ids }`), run ids are ULIDs too, and the server answers 400 "Invalid event ID" otherwise.
 */
export function checkUlid(value: unknown, what: "event id" | "run id", method: string): string {
  if (typeof value === "string" && ulidPattern.test(value)) return value;
  return invalidInput(
    `@jobkit/runs ${method}: invalid ${what}`,
    typeof value === "string" ? JSON.stringify(value.slice(0, 60)) : String(value),
    `a ULID: 26 characters of Crockford base32${what === "event id" ? ", as inngest.send() returns in ids" : ""}`,
    '"01HWAVEB858VPPX47Z65GR6P6R"',
  );
}
