#!/usr/bin/env node
/**
 * Draws the add-in's icons (assets/icon-<size>.png) with no image library: a white ledger check mark
 * on a rounded teal square. Run `node scripts/make-icons.mjs` after changing the drawing; the PNGs are
 * committed so that the build and the manifest test never depend on running this.
 *
 * The PNG encoder is the minimum the format needs (PNG spec, https://www.w3.org/TR/png-3/): signature,
 * IHDR (8-bit RGBA, no interlace), one IDAT (zlib-deflated scanlines, filter type 0 on every row) and
 * IEND, each chunk closed by a CRC-32 of its type and data.
 */
import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Sizes Office asks for: 16/32/80 for ribbon buttons, 32/64 for IconUrl/HighResolutionIconUrl, 128 for AppSource. */
export const ICON_SIZES = [16, 32, 64, 80, 128];

const TEAL = [0x00, 0x80, 0x80];
const LEDGER_LINE = [0x4d, 0xb3, 0xb3];
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** rgba: Uint8Array of width*height*4 bytes, rows top to bottom. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method 0
  header[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Colour and coverage at a point of the unit square (0..1 both ways). Layers, back to front: rounded
 * teal tile, three faint ledger rules, the white check mark.
 */
function shade(u, v) {
  const radius = 0.18;
  const cx = Math.min(Math.max(u, radius), 1 - radius);
  const cy = Math.min(Math.max(v, radius), 1 - radius);
  if (Math.hypot(u - cx, v - cy) > radius) return null;
  const tick = 0.085;
  const onCheck =
    distanceToSegment(u, v, 0.24, 0.52, 0.42, 0.7) <= tick || distanceToSegment(u, v, 0.42, 0.7, 0.78, 0.3) <= tick;
  if (onCheck) return WHITE;
  const onRule = [0.3, 0.5, 0.7].some((y) => Math.abs(v - y) < 0.022) && u > 0.16 && u < 0.84;
  return onRule ? LEDGER_LINE : TEAL;
}

/** 4x4 supersampling per pixel so small sizes keep a smooth edge. */
export function drawIcon(size) {
  const samples = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = shade((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const i = (y * size + x) * 4;
      if (covered > 0) {
        // Colour averaged over covered samples only; coverage goes to alpha (straight, not premultiplied).
        rgba[i] = Math.round(r / covered);
        rgba[i + 1] = Math.round(g / covered);
        rgba[i + 2] = Math.round(b / covered);
        rgba[i + 3] = Math.round((255 * covered) / (samples * samples));
      }
    }
  }
  return encodePng(size, size, rgba);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const assets = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");
  mkdirSync(assets, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(assets, `icon-${size}.png`);
    writeFileSync(file, drawIcon(size));
    console.log(`wrote ${file}`);
  }
}
