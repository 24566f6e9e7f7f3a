import { format, parseISO } from "date-fns";
import type { Action } from "../../src/core/action.js";
import type { BoardDigest } from "../../src/core/board-digest.js";
import { card, heading, text, type CardElement } from "./card-json.js";
import { DIGEST_CARD_MAX_BYTES } from "./digest-card.js";
import { escapeCardText } from "./escape.js";
import { dueText } from "./reminder-card.js";

const item = (a: Action, today: string) =>
  `- **${escapeCardText(a.ref, 20)}** ${escapeCardText(a.text, 140)} (${escapeCardText(a.lead.asWritten, 100)}): ${dueText(a, today)}`;

function part(title: string, lines: string[]): CardElement[] {
  return lines.length === 0 ? [] : [text(`${title} (${lines.length})`, { weight: "Bolder", spacing: "Medium" }), ...lines.map((l) => text(l, { spacing: "None" }))];
}

/** The board manager's exceptions before a board meeting. */
export function renderBoardDigestCard(d: BoardDigest, options: { planTitle: string; today: string }): CardElement {
  const title = heading(`Before the board meeting on ${format(parseISO(d.meeting), "d MMMM yyyy")}`);
  const full = card([
    title,
    text(escapeCardText(options.planTitle, 300), { isSubtle: true, spacing: "None" }),
    ...part("Red", d.red.map((a) => item(a, options.today))),
    ...part("Amber", d.amber.map((a) => item(a, options.today))),
    ...part("Overdue", d.overdue.map((a) => item(a, options.today))),
    ...part(
      "Deadlines moved",
      d.slipped.map((a) => `${item(a, options.today)}; reason: ${escapeCardText(a.revisedDeadline?.reason ?? "", 200)}`),
    ),
    ...part("Ratings that may be stale", d.stale.map((a) => item(a, options.today))),
    ...part(
      "Leads Assure cannot reach in Teams",
      d.unreachable.map((u) => `- ${escapeCardText(u.person, 100)}: actions ${u.actions.map((r) => escapeCardText(r, 20)).join(", ")}`),
    ),
  ]);
  if (Buffer.byteLength(JSON.stringify(full)) <= DIGEST_CARD_MAX_BYTES) return full;
  return card([
    title,
    text(
      `${d.red.length} Red, ${d.amber.length} Amber, ${d.overdue.length} overdue, ${d.slipped.length} deadlines moved, ${d.stale.length} stale ratings, ${d.unreachable.length} leads out of reach. Too much for one card: open the plan tab for the full list.`,
    ),
  ]);
}
