import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agencyAccountability, median } from "../../src/core/agency-accountability.js";
import { answerChallenge, askChallenge, challengeLog, type ChallengeEntry, type ChallengeQuestion } from "../../src/core/challenge.js";
import { mayReadChallenges, mayWriteChallenges } from "../../src/core/challenge-access.js";
import { boardAgencies } from "../../src/core/agency.js";
import type { LedgerEntry } from "../../src/core/ledger.js";
import { londonDate } from "../../src/core/london.js";
import { nestPlans, planActions } from "../../src/core/plan-export.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import type { BoardRecords } from "../../src/core/records.js";
import { rolesOf } from "../../src/core/roles.js";
import { whoIsLate } from "../../src/core/who-is-late.js";
import { demoChallenges } from "../../src/demo/challenges.js";
import { demoRecords } from "../../src/demo/index.js";
import { COVENTRY_BOARD, LLR_BOARDS } from "../../src/demo/people.js";
import { replay, type Op } from "../support/history.js";

const LLR = "llr-sab-business-plan-2022-23";
const LEICESTER = LLR_BOARDS[0]!;
const AS_OF = "2022-10-03";
const update = (actionId: string, at: string, via: ProgressUpdate["via"] = "teams-card"): ProgressUpdate => ({ id: `pu-${actionId}-${at}`, actionId, author: { personId: null, name: "A lead" }, at, text: "Update", evidence: [], rating: null, proposedDeadline: null, markedComplete: false, via });
const reminder = (actionId: string, at: string): LedgerEntry => ({ key: `r-${actionId}-${at}`, kind: "reminder", actionId, recipient: "joni-sherman", stage: "overdue", dueOn: null, status: "sent", claimedAt: at, sentAt: at, attempts: 1, lastError: null });
const figures = (r: BoardRecords, ledger: LedgerEntry[] = [], challenges: ChallengeEntry[] = [], asOf = AS_OF, board = LEICESTER) =>
  agencyAccountability({ board, plans: nestPlans(r).filter((p) => p.boards.includes(board)), directory: r, ledger, challenges, asOf });
const megan = { personId: "megan-bowen", name: "Megan Bowen" };

