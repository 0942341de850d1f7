import { Buffer } from "node:buffer";

/** The size Inngest measures an event at: the UTF-8 bytes of its JSON. */
export function jsonBytes(json: string): number {
  return Buffer.byteLength(json, "utf8");
}

/** Bytes of the enclosing `[` and `]` of a send request's JSON array. */
export const requestArrayBytes = 2;

/**
 * Bytes the Inngest SDK adds to an event sent without `ts`: it stamps the send time on it, `,"ts":` and 13
 * digits of milliseconds.
 */
export const sentTimestampBytes = 19;

/** Renders a byte count for people: `262144 bytes (256 KiB)`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kib = bytes / 1024;
  const unit = kib < 1024 ? `${round(kib)} KiB` : `${round(kib / 1024)} MiB`;
  return `${bytes} bytes (${unit})`;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
