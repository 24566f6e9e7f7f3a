import { describe, expect, it } from "vitest";
import { renderNoticeCard, renderRecordedCard, renderReminderCard, renderReminderPendingCard, deadlineText, dueText } from "../../bot/cards/reminder-card.js";
import { renderDecisionPendingCard } from "../../bot/cards/decision-card.js";
import { renderImpactPendingCard } from "../../bot/cards/impact-card.js";
import type { PendingState } from "../../bot/cards/pending-card.js";
import { escapeCardText } from "../../bot/cards/escape.js";
import { parsePlanFilter } from "../../src/core/plan-filter.js";
import { renderDigestCard } from "../../bot/cards/digest-card.js";
import { composeDigest } from "../../src/core/digest.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import { demoRecords } from "../../src/demo/index.js";
import { cardProblems } from "../support/adaptive-cards.js";

const r = demoRecords();
const action = (ref: string, planId = "coventry-sar-mrs-e-2015") => r.actions.find((a) => a.planId === planId && a.ref === ref)!;
const planOf = (a: { planId: string }) => r.plans.find((p) => p.id === a.planId)!;
const sectionOf = (a: { sectionId: string }) => r.sections.find((s) => s.id === a.sectionId)!;

const LONG = "Evidence gathered across partners; ".repeat(200).slice(0, 4000);
const update = (over: Partial<ProgressUpdate> = {}): ProgressUpdate => ({
  id: "pu-1",
  actionId: action("6.2").id,
  author: { personId: "diego-siciliani", name: "Diego Siciliani" },
  at: "2016-04-15T09:12:00.000Z",
  text: LONG,
  evidence: Array.from({ length: 10 }, (_, i) => `https://contoso.sharepoint.com/sites/csab/${"e".repeat(900)}/${i}.docx`),
  rating: "amber",
  proposedDeadline: { date: "2016-06-30", reason: "x".repeat(1000) },
  markedComplete: false,
  via: "teams-card",
  ...over,
});

const PENDING_DATA = { actionId: "coventry-sar-mrs-e-2015/6.2", reminderKey: null, submissionId: "0f8fad5b-d9cb-469f-a165-70867728950e" };
const LONGEST_TYPED = { progress: LONG, evidence: "y".repeat(4000), rating: "red", newDeadline: "2016-06-30", newDeadlineReason: "z".repeat(1000), complete: "true" };
const RECORDING: PendingState = { kind: "recording", since: new Date("2026-12-03T09:12:00Z"), settledBy: new Date("2026-06-30T23:30:00Z") };
const NOT_RECORDED: PendingState = { kind: "not-recorded", reason: "The board's SharePoint site stayed too busy to take it." };

const reminder = (ref: string, extra: Partial<Parameters<typeof renderReminderCard>[0]> = {}, planId?: string) => {
  const a = action(ref, planId);
  return renderReminderCard({
    plan: planOf(a),
    section: sectionOf(a),
    action: a,
    lastUpdate: null,
    today: "2016-04-15",
    reminderKey: `${a.id}|2016-04-30|14-days|diego-siciliani`,
    submissionId: "0f8fad5b-d9cb-469f-a165-70867728950e",
    snoozeDays: 7,
    ...extra,
  });
};

