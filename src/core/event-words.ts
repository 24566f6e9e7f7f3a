import { format, parseISO } from "date-fns";
import type { ActionStatus } from "./action.js";
import { EventFieldSchema, type ActionEvent, type EventField } from "./action-event.js";
import { dayOf } from "./action-as-at.js";
import { ratingWord } from "./rag.js";

/** "3 Dec 2026": how boards write a day. */
export const ukDay = (iso: string): string => format(parseISO(iso), "d MMM yyyy");

const STATUS: Record<ActionStatus["state"], string> = { open: "Open", complete: "Awaiting sign-off", closed: "Signed off", "not-implemented": "Not implemented" };

/** One changed field in people's words: "Green → Amber", "deadline 30 Apr 2016 → 31 May 2016". */
export function fieldWords(f: EventField): string {
  switch (f.field) {
    case "rating":
      return `${ratingWord(f.from)} → ${ratingWord(f.to)}`;
    case "status":
      return `${STATUS[f.from.state]} → ${STATUS[f.to.state]}`;
    case "revisedDeadline":
      return `deadline ${f.from ? ukDay(f.from.date) : "as planned"} → ${f.to ? ukDay(f.to.date) : "as planned"}`;
    case "lead":
      return `lead ${f.from.asWritten} → ${f.to.asWritten}`;
    case "text":
      return "the action's wording changed";
    case "timescale":
      return `timescale “${f.from.text}” → “${f.to.text}”`;
  }
}

const KIND: Record<ActionEvent["kind"], string> = {
  created: "added the action",
  edited: "",
  "deadline-approved": "approved a new deadline",
  "deadline-declined": "declined a new deadline",
  "signed-off": "signed it off",
  returned: "returned it to its lead",
  upgraded: "as recorded before Assure kept events",
};

/** What an event did, without who or when: "Green → Amber; deadline 30 Apr 2016 → 31 May 2016". */
export function eventWords(e: ActionEvent): string {
  const what = [KIND[e.kind], ...e.fields.map(fieldWords)].filter(Boolean).join("; ");
  return what || KIND[e.kind] || "no change";
}

/** A line of an action's history: "Megan Bowen (board manager), 3 Dec 2026: Green → Amber — the procedure is not yet agreed". */
export function historyLine(e: ActionEvent): string {
  return `${e.by.name} (${e.by.role}), ${ukDay(dayOf(e.at))}: ${eventWords(e)}${e.reason ? ` — ${e.reason}` : ""}`;
}

/** A change-log field about an action in people's words ("rating: Green → Amber"), or null for a field events do not keep. */
export function changeWords(f: { field: string; from: unknown; to: unknown }): string | null {
  const parsed = EventFieldSchema.safeParse(f);
  if (!parsed.success) return null;
  const e = parsed.data;
  if (e.field === "rating") return `rating: ${fieldWords(e)}`;
  if (e.field === "status") return `status: ${fieldWords(e)}`;
  if (e.field === "text") return `wording: “${e.from}” → “${e.to}”`;
  return fieldWords(e);
}
