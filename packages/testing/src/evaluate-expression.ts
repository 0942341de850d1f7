/**
 * The subset of Inngest's CEL expressions that `runJob` evaluates for `waitForEvent` and `cancelOn`:
 * dotted or indexed paths into `event` (the triggering event) and `async` (the incoming one), string,
 * number, boolean and null literals, `== != < <= > >=`, `&& || !` and parentheses.
 */
export class UnsupportedExpressionError extends Error {
  override readonly name = "UnsupportedExpressionError";
  /** The expression as written. */
  readonly expression: string;

  constructor(expression: string, reason: string) {
    super(
      `Cannot evaluate expression ${JSON.stringify(expression)}: ${reason}\n` +
        "  supported: paths (event.data.userId, async.data.items[0]), literals, == != < <= > >=, && || ! and ( )\n" +
        '  e.g. "async.data.userId == event.data.userId && async.data.total > 100"',
    );
    this.expression = expression;
  }
}

type Token =
  | { readonly kind: "literal"; readonly value: unknown }
  | { readonly kind: "name"; readonly value: string }
  | { readonly kind: "op"; readonly value: string };

const operators = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", "."];

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < expression.length) {
    const rest = expression.slice(index);
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      let end = 1;
      let text = "";
      while (end < rest.length && rest[end] !== quote) {
        if (rest[end] === "\\" && end + 1 < rest.length) end++;
        text += rest[end];
        end++;
      }
      if (end >= rest.length) throw new UnsupportedExpressionError(expression, "unterminated string");
      tokens.push({ kind: "literal", value: text });
      index += end + 1;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(rest);
    const previous = tokens.at(-1);
    const negativeAllowed =
      !previous || (previous.kind === "op" && previous.value !== ")" && previous.value !== "]");
    if (number && (rest[0] !== "-" || negativeAllowed)) {
      tokens.push({ kind: "literal", value: Number(number[0]) });
      index += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (word) {
      const value = word[0];
      if (value === "true" || value === "false") tokens.push({ kind: "literal", value: value === "true" });
      else if (value === "null") tokens.push({ kind: "literal", value: null });
      else tokens.push({ kind: "name", value });
      index += value.length;
      continue;
    }
    const operator = operators.find((candidate) => rest.startsWith(candidate));
    if (!operator) throw new UnsupportedExpressionError(expression, `unexpected ${JSON.stringify(rest[0])}`);
    tokens.push({ kind: "op", value: operator });
    index += operator.length;
  }
  return tokens;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) =>
    deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

function compare(operator: string, left: unknown, right: unknown): boolean {
  switch (operator) {
    case "==":
      return deepEqual(left ?? null, right ?? null);
    case "!=":
      return !deepEqual(left ?? null, right ?? null);
    default: {
      const comparable =
        (typeof left === "number" && typeof right === "number") ||
        (typeof left === "string" && typeof right === "string");
      if (!comparable) return false;
      const [l, r] = [left as number | string, right as number | string];
      if (operator === "<") return l < r;
      if (operator === "<=") return l <= r;
      if (operator === ">") return l > r;
      return l >= r;
    }
  }
}

/**
 * Evaluates an Inngest expression against named values (`event`, `async`); missing fields read as `null`.
 *
 * @example Match an incoming event to the triggering one
 * ```ts
 * evaluateExpression("event.data.userId == async.data.userId", {
 *   event: { data: { userId: "u1" } },
 *   async: { data: { userId: "u1" } },
 * }); // true
 * ```
 */
export function evaluateExpression(expression: string, scope: Readonly<Record<string, unknown>>): boolean {
  const tokens = tokenize(expression);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const isOp = (value: string): boolean => {
    const token = peek();
    return token?.kind === "op" && token.value === value;
  };
  const expect = (value: string): void => {
    if (!isOp(value)) {
      const found = peek();
      throw new UnsupportedExpressionError(
        expression,
        `expected "${value}" but found ${found ? JSON.stringify(found.value) : "the end"}`,
      );
    }
    position++;
  };

  const parsePath = (root: string): unknown => {
    if (!(root in scope)) {
      throw new UnsupportedExpressionError(
        expression,
        `unknown name "${root}" (only ${Object.keys(scope).join(", ")} are available)`,
      );
    }
    let value: unknown = scope[root];
    while (isOp(".") || isOp("[")) {
      let key: unknown;
      if (isOp(".")) {
        position++;
        const name = peek();
        if (name?.kind !== "name") throw new UnsupportedExpressionError(expression, "expected a field name");
        key = name.value;
        position++;
      } else {
        position++;
        const index = peek();
        if (index?.kind !== "literal") throw new UnsupportedExpressionError(expression, "expected an index");
        key = index.value;
        position++;
        expect("]");
      }
      value =
        value !== null && typeof value === "object"
          ? (value as Record<string, unknown>)[String(key)]
          : undefined;
    }
    return value;
  };

  const parsePrimary = (): unknown => {
    const token = peek();
    if (!token) throw new UnsupportedExpressionError(expression, "unexpected end of expression");
    position++;
    if (token.kind === "literal") return token.value;
    if (token.kind === "name") {
      if (isOp("(")) throw new UnsupportedExpressionError(expression, "function calls are not supported");
      return parsePath(token.value);
    }
    if (token.value === "(") {
      const value = parseOr();
      expect(")");
      return value;
    }
    if (token.value === "!") return !truthy(parsePrimary());
    throw new UnsupportedExpressionError(expression, `unexpected "${token.value}"`);
  };

  const parseComparison = (): unknown => {
    const left = parsePrimary();
    const token = peek();
    if (token?.kind === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(token.value)) {
      position++;
      return compare(token.value, left, parsePrimary());
    }
    return left;
  };

  const parseAnd = (): unknown => {
    let value = parseComparison();
    while (isOp("&&")) {
      position++;
      const right = parseComparison();
      value = truthy(value) && truthy(right);
    }
    return value;
  };

  const parseOr = (): unknown => {
    let value = parseAnd();
    while (isOp("||")) {
      position++;
      const right = parseAnd();
      value = truthy(value) || truthy(right);
    }
    return value;
  };

  const result = parseOr();
  const leftover = peek();
  if (leftover) {
    throw new UnsupportedExpressionError(expression, `unexpected ${JSON.stringify(leftover.value)}`);
  }
  return truthy(result);
}

function truthy(value: unknown): boolean {
  return value === true;
}
