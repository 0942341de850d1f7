// TypeDoc names a module after its path ("events/src/standard"); readers import it by package name
// ("@jobkit/events/standard"). This plugin renames the modules before the pages are written.
import { Converter, ReflectionKind } from "typedoc";

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      module.name = module.name.replace(
        /^([\w-]+)\/src(?:\/(.+))?$/,
        (_, name, subpath) => `@jobkit/${name}${subpath ? `/${subpath}` : ""}`,
      );
    }
  });
}
