import { describe, expect, it } from "vitest";
import { z } from "zod";
import { lookUpSchemaPath } from "./look-up-schema-path";

const schema = z.toJSONSchema(
  z.object({
    userId: z.string(),
    profile: z.object({ country: z.string() }),
    strict: z.strictObject({ id: z.string() }),
    loose: z.looseObject({ id: z.string() }),
    tags: z.record(z.string(), z.string()),
    items: z.array(z.object({ sku: z.string() })),
  }),
  { io: "input" },
) as Record<string, unknown>;

describe("lookUpSchemaPath", () => {
  it("finds nested fields", () => {
    expect(lookUpSchemaPath(schema, ["profile", "country"])).toEqual({ status: "present" });
  });

  it("reports the missing segment with the fields of its level", () => {
    expect(lookUpSchemaPath(schema, ["profile", "contry"])).toEqual({
      status: "missing",
      segment: "contry",
      path: "profile.contry",
      known: ["country"],
    });
  });

  it("treats z.object and z.strictObject as closed", () => {
    expect(lookUpSchemaPath(schema, ["usrId"]).status).toBe("missing");
    expect(lookUpSchemaPath(schema, ["strict", "other"]).status).toBe("missing");
  });

  it("cannot tell for loose objects, records and arrays", () => {
    expect(lookUpSchemaPath(schema, ["loose", "other"]).status).toBe("unknown");
    expect(lookUpSchemaPath(schema, ["tags", "color"]).status).toBe("unknown");
    expect(lookUpSchemaPath(schema, ["items", "sku"]).status).toBe("unknown");
  });
});
