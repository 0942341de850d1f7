import { Inngest, type Middleware } from "inngest";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { catalogValidation, defineCatalog, defineEvent } from "./index";

const userCreated = defineEvent("user/created", { schema: z.object({ userId: z.string() }) });
const catalog = defineCatalog([userCreated]);

describe("catalogValidation types", () => {
  it("is an Inngest middleware class for a client or a function", () => {
    expectTypeOf(catalogValidation(catalog)).toEqualTypeOf<Middleware.Class>();
    const inngest = new Inngest({ id: "types", middleware: [catalogValidation(catalog, { strict: true })] });
    inngest.createFunction(
      { id: "welcome", triggers: [userCreated], middleware: [catalogValidation(catalog)] },
      async ({ event }) => {
        // The middleware adds nothing to the handler context and keeps event types intact.
        expectTypeOf(event.data.userId).toEqualTypeOf<string>();
      },
    );
  });

  it("rejects unknown options", () => {
    // @ts-expect-error: not an option
    catalogValidation(catalog, { stric: true });
  });
});
