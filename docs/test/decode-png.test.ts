import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodePng, imageStats } from "./decode-png";

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  // The decoder does not check CRCs; a zero CRC keeps the encoder short.
  return Buffer.concat([length, Buffer.from(type, "ascii"), body, Buffer.alloc(4)]);
}

/** Encodes RGB rows, each with the given filter applied, as a PNG. */
function encodePng(width: number, rows: number[][], filters: number[]): Buffer {
  const channels = 3;
  const stride = width * channels;
  const raw: number[] = [];
  rows.forEach((row, y) => {
    const filter = filters[y % filters.length] ?? 0;
    raw.push(filter);
    row.forEach((value, x) => {
      const left = x >= channels ? (row[x - channels] ?? 0) : 0;
      const up = y > 0 ? (rows[y - 1]?.[x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (rows[y - 1]?.[x - channels] ?? 0) : 0;
      const estimate = left + up - upLeft;
      const [a, b, c] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
      const paeth = a <= b && a <= c ? left : b <= c ? up : upLeft;
      const predicted = [0, left, up, Math.floor((left + up) / 2), paeth][filter] ?? 0;
      raw.push((value - predicted + 256) & 0xff);
    });
    expect(row.length).toBe(stride);
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(rows.length, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.from(raw))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const width = 8;
const noisy = Array.from({ length: 6 }, (_, y) =>
  Array.from({ length: width * 3 }, (_, x) => (x * 37 + y * 91) % 256),
);

describe("decodePng", () => {
  it("undoes every PNG row filter", () => {
    const image = decodePng(encodePng(width, noisy, [0, 1, 2, 3, 4]));
    expect([image.width, image.height, image.channels]).toEqual([8, 6, 3]);
    expect([...image.pixels]).toEqual(noisy.flat());
  });

  it("refuses a file that is not a PNG", () => {
    expect(() => decodePng(Buffer.from("<html></html>"))).toThrow("not a PNG");
  });
});

describe("imageStats", () => {
  it("tells a blank image from a varied one", () => {
    const blank = Array.from({ length: 6 }, () => Array.from({ length: width * 3 }, () => 255));
    const flat = imageStats(decodePng(encodePng(width, blank, [0])));
    expect(flat.nonBackground).toBe(0);
    expect(flat.colors).toBe(1);
    expect(flat.luminanceStdDev).toBeLessThan(0.01);
    const varied = imageStats(decodePng(encodePng(width, noisy, [0])));
    expect(varied.nonBackground).toBeGreaterThan(0.5);
    expect(varied.luminanceStdDev).toBeGreaterThan(10);
  });
});
