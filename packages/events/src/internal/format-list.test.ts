import { afterEach, describe, expect, it, vi } from "vitest";

const OriginalListFormat = Intl.ListFormat;
const setListFormat = (value: typeof Intl.ListFormat) =>
  Object.defineProperty(Intl, "ListFormat", { value, writable: true, configurable: true });
afterEach(() => {
  setListFormat(OriginalListFormat);
});

describe("formatList", () => {
  it("quotes each item and joins them with or / and", async () => {
    const { formatList } = await import("./format-list");
    expect(formatList(["hour", "day", "week"])).toBe('"hour", "day", or "week"');
    expect(formatList(["a", "b"], "and")).toBe('"a" and "b"');
  });

  it("loads no ICU list data at import, only when a message is formatted (cold start)", async () => {
    let constructed = 0;
    setListFormat(
      class extends OriginalListFormat {
        constructor(...args: ConstructorParameters<typeof Intl.ListFormat>) {
          super(...args);
          constructed += 1;
        }
      },
    );
    vi.resetModules();
    const { didYouMean } = await import("./format-list");
    expect(constructed).toBe(0);
    expect(didYouMean(["concurrency"])).toBe('did you mean "concurrency"?');
    expect(didYouMean(["retries"])).toBe('did you mean "retries"?');
    expect(constructed).toBe(1);
  });
});

describe("plural", () => {
  it("adds an s to every count but one", async () => {
    const { plural } = await import("./format-list");
    expect(plural(1, "event")).toBe("1 event");
    expect(plural(0, "event")).toBe("0 events");
    expect(plural(2, "breaking change")).toBe("2 breaking changes");
  });
});
