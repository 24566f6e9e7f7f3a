import { actionEditEvent, applyEvent, type ActionEdit, type Actor } from "../../src/core/action-edit.js";
import { deadlineDecision, pendingDeadlineRequests } from "../../src/core/deadline-request.js";
import { AssureError } from "../../src/core/errors.js";
import { leadOfAction } from "../../src/core/lead.js";
import { londonDate } from "../../src/core/london.js";
import { applyProgressUpdate } from "../../src/core/progress.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import type { Rating } from "../../src/core/rag.js";
import type { BoardRecords } from "../../src/core/records.js";
import type { Change } from "../../src/core/change-log.js";

/**
 * What people do to actions, done as the server does it (the same core rules, in time order),
 * without a server: for tests that replay a history and look at the record as at a day.
 */
export type Op =
  | { kind: "edit"; action: number; at: string; edit: ActionEdit }
  | { kind: "update"; action: number; at: string; rating: Rating | null; complete: boolean; deadline: string | null }
  | { kind: "decide"; action: number; at: string; approve: boolean }
  | { kind: "sign-off"; action: number; at: string; approve: boolean }
  /** A manager renames a plan, section or subgroup, or moves a lead to other subgroups: logged, as the server logs it. */
  | { kind: "rename"; target: "plan" | "section" | "subgroup" | "lead"; index: number; at: string; name: string };

const MANAGERS: Record<string, Actor> = {
  "coventry-sar-mrs-e-2015": { personId: "megan-bowen", name: "Megan Bowen", role: "board manager" },
  "llr-sab-business-plan-2022-23": { personId: "joni-sherman", name: "Joni Sherman", role: "board manager" },
};

/** Applies one op to the records (in place), a rename also to the change log; an op the rules refuse changes nothing, as on the server. */
export function apply(r: BoardRecords, op: Op, n: number, changes: Change[] = []): void {
  if (op.kind === "rename") return rename(r, op, n, changes);
  const action = r.actions[op.action % r.actions.length]!;
  const manager = MANAGERS[action.planId] ?? { personId: null, name: "An administrator", role: "Assure administrator" as const };
  const at = new Date(op.at);
  const today = londonDate(at);
  const updates = r.progressUpdates.filter((u) => u.actionId === action.id);
  const events = r.actionEvents.filter((e) => e.actionId === action.id);
  const save = (event: ReturnType<typeof actionEditEvent>) => {
    if (!event) return;
    r.actionEvents.push(event);
    r.actions = r.actions.map((a) => (a.id === action.id ? applyEvent(a, event) : a));
  };
  try {
    if (op.kind === "edit") {
      const completion = updates.filter((u) => u.markedComplete).at(-1);
      save(actionEditEvent(action, op.edit, { leads: r.leads, by: manager, at, today, id: `ev-${n}`, completedBy: completion?.author.personId ?? null }));
    } else if (op.kind === "update") {
      if (action.status.state !== "open") return;
      const author = leadOfAction(action, r.plans, r.leads)?.members[0] ?? null;
      const update: ProgressUpdate = {
        id: `pu-${n}`,
        actionId: action.id,
        author: { personId: author, name: author ?? "A lead" },
        at: at.toISOString(),
        text: `Update ${n}`,
        evidence: [],
        rating: op.complete ? "complete" : op.rating === "complete" ? null : op.rating,
        proposedDeadline: !op.complete && op.deadline ? { date: op.deadline, reason: "More time is needed" } : null,
        markedComplete: op.complete,
        via: "tab",
      };
      r.progressUpdates.push(update);
      r.actions = r.actions.map((a) => (a.id === action.id ? applyProgressUpdate(a, update) : a));
    } else if (op.kind === "decide") {
      const [request] = pendingDeadlineRequests(updates, events);
      if (!request) return;
      save(deadlineDecision({ action, updates, events, requestId: request.id, approve: op.approve, reason: op.approve ? "Agreed at the board" : "Not agreed", by: manager, at, id: `ev-${n}` }));
    } else {
      if (action.status.state !== "complete") return;
      save(actionEditEvent(action, { status: { state: op.approve ? "closed" : "open" }, reason: op.approve ? "Evidence seen" : "Evidence missing" }, { leads: r.leads, by: manager, at, today, id: `ev-${n}`, completedBy: null }));
    }
  } catch (error: unknown) {
    if (!(error instanceof AssureError)) throw error; // a refusal, as the server would answer it
  }
}

/** The records after every op, in time order. */
export function replay(base: BoardRecords, ops: readonly Op[]): BoardRecords {
  return replayLogged(base, ops).records;
}

/** The records after every op, in time order, and the change log the renames wrote. */
export function replayLogged(base: BoardRecords, ops: readonly Op[]): { records: BoardRecords; changes: Change[] } {
  const r = structuredClone(base);
  const changes: Change[] = [];
  [...ops].sort((a, b) => a.at.localeCompare(b.at)).forEach((op, n) => apply(r, op, n, changes));
  return { records: r, changes };
}

function rename(r: BoardRecords, op: Extract<Op, { kind: "rename" }>, n: number, changes: Change[]): void {
  const by = { personId: "megan-bowen", entraObjectId: null, name: "Megan Bowen" };
  const log = (kind: Change["subject"]["kind"], id: string, field: string, from: unknown, to: unknown) =>
    changes.push({ id: `change-${n}`, at: op.at, by, subject: { kind, id, label: String(to) }, planId: null, boards: [], what: "edited", fields: [{ field, from, to }] });
  if (op.target === "plan") {
    const i = op.index % r.plans.length;
    log("plan", r.plans[i]!.id, "title", r.plans[i]!.title, op.name);
    r.plans[i] = { ...r.plans[i]!, title: op.name };
  } else if (op.target === "section") {
    const i = op.index % r.sections.length;
    log("section", r.sections[i]!.id, "title", r.sections[i]!.title, op.name);
    r.sections[i] = { ...r.sections[i]!, title: op.name };
  } else if (op.target === "subgroup" && r.subgroups.length > 0) {
    const i = op.index % r.subgroups.length;
    log("subgroup", r.subgroups[i]!.id, "name", r.subgroups[i]!.name, op.name);
    r.subgroups[i] = { ...r.subgroups[i]!, name: op.name };
  } else if (op.target === "lead" && r.subgroups.length > 0) {
    // A lead moved to another subgroup: the "by subgroup" tables count its actions there from now on.
    const i = op.index % r.leads.length;
    const to = [r.subgroups[(op.index + op.name.length) % r.subgroups.length]!.id];
    log("lead", r.leads[i]!.id, "subgroups", r.leads[i]!.subgroups, to);
    r.leads[i] = { ...r.leads[i]!, subgroups: to };
  }
}
