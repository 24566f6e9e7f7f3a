import { currentDeadline, type Action } from "../core/action.js";
import type { Change } from "../core/change-log.js";
import { changeWords } from "../core/event-words.js";
import type { IsoDate } from "../core/iso-date.js";
import type { Person } from "../core/lead.js";
import { londonDate } from "../core/london.js";
import type { Plan } from "../core/plan.js";
import type { ProgressUpdate } from "../core/progress-update.js";
import type { Rating } from "../core/rag.js";
import { ACTION_STATE_CHOICES, CHANGE_CHOICES, PLAN_KIND_CHOICES, PLAN_STATE_CHOICES, REACH_CHOICES, SUBJECT_CHOICES, VIA_CHOICES } from "./readable-columns.js";

/**
 * The readable columns' values (readable-columns.ts), each a function of the record alone, so
 * they go out in the same create or PATCH as the record: no extra Graph write, ever.
 */

type Fields = Record<string, unknown>;

/**
 * A calendar day for a date-only dateTime column: noon UTC on that day. SharePoint keeps a
 * date-only value as the site's midnight of the day the written instant falls on in the site's
 * time zone (docs/store.md); noon UTC falls on the same day in every zone from UTC−11 to UTC+11,
 * so no site time zone, BST or GMT, moves it.
 */
export const dateOnlyValue = (day: IsoDate | null): string | null => (day === null ? null : `${day}T12:00:00Z`);

/** The day a date-only value Graph returns stands for, read in the site's time zone (Europe/London). */
export const dayOfDateOnly = (value: unknown): IsoDate | null => (typeof value === "string" && value !== "" ? londonDate(new Date(value)) : null);

const RAG: Record<Rating, string> = { red: "Red", amber: "Amber", green: "Green", complete: "Complete" };
export const ragChoice = (rating: Rating | null): string => (rating === null ? "Not rated" : RAG[rating]);

const pick = <K extends string>(keys: readonly K[], choices: string[]) => (key: K): string => choices[keys.indexOf(key)]!;
export const actionStateChoice = pick(["open", "complete", "closed", "not-implemented"], ACTION_STATE_CHOICES);
const planState = pick(["draft", "active", "closed"], PLAN_STATE_CHOICES);
const planKind = pick(["sar-action-plan", "business-plan", "strategic-plan", "other"], PLAN_KIND_CHOICES);
const via = pick(["plan-document", "teams-card", "tab", "cli", "email-link"], VIA_CHOICES);
const reach = pick(["teams-else-email", "teams", "email", "both"], REACH_CHOICES);
const did = pick(["created", "edited"], CHANGE_CHOICES);
const subject = pick(["plan", "section", "deliverable", "action", "lead", "person", "subgroup"], SUBJECT_CHOICES);

export const readableAction = (a: Action): Fields => ({
  Deadline: dateOnlyValue(currentDeadline(a)),
  RAG: ragChoice(a.rating),
  ActionState: actionStateChoice(a.status.state),
  LatestUpdateOn: a.latestUpdate ? dateOnlyValue(londonDate(new Date(a.latestUpdate.at))) : null,
});

export const readablePlan = (p: Plan): Fields => ({
  PlanState: planState(p.status),
  PlanKind: planKind(p.kind),
  StartsOn: dateOnlyValue(p.period?.from ?? null),
  EndsOn: dateOnlyValue(p.period?.to ?? null),
  IssuedDate: dateOnlyValue(p.issuedOn),
});

export const readableProgressUpdate = (u: ProgressUpdate): Fields => ({
  Given: new Date(u.at).toISOString(),
  RAG: ragChoice(u.rating),
  GivenThrough: via(u.via),
  ProposedDeadlineOn: dateOnlyValue(u.proposedDeadline?.date ?? null),
  EvidenceLinks: u.evidence.length > 0 ? u.evidence.join("\n") : null,
});

export const readablePerson = (p: Person): Fields => ({ ReachedBy: reach(p.channel) });

const SUMMARY_MAX = 4000;
const shown = (value: unknown): string => {
  const text = value === null || value === undefined ? "(none)" : typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
};

export const readableChange = (c: Change): Fields => {
  // An action's rating, status, deadline, lead, wording and timescale in people's words ("rating: Green → Amber").
  const said = (f: Change["fields"][number]) => (c.subject.kind === "action" && c.what === "edited" ? changeWords(f) : null);
  const summary = c.fields.map((f) => said(f) ?? (c.what === "created" ? `${f.field}: ${shown(f.to)}` : `${f.field}: ${shown(f.from)} → ${shown(f.to)}`)).join("\n");
  return {
    When: new Date(c.at).toISOString(),
    Did: did(c.what),
    Record: subject(c.subject.kind),
    Summary: summary === "" ? null : summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary,
  };
};
