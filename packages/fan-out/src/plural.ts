/** `1 event`, `2 events`: a count and its noun, for messages. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