describe("every card the bot sends is valid Adaptive Card 1.5 and under 28 KB", () => {
  it.each([
    ["a reminder before the deadline", () => reminder("6.2")],
    ["a reminder for an overdue action", () => reminder("6.1")],
    ["a reminder for an ongoing action", () => reminder("1.1")],
    ["a reminder for an unrated action with no timescale", () => reminder("7.2")],
    ["a reminder for a business-plan activity", () => reminder("1.6.2", {}, "llr-sab-business-plan-2022-23")],
    ["a reminder with the longest last update", () => reminder("6.2", { lastUpdate: update() })],
    ["a reminder linking to where evidence files are attached", () => reminder("6.2", { lastUpdate: update(), evidenceUrl: `https://teams.microsoft.com/l/entity/app/plans?webUrl=${"w".repeat(500)}` })],
    [
      "a reminder sent back with an error and everything typed",
      () => reminder("6.2", { problem: { message: "Evidence links (0): evidence links must start with https://", typed: { progress: LONG, evidence: "y".repeat(4000), rating: "red", newDeadline: "2016-06-30", newDeadlineReason: "z".repeat(1000), complete: "false" } } }),
    ],
    ["the recorded card, at its largest", () => renderRecordedCard({ plan: planOf(action("6.2")), action: action("6.2"), update: update(), today: "2016-04-15" })],
    ["the recorded card for a completion", () => renderRecordedCard({ plan: planOf(action("6.2")), action: action("6.2"), update: update({ markedComplete: true, proposedDeadline: null, evidence: [] }), today: "2016-04-15" })],
    ["a notice", () => renderNoticeCard("This action is not yours to update", "Nothing was recorded.")],
    ["a reminder's update being recorded, everything typed at its longest", () => renderReminderPendingCard("submitUpdate", { ...PENDING_DATA, ...LONGEST_TYPED }, RECORDING)],
    ["a reminder's update NOT recorded, everything typed at its longest", () => renderReminderPendingCard("submitUpdate", { ...PENDING_DATA, ...LONGEST_TYPED }, NOT_RECORDED)],
    ["a snooze being recorded", () => renderReminderPendingCard("snooze", PENDING_DATA, RECORDING)],
    ["a decision NOT recorded", () => renderDecisionPendingCard("approveDeadline", { actionId: "a/6.2", requestId: "pu-1", version: "v1", reason: "z".repeat(20_000) }, NOT_RECORDED)],
    ["an impact review being recorded", () => renderImpactPendingCard({ recommendationId: "r-1", submissionId: "0f8fad5b-d9cb", outcome: "demonstrated", evidence: "y".repeat(4000) }, RECORDING)],
  ])("%s", (_name, build) => {
    expect(cardProblems(build())).toEqual([]);
  });
});

describe("the reminder card", () => {
  it("shows the plan, section, action, outcome, deadline with days left, and the rating with its definition", () => {
    const text = JSON.stringify(reminder("6.2"));
    expect(text).toContain("Action 6.2: Sat 30 Apr 2016: 15 days left");
    expect(text).toContain("Serious Adult Review Action plan: SCR Mrs E");
    expect(text).toContain("Recommendation 6: CSAB Members should assure themselves");
    expect(text).toContain("Green: on track to be achieved within timescale");
    expect(text).toContain("Expected outcome: All staff can access training to meet their individual needs");
  });

  it("asks for a bounded, required progress update, evidence, rating, a new date no earlier than today, and completion", () => {
    const card = reminder("6.2") as { body: Record<string, unknown>[]; actions: Record<string, unknown>[] };
    const inputs = Object.fromEntries(card.body.filter((b) => String(b.type).startsWith("Input.")).map((b) => [b.id, b]));
    expect(inputs.progress).toMatchObject({ isRequired: true, maxLength: 4000 });
    expect(inputs.newDeadline).toMatchObject({ type: "Input.Date", min: "2016-04-15" });
    expect(Object.keys(inputs)).toEqual(["progress", "evidence", "rating", "newDeadline", "newDeadlineReason", "complete"]);
    expect(card.actions.map((a) => [a.type, a.verb, (a.fallback as { type: string }).type])).toEqual([
      ["Action.Execute", "submitUpdate", "Action.Submit"],
      ["Action.Execute", "snooze", "Action.Submit"],
      ["Action.Execute", "notMyAction", "Action.Submit"],
    ]);
  });

  it.each([
    ["2016-04-30", "2016-04-15", "Sat 30 Apr 2016: 15 days left"],
    ["2016-04-30", "2016-04-29", "Sat 30 Apr 2016: 1 day left"],
    ["2016-04-30", "2016-04-30", "Sat 30 Apr 2016: due today"],
    ["2016-04-30", "2016-05-01", "Sat 30 Apr 2016: overdue by 1 day"],
    ["2016-04-30", "2016-05-09", "Sat 30 Apr 2016: overdue by 9 days"],
    [null, "2016-05-09", "no deadline (ongoing)"],
  ])("says when %s is due, seen on %s", (deadline, today, expected) => {
    expect(deadlineText(deadline, today)).toBe(expected);
  });
});

describe("dueText", () => {
  it("never calls an ongoing action overdue, and says when a timescale could not be read", () => {
    expect(dueText(action("1.1"), "2016-04-01")).toBe("ongoing: a quarterly review");
    expect(dueText(action("1.1"), "2016-01-10")).toBe("Sun 31 Jan 2016: 21 days left, then ongoing");
    expect(dueText(action("7.2"), "2016-04-01")).toBe("no deadline: the timescale could not be read");
    expect(dueText(action("6.1"), "2016-04-01")).toBe("Sun 31 Jan 2016: overdue by 61 days");
  });
});

