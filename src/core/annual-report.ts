import type { Change } from "./change-log.js";
import { boardPaper, type BoardPaper } from "./board-paper.js";
import { InputError } from "./errors.js";
import type { IsoDate } from "./iso-date.js";
import { londonDate } from "./london.js";
import { lastChange } from "./action-as-at.js";
import type { AnnualRegister } from "./annual-register.js";
import { planActions, planAsAt, type PlanView } from "./plan-export.js";

/**
 * What the Care Act 2014 (Schedule 2, paragraph 4) asks a Safeguarding Adults Board's annual
 * report to say about its reviews, from the plans and their history as at the financial year's
 * end: (d) the findings of each SAR concluded in the year, (e) the SARs still in progress at its
 * end, (f) what was done in the year to implement findings, (g) findings the board decided in
 * the year not to implement, with its reasons; and, for (a)–(b), how its business plan was delivered.
 */
export interface FinancialYear {
  label: string;
  from: IsoDate;
  to: IsoDate;
}

/** "2022/23", "2022-23" or "2022/2023": April 2022 to March 2023. */
export function parseFinancialYear(text: string): FinancialYear {
  const m = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/.exec(text.trim());
  const start = m ? Number(m[1]) : NaN;
  const end = m ? Number(m[2]!.length === 2 ? `${m[1]!.slice(0, 2)}${m[2]}` : m[2]) : NaN;
  if (!m || end !== start + 1) throw new InputError("year", `"${text}" is not a financial year: write it as 2022/23 (April 2022 to March 2023)`);
  return { label: `${start}/${String(end).slice(2)}`, from: `${start}-04-01`, to: `${end}-03-31` };
}

export interface ReviewInReport {
  title: string;
  review: string | null;
  issuedOn: IsoDate | null;
  /** The review's findings: its recommendations, each with what was done, as at the year end. */
  paper: BoardPaper;
  /** Actions completed within the year. */
  completedInYear: string[];
  /** Progress reported within the year, per action ref. */
  progressInYear: { ref: string; on: IsoDate; by: string; text: string }[];
}

export interface AnnualReport {
  year: FinancialYear;
  boards: string[];
  concluded: ReviewInReport[];
  inProgress: { title: string; review: string | null }[];
  implementing: ReviewInReport[];
  notImplemented: { plan: string; ref: string; action: string; reason: string; decidedOn: IsoDate | null }[];
  businessPlans: BoardPaper[];
  /** The same paragraphs as the findings register gives them (annual-register.ts); null where the board keeps no register. */
  register?: AnnualRegister | null;
}

export function annualReport(plans: readonly PlanView[], changes: readonly Change[], year: FinancialYear): AnnualReport {
  const inYear = (day: IsoDate | null) => day !== null && day >= year.from && day <= year.to;
  const dayOf = (at: string) => londonDate(new Date(at));
  const sars = plans.filter((p) => p.kind === "sar-action-plan");
  const issuedByYearEnd = sars.filter((p) => p.issuedOn !== null && p.issuedOn <= year.to);
  // As the plans stood at the year's end: nothing done after it changes this year's report.
  const atYearEnd = (plan: PlanView) => planAsAt(plan, year.to);
  const review = (whole: PlanView): ReviewInReport => {
    const plan = atYearEnd(whole);
    const actions = planActions(plan);
    return {
      title: plan.title,
      review: plan.review,
      issuedOn: plan.issuedOn,
      paper: boardPaper(plan, { asOf: year.to, since: year.from }),
      completedInYear: actions.filter((a) => (a.status.state === "complete" || a.status.state === "closed") && inYear(completedOn(a))).map((a) => a.ref),
      progressInYear: actions.flatMap((a) => a.updates.filter((u) => inYear(dayOf(u.at))).map((u) => ({ ref: a.ref, on: dayOf(u.at), by: u.author.name, text: u.text }))),
    };
  };
  const notImplemented = issuedByYearEnd.flatMap((plan) =>
    planActions(atYearEnd(plan)).flatMap((a) => {
        if (a.status.state !== "not-implemented") return [];
        const event = lastChange(a, "status", year.to);
        // Before events, the change log said when; a site upgraded in place keeps that date in its events too.
        const decided = changes.filter((c) => c.subject.id === a.id && dayOf(c.at) <= year.to && c.fields.some((f) => f.field === "status" && (f.to as { state?: string } | null)?.state === "not-implemented")).at(-1);
        const decidedOn = event ? dayOf(event.step.at) : decided ? dayOf(decided.at) : null;
        // Decided in another year: that year's report said so.
        if (decidedOn !== null && !inYear(decidedOn)) return [];
        return [{ plan: plan.title, ref: a.ref, action: a.text, reason: a.status.reason, decidedOn }];
      }),
  );
  return {
    year,
    boards: [...new Set(plans.flatMap((p) => p.boards))],
    concluded: issuedByYearEnd.filter((p) => inYear(p.issuedOn)).map(review),
    inProgress: sars.filter((p) => p.status !== "closed" && (p.issuedOn === null || p.issuedOn > year.to)).map((p) => ({ title: p.title, review: p.review })),
    implementing: issuedByYearEnd.filter((p) => p.status !== "closed" || inYear(p.updatedOn)).map(review),
    notImplemented,
    businessPlans: plans.filter((p) => p.kind !== "sar-action-plan" && p.period !== null && p.period.from <= year.to && p.period.to >= year.from).map((p) => boardPaper(p, { asOf: year.to, since: year.from })),
  };
}

/** The day an action was last marked complete (by its lead) or signed off, as far as its history (already as at a day) says. */
function completedOn(a: PlanView["sections"][number]["actions"][number]): IsoDate | null {
  const done = [...a.updates].reverse().find((u) => u.markedComplete);
  const change = lastChange(a, "status", "9999-12-31");
  const at = change?.step.at ?? done?.at;
  return at ? londonDate(new Date(at)) : null;
}
