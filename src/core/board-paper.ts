import { currentDeadline, isOpen } from "./action.js";
import { actionAsAt, dayOf, lastChange } from "./action-as-at.js";
import type { IsoDate } from "./iso-date.js";
import { planAsAt, type ActionView, type PlanView } from "./plan-export.js";
import type { Rating } from "./rag.js";
import type { RatingCounts } from "./rating-history.js";

/**
 * A plan as a board paper sees it, as at a chosen day: every action as the document lays it
 * out (section → actions, lead, target date, outcome, RAG rating, latest update), a summary
 * (counts by rating, overdue) and what changed since the last meeting. Pure: the Word, Excel
 * and CSV writers only lay this out.
 */
export interface PaperAction {
  ref: string;
  text: string;
  section: string;
  deliverable: string | null;
  lead: string;
  timescale: string;
  targetDate: IsoDate | null;
  outcome: string | null;
  rating: Rating | null;
  status: string;
  overdue: boolean;
  latestUpdate: { on: IsoDate; by: string; text: string } | null;
  /** The target date moved from `from`: approved (a lead's request) or changed by a manager, by whom and when. */
  revised: { from: IsoDate | null; by: string; on: IsoDate; approved: boolean } | null;
}

export interface BoardPaper {
  title: string;
  boards: string[];
  asOf: IsoDate;
  since: IsoDate | null;
  counts: RatingCounts;
  overdue: number;
  sections: { heading: string; actions: PaperAction[] }[];
  /** Since `since`: each action whose rating moved or that has new updates. */
  changes: { ref: string; rating: { from: Rating | null; to: Rating | null } | null; updates: number }[];
}

/** Statuses in people's words: a lead's "complete" awaits the board's sign-off. */
export const STATUS_WORDS = { open: "Open", complete: "Awaiting sign-off", closed: "Signed off", "not-implemented": "Not implemented" } as const;

/** How the target date came to be what it was on `day`, if it was ever revised. */
export function revisionOf(a: ActionView, day: IsoDate): PaperAction["revised"] {
  const change = lastChange(a, "revisedDeadline", day);
  if (!change?.step.event) return null;
  const e = change.step.event;
  return { from: currentDeadline({ ...a, ...change.before }), by: e.by.name, on: dayOf(e.at), approved: e.kind === "deadline-approved" };
}

/** Reads only the plan's history up to `asOf`: what is done later never changes a paper about an earlier day. */
export function boardPaper(whole: PlanView, options: { asOf: IsoDate; since: IsoDate | null }): BoardPaper {
  const { asOf, since } = options;
  const plan = planAsAt(whole, asOf);
  const counts: RatingCounts = { red: 0, amber: 0, green: 0, complete: 0, unrated: 0 };
  let overdue = 0;
  const changes: BoardPaper["changes"] = [];
  const sections = plan.sections.map((section) => {
    const heading = `${section.kind === "priority" ? "Priority" : "Recommendation"} ${section.number}: ${section.title}`;
    const rows = [...section.actions.map((a) => ({ a, deliverable: null as string | null })), ...section.deliverables.flatMap((d) => d.actions.map((a) => ({ a, deliverable: `${d.ref} ${d.text}` })))];
    const actions = rows.map(({ a, deliverable }): PaperAction => {
      const known = a.updates;
      const rating = a.rating;
      const latest = known.at(-1) ?? null;
      const isLate = isOpen(a) && a.deadline !== null && a.deadline < asOf;
      counts[rating ?? "unrated"]++;
      if (isLate) overdue++;
      if (since) {
        const before = actionAsAt(a, since).rating;
        const fresh = known.filter((u) => dayOf(u.at) > since).length;
        if (before !== rating || fresh > 0) changes.push({ ref: a.ref, rating: before !== rating ? { from: before, to: rating } : null, updates: fresh });
      }
      return {
        ref: a.ref,
        text: a.text,
        section: heading,
        deliverable,
        lead: a.lead.asWritten,
        timescale: a.timescale.text,
        targetDate: a.deadline,
        outcome: a.expectedOutcome,
        rating,
        status: STATUS_WORDS[a.status.state],
        overdue: isLate,
        latestUpdate: latest ? { on: dayOf(latest.at), by: latest.author.name, text: latest.text } : null,
        revised: revisionOf(a, asOf),
      };
    });
    return { heading, actions };
  });
  return { title: plan.title, boards: plan.boards, asOf, since, counts, overdue, sections, changes };
}
