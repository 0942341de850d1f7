import { runJob } from "@jobkit/testing";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { catalog, imageUploaded } from "../lib/inngest/events";
import { imageProcessing } from "../lib/inngest/functions/image-processing";
import { createLocalServices } from "../lib/services";
import { createMemoryFileStorage, type FileStorage } from "../lib/services/file-storage";

const now = "2026-03-02T09:00:00Z";

/** An 800×600 PNG, made in memory. */
async function png(): Promise<Uint8Array> {
  const bytes = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#3366cc" } })
    .png()
    .toBuffer();
  return new Uint8Array(bytes);
}

async function upload(files: FileStorage, bytes: Uint8Array, contentType = "image/png") {
  await files.put("uploads/img_1", { bytes, contentType });
  return imageUploaded.create({ imageId: "img_1", userId: "usr_ada", key: "uploads/img_1" });
}

describe("image-processing", () => {
  it("reads the original's size, makes a WebP per width (never wider than the original) and stores each", async () => {
    const services = createLocalServices();
    const event = await upload(services.files, await png());

    const run = await runJob(imageProcessing(services), { event, catalog, now });

    expect(run.status).toBe("completed");
    expect(run.output?.original).toEqual({ width: 800, height: 600, format: "png" });
    expect(run.output?.variants).toEqual([
      { key: "images/img_1/320.webp", width: 320, height: 240, format: "webp" },
      { key: "images/img_1/640.webp", width: 640, height: 480, format: "webp" },
      { key: "images/img_1/1280.webp", width: 800, height: 600, format: "webp" },
    ]);
    const stored = await services.files.get("images/img_1/640.webp");
    expect(await sharp(stored.bytes).metadata()).toMatchObject({ format: "webp", width: 640, height: 480 });
    expect(run.timeline.flatMap((entry) => (entry.type === "step" ? [entry.id] : []))).toEqual([
      "inspect-original",
      "resize-320",
      "resize-640",
      "resize-1280",
    ]);
  });

  it("announces image/processed and notifies the uploader", async () => {
    const services = createLocalServices();
    const event = await upload(services.files, await png());

    const run = await runJob(imageProcessing(services), { event, catalog, now });

    expect(run.sent.map((sent) => sent.name)).toEqual(["image/processed", "notification/send"]);
    expect(run.sent[1]?.data).toMatchObject({
      userId: "usr_ada",
      title: "Image Ready",
      body: "Your 800×600 png image has 3 web sizes",
    });
  });

  it("is cancelled by its 5-minute timeout while storage keeps failing, retries and their waits included", async () => {
    const files = createMemoryFileStorage();
    const event = await upload(files, await png());
    const unavailable: FileStorage = {
      put: files.put,
      get: async () => {
        throw new Error("storage answered 503");
      },
    };

    const run = await runJob(imageProcessing(createLocalServices({ files: unavailable })), {
      event,
      catalog,
      now,
    });

    expect(run.status).toBe("cancelled");
    expect(run.elapsed).toBe(5 * 60_000);
    expect(run.timeline.at(-1)).toMatchObject({ type: "cancelled", reason: "timeout" });
    expect(run.timeline.filter((entry) => entry.type === "retry").map((entry) => entry.delay)).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(run.sent).toEqual([]);
  });

  it("fails at once, without retrying, when the upload is not an image", async () => {
    const services = createLocalServices();
    const event = await upload(services.files, new TextEncoder().encode("%PDF-1.7"), "application/pdf");

    const run = await runJob(imageProcessing(services), { event, catalog, now });

    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(1);
    expect(run.error?.message).toBe('the upload "uploads/img_1" is not an image');
  });

  it("processes at most two images at once and gives each run five minutes", () => {
    const { config } = imageProcessing(createLocalServices());

    expect(config.concurrency).toEqual([{ limit: 2, key: undefined, scope: undefined }]);
    expect(config.timeouts).toEqual({ startMs: undefined, finishMs: 5 * 60_000 });
  });
});
