import { isOpen } from "./action.js";
import type { LedgerEntry } from "./ledger.js";
import { resolveLead } from "./lead.js";
import type { BoardRecords } from "./records.js";
import { DEFAULT_REMINDER_POLICY } from "./reminder-settings.js";

/** A week after the chair was told, if the lead is still silent, the board manager is. */
export const MANAGER_AFTER_MS = 7 * 86_400_000;

export interface Escalation {
  /** One per action, per silence (an update starts a new one), per level, per recipient. */
  key: string;
  level: "chair" | "manager";
  actionId: string;
  planId: string;
  personId: string;
  /** Overdue reminder stages sent since the last update. */
  unanswered: number;
}

/**
 * Escalations due at `now`: when an open action's lead has let the plan's number (default 2) of
 * overdue reminders go unanswered, the chairs of the lead's subgroups are told (the board
 * managers, where the lead belongs to no subgroup with a chair); a week after the chairs were
 * told, if there is still no update, the plan's board managers are told.
 */
export function dueEscalations(input: { records: BoardRecords; ledger: readonly LedgerEntry[]; now: Date }): Escalation[] {
  const { records, ledger, now } = input;
  const claimed = new Set(ledger.map((e) => e.key));
  const due: Escalation[] = [];
  for (const action of records.actions.filter(isOpen)) {
    const plan = records.plans.find((p) => p.id === action.planId);
    if (!plan || plan.status !== "active") continue;
    const lastUpdate = records.progressUpdates.filter((u) => u.actionId === action.id).map((u) => u.at).sort().at(-1) ?? null;
    const since = lastUpdate ?? "";
    // Overdue stages, not messages: a shared lead gets each stage once per person.
    const unanswered = new Set(
      ledger
        .filter((e) => e.kind === "reminder" && e.status === "sent" && e.actionId === action.id && e.stage.startsWith("overdue-") && (e.sentAt ?? "") > since)
        .map((e) => e.stage),
    ).size;
    const threshold = (plan.reminderPolicy ?? DEFAULT_REMINDER_POLICY).escalateAfterOverdue;
    if (unanswered < threshold) continue;

    const lead = resolveLead(action.lead.asWritten, records.leads, plan.boards);
    const chairs = [
      ...new Set(
        records.subgroups.filter((g) => lead?.subgroups.includes(g.id) && g.chair !== null).map((g) => g.chair!),
      ),
    ];
    const silence = lastUpdate ?? "never";
    const keyOf = (level: Escalation["level"], personId: string) => `escalate-${level}|${action.id}|${silence}|${personId}`;
    const offer = (level: Escalation["level"], personId: string) => {
      const key = keyOf(level, personId);
      if (!claimed.has(key)) due.push({ key, level, actionId: action.id, planId: plan.id, personId, unanswered });
    };
    if (chairs.length === 0) {
      for (const m of plan.managers) offer("manager", m);
      continue;
    }
    for (const c of chairs) offer("chair", c);
    const chairsToldAt = ledger
      .filter((e) => e.kind === "escalation" && e.status === "sent" && chairs.some((c) => e.key === keyOf("chair", c)))
      .map((e) => Date.parse(e.sentAt ?? ""))
      .sort((a, b) => a - b)[0];
    if (chairsToldAt !== undefined && now.getTime() - chairsToldAt >= MANAGER_AFTER_MS) {
      for (const m of plan.managers) offer("manager", m);
    }
  }
  return due;
}
