import { randomBytes } from "node:crypto";

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID: 48-bit millisecond time then 80 random bits, Crockford base32 (the ids Inngest gives events and runs). */
export function newUlid(at = Date.now()): string {
  let time = "";
  let rest = at;
  for (let index = 0; index < 10; index++) {
    time = alphabet[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  const random = [...randomBytes(16)].map((byte) => alphabet[byte % 32]).join("");
  return time + random;
}
