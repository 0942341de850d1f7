/** Longest host name DNS allows; a longer one is replaced, so the shown URL stays a valid event field. */
const maxHostLength = 253;

/**
 * A URL as it may appear in events, errors and logs: scheme, host, port and path, without credentials,
 * query or fragment (query strings often carry tokens). Plain ASCII and at most about 350 characters, so
 * the `url` fields of `webhook/delivered` and `webhook/failed` accept it.
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    return "(not a URL)";
  }
  const path = parsed.pathname.length > 80 ? `${parsed.pathname.slice(0, 80)}...` : parsed.pathname;
  const hidden = parsed.search !== "" || parsed.hash !== "" ? "?(redacted)" : "";
  const host = parsed.host.length > maxHostLength ? "host-name-too-long.invalid" : parsed.host;
  return `${parsed.protocol}//${host}${path}${hidden}`;
}
