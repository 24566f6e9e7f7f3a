import type { Finding } from "./finding.js";
import type { ImpactReview } from "./impact-review.js";
import type { RecommendationLink } from "./recommendation-link.js";
import type { Review } from "./review.js";
import type { Theme } from "./theme.js";

/** A board's findings register: its reviews, their findings and themes, and what became of each recommendation. */
export interface Register {
  reviews: Review[];
  findings: Finding[];
  themes: Theme[];
  recommendationLinks: RecommendationLink[];
  impactReviews: ImpactReview[];
}

export type RegisterKind = keyof Register;

export const emptyRegister = (): Register => ({ reviews: [], findings: [], themes: [], recommendationLinks: [], impactReviews: [] });

/** One board's part of the register (themes, reviews, and what hangs from its reviews). */
export function boardRegister(register: Register, board: string): Register {
  const reviews = register.reviews.filter((r) => r.board === board);
  const reviewIds = new Set(reviews.map((r) => r.id));
  const links = register.recommendationLinks.filter((l) => reviewIds.has(l.reviewId));
  const linkIds = new Set(links.map((l) => l.id));
  return {
    reviews,
    findings: register.findings.filter((f) => reviewIds.has(f.reviewId)),
    themes: register.themes.filter((t) => t.board === board),
    recommendationLinks: links,
    impactReviews: register.impactReviews.filter((i) => linkIds.has(i.recommendationId)),
  };
}

/** Ids that point nowhere, and themes of another board, described for the person fixing them. */
export function findRegisterProblems(r: Register, sectionIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const reviews = new Map(r.reviews.map((x) => [x.id, x]));
  const themes = new Map(r.themes.map((x) => [x.id, x]));
  const findings = new Map(r.findings.map((x) => [x.id, x]));
  const links = new Set(r.recommendationLinks.map((x) => x.id));
  for (const f of r.findings) {
    const review = reviews.get(f.reviewId);
    if (!review) problems.push(`finding ${f.id} belongs to review "${f.reviewId}", which does not exist`);
    for (const t of f.themeIds) {
      const theme = themes.get(t);
      if (!theme) problems.push(`finding ${f.id} carries theme "${t}", which does not exist`);
      else if (review && theme.board !== review.board) problems.push(`finding ${f.id} carries theme "${t}" of another board (${theme.board})`);
    }
  }
  for (const l of r.recommendationLinks) {
    if (!reviews.has(l.reviewId)) problems.push(`recommendation ${l.id} answers review "${l.reviewId}", which does not exist`);
    if (!sectionIds.has(l.id)) problems.push(`recommendation ${l.id} is not a section of any plan`);
    for (const f of l.findingIds) if (findings.get(f)?.reviewId !== l.reviewId) problems.push(`recommendation ${l.id} answers finding "${f}", which is not a finding of its review`);
  }
  for (const i of r.impactReviews) if (!links.has(i.recommendationId)) problems.push(`impact review ${i.id} is about recommendation "${i.recommendationId}", which is not in the register`);
  return problems;
}

/** What the core needs from storage for the register. */
export interface RegisterStore {
  readRegister(): Promise<{ register: Register; problems: string[] }>;
  /** Creates records not yet stored; records already stored (same id) are left alone. */
  addToRegister(records: Partial<Register>): Promise<void>;
  /** Applies `change` to the record as stored, re-reading and reapplying if it moved on meanwhile. */
  updateRegister<K extends RegisterKind>(kind: K, id: string, change: (current: Register[K][number]) => Register[K][number]): Promise<Register[K][number]>;
}
