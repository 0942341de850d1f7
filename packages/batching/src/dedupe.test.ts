import { JobError } from "@jobkit/functions";
import { describe, expect, it } from "vitest";
import { dedupe } from "./dedupe";

const views = [
  { id: "e1", path: "/pricing" },
  { id: "e2", path: "/docs" },
  { id: "e3", path: "/pricing" },
  { id: "e4", path: "/blog" },
  { id: "e5", path: "/docs" },
];

describe("dedupe", () => {
  it("keeps the first item of each key, in order", () => {
    expect(dedupe(views, (view) => view.path).map((view) => view.id)).toEqual(["e1", "e2", "e4"]);
  });

  it("keeps the last item of each key with keep: last, in the order the kept items appear", () => {
    expect(dedupe(views, (view) => view.path, { keep: "last" }).map((view) => view.id)).toEqual([
      "e3",
      "e4",
      "e5",
    ]);
  });

  it("compares keys like a Set does", () => {
    expect(dedupe([1, 2, 3], () => Number.NaN)).toEqual([1]);
  });

  it("rejects an unknown keep value", () => {
    const options = { keep: "latest" } as unknown as { keep: "last" };
    expect(() => dedupe(views, (view) => view.path, options)).toThrow(JobError);
    expect(() => dedupe(views, (view) => view.path, options)).toThrow(/"latest"[\s\S]*"first" or "last"/);
  });
});
