import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = (createRequire(import.meta.url)("axe-core") as { source: string }).source;

/**
 * Serious and critical WCAG 2.2 AA violations. One known false positive is set aside: Fluent's
 * focus manager (tabster) puts aria-hidden, focusable <i data-tabster-dummy> guards at the edges
 * of focus zones on purpose; they pass focus on at once (microsoft/tabster#288; Microsoft's
 * Accessibility Insights suppresses the same).
 */
export async function axeSeriousOrCritical(page: Page): Promise<string[]> {
  // Measure the settled page: mid-way through a drawer's fade-in, text is not yet at full contrast.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  // Through DevTools, not a <script> tag: the tab's Content-Security-Policy rightly refuses inline scripts.
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() => (window as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({ runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }))) as {
    violations: { id: string; impact: string; nodes: { target: string[]; html: string }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ ...v, nodes: v.id === "aria-hidden-focus" ? v.nodes.filter((n) => !n.html.includes("data-tabster-dummy")) : v.nodes }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