describe("agency accountability", () => {
  const base = demoRecords();

  it("counts each agency's actions open, overdue, complete and not implemented, every action once; overdue agrees with who is late", () => {
    const f = figures(base);
    const actions = base.actions.filter((a) => a.planId === LLR);
    expect(f.agencies.reduce((n, a) => n + a.open + a.complete + a.notImplemented, 0)).toBe(actions.length);
    const late = whoIsLate(nestPlans(base).filter((p) => p.id === LLR), base, [], AS_OF);
    for (const l of late) expect(f.agencies.find((a) => a.agency === l.lead)).toMatchObject({ overdue: l.late.length, contacts: l.contacts });
    expect(f.agencies.filter((a) => a.overdue > 0)).toHaveLength(late.length);
    // Most overdue first.
    expect(f.agencies.map((a) => a.overdue)).toEqual([...f.agencies.map((a) => a.overdue)].sort((x, y) => y - x));
  });

  it("times each reminder to the agency's next update on that action (a plan document's is no answer), and names the longest still waiting", () => {
    const r = structuredClone(base);
    const mine = (id: string | null) => r.actions.filter((a) => a.planId === LLR && a.lead.leadId === id);
    const leadId = r.actions.map((a) => a.lead.leadId).find((id) => mine(id).length >= 2)!;
    const [a1, a2] = mine(leadId);
    r.progressUpdates.push(update(a1!.id, "2022-09-15T09:00:00Z"), update(a1!.id, "2022-09-28T09:00:00Z", "plan-document"), update(a1!.id, "2022-10-05T09:00:00Z"));
    // a1: reminded 1 Sep (and again 5 Sep, the same wait), answered 15 Sep: 14 days. Reminded 20 Sep: unanswered by 3 Oct (the 5 Oct answer comes after).
    // a2: reminded 25 Sep, never answered.
    const ledger = [reminder(a1!.id, "2022-09-01T08:00:00Z"), reminder(a1!.id, "2022-09-05T08:00:00Z"), reminder(a1!.id, "2022-09-20T08:00:00Z"), reminder(a2!.id, "2022-09-25T08:00:00Z"), reminder(a2!.id, "2022-10-04T08:00:00Z")];
    const audit = figures(r, ledger).agencies.find((a) => a.leadId === leadId)!;
    expect(audit).toMatchObject({ medianDaysToAnswer: 14, answered: 1, longestUnanswered: { actionId: a1!.id, remindedOn: "2022-09-20", days: 13 } });
    // Later, the 5 Oct answer closes a1's second wait (15 days): the median of 14 and 15.
    expect(figures(r, ledger, [], "2022-10-06").agencies.find((a) => a.leadId === leadId)).toMatchObject({ medianDaysToAnswer: 14.5, answered: 2, longestUnanswered: { actionId: a2!.id, days: 11 } });
  });

  it("the median is the middle value, or the mean of the two middle ones; none of nothing", () => {
    expect(median([])).toBeNull();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 2, 10])).toBe(3);
  });

  it("counts the board's challenges to each agency, and those still awaiting an answer; another board's are not read", () => {
    const f = figures(base, [], demoChallenges(), "2022-12-01");
    expect(f.agencies.find((a) => a.leadId === "llr-audit-group")!.challenges).toEqual({ asked: 1, awaiting: 0 });
    expect(f.agencies.find((a) => a.leadId === "llr-sab-task-finish")!.challenges).toEqual({ asked: 1, awaiting: 1 });
    expect(f.agencies.reduce((n, a) => n + a.challenges.asked, 0)).toBe(2); // Coventry's two are Coventry's
    // A challenge to an agency with no action in the board's plans still gives it a row.
    const q = askChallenge({ agencyName: "Police", question: "Demo", askedOn: "2022-11-01" }, { board: LEICESTER, agencies: [{ leadId: null, name: "Police" }], plans: [], actions: [] }, { id: "q-police", by: megan, at: new Date("2022-11-01T10:00:00Z") });
    expect(figures(base, [], [q], "2022-12-01").agencies.find((a) => a.agency === "Police")).toMatchObject({ open: 0, challenges: { asked: 1, awaiting: 1 }, contacts: [] });
  });

  it("a past day's figures never change, whatever is recorded after it (property)", () => {
    const FROM = Date.parse("2022-04-01T00:00:00Z");
    const TO = Date.parse("2023-06-30T00:00:00Z");
    const instant = fc.integer({ min: 0, max: (TO - FROM) / 60_000 }).map((m) => new Date(FROM + m * 60_000).toISOString());
    const llrActions = base.actions.map((a, i) => ({ a, i })).filter(({ a }) => a.planId === LLR).map(({ i }) => i);
    const action = fc.constantFrom(...llrActions);
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant("update" as const), action, at: instant, rating: fc.constantFrom("red", "amber", "green", null), complete: fc.boolean(), deadline: fc.constant(null) }),
      fc.record({ kind: fc.constant("sign-off" as const), action, at: instant, approve: fc.boolean() }),
      fc.record({ kind: fc.constant("edit" as const), action, at: instant, edit: fc.oneof(fc.record({ leadId: fc.constantFrom("llr-audit-group", "llr-performance-group", "llr-sab") }), fc.record({ status: fc.constantFrom({ state: "not-implemented" as const, reason: "Superseded" }, { state: "open" as const }), reason: fc.constant("Agreed") })) }),
    );
    const sent = fc.record({ action, at: instant });
    const asked = fc.record({ agency: fc.constantFrom("llr-audit-group", "llr-sab", "llr-performance-group"), at: instant, answerAfterDays: fc.option(fc.nat({ max: 120 }), { nil: null }) });
    const challengesOf = (list: { agency: string; at: string; answerAfterDays: number | null }[]) =>
      list.flatMap((c, n): ChallengeEntry[] => {
        const agencies = boardAgencies(LEICESTER, nestPlans(base), base.leads);
        const q = askChallenge({ agencyLeadId: c.agency, question: `Question ${n}`, askedOn: londonDate(new Date(c.at)) }, { board: LEICESTER, agencies, plans: [], actions: [] }, { id: `q-${n}`, by: megan, at: new Date(c.at) });
        if (c.answerAfterDays === null) return [q];
        const at = new Date(Date.parse(c.at) + c.answerAfterDays * 86_400_000);
        return [q, answerChallenge(q, { answer: `Answer ${n}`, answeredOn: londonDate(at) }, { id: `a-${n}`, by: megan, at })];
      });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), fc.array(sent, { maxLength: 20 }), fc.array(asked, { maxLength: 6 }), instant, (ops, reminders, asks, dAt) => {
        const d = londonDate(new Date(dAt));
        const upTo = <T extends { at: string }>(xs: T[]) => xs.filter((x) => londonDate(new Date(x.at)) <= d);
        const sorted = [...ops].sort((a, b) => a.at.localeCompare(b.at));
        const ledger = reminders.map((x) => reminder(base.actions[x.action]!.id, x.at));
        const all = challengesOf(asks);
        const known = all.filter((e) => londonDate(new Date(e.recordedAt)) <= d);
        const before = figures(replay(base, upTo(sorted)), upTo(ledger.map((e) => ({ ...e, at: e.sentAt! }))), known, d);
        const after = figures(replay(base, sorted), ledger, all, d);
        if (JSON.stringify(after) !== JSON.stringify(before)) expect(after).toEqual(before);
        expect(JSON.stringify(challengeLog(all, LEICESTER, d))).toBe(JSON.stringify(challengeLog(known, LEICESTER, d)));
      }),
      { numRuns: 40 },
    );
  });

  it("moves with what happened on or before the day (the property is not vacuous)", () => {
    const a = base.actions.find((x) => x.planId === LLR && x.lead.leadId === "llr-audit-group")!;
    const i = base.actions.indexOf(a);
    const r = replay(base, [{ kind: "update", action: i, at: "2022-09-10T10:00:00Z", rating: null, complete: true, deadline: null }]);
    const audit = (x: BoardRecords, day: string) => figures(x, [], [], day).agencies.find((g) => g.leadId === "llr-audit-group")!;
    expect(audit(r, "2022-09-10").complete).toBe(audit(base, "2022-09-10").complete + 1);
    expect(audit(r, "2022-09-09")).toEqual(audit(base, "2022-09-09"));
  });
});

