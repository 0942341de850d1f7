import { expect } from "vitest";
import { type JobMatchers, jobMatchers } from "./job-matchers";

expect.extend(jobMatchers);

declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must repeat vitest's own declaration.
  interface Assertion<T = any> extends JobMatchers<T> {}
}

export { type JobMatchers, jobMatchers };
