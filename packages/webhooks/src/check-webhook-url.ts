import { lookup } from "node:dns/promises";
import { checkKnownOptions, configFailure, describeValue } from "@jobkit/functions/internal";
import {
  type AddressClass,
  classifyAddress,
  inPrefix,
  type ParsedAddress,
  parseAddress,
} from "./classify-address";
import { redactUrl } from "./redact-url";
import { WebhookError } from "./webhook-error";

/**
 * Resolves a host name to the IP addresses a connection may use; the SSRF guard checks every one and
 * connects to the first. Inject one in tests so no real name is ever looked up.
 */
export type WebhookResolver = (hostname: string) => Promise<readonly string[]>;

/**
 * The SSRF guard's options; the defaults allow only `https:` URLs of public addresses.
 */
export interface WebhookUrlOptions {
  /**
   * **Dangerous.** Also allow `http:` URLs: payloads and signatures travel in clear text and can be read
   * or replayed on the way. For tests and trusted networks only.
   */
  readonly allowHttp?: boolean;
  /**
   * **Dangerous.** Hosts exempt from the address check: exact names (`"hooks.internal.example"`), a
   * wildcard for subdomains (`"*.internal.example"`), IP addresses (`"10.1.2.3"`, `"[fd00::1]"`) or
   * ranges (`"10.1.0.0/16"`, `"fd00::/64"`). A name is trusted whatever it resolves to; an address or
   * range allows exactly those addresses. The scheme rules still apply.
   */
  readonly allowHosts?: readonly string[];
  /**
   * **Dangerous.** Allow loopback, private, link-local and carrier-NAT addresses (an intranet or a test
   * server). Cloud metadata, multicast, unspecified and reserved addresses stay refused; list them in
   * `allowHosts` if you really mean them.
   */
  readonly allowPrivateNetworks?: boolean;
  /** Resolves host names; defaults to the operating system's resolver (`dns.lookup`, all addresses). */
  readonly resolve?: WebhookResolver;
}

/**
 * A URL the guard accepted, with the address to connect to.
 *
 * @example Store where a subscriber's endpoint resolved
 * ```ts
 * import { type CheckedWebhookUrl, checkWebhookUrl } from "@jobkit/webhooks";
 *
 * export async function endpointRecord(url: string) {
 *   const checked: CheckedWebhookUrl = await checkWebhookUrl(url);
 *   return { url: checked.url.href, host: checked.hostname, resolvedTo: checked.addresses };
 * }
 * ```
 */
export interface CheckedWebhookUrl {
  readonly url: URL;
  /** The host name as the URL has it, IPv6 without brackets. */
  readonly hostname: string;
  /** The vetted address the request must connect to; connecting anywhere else undoes the check. */
  readonly address: string;
  readonly family: 4 | 6;
  /** Every address the host resolved to, all checked. */
  readonly addresses: readonly string[];
}

/** The checked form of {@link WebhookUrlOptions}, built once per definition. */
export interface WebhookUrlPolicy {
  readonly allowHttp: boolean;
  readonly allowPrivateNetworks: boolean;
  readonly names: ReadonlySet<string>;
  readonly suffixes: readonly string[];
  readonly ranges: readonly { readonly bytes: readonly number[]; readonly prefix: number }[];
  readonly resolve: WebhookResolver;
}

const urlOptionNames: readonly (keyof WebhookUrlOptions)[] = [
  "allowHttp",
  "allowHosts",
  "allowPrivateNetworks",
  "resolve",
];

