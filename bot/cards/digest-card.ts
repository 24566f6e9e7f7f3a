import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import type { DigestAction, SubgroupDigest } from "../../src/core/digest.js";
import { ratingWord } from "../../src/core/rag.js";
import { tabLink, type TabAddress } from "../../src/core/tab-link.js";
import { card, facts, heading, link, openUrl, text, type CardElement } from "./card-json.js";
import { deadlineText } from "./reminder-card.js";
import { escapeCardText } from "./escape.js";
import { DUE_SOON_DAYS } from "../../src/core/due-soon.js";

/** Teams refuses cards over about 28 KB; a digest bigger than this is summarised instead. */
export const DIGEST_CARD_MAX_BYTES = 27 * 1024;

/** Every item links to its action in the tab, as at the digest's day and within the subgroup's view. */
export interface DigestLinks {
  address: TabAddress;
  subgroupId: string;
}
const actionLink = (a: Pick<DigestAction, "planId" | "actionId" | "ref">, today: string, l: DigestLinks) =>
  link(escapeCardText(a.ref, 20), tabLink(l.address, a.planId, { action: a.actionId, subgroup: l.subgroupId, asOf: today }, `Action ${a.ref}`));

const line = (a: DigestAction, today: string, l: DigestLinks) =>
  `**${actionLink(a, today, l)}** ${escapeCardText(a.text, 160)} (${escapeCardText(a.lead, 120)}): ${a.deadline ? deadlineText(a.deadline, today) : escapeCardText(a.timescale, 60)}`;

function section(title: string, lines: string[]): CardElement[] {
  return lines.length === 0 ? [] : [text(`${title} (${lines.length})`, { weight: "Bolder", spacing: "Medium" }), ...lines.map((l) => text(`- ${l}`, { spacing: "None" }))];
}

/** A subgroup chair's weekly digest; a quiet week in one line; an oversized one as a summary. */
export function renderDigestCard(digest: SubgroupDigest, options: { today: string; planTitle: string; planIds: string[]; links: DigestLinks }): CardElement {
  const l = options.links;
  // The subgroup's whole view in each plan it has actions in: where an oversized digest sends the chair.
  const planButtons = options.planIds.map((planId, i) =>
    openUrl(options.planIds.length > 1 ? `Open plan ${i + 1} in Assure` : "Open the plan in Assure", tabLink(l.address, planId, { subgroup: l.subgroupId, asOf: options.today }, digest.subgroupName)),
  );
  const title = heading(`${escapeCardText(digest.subgroupName, 120)}: week of ${format(parseISO(digest.week), "d MMMM yyyy")}`);
  if (digest.quiet) return card([title, text(`A quiet week: nothing overdue, nothing due in the next ${DUE_SOON_DAYS} days, no updates and nobody silent.`)]);
  const counts = digest.ratingCounts;
  const countFacts = facts([
    [ratingWord("red"), String(counts.red)],
    [ratingWord("amber"), String(counts.amber)],
    [ratingWord("green"), String(counts.green)],
    [ratingWord("complete"), String(counts.complete)],
    [ratingWord(null), String(counts.unrated)],
  ]);
  const full = card([
    title,
    text(escapeCardText(options.planTitle, 300), { isSubtle: true, spacing: "None" }),
    countFacts,
    ...section("Overdue", digest.overdue.map((a) => line(a, options.today, l))),
    ...section(`Due in the next ${DUE_SOON_DAYS} days`, digest.dueSoon.map((a) => line(a, options.today, l))),
    ...section(
      "Updates this week",
      digest.updates.map((u) =>
        [
          `**${actionLink(u, options.today, l)}** ${escapeCardText(u.author, 100)}, ${format(parseISO(u.at), "EEE d MMM")}: ${escapeCardText(u.said, 300)}`,
          u.ratingChange ? ` Rating ${ratingWord(u.ratingChange.from)} → ${ratingWord(u.ratingChange.to)}.` : "",
          u.slipped ? ` New deadline ${format(parseISO(u.slipped.to), "d MMM yyyy")}: ${escapeCardText(u.slipped.reason, 200)}.` : "",
          u.completed ? " Marked complete." : "",
        ].join(""),
      ),
    ),
    ...section(
      "Leads who have not answered",
      digest.silentLeads.map((s) => `**${actionLink(s, options.today, l)}** ${escapeCardText(s.person, 100)}: ${s.remindersUnanswered} reminders unanswered`),
    ),
    ...section("Ongoing actions due their quarterly review", digest.reviewsDue.map((a) => line(a, options.today, l))),
  ], planButtons);
  if (Buffer.byteLength(JSON.stringify(full)) <= DIGEST_CARD_MAX_BYTES) return full;
  return card([
    title,
    countFacts,
    text(
      `${digest.overdue.length} overdue, ${digest.dueSoon.length} due in the next ${DUE_SOON_DAYS} days, ${digest.updates.length} updates this week, ${digest.silentLeads.length} leads not answering, ${digest.reviewsDue.length} reviews due. Too much for one card: open the plan for the full list.`,
    ),
  ], planButtons);
}
