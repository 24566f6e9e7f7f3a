import type { Action } from "./action.js";
import { completedOn, impactState } from "./impact-review.js";
import type { IsoDate } from "./iso-date.js";
import type { ProgressUpdate } from "./progress-update.js";
import { boardRegister, type Register } from "./register.js";
import { repeatFindings } from "./repeat-finding.js";
import { reviewDay } from "./review.js";

/** One theme across a board's reviews and years. */
export interface ThemeRow {
  themeId: string;
  theme: string;
  retired: boolean;
  findings: number;
  /** Titles of the reviews with a finding on this theme, oldest first. */
  reviews: string[];
  /** Findings per financial year the review concluded in ("2017/18"); "undated" when it has no day. */
  byYear: Record<string, number>;
  /** Findings on this theme that repeat it from an earlier review. */
  repeats: number;
  /** Open actions of the recommendations that answer these findings, and the business-plan actions they feed. */
  openActions: number;
  /** Median days from the review's day to the last action of the finding's recommendations completing. */
  medianDaysToComplete: number | null;
  /** Median days from the review's day to the impact review that recorded "demonstrated". */
  medianDaysToImpact: number | null;
}

export interface ThemesReport {
  board: string;
  asOf: IsoDate;
  themes: ThemeRow[];
  repeats: { review: string; finding: string; theme: string; earlierReviews: string[] }[];
}

/** April to March: the year a day falls in, as "2017/18". */
export function financialYearOf(day: IsoDate): string {
  const year = Number(day.slice(0, 4));
  const start = Number(day.slice(5, 7)) >= 4 ? year : year - 1;
  return `${start}/${String(start + 1).slice(2)}`;
}

const days = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/**
 * Findings by theme across a board's reviews and years: how often each theme comes back, what is
 * still open, and how long it took from finding to done and to shown impact, as at `asOf`.
 */
export function themesReport(input: { register: Register; actions: readonly Action[]; updates: readonly ProgressUpdate[]; board: string; asOf: IsoDate }): ThemesReport {
  const r = boardRegister(input.register, input.board);
  const reviews = new Map(r.reviews.map((x) => [x.id, x]));
  const themes = new Map(r.themes.map((t) => [t.id, t]));
  const repeats = repeatFindings(r.findings, r.reviews);
  const actionsOfSection = (id: string) => input.actions.filter((a) => a.sectionId === id);
  const linksOf = (findingId: string) => r.recommendationLinks.filter((l) => l.findingIds.includes(findingId));
  const actionIdsOf = (findingId: string) => new Set(linksOf(findingId).flatMap((l) => [...actionsOfSection(l.id).map((a) => a.id), ...l.feedsActionIds]));

  const rows: ThemeRow[] = r.themes.map((theme) => {
    const findings = r.findings.filter((f) => f.themeIds.includes(theme.id));
    const dated = findings.map((f) => ({ f, day: reviewDay(reviews.get(f.reviewId)!) }));
    const byYear: Record<string, number> = {};
    for (const { day } of dated) {
      const key = day === null ? "undated" : financialYearOf(day);
      byYear[key] = (byYear[key] ?? 0) + 1;
    }
    const actionIds = new Set(findings.flatMap((f) => [...actionIdsOf(f.id)]));
    const toComplete: number[] = [];
    const toImpact: number[] = [];
    for (const { f, day } of dated) {
      if (day === null) continue;
      const links = linksOf(f.id);
      const actions = links.flatMap((l) => actionsOfSection(l.id));
      if (actions.length > 0 && actions.every((a) => a.status.state !== "open")) {
        const done = actions.map((a) => completedOn(a, input.updates)).filter((d): d is IsoDate => d !== null && d <= input.asOf).sort().at(-1);
        if (done) toComplete.push(days(day, done));
      }
      const shown = links
        .map((l) => impactState({ link: l, actions: actionsOfSection(l.id), updates: input.updates, reviews: r.impactReviews, today: input.asOf }))
        .filter((s) => s.state === "recorded" && s.outcome === "demonstrated");
      if (links.length > 0 && shown.length === links.length) toImpact.push(days(day, shown.map((s) => (s as { recordedOn: IsoDate }).recordedOn).sort().at(-1)!));
    }
    return {
      themeId: theme.id,
      theme: theme.name,
      retired: theme.retired,
      findings: findings.length,
      reviews: [...new Set(dated.sort((a, b) => (a.day ?? "").localeCompare(b.day ?? "")).map(({ f }) => reviews.get(f.reviewId)!.title))],
      byYear,
      repeats: repeats.filter((x) => x.earlier.some((e) => e.themeId === theme.id)).length,
      openActions: input.actions.filter((a) => actionIds.has(a.id) && a.status.state === "open").length,
      medianDaysToComplete: median(toComplete),
      medianDaysToImpact: median(toImpact),
    };
  });
  return {
    board: input.board,
    asOf: input.asOf,
    // Themes that carry findings first, most findings first; the rest of the taxonomy after, by name.
    themes: rows.sort((a, b) => b.findings - a.findings || a.theme.localeCompare(b.theme)),
    repeats: repeats.flatMap((x) => {
      const finding = r.findings.find((f) => f.id === x.findingId)!;
      return x.earlier.map((e) => ({
        review: reviews.get(finding.reviewId)!.title,
        finding: finding.number,
        theme: themes.get(e.themeId)?.name ?? e.themeId,
        earlierReviews: e.reviewIds.map((id) => reviews.get(id)!.title),
      }));
    }),
  };
}
