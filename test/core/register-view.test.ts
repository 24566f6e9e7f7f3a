import { describe, expect, it } from "vitest";
import { mayReadRegister } from "../../src/core/register-access.js";
import { boardRegister } from "../../src/core/register.js";
import { registerView } from "../../src/core/register-view.js";
import { rolesOf } from "../../src/core/roles.js";
import { adultKRecords } from "../../src/demo/coventry-demo-adult-k.js";
import { demoRegister } from "../../src/demo/coventry-register.js";
import { demoRecords } from "../../src/demo/index.js";
import { DEMO_LEADS } from "../../src/demo/people.js";

// The register as the tab shows it: the demo's two Coventry reviews, as at fixed days.
const COV = "Coventry Safeguarding Adults Board";
const R1 = "coventry-demo-sar-adult-k-2017/r1";
const R2 = "coventry-demo-sar-adult-k-2017/r2";
const R3 = "coventry-demo-sar-adult-k-2017/r3";
const demo = demoRecords();
const adultK = adultKRecords(DEMO_LEADS);
const records = { ...demo, plans: [...demo.plans, ...adultK.plans], sections: [...demo.sections, ...adultK.sections], actions: [...demo.actions, ...adultK.actions] };
const view = (personId: string | null, today = "2019-04-01", admin = false) => registerView({ register: demoRegister(), records, roles: rolesOf(personId, records, admin), board: COV, today });
const recommendation = (v: ReturnType<typeof view>, id: string) => v.reviews.flatMap((r) => r.recommendations).find((x) => x.id === id)!;

describe("the register as the tab shows it", () => {
  it("lists the board's reviews oldest first, each with its findings, themes, repeats and the facts still to record", () => {
    const v = view("megan-bowen");
    expect(v.reviews.map((r) => r.title)).toEqual(["SCR Mrs E", "Demo: Adult K (invented)"]);
    expect(v.demo).toBe(true);
    const [mrsE, k] = v.reviews;
    expect(mrsE!.missing).toEqual(["referral source", "date commissioned", "period reviewed", "reviewer"]);
    expect(k!.daysTaken).toBe(144);
    expect(mrsE!.findings.every((f) => f.repeatOf.length === 0)).toBe(true);
    expect(k!.findings.find((f) => f.number === "1")!.repeatOf).toEqual([
      { theme: "Hospital discharge", reviews: ["SCR Mrs E"] },
      { theme: "Information sharing", reviews: ["SCR Mrs E"] },
    ]);
    expect(k!.findings.find((f) => f.number === "3")!.repeatOf).toEqual([]); // self-neglect is new to the board
    expect(k!.findings[0]!.escalation?.body).toContain("West Midlands");
  });

  it("links each recommendation to the findings it answers and its actions with their status", () => {
    const r1 = recommendation(view("megan-bowen"), R1);
    expect(r1.answers).toEqual(["1"]);
    expect(r1.actions.map((a) => [a.ref, a.state])).toEqual([["1.1", "closed"], ["1.2", "closed"]]);
    expect(r1.impactOwner).toEqual({ id: "megan-bowen", name: "Megan Bowen" });
    expect(recommendation(view("megan-bowen"), R2).actions.map((a) => a.state)).toEqual(["open"]);
  });

  it("shows where each impact review stands as at the day, and its history newest first", () => {
    expect(recommendation(view("megan-bowen", "2018-10-01"), R1).impact).toMatchObject({ state: "scheduled", dueOn: "2019-03-24" });
    const r1 = recommendation(view("megan-bowen"), R1);
    expect(r1.impact).toMatchObject({ state: "due", dueOn: "2019-03-24" });
    expect(r1.impactReviews.map((i) => i.outcome)).toEqual(["too-early"]);
    expect(recommendation(view("megan-bowen"), R3).impact).toMatchObject({ state: "recorded", outcome: "demonstrated" });
    // Not seen before it was recorded.
    expect(recommendation(view("megan-bowen", "2018-09-23"), R1).impactReviews).toEqual([]);
  });

  it("offers recording to the owner and the board's managers once the actions are complete, to nobody else", () => {
    expect(recommendation(view("megan-bowen"), R1).mayRecord).toBe(true); // owner and manager
    expect(recommendation(view("lee-gu"), R3).mayRecord).toBe(true); // owner of a settled one: a later review may follow
    expect(recommendation(view("lee-gu"), R1).mayRecord).toBe(false);
    expect(recommendation(view("alex-wilber"), R1).mayRecord).toBe(false); // a lead of the board
    expect(recommendation(view("joni-sherman"), R1).mayRecord).toBe(false); // another board's manager
    expect(recommendation(view("diego-siciliani"), R2).mayRecord).toBe(false); // his, but its action is open
    expect(recommendation(view(null, "2019-04-01", true), R1).mayRecord).toBe(true); // an administrator
  });

  it("shows internal notes only to those who may edit the register", () => {
    const notes = (v: ReturnType<typeof view>) => v.reviews.flatMap((r) => r.findings).filter((f) => f.internalNote !== null).length;
    expect(notes(view("megan-bowen"))).toBe(2);
    expect(view("megan-bowen").mayEdit).toBe(true);
    expect(notes(view("alex-wilber"))).toBe(0);
    expect(view("alex-wilber").mayEdit).toBe(false);
  });

  it("is read by the board's people and its impact owners, not by another board's manager", () => {
    const links = boardRegister(demoRegister(), COV).recommendationLinks;
    const may = (personId: string | null, admin = false) => mayReadRegister(rolesOf(personId, records, admin), COV, links);
    expect(may("megan-bowen")).toBe(true);
    expect(may("alex-wilber")).toBe(true);
    expect(may("joni-sherman")).toBe(false);
    expect(may(null)).toBe(false);
    expect(may(null, true)).toBe(true);
    // An impact owner outside the board's directory still reads the register that names them.
    const outsider = rolesOf("someone-else", records);
    expect(mayReadRegister(outsider, COV, [...links, { impactOwner: "someone-else" }])).toBe(true);
  });
});
