import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import type { Action } from "../../src/core/action.js";
import type { BoardDigest } from "../../src/core/board-digest.js";
import { tabLink, type TabAddress } from "../../src/core/tab-link.js";
import { card, heading, link, openUrl, text, type CardElement } from "./card-json.js";
import { DIGEST_CARD_MAX_BYTES } from "./digest-card.js";
import { escapeCardText } from "./escape.js";
import { dueText } from "./reminder-card.js";

const item = (a: Action, today: string, address: TabAddress) =>
  `- **${link(escapeCardText(a.ref, 20), tabLink(address, a.planId, { action: a.id, asOf: today }, `Action ${a.ref}`))}** ${escapeCardText(a.text, 140)} (${escapeCardText(a.lead.asWritten, 100)}): ${dueText(a, today)}`;

function part(title: string, lines: string[]): CardElement[] {
  return lines.length === 0 ? [] : [text(`${title} (${lines.length})`, { weight: "Bolder", spacing: "Medium" }), ...lines.map((l) => text(l, { spacing: "None" }))];
}

/** The board manager's exceptions before a board meeting. */
export function renderBoardDigestCard(d: BoardDigest, options: { planTitle: string; today: string; address: TabAddress }): CardElement {
  const open = [openUrl("Open the plan in Assure", tabLink(options.address, d.planId, { asOf: options.today }, options.planTitle))];
  const title = heading(`Before the board meeting on ${format(parseISO(d.meeting), "d MMMM yyyy")}`);
  const full = card([
    title,
    text(escapeCardText(options.planTitle, 300), { isSubtle: true, spacing: "None" }),
    ...part("Red", d.red.map((a) => item(a, options.today, options.address))),
    ...part("Amber", d.amber.map((a) => item(a, options.today, options.address))),
    ...part("Overdue", d.overdue.map((a) => item(a, options.today, options.address))),
    ...part(
      "Deadlines moved",
      d.slipped.map((a) => `${item(a, options.today, options.address)}; reason: ${escapeCardText(a.revisedDeadline?.reason ?? "", 200)}`),
    ),
    ...part("Ratings that may be stale", d.stale.map((a) => item(a, options.today, options.address))),
    ...part(
      "Leads Assure cannot reach in Teams",
      d.unreachable.map((u) => `- ${escapeCardText(u.person, 100)}: actions ${u.actions.map((r) => escapeCardText(r, 20)).join(", ")}`),
    ),
  ], open);
  if (Buffer.byteLength(JSON.stringify(full)) <= DIGEST_CARD_MAX_BYTES) return full;
  return card([
    title,
    text(
      `${d.red.length} Red, ${d.amber.length} Amber, ${d.overdue.length} overdue, ${d.slipped.length} deadlines moved, ${d.stale.length} stale ratings, ${d.unreachable.length} leads out of reach. Too much for one card: open the plan for the full list.`,
    ),
  ], open);
}
