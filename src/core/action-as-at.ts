import { currentDeadline, type Action } from "./action.js";
import { TRACKED_FIELDS, type ActionEvent, type EventField, type TrackedField } from "./action-event.js";
import type { IsoDate } from "./iso-date.js";
import { londonDate } from "./london.js";
import type { ProgressUpdate } from "./progress-update.js";
import { readRating } from "./rag.js";

/**
 * An action as it stood at the end of a day, from its history alone: its events (managers'
 * changes, decisions, sign-offs) and its progress updates (a lead's rating, a completion),
 * folded in time order. Nothing dated after the day is read, so nothing done later can change
 * what Assure says about that day (Care Act 2014 Sch. 2 para 4: the annual report is a record).
 */
export type Tracked = Pick<Action, TrackedField | "latestUpdate">;
export interface History {
  updates: readonly ProgressUpdate[];
  events: readonly ActionEvent[];
}

/** One step of an action's history: an event, or a progress update and what it did. */
export type Step = { at: string; id: string } & ({ event: ActionEvent; update?: never } | { update: ProgressUpdate; event?: never });

/** Time order; two steps in the same millisecond by id, so every reader folds them the same way. */
const byTime = (a: Step, b: Step) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const dayOf = (at: string): IsoDate => londonDate(new Date(at));

/** The action's steps, oldest first. */
export function stepsOf(history: History): Step[] {
  return [...history.events.map((e): Step => ({ at: e.at, id: e.id, event: e })), ...history.updates.map((u): Step => ({ at: u.at, id: u.id, update: u }))].sort(byTime);
}

/** The fields a step can set: an event's own; a lead's rating or completion. */
function touches(step: Step, field: TrackedField): boolean {
  if (step.event) return step.event.fields.some((f) => f.field === field);
  const u = step.update;
  return field === "status" ? u.markedComplete : field === "rating" ? u.markedComplete || u.rating !== null : false;
}

const set = (state: Tracked, f: EventField): Tracked => ({ ...state, [f.field]: f.to });

/** What one step does to the fields. A lead's update counts only while the action is open, as when it was recorded. */
export function applyStep(state: Tracked, step: Step): Tracked {
  if (step.event) return step.event.fields.reduce(set, state);
  const u = step.update;
  if (state.status.state !== "open") return state;
  const latestUpdate = { id: u.id, at: u.at };
  if (u.markedComplete) return { ...state, rating: "complete", status: { state: "complete" }, latestUpdate };
  return { ...state, rating: u.rating ?? state.rating, latestUpdate };
}

/**
 * Each field before anything in its history: the value the first event that changed it
 * changed it from; for a rating a lead gave first, the rating the plan document wrote; a field
 * nothing ever changed is as stored.
 */
export function baselineOf(action: Action, steps: readonly Step[]): Tracked {
  const base: Tracked = { rating: action.rating, status: action.status, revisedDeadline: action.revisedDeadline, lead: action.lead, text: action.text, timescale: action.timescale, latestUpdate: steps.some((s) => s.update) ? null : action.latestUpdate };
  for (const field of TRACKED_FIELDS) {
    const first = steps.find((s) => touches(s, field));
    if (!first) continue;
    if (first.event) {
      Object.assign(base, { [field]: first.event.fields.find((f) => f.field === field)!.from });
    } else if (field === "status") {
      base.status = { state: "open" };
    } else if (field === "rating") {
      const written = readRating(action.ratingAsWritten ?? "");
      base.rating = typeof written === "string" ? written : null;
    }
  }
  return base;
}

/** The fields after every step on or before `day` (null: after every step there is). */
export function trackedAsAt(action: Action, history: History, day: IsoDate | null): Tracked {
  const steps = stepsOf(history);
  return steps.filter((s) => day === null || dayOf(s.at) <= day).reduce(applyStep, baselineOf(action, steps));
}

/** The action as at the end of `day`: its fields from its history, and only the history up to then. */
export function actionAsAt<A extends Action & History>(action: A, day: IsoDate): A & { deadline: IsoDate | null } {
  const fields = trackedAsAt(action, action, day);
  const at = { ...action, ...fields, updates: action.updates.filter((u) => dayOf(u.at) <= day), events: action.events.filter((e) => dayOf(e.at) <= day) };
  return { ...at, deadline: currentDeadline(at) };
}

/** Whether the action was in Assure by the end of `day`: one created in the tab later was not. */
export const existedOn = (action: History, day: IsoDate): boolean => action.events.every((e) => e.kind !== "created" || dayOf(e.at) <= day);

/** The latest step on or before `day` that changed `field`, with what it changed it from. */
export function lastChange(action: Action & History, field: TrackedField, day: IsoDate): { step: Step; before: Tracked } | null {
  const steps = stepsOf(action);
  let state = baselineOf(action, steps);
  let found: { step: Step; before: Tracked } | null = null;
  for (const step of steps) {
    if (dayOf(step.at) > day) break;
    const next = applyStep(state, step);
    if (JSON.stringify(next[field]) !== JSON.stringify(state[field])) found = { step, before: state };
    state = next;
  }
  return found;
}