describe("the challenge log", () => {
  const r = demoRecords();
  const plans = nestPlans(r);
  const cov = plans.filter((p) => p.boards.includes(COVENTRY_BOARD));
  const scope = { board: COVENTRY_BOARD, agencies: boardAgencies(COVENTRY_BOARD, plans, r.leads), plans: cov, actions: cov.flatMap((p) => planActions(p).map((a) => ({ id: a.id, planId: p.id }))) };
  const at = new Date("2016-03-01T10:00:00Z");
  const ask = (input: Parameters<typeof askChallenge>[0]) => askChallenge(input, scope, { id: "q-1", by: megan, at });

  it("records a question to one of the board's agencies, dated and attributed, about one of its actions (the plan follows the action)", () => {
    const q = ask({ agencyLeadId: "cov-qap", question: "  Where is the audit?  ", askedOn: "2016-02-20", actionId: "coventry-sar-mrs-e-2015/7.1" });
    expect(q).toEqual({ kind: "question", id: "q-1", board: COVENTRY_BOARD, agency: { leadId: "cov-qap", name: "Quality Assurance and Performance sub group" }, text: "Where is the audit?", on: "2016-02-20", actionId: "coventry-sar-mrs-e-2015/7.1", planId: "coventry-sar-mrs-e-2015", recordedAt: "2016-03-01T10:00:00.000Z", recordedBy: megan, demo: false });
    expect(ask({ agencyName: "quality assurance  AND performance sub group", question: "By name", askedOn: "2016-02-20" }).agency.leadId).toBe("cov-qap");
  });

  it("refuses an agency, plan or action of another board, and a day to come, saying which", () => {
    expect(() => ask({ agencyLeadId: "llr-audit-group", question: "Q", askedOn: "2016-02-20" })).toThrow(/no agency of Coventry/);
    expect(() => ask({ agencyLeadId: "cov-qap", question: "Q", askedOn: "2016-02-20", actionId: "llr-sab-business-plan-2022-23/1.4.1" })).toThrow(/no action/);
    expect(() => ask({ agencyLeadId: "cov-qap", question: "Q", askedOn: "2016-02-20", planId: LLR })).toThrow(/no plan/);
    expect(() => ask({ agencyLeadId: "cov-qap", question: "Q", askedOn: "2016-03-02" })).toThrow(/future/);
  });

  it("records an answer not before the question nor after today; both stay, and a second answer is added beside the first", () => {
    const q = ask({ agencyLeadId: "cov-qap", question: "Q", askedOn: "2016-02-20" }) as ChallengeQuestion;
    expect(() => answerChallenge(q, { answer: "A", answeredOn: "2016-02-19" }, { id: "a-0", by: megan, at })).toThrow(/before the question/);
    expect(() => answerChallenge(q, { answer: "A", answeredOn: "2016-03-02" }, { id: "a-0", by: megan, at })).toThrow(/future/);
    const a1 = answerChallenge(q, { answer: "First", answeredOn: "2016-02-27" }, { id: "a-1", by: megan, at });
    const a2 = answerChallenge(q, { answer: "Fuller", answeredOn: "2016-02-29" }, { id: "a-2", by: megan, at: new Date("2016-03-05T10:00:00Z") });
    const [entry] = challengeLog([q, a2, a1], COVENTRY_BOARD, "2016-03-10");
    expect(entry).toMatchObject({ answered: true, daysWaiting: 7, answers: [{ id: "a-1" }, { id: "a-2" }] });
    // As at 3 March, the second answer (recorded on the 5th) was not yet known; as at 29 Feb nothing was (recorded on 1 March).
    expect(challengeLog([q, a2, a1], COVENTRY_BOARD, "2016-03-03")[0]!.answers.map((a) => a.id)).toEqual(["a-1"]);
    expect(challengeLog([q, a1, a2], COVENTRY_BOARD, "2016-02-29")).toEqual([]);
    expect(challengeLog([q, a1, a2], LEICESTER, "2016-03-10")).toEqual([]);
  });

  it("lists the unanswered first, longest waiting first", () => {
    const log = challengeLog(demoChallenges(), COVENTRY_BOARD, "2016-03-01");
    expect(log.map((c) => [c.question.id, c.answered, c.daysWaiting])).toEqual([
      ["demo-challenge-cov-gp-report", false, 27],
      ["demo-challenge-cov-supervision", true, 21],
    ]);
    expect(demoChallenges().every((e) => e.demo && e.text.startsWith("Demo:"))).toBe(true);
  });

  it("is written by the board's managers and administrators, read also by its subgroups' chairs, and by no one else", () => {
    const roles = (id: string | null, admin = false) => rolesOf(id, r, admin);
    expect(mayWriteChallenges(roles("megan-bowen"), COVENTRY_BOARD)).toBe(true);
    expect(mayWriteChallenges(roles("megan-bowen"), LEICESTER)).toBe(false);
    expect(mayWriteChallenges(roles("joni-sherman"), COVENTRY_BOARD)).toBe(false);
    expect(mayWriteChallenges(roles(null, true), LEICESTER)).toBe(true);
    expect(mayWriteChallenges(roles("lynne-robbins"), LEICESTER)).toBe(false); // a chair reads, does not write
    expect(mayReadChallenges(roles("lynne-robbins"), LEICESTER, r.subgroups)).toBe(true);
    expect(mayReadChallenges(roles("lynne-robbins"), COVENTRY_BOARD, r.subgroups)).toBe(false);
    expect(mayReadChallenges(roles("alex-wilber"), COVENTRY_BOARD, r.subgroups)).toBe(false); // a lead
    expect(mayReadChallenges(roles(null), COVENTRY_BOARD, r.subgroups)).toBe(false);
  });
});
