import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import type { TransportRequest, TransportResponse, WebhookTransport } from "./webhook-transport";

/** A `lookup` that answers every name with the vetted address, so the socket cannot go anywhere else. */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as LookupFunction;
}

function flattenHeaders(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

/**
 * Options of {@link createNodeTransport}.
 */
export interface NodeTransportOptions {
  /**
   * Certificate authorities to trust instead of Node's bundled ones, PEM-encoded: for receivers on an
   * intranet with a private CA. Certificates are always verified against the URL's host name.
   */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
}

/**
 * Builds the default {@link WebhookTransport} with options: one `POST` with `node:http` or `node:https`,
 * connecting to `request.address` only (its `lookup` returns that address, which defeats DNS rebinding;
 * TLS still verifies the certificate against the URL's host name), no connection reuse, no proxy, and at
 * most `maxResponseBytes` of the response read.
 *
 * @example Trust a private certificate authority
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { createNodeTransport, webhookDelivery } from "@jobkit/webhooks";
 *
 * export const deliverInternal = webhookDelivery({
 *   secretFor: () => process.env.INTERNAL_WEBHOOK_SECRET ?? "",
 *   transport: createNodeTransport({ ca: readFileSync("/etc/ssl/corp-ca.pem") }),
 *   allowHosts: ["hooks.corp.example"],
 * });
 * ```
 */
export function createNodeTransport(options: NodeTransportOptions = {}): WebhookTransport {
  const ca: string | Buffer | (string | Buffer)[] | undefined =
    typeof options.ca === "string" || Buffer.isBuffer(options.ca)
      ? options.ca
      : options.ca === undefined
        ? undefined
        : [...options.ca];
  return (request: TransportRequest) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const { url } = request;
      const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
      const send = url.protocol === "https:" ? httpsRequest : httpRequest;
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const outgoing = send(
        {
          method: request.method,
          protocol: url.protocol,
          host: hostname,
          port: url.port === "" ? undefined : Number(url.port),
          path: `${url.pathname}${url.search}`,
          headers: { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) },
          agent: false,
          lookup: pinnedLookup(request.address, request.family),
          signal: request.signal,
          ...(ca === undefined ? {} : { ca }),
        },
        (response) => {
          const chunks: Buffer[] = [];
          let received = 0;
          const finish = () => {
            if (settled) return;
            settled = true;
            resolve({
              status: response.statusCode ?? 0,
              statusText: response.statusMessage ?? "",
              headers: flattenHeaders(response),
              body: Buffer.concat(chunks).subarray(0, request.maxResponseBytes),
            });
          };
          response.on("data", (chunk: Buffer) => {
            chunks.push(chunk);
            received += chunk.length;
            if (received >= request.maxResponseBytes) {
              // Enough for an excerpt; a receiver streaming without end must not hold the step.
              finish();
              response.destroy();
            }
          });
          response.on("end", finish);
          response.on("error", fail);
          response.on("close", () => {
            if (!response.complete) fail(new Error("the connection closed before the response ended"));
          });
        },
      );
      outgoing.on("error", fail);
      outgoing.end(request.body);
    });
}

/**
 * The default {@link WebhookTransport}, {@link createNodeTransport} with Node's bundled certificate
 * authorities.
 */
// Pure: an app that never sends a webhook (only verifies them) does not bundle the transport.
export const nodeTransport: WebhookTransport = /* @__PURE__ */ createNodeTransport();
