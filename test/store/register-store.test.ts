import { afterEach, describe, expect, it } from "vitest";
import { impactState } from "../../src/core/impact-review.js";
import { findRegisterProblems } from "../../src/core/register.js";
import { repeatFindings } from "../../src/core/repeat-finding.js";
import { adultKRecords } from "../../src/demo/coventry-demo-adult-k.js";
import { demoRegister } from "../../src/demo/coventry-register.js";
import { demoRecords } from "../../src/demo/index.js";
import { DEMO_LEADS } from "../../src/demo/people.js";
import { BoardRecordsSchema } from "../../src/core/records.js";
import { GraphRegisterStore } from "../../src/store/graph-register-store.js";
import { GraphChallengeStore } from "../../src/store/graph-challenge-store.js";
import { demoChallenges } from "../../src/demo/challenges.js";
import { StoreError } from "../../src/store/store-error.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";

// The register's lists through the real graph-client, over HTTP, against the Graph emulator.
let env: EmulatorFixture;
afterEach(async () => env?.close());

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe("the findings register in SharePoint lists", () => {
  it("stores the demo register and reads it back as it was; adding it again changes nothing", async () => {
    env = await emulatorFixture();
    const store = new GraphRegisterStore(env.lists);
    const demo = demoRegister();
    await store.addToRegister(demo);
    await store.addToRegister(demo);
    const { register, problems } = await store.readRegister();
    expect(problems).toEqual([]);
    for (const kind of ["reviews", "findings", "themes", "recommendationLinks", "impactReviews"] as const) expect(byId(register[kind] as { id: string }[])).toEqual(byId(demo[kind] as { id: string }[]));
  });

  it("the demo's second Coventry review repeats themes of SCR Mrs E, and every link points somewhere", () => {
    const demo = demoRegister();
    const r = demoRecords();
    const f = adultKRecords(DEMO_LEADS);
    const plans = BoardRecordsSchema.parse({ ...r, plans: [...r.plans, ...f.plans], sections: [...r.sections, ...f.sections], actions: [...r.actions, ...f.actions] });
    expect(findRegisterProblems(demo, new Set(plans.sections.map((s) => s.id)))).toEqual([]);
    const repeats = repeatFindings(demo.findings, demo.reviews);
    expect(repeats.map((r) => r.findingId)).toEqual(["finding-adult-k-1", "finding-adult-k-2"]);
    expect(repeats.flatMap((r) => r.earlier.flatMap((e) => e.reviewIds))).toEqual(["review-coventry-scr-mrs-e", "review-coventry-scr-mrs-e", "review-coventry-scr-mrs-e"]);
  });

  it("the demo has an impact review due (too early last time), one recommendation still open and one whose impact was shown", () => {
    const demo = demoRegister();
    const { actions } = adultKRecords(DEMO_LEADS);
    const state = (n: string) => {
      const link = demo.recommendationLinks.find((l) => l.id === `coventry-demo-sar-adult-k-2017/r${n}`)!;
      return impactState({ link, actions: actions.filter((a) => a.sectionId === link.id), updates: [], reviews: demo.impactReviews, today: "2026-12-03" });
    };
    expect(state("1")).toEqual({ state: "due", dueOn: "2019-03-24", completedOn: "2018-03-20" });
    expect(state("2")).toEqual({ state: "actions-open", open: 1 });
    expect(state("3")).toEqual({ state: "recorded", outcome: "demonstrated", recordedOn: "2019-04-01" });
  });

  it("changes a record eTag-safely: two managers' edits to one finding both survive", async () => {
    env = await emulatorFixture();
    const store = new GraphRegisterStore(env.lists);
    await store.addToRegister(demoRegister());
    await Promise.all([
      store.updateRegister("findings", "finding-adult-k-3", (f) => ({ ...f, internalNote: "note from one manager" })),
      store.updateRegister("findings", "finding-adult-k-3", (f) => ({ ...f, themeIds: [...f.themeIds, "theme-coventry-safeguarding-adults-board-carers"] })),
    ]);
    const { register } = await store.readRegister();
    expect(register.findings.find((f) => f.id === "finding-adult-k-3")).toMatchObject({ internalNote: "note from one manager", themeIds: ["theme-coventry-safeguarding-adults-board-self-neglect", "theme-coventry-safeguarding-adults-board-carers"] });
  });

  it("refuses an edit its schema refuses, and names a record that does not exist", async () => {
    env = await emulatorFixture();
    const store = new GraphRegisterStore(env.lists);
    await store.addToRegister(demoRegister());
    await expect(store.updateRegister("reviews", "review-coventry-demo-adult-k", (r) => ({ ...r, concludedOn: "2016-01-01" }))).rejects.toThrow(/cannot conclude before it was commissioned/);
    const missing = await store.updateRegister("reviews", "no-such-review", (r) => r).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(StoreError);
    expect((missing as StoreError).message).toMatch(/Assure Reviews: no-such-review does not exist/);
  });

  it("reports a row typed into SharePoint by hand that makes no sense, and reads the rest", async () => {
    env = await emulatorFixture();
    const store = new GraphRegisterStore(env.lists);
    await store.addToRegister({ reviews: demoRegister().reviews });
    await env.lists.createItem("reviews", { AssureId: "typed-by-hand", Title: "typed in SharePoint", Board: "Coventry Safeguarding Adults Board", ReviewKind: "audit", ReviewTitle: "X", PeriodFrom: "2016-12-31", PeriodTo: "2016-01-01" });
    const { register, problems } = await store.readRegister();
    expect(register.reviews.map((r) => r.id).sort()).toEqual(["review-coventry-demo-adult-k", "review-coventry-scr-mrs-e"]);
    expect(problems).toEqual([expect.stringMatching(/^list Assure Reviews, item \d+ \(typed-by-hand\): periodReviewed: the period reviewed must end after it starts$/)]);
  });
});

describe("the challenge log in its SharePoint list", () => {
  it("appends each entry once, however often it is written, reads them back as they were, shows the day as a date, and reports a row edited into nonsense", async () => {
    env = await emulatorFixture();
    const store = new GraphChallengeStore(env.lists);
    const demo = demoChallenges();
    for (const entry of demo) expect(await store.addChallengeEntry(entry)).toBe("created");
    expect(await store.addChallengeEntry(demo[0]!)).toBe("exists"); // a retried write
    const { entries, problems } = await store.readChallenges();
    expect(problems).toEqual([]);
    expect(byId(entries)).toEqual(byId(demo));
    const rows = await env.lists.readItems("challenges", { withReadable: true });
    expect(rows).toHaveLength(demo.length);
    const answer = rows.find((r) => r.fields.AssureId === "demo-challenge-cov-supervision-a1")!;
    // People's columns: the entry in words, the question's id shared by its answers, the day as a date-only value.
    expect(answer.fields).toMatchObject({ Entry: "Answer", ChallengeId: "demo-challenge-cov-supervision", Agency: demo[0]!.agency.name, On: "2016-02-10" });
    expect(new Date(String(answer.fields.Dated)).toISOString().slice(0, 10)).toBe("2016-02-10");
    await env.lists.patchFields("challenges", answer.itemId, { On: "10/02/2016" }, answer.etag);
    const again = await store.readChallenges();
    expect(again.entries).toHaveLength(demo.length - 1);
    expect(again.problems).toEqual([expect.stringContaining("demo-challenge-cov-supervision-a1")]);
  });
});
