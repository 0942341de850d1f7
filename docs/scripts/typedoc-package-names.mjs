// TypeDoc names a module after its path ("events/src/standard"); readers import it by package name
// ("@jobkit/events/standard"). This plugin renames the modules before the pages are written, and gives
// each module without a `@packageDocumentation` comment the one-line description the API index shows:
// the package's own `description`, or the line below for a subpath.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Comment, Converter, ReflectionKind } from "typedoc";

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "packages");

/** Subpath exports: what each is for, in the words of its package README. */
const subpathDescriptions = {
  "@jobkit/events/standard":
    "The standard catalog: ready-made definitions of common events (users, orders, carts, emails, trials, webhooks) shared by the pattern packages.",
  "@jobkit/testing/vitest":
    "Vitest matchers for the results of runJob, registered with expect.extend when the module is imported.",
};

function describe(moduleName) {
  if (subpathDescriptions[moduleName]) return subpathDescriptions[moduleName];
  const match = /^@jobkit\/([\w-]+)$/.exec(moduleName);
  if (!match) return undefined;
  const manifest = JSON.parse(readFileSync(join(packagesDir, match[1], "package.json"), "utf8"));
  return manifest.description;
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      module.name = module.name.replace(
        /^([\w-]+)\/src(?:\/(.+))?$/,
        (_, name, subpath) => `@jobkit/${name}${subpath ? `/${subpath}` : ""}`,
      );
      if (module.comment?.summary.length) continue;
      const description = describe(module.name);
      if (description === undefined) {
        app.logger.warn(`no description for the API index: ${module.name} (add it to ${import.meta.url})`);
        continue;
      }
      module.comment = new Comment([{ kind: "text", text: description }]);
    }
  });
}
