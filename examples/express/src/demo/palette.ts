/** ANSI styles for the demo's output; every style is the identity when colour is off. */
export interface Palette {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly blue: (text: string) => string;
  readonly magenta: (text: string) => string;
  readonly cyan: (text: string) => string;
}

const style = (enabled: boolean, open: number, close: number) => (text: string) =>
  enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;

/**
 * Whether to colour output: never with `NO_COLOR` (https://no-color.org) or `TERM=dumb`, always with
 * `FORCE_COLOR` (other than `0`), otherwise only on a terminal.
 *
 * @example
 * ```ts
 * import { colorEnabled } from "./palette";
 *
 * colorEnabled(process.stdout, process.env);
 * ```
 */
export function colorEnabled(
  stream: { readonly isTTY?: boolean },
  environment: Readonly<Record<string, string | undefined>>,
): boolean {
  if (environment.NO_COLOR !== undefined && environment.NO_COLOR !== "") return false;
  if (environment.FORCE_COLOR !== undefined && environment.FORCE_COLOR !== "0") return true;
  if (environment.TERM === "dumb") return false;
  return stream.isTTY === true;
}

/**
 * The demo's colours, or plain text when `enabled` is false.
 *
 * @example
 * ```ts
 * import { createPalette } from "./palette";
 *
 * console.log(createPalette(true).green("✓ completed"));
 * ```
 */
export function createPalette(enabled: boolean): Palette {
  return {
    bold: style(enabled, 1, 22),
    dim: style(enabled, 2, 22),
    red: style(enabled, 31, 39),
    green: style(enabled, 32, 39),
    yellow: style(enabled, 33, 39),
    blue: style(enabled, 34, 39),
    magenta: style(enabled, 35, 39),
    cyan: style(enabled, 36, 39),
  };
}
