/** Characters a `webhook-id` may use: printable ASCII except `.` (the signed content's separator) and space. */
const messageIdPattern = /^[\x21-\x2d\x2f-\x7e]{1,256}$/;

/**
 * What is wrong with a message id for the `webhook-id` header, or `undefined` when it is fine. The
 * Standard Webhooks specification forbids `.` in it, since `id.timestamp.body` is what gets signed.
 */
export function messageIdProblem(id: unknown): string | undefined {
  if (typeof id !== "string") return `a ${typeof id}, not a string`;
  if (messageIdPattern.test(id)) return undefined;
  if (id.length === 0) return "an empty id";
  if (id.length > 256) return `${id.length} characters, more than 256`;
  return id.includes(".")
    ? 'it contains ".", the separator of the signed content'
    : "it contains spaces or non-ASCII characters";
}
