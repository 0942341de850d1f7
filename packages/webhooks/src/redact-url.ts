/**
 * A URL as it may appear in errors and logs: scheme, host, port and path, without credentials, query or
 * fragment (query strings often carry tokens).
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    return "(not a URL)";
  }
  const path = parsed.pathname.length > 80 ? `${parsed.pathname.slice(0, 80)}…` : parsed.pathname;
  const hidden = parsed.search !== "" || parsed.hash !== "" ? "?…" : "";
  return `${parsed.protocol}//${parsed.host}${path}${hidden}`;
}
