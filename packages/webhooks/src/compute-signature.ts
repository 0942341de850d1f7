import { createHmac } from "node:crypto";

/** HMAC-SHA256 of `id.timestamp.body`, the content Standard Webhooks signs, as raw bytes. */
export function computeSignature(
  key: Buffer,
  id: string,
  timestamp: string,
  body: string | Uint8Array,
): Buffer {
  return createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest();
}
