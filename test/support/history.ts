import { actionEditEvent, applyEvent, type ActionEdit, type Actor } from "../../src/core/action-edit.js";
import { deadlineDecision, pendingDeadlineRequests } from "../../src/core/deadline-request.js";
import { AssureError } from "../../src/core/errors.js";
import { resolveLead } from "../../src/core/lead.js";
import { londonDate } from "../../src/core/london.js";
import { applyProgressUpdate } from "../../src/core/progress.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import type { Rating } from "../../src/core/rag.js";
import type { BoardRecords } from "../../src/core/records.js";

/**
 * What people do to actions, done as the server does it (the same core rules, in time order),
 * without a server: for tests that replay a history and look at the record as at a day.
 */
export type Op =
  | { kind: "edit"; action: number; at: string; edit: ActionEdit }
  | { kind: "update"; action: number; at: string; rating: Rating | null; complete: boolean; deadline: string | null }
  | { kind: "decide"; action: number; at: string; approve: boolean }
  | { kind: "sign-off"; action: number; at: string; approve: boolean };

const MANAGERS: Record<string, Actor> = {
  "coventry-sar-mrs-e-2015": { personId: "megan-bowen", name: "Megan Bowen", role: "board manager" },
  "llr-sab-business-plan-2022-23": { personId: "joni-sherman", name: "Joni Sherman", role: "board manager" },
};

/** Applies one op to the records (in place); an op the rules refuse changes nothing, as on the server. */
export function apply(r: BoardRecords, op: Op, n: number): void {
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
      const author = resolveLead(action.lead.asWritten, r.leads)?.members[0] ?? null;
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
  const r = structuredClone(base);
  [...ops].sort((a, b) => a.at.localeCompare(b.at)).forEach((op, n) => apply(r, op, n));
  return r;
}
