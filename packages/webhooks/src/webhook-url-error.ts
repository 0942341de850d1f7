import type { AddressClass } from "./classify-address";

/**
 * Why the SSRF guard refused a URL.
 *
 * @example A hint per refusal when a subscriber saves a URL
 * ```ts
 * import { checkWebhookUrl, WebhookUrlError, type WebhookUrlRefusal } from "@jobkit/webhooks";
 *
 * const hints: Record<WebhookUrlRefusal, string> = {
 *   "invalid-url": "Enter a full URL, e.g. https://example.com/webhooks",
 *   scheme: "Use an https:// URL",
 *   credentials: "Remove the user name and password from the URL",
 *   address: "Use a host on the public internet",
 * };
 * export async function urlProblem(url: string): Promise<string | undefined> {
 *   try {
 *     await checkWebhookUrl(url);
 *     return undefined;
 *   } catch (error) {
 *     if (error instanceof WebhookUrlError) return hints[error.reason];
 *     throw error;
 *   }
 * }
 * ```
 */
export type WebhookUrlRefusal =
  /** Not an absolute URL. */
  | "invalid-url"
  /** Not `https:` (or `http:` without `allowHttp`). */
  | "scheme"
  /** A user name or password in the URL; they would leak into events and logs. */
  | "credentials"
  /** The host is, or resolves to, an address outside the public internet. */
  | "address";

/**
 * What {@link WebhookUrlError} reports.
 *
 * @example The part of a refusal to show on a settings form
 * ```ts
 * import type { WebhookUrlErrorDetails } from "@jobkit/webhooks";
 *
 * // Pass a caught WebhookUrlError: it has these fields.
 * export function formMessage({
 *   reason,
 *   received,
 * }: Pick<WebhookUrlErrorDetails, "reason" | "received">): string {
 *   return reason === "scheme"
 *     ? `Use an https:// URL (got ${received})`
 *     : `This URL can't receive webhooks: ${received}`;
 * }
 * ```
 */
export interface WebhookUrlErrorDetails {
  readonly url: string;
  readonly reason: WebhookUrlRefusal;
  /** The refused value only: the scheme, the address, or the host name. */
  readonly received: string;
  readonly expected: string;
  readonly hostname?: string;
  readonly address?: string;
  readonly addressClass?: AddressClass;
  /** Set when the refused URL was a redirect target. */
  readonly redirectedFrom?: string;
}

/**
 * Thrown by the SSRF guard when a webhook URL, or a redirect target, may not be called: wrong scheme,
 * credentials in the URL, or a host that is or resolves to a loopback, private, link-local, carrier-NAT,
 * multicast, unspecified, reserved or cloud-metadata address. Never retried.
 *
 * @example Tell the subscriber why their URL is refused
 * ```ts
 * import { checkWebhookUrl, WebhookUrlError } from "@jobkit/webhooks";
 *
 * try {
 *   await checkWebhookUrl("https://169.254.169.254/latest/meta-data");
 * } catch (error) {
 *   if (error instanceof WebhookUrlError) console.log(error.reason, error.addressClass); // "address" "metadata"
 * }
 * ```
 */
export class WebhookUrlError extends Error {
  override readonly name = "WebhookUrlError";
  /** The URL without credentials, query or fragment. */
  readonly url: string;
  readonly reason: WebhookUrlRefusal;
  readonly hostname: string | undefined;
  /** The refused address, when the reason is `"address"`. */
  readonly address: string | undefined;
  readonly addressClass: AddressClass | undefined;
  readonly redirectedFrom: string | undefined;

  constructor(details: WebhookUrlErrorDetails, options?: ErrorOptions) {
    const what = details.redirectedFrom === undefined ? "webhook URL" : "webhook redirect target";
    super(
      [
        `Refused ${what} ${details.url}: ${details.received}`,
        ...(details.redirectedFrom === undefined ? [] : [`  redirected from: ${details.redirectedFrom}`]),
        `  expected: ${details.expected}`,
      ].join("\n"),
      options,
    );
    this.url = details.url;
    this.reason = details.reason;
    this.hostname = details.hostname;
    this.address = details.address;
    this.addressClass = details.addressClass;
    this.redirectedFrom = details.redirectedFrom;
  }
}
