import { Resvg } from "@resvg/resvg-js";

/**
 * The dashboard's charts drawn for paper: stacked bars as SVG (Word 2016 and later show it,
 * sharp at any size) with a PNG of the same drawing for older Word. Each bar carries its numbers
 * (data attributes and a label), so the paper can be checked against the dashboard.
 */
export interface StackedBars {
  title: string;
  categories: string[];
  series: { label: string; color: string; values: number[] }[];
}

const WIDTH = 900;
const HEIGHT = 320;
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function stackedBarsSvg(chart: StackedBars): string {
  const left = 40;
  const top = 40;
  const bottom = HEIGHT - 70;
  const totals = chart.categories.map((_, i) => chart.series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const slot = (WIDTH - left - 10) / Math.max(1, chart.categories.length);
  const bar = Math.min(48, slot * 0.6);
  const scale = (bottom - top) / max;
  const parts: string[] = [];
  chart.categories.forEach((category, i) => {
    const x = left + slot * i + (slot - bar) / 2;
    let y = bottom;
    for (const s of chart.series) {
      const value = s.values[i] ?? 0;
      const h = value * scale;
      y -= h;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}" data-category="${escape(category)}" data-series="${escape(s.label)}" data-value="${value}"><title>${escape(`${category}: ${value} ${s.label}`)}</title></rect>`);
    }
    parts.push(`<text x="${(x + bar / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" font-size="12" text-anchor="middle">${totals[i]}</text>`);
    parts.push(`<text x="${(x + bar / 2).toFixed(1)}" y="${bottom + 16}" font-size="11" text-anchor="middle">${escape(category.length > 18 ? `${category.slice(0, 17)}…` : category)}</text>`);
  });
  const legend = chart.series.map((s, i) => `<rect x="${left + i * 150}" y="${HEIGHT - 28}" width="12" height="12" fill="${s.color}"/><text x="${left + i * 150 + 18}" y="${HEIGHT - 18}" font-size="12">${escape(s.label)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="DejaVu Sans, Arial, sans-serif" role="img">`,
    `<title>${escape(chart.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="bold">${escape(chart.title)}</text>`,
    `<line x1="${left}" y1="${bottom}" x2="${WIDTH - 10}" y2="${bottom}" stroke="#605e5c"/>`,
    ...parts,
    ...legend,
    "</svg>",
  ].join("");
}

/** The same drawing as a PNG, for Word that does not show SVG. */
export function svgToPng(svg: string): Buffer {
  return Buffer.from(new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" }, fitTo: { mode: "width", value: WIDTH } }).render().asPng());
}

export const CHART_SIZE = { width: WIDTH, height: HEIGHT };
