const falsy = new Set(["0", "false", "no", "off"]);

/**
 * The mode and dev-server URL the way `createInngestClient` in @jobkit/functions decides them (the SDK's
 * `INNGEST_DEV` rule plus the `NODE_ENV=development` rule); a boolean `isDev` option wins.
 */
export function inngestMode(
  isDev: boolean | undefined,
  environment: Readonly<Record<string, string | undefined>>,
): { readonly mode: "dev" | "cloud"; readonly devUrl: string | undefined } {
  const dev = environment.INNGEST_DEV?.trim();
  const devUrl = dev !== undefined && /^https?:\/\//.test(dev) ? dev : undefined;
  if (typeof isDev === "boolean")
    return { mode: isDev ? "dev" : "cloud", devUrl: isDev ? devUrl : undefined };
  if (dev !== undefined && dev !== "")
    return falsy.has(dev.toLowerCase()) ? { mode: "cloud", devUrl: undefined } : { mode: "dev", devUrl };
  return { mode: environment.NODE_ENV === "development" ? "dev" : "cloud", devUrl: undefined };
}