describe("escapeCardText", () => {
  it("escapes what Markdown would turn into links, emphasis, code or headings", () => {
    expect(escapeCardText("[click](https://evil.example) *now* _x_ `code` # h <b>")).toBe(
      "\\[click\\]\\(https://evil.example\\) \\*now\\* \\_x\\_ \\`code\\` \\# h \\<b\\>",
    );
  });

  it("escapes list markers at the start of a line only", () => {
    expect(escapeCardText("- one\n2. two\nthree - four")).toBe("\\- one\n2\\. two\nthree - four");
  });

  it("cuts text to the length a card can carry", () => {
    expect(escapeCardText("a".repeat(50), 10)).toBe(`${"a".repeat(9)}…`);
  });

  it("shows a person's words escaped in the recorded card", () => {
    const card = renderRecordedCard({ plan: planOf(action("6.2")), action: action("6.2"), update: update({ text: "Done [here](javascript:alert(1))", evidence: [] }), today: "2016-04-15" });
    expect(JSON.stringify(card)).toContain("Done \\\\[here\\\\]\\\\(javascript:alert\\\\(1\\\\)\\\\)");
  });
});

describe("the card checker itself", () => {
  it("objects to an unknown element, a missing required property, and an oversized card", () => {
    expect(cardProblems({ type: "AdaptiveCard", version: "1.5", body: [{ type: "Bogus" }] })).not.toEqual([]);
    expect(cardProblems({ type: "AdaptiveCard", version: "1.5", body: [{ type: "Input.Text" }] })).not.toEqual([]);
    expect(cardProblems({ type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "x".repeat(30_000) }] })).toEqual([
      expect.stringMatching(/over the 28672-byte limit/),
    ]);
  });
});

describe("the digest card", () => {
  const monday = new Date("2022-10-03T07:30:00Z");
  const subgroup = (id: string) => r.subgroups.find((g) => g.id === id)!;
  const digestOf = (id: string, records = r) => composeDigest({ subgroup: subgroup(id), records, ledger: [], now: monday })!;
  const LLR = "llr-sab-business-plan-2022-23";
  const options = (subgroupId: string, teamsAppId: string | null = null) => ({
    today: "2022-10-03",
    planTitle: "LLR business plan",
    planIds: [LLR],
    links: { address: { publicUrl: "https://assure.example.org", teamsAppId }, subgroupId },
  });

  it("is valid 1.5, lists what is overdue and due, and says the rating counts in words", () => {
    const json = renderDigestCard(digestOf("llr-performance-group"), options("llr-performance-group"));
    expect(cardProblems(json)).toEqual([]);
    const text = JSON.stringify(json);
    expect(text).toContain("Performance Group: week of 3 October 2022");
    expect(text).toContain("Overdue (3)");
    expect(text).toContain("Due in the next 28 days (1)");
    expect(text).toContain('"title":"Not rated","value":"6"');
  });

  it("says a quiet week in one line", () => {
    const json = renderDigestCard(digestOf("llr-audit-group"), options("llr-audit-group")) as { body: unknown[] };
    expect(cardProblems(json)).toEqual([]);
    expect(json.body).toHaveLength(2);
    expect(JSON.stringify(json)).toContain("A quiet week");
  });

  it("summarises a digest too large for a Teams card instead of failing", () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ ...r.actions.find((a) => a.ref === "1.3.2")!, id: `${"x".repeat(20)}/${i}`, ref: `9.${i}` }));
    const json = renderDigestCard(digestOf("llr-training-group", { ...r, actions: [...r.actions, ...many] }), options("llr-training-group"));
    expect(cardProblems(json)).toEqual([]);
    expect(JSON.stringify(json)).toContain("404 overdue");
    expect(JSON.stringify(json)).toContain("open the plan for the full list");
    // …and links to the subgroup's view of the plan, as at the digest's day.
    expect((json as { actions: { type: string; url: string }[] }).actions).toEqual([
      { type: "Action.OpenUrl", title: "Open the plan in Assure", url: `https://assure.example.org/tab/plans/${LLR}?subgroup=llr-training-group&asOf=2022-10-03` },
    ]);
  });

  it("links every item to its action in the tab: a Teams deep link whose sub-entity opens that action's view", () => {
    const digest = digestOf("llr-performance-group");
    const json = JSON.stringify(renderDigestCard(digest, options("llr-performance-group", "7f3c5a4e-1b2d-4c6e-8f9a-0b1c2d3e4f50")));
    const links = [...json.matchAll(/\[([^\]]+)\]\((https:[^)]+)\)/g)].map((m) => ({ ref: m[1]!, url: new URL(m[2]!) }));
    const items = [...digest.overdue, ...digest.dueSoon, ...digest.updates, ...digest.silentLeads, ...digest.reviewsDue];
    expect(links.map((l) => l.ref)).toEqual(items.map((a) => a.ref));
    for (const [i, { url }] of links.entries()) {
      expect(url.origin + url.pathname).toBe("https://teams.microsoft.com/l/entity/7f3c5a4e-1b2d-4c6e-8f9a-0b1c2d3e4f50/plans");
      const page = (JSON.parse(url.searchParams.get("context")!) as { subEntityId: string }).subEntityId;
      expect(page.startsWith(`plans/${LLR}?`)).toBe(true);
      const { filter, problems } = parsePlanFilter(new URLSearchParams(page.split("?")[1]));
      expect(problems).toEqual([]);
      expect(filter).toMatchObject({ action: items[i]!.actionId, subgroup: "llr-performance-group", asOf: "2022-10-03" });
      expect(url.searchParams.get("webUrl")).toBe(`https://assure.example.org/tab/${page}`);
    }
  });
});

