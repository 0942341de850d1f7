import sharp from "sharp";

/** An image's size and format. */
export interface ImageInfo {
  readonly width: number;
  readonly height: number;
  readonly format: string;
}

/** What the image-processing job needs from an image library. */
export interface ImageLibrary {
  /** Reads an image's size and format; throws on bytes that are not an image. */
  inspect(bytes: Uint8Array): Promise<ImageInfo>;
  /** Scales to `width` (never up), keeping the aspect ratio, and encodes as WebP. */
  resizeToWebp(bytes: Uint8Array, width: number): Promise<ImageInfo & { readonly bytes: Uint8Array }>;
}

/** libvips stops an operation that runs longer than this; the job's own timeout caps the whole run. */
const operationTimeoutSeconds = 30;

/**
 * The image library on `sharp` (libvips). Its prebuilt binaries are ordinary npm packages
 * (`@img/sharp-<platform>`), so `npm install` downloads nothing else.
 *
 * @example
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { sharpImageLibrary } from "./image-library";
 *
 * const { width, height } = await sharpImageLibrary.inspect(await readFile("photo.jpg"));
 * ```
 */
export const sharpImageLibrary: ImageLibrary = {
  async inspect(bytes) {
    const { width, height, format } = await sharp(bytes).metadata();
    if (!width || !height || !format) throw new Error("not an image sharp can read");
    return { width, height, format };
  },
  async resizeToWebp(bytes, width) {
    const { data, info } = await sharp(bytes)
      .timeout({ seconds: operationTimeoutSeconds })
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: new Uint8Array(data), width: info.width, height: info.height, format: info.format };
  },
};
