import { inflateSync } from "node:zlib";

/** A decoded 8-bit RGB or RGBA image. */
export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  /** Bytes per pixel: 3 (RGB) or 4 (RGBA). */
  readonly channels: number;
  /** Unfiltered pixel rows, `width * channels` bytes each. */
  readonly pixels: Uint8Array;
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/** Decodes the non-interlaced 8-bit RGB(A) PNGs Chromium writes; throws on anything else. */
export function decodePng(file: Buffer): DecodedPng {
  if (!file.subarray(0, 8).equals(signature)) throw new Error("not a PNG: wrong signature");
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString("ascii", offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colorType, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) {
        throw new Error(`unsupported PNG: depth ${depth}, color type ${colorType}, interlace ${interlace}`);
      }
      channels = colorType === 6 ? 4 : 3;
    } else if (type === "IDAT") {
      data.push(body);
    } else if (type === "IEND") {
      break;
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    const source = row * (stride + 1) + 1;
    const target = row * stride;
    for (let index = 0; index < stride; index++) {
      const value = raw[source + index] ?? 0;
      const left = index >= channels ? (pixels[target + index - channels] ?? 0) : 0;
      const up = row > 0 ? (pixels[target - stride + index] ?? 0) : 0;
      const upLeft = row > 0 && index >= channels ? (pixels[target - stride + index - channels] ?? 0) : 0;
      const predicted =
        filter === 0
          ? 0
          : filter === 1
            ? left
            : filter === 2
              ? up
              : filter === 3
                ? Math.floor((left + up) / 2)
                : paeth(left, up, upLeft);
      pixels[target + index] = (value + predicted) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** How much of the image differs from its most common colour, and the luminance standard deviation. */
export function imageStats(image: DecodedPng): {
  nonBackground: number;
  luminanceStdDev: number;
  colors: number;
} {
  const counts = new Map<number, number>();
  let sum = 0;
  let sumSquares = 0;
  const total = image.width * image.height;
  for (let pixel = 0; pixel < total; pixel++) {
    const at = pixel * image.channels;
    const [red, green, blue] = [image.pixels[at] ?? 0, image.pixels[at + 1] ?? 0, image.pixels[at + 2] ?? 0];
    const color = (red << 16) | (green << 8) | blue;
    counts.set(color, (counts.get(color) ?? 0) + 1);
    const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    sum += luminance;
    sumSquares += luminance * luminance;
  }
  const background = Math.max(...counts.values());
  const mean = sum / total;
  return {
    nonBackground: 1 - background / total,
    luminanceStdDev: Math.sqrt(Math.max(0, sumSquares / total - mean * mean)),
    colors: counts.size,
  };
}
