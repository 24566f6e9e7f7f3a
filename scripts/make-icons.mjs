// Draws appPackage/color.png (192×192, full colour) and outline.png (32×32, white on transparent):
// a shield with a tick, Assure's mark. Run once; the PNGs are committed.
import { writeFileSync } from "node:fs";
import { PNG } from "pngjs";

const ACCENT = [0x1f, 0x5f, 0x8b];

/** Inside a shield of the given size: flat top, straight sides to 55%, then curving to a point. */
function inShield(x, y, size) {
  const u = x / size - 0.5;
  const v = y / size;
  if (v < 0.12 || v > 0.9) return false;
  const half = v < 0.55 ? 0.34 : 0.34 * Math.sqrt(Math.max(0, 1 - ((v - 0.55) / 0.35) ** 2));
  return Math.abs(u) <= half;
}

/** Near the tick's two strokes. */
function onTick(x, y, size, width) {
  const p = [x / size, y / size];
  const seg = (a, b) => {
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
  };
  return Math.min(seg([0.33, 0.48], [0.46, 0.62]), seg([0.46, 0.62], [0.68, 0.34])) <= width;
}

function draw(size, pixel) {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      const i = (y * size + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  return PNG.sync.write(png);
}

// Colour: a white shield with an accent tick on the accent colour.
writeFileSync("appPackage/color.png", draw(192, (x, y) => (inShield(x, y, 192) && !onTick(x, y, 192, 0.045) ? [255, 255, 255, 255] : [...ACCENT, 255])));
// Outline: the shield's edge and the tick in white; everything else transparent.
writeFileSync("appPackage/outline.png", draw(32, (x, y) => ((inShield(x, y, 32) && isEdge(x, y)) || onTick(x, y, 32, 0.06) ? [255, 255, 255, 255] : [0, 0, 0, 0])));

function isEdge(x, y) {
  return [[-2, 0], [2, 0], [0, -2], [0, 2]].some(([dx, dy]) => !inShield(x + dx, y + dy, 32));
}
