import { notificationSend } from "@jobkit/events/standard";
import { defineEventFunction } from "@jobkit/functions";
import { NonRetriableError } from "inngest";
import type { FileStorage } from "../../services/file-storage";
import type { ImageLibrary } from "../../services/image-library";
import { imageProcessed, imageUploaded } from "../events";
import { systemNotification } from "./system-notification";

/** The widths made when the upload names none. */
export const defaultWidths = [320, 640, 1280] as const;

/** Image work is CPU-bound: this many images at once per app, the rest queue. */
export const imageConcurrency = 2;

/** The whole run, retries and their waits included, is cancelled after this long. */
export const imageTimeout = "5m";

/**
 * Image processing: reads the uploaded original, makes a WebP variant per width in its own step (each
 * stored under the image's key, so only keys and sizes pass between steps), then announces
 * `image/processed` and notifies the user. A file that is not an image fails at once; a storage or
 * library error retries with backoff until `timeouts.finish` ends the run.
 *
 * @example
 * ```ts
 * import { createLocalServices } from "../../services";
 * import { imageProcessing } from "./image-processing";
 *
 * const definition = imageProcessing(createLocalServices());
 * ```
 */
export function imageProcessing({
  files,
  images,
}: {
  readonly files: FileStorage;
  readonly images: ImageLibrary;
}) {
  return defineEventFunction({
    id: "image-processing",
    name: "Process Uploaded Image",
    on: imageUploaded,
    sends: [imageProcessed, notificationSend],
    concurrency: { limit: imageConcurrency },
    timeouts: { finish: imageTimeout },
    retries: { attempts: 4, backoff: "exponential", minTimeout: "30s", maxTimeout: "5m" },
    handler: async ({ event, step }) => {
      const { imageId, userId, key } = event.data;
      const widths = event.data.widths ?? defaultWidths;

      const original = await step.run("inspect-original", async () => {
        const file = await files.get(key);
        try {
          return await images.inspect(file.bytes);
        } catch (error) {
          throw new NonRetriableError(`the upload "${key}" is not an image`, { cause: error });
        }
      });

      const variants = [];
      for (const width of widths) {
        variants.push(
          await step.run(`resize-${width}`, async () => {
            const { bytes } = await files.get(key);
            const variant = await images.resizeToWebp(bytes, width);
            const variantKey = `images/${imageId}/${width}.webp`;
            await files.put(variantKey, { bytes: variant.bytes, contentType: "image/webp" });
            return { key: variantKey, width: variant.width, height: variant.height, format: variant.format };
          }),
        );
      }

      await step.sendEvent("announce-processed", imageProcessed.create({ imageId, userId, variants }));
      await step.sendEvent(
        "notify-image-processed",
        systemNotification({
          userId,
          title: "Image Ready",
          message: `Your ${original.width}×${original.height} ${original.format} image has ${variants.length} web sizes`,
          type: "success",
        }),
      );

      return { imageId, original, variants };
    },
  });
}
