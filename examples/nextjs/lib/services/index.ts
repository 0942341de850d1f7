import { type AiModel, createLocalAiModel } from "./ai-model";
import { createMemoryDatabase, type Database } from "./database";
import { createMemoryFileStorage, type FileStorage } from "./file-storage";
import { type ImageLibrary, sharpImageLibrary } from "./image-library";
import { type Mailer, mailer } from "./mailer";
import { createLocalPageScanner, type PageScanner } from "./page-scanner";
import { createMemoryRealtime, type Realtime } from "./realtime";

/** Everything outside the app the jobs talk to, each behind a small interface. */
export interface Services {
  readonly database: Database;
  readonly files: FileStorage;
  readonly scanner: PageScanner;
  readonly ai: AiModel;
  readonly images: ImageLibrary;
  readonly realtime: Realtime;
  readonly mailer: Mailer;
}

/**
 * Local stand-ins for every service: in-memory database, files and pub/sub, a deterministic scanner and
 * AI model, sharp for images. Nothing reaches the network. Pass overrides to swap one (tests do).
 *
 * @example
 * ```ts
 * import { createLocalServices } from "./index";
 *
 * const services = createLocalServices();
 * ```
 */
export function createLocalServices(overrides: Partial<Services> = {}): Services {
  return {
    database: createMemoryDatabase(),
    files: createMemoryFileStorage(),
    scanner: createLocalPageScanner(),
    ai: createLocalAiModel(),
    images: sharpImageLibrary,
    realtime: createMemoryRealtime(),
    mailer,
    ...overrides,
  };
}

// Next.js may load a module once per route bundle and again on every dev reload; one instance per
// process keeps the pages and the Inngest route looking at the same in-memory data.
const shared = globalThis as { jobkitExampleServices?: Services };

shared.jobkitExampleServices ??= createLocalServices();

/** The app's services, shared by the Inngest route and the pages. */
export const services: Services = shared.jobkitExampleServices;
