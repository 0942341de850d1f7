import { z } from "zod";
import { defineEvent } from "../define-event";
import { idSchema, isoDateTimeSchema } from "./standard-schemas";
import { textSchema } from "./text-schema";

const days = (description: string) => z.int().min(1).max(3650).meta({ description });

/**
 * `system/cleanup`: delete expired sessions, tokens, logs or temporary files.
 *
 * @example Purge month-old sessions
 * ```ts
 * import { systemCleanup } from "@jobkit/events/standard";
 *
 * const event = systemCleanup.create({ scope: "sessions", olderThanDays: 30 });
 * ```
 */
export const systemCleanup = /* @__PURE__ */ (() =>
  defineEvent("system/cleanup", {
    version: "1.0.0",
    description: "Delete expired records of one kind.",
    schema: z.object({
      scope: z.enum(["sessions", "tokens", "logs", "temp_files"]),
      olderThanDays: days("Delete records older than this many days"),
    }),
    examples: [{ scope: "sessions", olderThanDays: 30 }],
  }))();

/**
 * `system/backup`: take a database backup.
 *
 * @example A nightly incremental backup
 * ```ts
 * import { systemBackup } from "@jobkit/events/standard";
 *
 * const event = systemBackup.create({ type: "incremental", retentionDays: 14 });
 * ```
 */
export const systemBackup = /* @__PURE__ */ (() =>
  defineEvent("system/backup", {
    version: "1.0.0",
    description: "Take a database backup.",
    schema: z.object({
      type: z.enum(["full", "incremental"]),
      retentionDays: days("Keep the backup this many days"),
    }),
    examples: [{ type: "full", retentionDays: 90 }],
  }))();

/**
 * `system/cache_invalidate`: drop cache entries by key, by pattern or by scope.
 *
 * @example Invalidate two product pages
 * ```ts
 * import { systemCacheInvalidate } from "@jobkit/events/standard";
 *
 * const event = systemCacheInvalidate.create({ scope: "products", keys: ["product:1", "product:2"] });
 * ```
 */
export const systemCacheInvalidate = /* @__PURE__ */ (() =>
  defineEvent("system/cache_invalidate", {
    version: "1.0.0",
    description: "Drop cache entries by key, by pattern or a whole scope.",
    schema: z.object({
      keys: z.array(textSchema(1, 512)).min(1).max(1000).optional(),
      pattern: textSchema(1, 512).optional().meta({ description: "Glob pattern, e.g. user:*" }),
      scope: z.enum(["all", "users", "products", "orders"]),
    }),
    examples: [
      { scope: "products", keys: ["product:1", "product:2"] },
      { scope: "users", pattern: "user:*" },
    ],
  }))();

/**
 * `system/health_check`: a scheduled probe that the job pipeline is alive.
 *
 * @example From a cron job
 * ```ts
 * import { systemHealthCheck } from "@jobkit/events/standard";
 *
 * const event = systemHealthCheck.create({ checkId: "hc_1", timestamp: new Date().toISOString() });
 * ```
 */
export const systemHealthCheck = /* @__PURE__ */ (() =>
  defineEvent("system/health_check", {
    version: "1.0.0",
    description: "A probe that the job pipeline is alive.",
    schema: z.object({
      checkId: idSchema("Id of this probe, to match its result"),
      timestamp: isoDateTimeSchema,
    }),
    examples: [{ checkId: "hc_20250131_0930", timestamp: "2025-01-31T09:30:00Z" }],
  }))();
