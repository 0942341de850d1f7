import { describe, expect, it } from "vitest";
import { formatBytes, jsonBytes } from "./event-bytes";

describe("jsonBytes", () => {
  it("counts UTF-8 bytes, not characters", () => {
    expect(jsonBytes('"€"')).toBe(5);
  });
});

describe("formatBytes", () => {
  it("shows bytes, then KiB or MiB for people", () => {
    expect(formatBytes(900)).toBe("900 bytes");
    expect(formatBytes(262_144)).toBe("262144 bytes (256 KiB)");
    expect(formatBytes(300_163)).toBe("300163 bytes (293.1 KiB)");
    expect(formatBytes(33_554_432)).toBe("33554432 bytes (32 MiB)");
  });
});
