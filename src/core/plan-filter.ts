import { z } from "zod";
import { RatingSchema, type Rating } from "./rag.js";

/**
 * What the plan view is narrowed to. It lives in the tab's URL (and a deep link's sub-page id),
 * so a digest item opens exactly the view it describes. Kept free of heavy imports: the tab
 * bundles it.
 */
const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a day written YYYY-MM-DD");

export const PlanFilterSchema = z.object({
  rating: z.array(z.union([RatingSchema, z.literal("unrated")])).default([]),
  lead: z.string().min(1).nullable().default(null),
  subgroup: z.string().min(1).nullable().default(null),
  overdue: z.boolean().default(false),
  dueSoon: z.boolean().default(false),
  stale: z.boolean().default(false),
  unreachable: z.boolean().default(false),
  q: z.string().max(200, "a search is at most 200 characters").default(""),
  /** The action whose detail is open. */
  action: z.string().min(1).nullable().default(null),
  /** See the plan as at this day (overdue, due soon, stale are worked out for it); today when null. A digest's link carries its day. */
  asOf: DAY.nullable().default(null),
  /** The summary compares today's rating counts with this day's. */
  since: DAY.nullable().default(null),
});
export type PlanFilter = z.infer<typeof PlanFilterSchema>;
export const NO_FILTER: PlanFilter = PlanFilterSchema.parse({});

const FLAGS = ["overdue", "dueSoon", "stale", "unreachable"] as const;
const WORDS = ["lead", "subgroup", "q", "action", "asOf", "since"] as const;

/** Reads a filter from URL search parameters; anything it cannot read is named and left out. */
export function parsePlanFilter(params: URLSearchParams): { filter: PlanFilter; problems: string[] } {
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};
  const rating = params.get("rating");
  if (rating) raw.rating = rating.split(",");
  for (const f of FLAGS) if (params.has(f)) raw[f] = params.get(f) === "1" || params.get(f) === "true";
  for (const w of WORDS) if (params.get(w)) raw[w] = params.get(w);
  let parsed = PlanFilterSchema.safeParse(raw);
  while (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    problems.push(`${key}: ${issue.message} ("${params.get(key)}")`);
    delete raw[key];
    parsed = PlanFilterSchema.safeParse(raw);
  }
  return { filter: parsed.data, problems };
}

/** The URL query for a filter, leaving out whatever is at its default. */
export function planFilterQuery(filter: Partial<PlanFilter>): string {
  const params = new URLSearchParams();
  if (filter.rating?.length) params.set("rating", filter.rating.join(","));
  for (const f of FLAGS) if (filter[f]) params.set(f, "1");
  for (const w of WORDS) if (filter[w]) params.set(w, filter[w]!);
  return params.toString();
}

/** What the filter looks at for one action. */
export interface FilterableAction {
  ref: string;
  text: string;
  leadAsWritten: string;
  rating: Rating | null;
  leadId: string | null;
  leadPeople: string[];
  subgroupIds: string[];
  overdue: boolean;
  dueSoon: boolean;
  stale: boolean;
  unreachable: boolean;
  /** Everything else the text search should find: partners, outcome, updates. */
  searchText: string;
}

export function matchesPlanFilter(a: FilterableAction, f: PlanFilter): boolean {
  if (f.rating.length && !f.rating.includes(a.rating ?? "unrated")) return false;
  if (f.lead && a.leadId !== f.lead) return false;
  if (f.subgroup && !a.subgroupIds.includes(f.subgroup)) return false;
  if ((f.overdue && !a.overdue) || (f.dueSoon && !a.dueSoon) || (f.stale && !a.stale) || (f.unreachable && !a.unreachable)) return false;
  const q = f.q.trim().toLowerCase();
  if (!q) return true;
  const haystack = [a.ref, a.text, a.leadAsWritten, ...a.leadPeople, a.searchText].join("\n").toLowerCase();
  return q.split(/\s+/).every((word) => haystack.includes(word));
}
