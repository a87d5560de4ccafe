// Draws images/icon.png, the 128×128 Marketplace and Open VSX icon, from the shapes below: a
// Service (the circle on the left) sending traffic to three endpoints grouped in one slice (the
// rounded frame on the right), white on Kubernetes blue. No drawing library: each pixel is
// sampled 4×4 times against the shapes' distance functions, and the PNG is written with zlib.
// Usage: node scripts/draw-icon.mjs [out.png]   (the committed icon is this script's output)
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const samples = 4;
const blue = [50, 108, 229];
const white = [255, 255, 255];

const roundedBox = (x, y, cx, cy, halfW, halfH, radius) => {
  const qx = Math.abs(x - cx) - halfW + radius;
  const qy = Math.abs(y - cy) - halfH + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const segment = (x, y, ax, ay, bx, by, width) => {
  const t = Math.max(
    0,
    Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) - width / 2;
};

const service = [34, 64];
const endpoints = [34, 64, 94].map((y) => [92, y]);

/** The colour at a point: the blue tile, and on it the white Service, links, endpoints and slice frame. */
function colourAt(x, y) {
  if (roundedBox(x, y, 64, 64, 64, 64, 22) > 0) return null;
  const frame = Math.abs(roundedBox(x, y, 92, 64, 19, 48, 16)) - 2.5;
  const links = Math.min(...endpoints.map(([ex, ey]) => segment(x, y, ...service, ex, ey, 5)));
  const dots = Math.min(...endpoints.map(([ex, ey]) => circle(x, y, ex, ey, 10)));
  const inWhite = Math.min(frame, links, dots, circle(x, y, ...service, 15)) <= 0;
  return inWhite ? white : blue;
}

function pixel(px, py) {
  const sum = [0, 0, 0, 0];
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const colour = colourAt(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples);
      if (colour === null) continue;
      colour.forEach((channel, i) => (sum[i] += channel));
      sum[3] += 255;
    }
  }
  const covered = sum[3] / 255;
  return covered === 0
    ? [0, 0, 0, 0]
    : [...sum.slice(0, 3).map((c) => Math.round(c / covered)), Math.round(sum[3] / samples ** 2)];
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) =>
  (bytes.reduce((c, b) => crcTable[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const rows = [];
for (let y = 0; y < size; y++) {
  rows.push(0); // filter: none
  for (let x = 0; x < size; x++) rows.push(...pixel(x, y));
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.from(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = process.argv[2] ?? 'images/icon.png';
writeFileSync(out, png);
console.log(`${out}: ${size}×${size}, ${png.length} bytes`);