const privateClasses: ReadonlySet<AddressClass> = new Set([
  "loopback",
  "private",
  "link-local",
  "carrier-nat",
]);
const metadataNames = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data"]);
const hostnamePattern =
  /^(?:\*\.)?(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

const systemResolver: WebhookResolver = async (hostname) => {
  const results = await lookup(hostname, { all: true, verbatim: true });
  return results.map((result) => result.address);
};

/**
 * Checks the guard options once (at definition time for `webhookDelivery`); throws `JobError`
 * naming the bad `allowHosts` entry.
 */
export function compileUrlPolicy(
  options: WebhookUrlOptions = {},
  functionId: string | undefined = undefined,
): WebhookUrlPolicy {
  const fail = configFailure(functionId);
  const names = new Set<string>();
  const suffixes: string[] = [];
  const ranges: { bytes: readonly number[]; prefix: number }[] = [];
  const allowHosts: unknown = options.allowHosts ?? [];
  if (!Array.isArray(allowHosts)) {
    fail("allowHosts", allowHosts, "a list of host names, IP addresses or CIDR ranges", {
      example: '["hooks.internal.example", "10.1.0.0/16"]',
    });
  }
  const invalid = (index: number, entry: unknown, expected: string): never =>
    fail(`allowHosts[${index}]`, entry, expected, {
      example: '"hooks.internal.example", "*.internal.example", "10.1.2.3" or "10.1.0.0/16"',
    });
  for (const [index, entry] of (allowHosts as readonly unknown[]).entries()) {
    if (typeof entry !== "string" || entry.trim() === "") invalid(index, entry, "a non-empty string");
    const text = (entry as string).trim().toLowerCase();
    const slash = text.indexOf("/");
    if (slash !== -1) {
      const network = parseAddress(text.slice(0, slash));
      const prefix = Number(text.slice(slash + 1));
      const maxPrefix = network?.family === 6 ? 128 : 32;
      if (network === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) {
        invalid(index, entry, "a CIDR range: an IP address, a slash and a prefix length");
      }
      ranges.push({ bytes: (network as ParsedAddress).bytes, prefix });
      continue;
    }
    const address = parseAddress(text);
    if (address !== undefined) {
      ranges.push({ bytes: address.bytes, prefix: address.family === 4 ? 32 : 128 });
      continue;
    }
    const name = text.endsWith(".") ? text.slice(0, -1) : text;
    if (!hostnamePattern.test(name)) {
      invalid(index, entry, "a host name, a *.wildcard, an IP address or a CIDR range");
    }
    if (name.startsWith("*.")) suffixes.push(name.slice(1));
    else names.add(name);
  }
  for (const key of ["allowHttp", "allowPrivateNetworks"] as const) {
    const value: unknown = options[key];
    if (value !== undefined && typeof value !== "boolean")
      fail(key, value, "true or false", { example: "false" });
  }
  if (options.resolve !== undefined && typeof options.resolve !== "function") {
    fail("resolve", options.resolve, "a function (hostname) => Promise<string[]>", {
      example: 'async (hostname) => ({ "hooks.test": ["127.0.0.1"] })[hostname] ?? []',
    });
  }
  return Object.freeze({
    allowHttp: options.allowHttp === true,
    allowPrivateNetworks: options.allowPrivateNetworks === true,
    names,
    suffixes: Object.freeze(suffixes),
    ranges: Object.freeze(ranges),
    resolve: options.resolve ?? systemResolver,
  });
}

function nameAllowed(policy: WebhookUrlPolicy, hostname: string): boolean {
  return policy.names.has(hostname) || policy.suffixes.some((suffix) => hostname.endsWith(suffix));
}

function addressAllowed(policy: WebhookUrlPolicy, address: ParsedAddress): boolean {
  return policy.ranges.some((entry) => inPrefix(address.bytes, entry.bytes, entry.prefix));
}

function describeClass(addressClass: AddressClass): string {
  switch (addressClass) {
    case "metadata":
      return "a cloud metadata endpoint";
    case "carrier-nat":
      return "a carrier-grade NAT (shared) address";
    case "unspecified":
      return "the unspecified address (reaches the local host)";
    default:
      return `a ${addressClass} address`;
  }
}

const expectedAddress =
  "a host on the public internet; for tests and intranets see allowPrivateNetworks and allowHosts";

/**
 * Checks a webhook URL against the SSRF guard after following nothing: `https:` only (unless
 * `allowHttp`), no credentials, and a host that is, and resolves only to, public addresses. Returns the
 * vetted address to connect to; throws a {@link WebhookError} with code `invalid-url` when refused, or
 * `request-failed` (reason `dns`) when the name does not resolve.
 *
 * @example Validate a URL when a subscriber saves it
 * ```ts
 * import { checkWebhookUrl } from "@jobkit/webhooks";
 *
 * const checked = await checkWebhookUrl("https://hooks.example.com/acme", {
 *   resolve: async () => ["93.184.215.14"],
 * });
 * console.log(checked.address); // "93.184.215.14"
 * ```
 */
export async function checkWebhookUrl(
  url: string | URL,
  options: WebhookUrlOptions = {},
): Promise<CheckedWebhookUrl> {
  if (typeof options !== "object" || options === null) {
    configFailure(undefined)("options", options, "an options object or nothing", {
      example: "{ allowHttp: false }",
    });
  }
  checkKnownOptions(undefined, options, urlOptionNames);
  return vetUrl(url, compileUrlPolicy(options), undefined);
}

/** {@link checkWebhookUrl} with a compiled policy; `redirectedFrom` names the URL that redirected here. */
export async function vetUrl(
  url: string | URL,
  policy: WebhookUrlPolicy,
  redirectedFrom: string | undefined,
): Promise<CheckedWebhookUrl> {
  let parsed: URL;
  try {
    if (typeof url !== "string" && !(url instanceof URL)) throw new TypeError("not a string or URL");
    parsed = typeof url === "string" ? new URL(url) : new URL(url.href);
  } catch (error) {
    throw new WebhookError(
      {
        code: "invalid-url",
        url: typeof url === "string" || url instanceof URL ? redactUrl(url) : "(not a URL)",
        reason: "malformed",
        received: typeof url === "string" || url instanceof URL ? "not an absolute URL" : describeValue(url),
        expected: "an absolute https: URL, e.g. https://hooks.example.com/acme",
        ...(redirectedFrom === undefined ? {} : { redirectedFrom }),
      },
      { cause: error },
    );
  }
  const shown = redactUrl(parsed);
  const base = {
    code: "invalid-url" as const,
    url: shown,
    ...(redirectedFrom === undefined ? {} : { redirectedFrom }),
  };
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && policy.allowHttp)) {
    throw new WebhookError({
      ...base,
      reason: "scheme",
      received: `scheme "${parsed.protocol}"`,
      expected:
        parsed.protocol === "http:"
          ? 'an "https:" URL; plain http: needs allowHttp: true (dangerous: no encryption)'
          : 'an "https:" URL',
    });
  }
  if (parsed.username !== "" || parsed.password !== "") {
    throw new WebhookError({
      ...base,
      reason: "credentials",
      received: "the URL contains a user name or password",
      expected: "a URL without credentials; the receiver authenticates webhooks by their signature",
    });
  }
  const hostname = parsed.hostname.startsWith("[") ? parsed.hostname.slice(1, -1) : parsed.hostname;
  const name = hostname.toLowerCase().replace(/\.$/, "");
  const trustedName = nameAllowed(policy, name);
  const literal = parseAddress(hostname);
  if (literal === undefined && !trustedName) {
    const nameClass: AddressClass | undefined =
      name === "localhost" || name.endsWith(".localhost")
        ? "loopback"
        : metadataNames.has(name)
          ? "metadata"
          : undefined;
    if (nameClass !== undefined && !(policy.allowPrivateNetworks && privateClasses.has(nameClass))) {
      throw new WebhookError({
        ...base,
        reason: "address",
        received: `host "${name}" is ${describeClass(nameClass)}`,
        expected: expectedAddress,
        hostname,
        addressClass: nameClass,
      });
    }
  }
  let addresses: readonly string[];
  if (literal !== undefined) {
    addresses = [literal.text];
  } else {
    try {
      addresses = await policy.resolve(hostname);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      throw new WebhookError(
        {
          code: "request-failed",
          reason: "dns",
          url: shown,
          received: `${hostname} did not resolve${code ? ` (${String(code)})` : ""}`,
        },
        { cause: error },
      );
    }
    if (!Array.isArray(addresses) || addresses.length === 0) {
      throw new WebhookError({
        code: "request-failed",
        reason: "dns",
        url: shown,
        received: `${hostname} has no addresses`,
      });
    }
  }
  const vetted: ParsedAddress[] = [];
  for (const address of addresses) {
    const parsedAddress = typeof address === "string" ? parseAddress(address) : undefined;
    if (parsedAddress === undefined) {
      throw new WebhookError({
        code: "request-failed",
        reason: "dns",
        url: shown,
        received: `the resolver returned ${JSON.stringify(String(address)).slice(0, 60)}, not an IP address`,
      });
    }
    if (!trustedName && !addressAllowed(policy, parsedAddress)) {
      const addressClass = classifyAddress(parsedAddress.text) ?? "reserved";
      const allowed =
        addressClass === "public" || (policy.allowPrivateNetworks && privateClasses.has(addressClass));
      if (!allowed) {
        const via = literal === undefined ? `host "${name}" resolves to ` : "";
        throw new WebhookError({
          ...base,
          reason: "address",
          received: `${via}${parsedAddress.text}, ${describeClass(addressClass)}`,
          expected: expectedAddress,
          hostname,
          address: parsedAddress.text,
          addressClass,
        });
      }
    }
    vetted.push(parsedAddress);
  }
  const first = vetted[0] as ParsedAddress;
  return {
    url: parsed,
    hostname,
    address: first.text,
    family: first.family,
    addresses: vetted.map((address) => address.text),
  };
}