describe("the reminder card's way to an evidence file", () => {
  it("links to the action in the tab, where a file can be attached (a card cannot carry one)", () => {
    const card = reminder("6.2", { evidenceUrl: "https://assure.example/tab/plans/coventry-sar-mrs-e-2015?action=x" }) as { actions: { type: string; title: string; url?: string }[] };
    expect(card.actions.at(-1)).toEqual({ type: "Action.OpenUrl", title: "Attach an evidence file", url: "https://assure.example/tab/plans/coventry-sar-mrs-e-2015?action=x" });
    expect((reminder("6.2") as { actions: { type: string }[] }).actions.map((a) => a.type)).not.toContain("Action.OpenUrl");
  });
});

describe("the cards for an answer still being recorded, or not recorded", () => {
  const words = (card: unknown) => JSON.stringify(card).replace(/\\\\/g, "");
  it("say when it was sent and by when it will have changed, in UK time (BST in summer)", () => {
    const card = renderReminderPendingCard("submitUpdate", { ...PENDING_DATA, progress: "Done" }, RECORDING);
    expect(words(card)).toContain("(sent 09:12, 3 Dec 2026)");
    expect(words(card)).toContain('still says \\"being recorded\\" after 00:30, 1 Jul 2026');
  });

  it("keep a decision's reason and its two answers, and an impact review's outcome and evidence, to send again", () => {
    const decision = renderDecisionPendingCard("signOffCompletion", { actionId: "a/6.2", requestId: "pu-1", version: "v1", reason: "All evidence seen" }, NOT_RECORDED);
    expect(words(decision)).toContain("NOT recorded: your sign-off");
    expect(decision.body).toContainEqual(expect.objectContaining({ id: "reason", value: "All evidence seen" }));
    expect((decision.actions as { title: string; data: object }[]).map((a) => [a.title, a.data])).toEqual([
      ["Sign off", { actionId: "a/6.2", requestId: "pu-1", version: "v1", verb: "signOffCompletion" }],
      ["Return to the lead", { actionId: "a/6.2", requestId: "pu-1", version: "v1", verb: "returnCompletion" }],
    ]);
    const impact = renderImpactPendingCard({ recommendationId: "r-1", submissionId: "0f8fad5b-d9cb", outcome: "demonstrated", evidence: "Audit, May" }, RECORDING);
    expect(words(impact)).toContain("Being recorded: your impact review");
    expect(impact.body).toContainEqual(expect.objectContaining({ id: "outcome", value: "demonstrated" }));
    expect(impact.body).toContainEqual(expect.objectContaining({ id: "evidence", value: "Audit, May" }));
    expect((impact.actions as { data: object }[])[0]!.data).toEqual({ recommendationId: "r-1", submissionId: "0f8fad5b-d9cb", verb: "recordImpact" });
  });

  it("show what was typed escaped, never as Markdown", () => {
    const card = renderReminderPendingCard("submitUpdate", { ...PENDING_DATA, progress: "[click](https://evil.example) **now**" }, NOT_RECORDED);
    expect(JSON.stringify(card)).toContain("\\\\[click\\\\]\\\\(https://evil.example\\\\) \\\\*\\\\*now\\\\*\\\\*");
  });
});
