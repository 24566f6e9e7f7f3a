import type { Action } from "../core/action.js";
import type { Lead } from "../core/lead.js";
import type { Plan, Section } from "../core/plan.js";
import { DEFAULT_RAG_KEY } from "../core/rag.js";
import { transcribeAction, type ActionRow } from "./transcribe.js";

/**
 * DEMO DATA, INVENTED: a second Coventry review, "Adult K", so the findings register has a
 * repeat theme (information sharing on hospital discharge, and mental capacity, both met in
 * SCR Mrs E), completed actions whose impact review is due, and one whose impact was shown.
 * No such review exists; every title says "demo" so nobody mistakes it for a real one.
 */
export const ADULT_K_PLAN_ID = "coventry-demo-sar-adult-k-2017";
const planId = ADULT_K_PLAN_ID;

export const ADULT_K_PLAN: Plan = {
  id: planId,
  kind: "sar-action-plan",
  title: "Demo: SAR in Rapid Time action plan, Adult K (invented)",
  boards: ["Coventry Safeguarding Adults Board"],
  review: "Demo SAR in Rapid Time: Adult K",
  period: null,
  status: "active",
  ragKey: DEFAULT_RAG_KEY,
  issuedOn: "2017-07-14",
  updatedOn: "2018-09-10",
  completedBy: "All Agencies",
  introduction: ["Demo data: invented to show the findings register, repeat themes and impact reviews. Not a real review."],
  reminderPolicy: null,
  boardMeetings: [],
  managers: ["megan-bowen"],
  source: "Invented for Assure's demo (src/demo/coventry-demo-adult-k.ts)",
};

const RECOMMENDATIONS: { number: string; text: string; rows: (Omit<ActionRow, "ref"> & { status?: Action["status"] })[] }[] = [
  {
    number: "1",
    text: "CSAB should be assured that no adult with care and support needs is discharged from hospital before the community services who will support them have the information they need.",
    rows: [
      {
        text: "Agree a hospital discharge information-sharing protocol with the acute trust, community health and adult social care",
        lead: "Board Business Manager",
        expectedOutcome: "A signed protocol in use on every ward",
        timescale: "December 2017",
        rating: "Complete",
        status: { state: "closed", by: "Coventry Safeguarding Adults Board", on: "2017-12-14" },
      },
      {
        text: "Audit 20 discharges of adults with care and support needs against the protocol and report to the Board",
        lead: "Quality Assurance and Performance sub group",
        expectedOutcome: "Audit report to the Board",
        timescale: "March 2018",
        rating: "Complete",
        status: { state: "closed", by: "Coventry Safeguarding Adults Board", on: "2018-03-20" },
      },
    ],
  },
  {
    number: "2",
    text: "Agencies should assure the Board that staff assess a person's capacity to make decisions about their care on leaving hospital, and record it.",
    rows: [{ text: "Mental capacity refresher for discharge coordinators and community nurses", lead: "Work Force Development sub group", expectedOutcome: "Training delivered to every discharge team", timescale: "June 2018", rating: "Amber" }],
  },
  {
    number: "3",
    text: "CSAB should publish multi-agency self-neglect guidance that says when self-neglect is a safeguarding concern.",
    rows: [
      {
        text: "Write and publish multi-agency self-neglect guidance",
        lead: "Policy and procedure task and finish group",
        expectedOutcome: "Guidance published on the Board's website",
        timescale: "September 2018",
        rating: "Complete",
        status: { state: "closed", by: "Coventry Safeguarding Adults Board", on: "2018-09-10" },
      },
    ],
  },
];

export function adultKRecords(leads: readonly Lead[]): { plans: Plan[]; sections: Section[]; actions: Action[] } {
  const sections = RECOMMENDATIONS.map((r): Section => ({ id: `${planId}/r${r.number}`, planId, kind: "recommendation", number: r.number, title: r.text, source: "Overview Report", rationale: [], successMeasures: [] }));
  const actions = RECOMMENDATIONS.flatMap((r) =>
    r.rows.map(({ status, ...row }, i) => ({
      ...transcribeAction({ ...row, ref: `${r.number}.${i + 1}` }, { planId, sectionId: `${planId}/r${r.number}`, deliverableId: null }, leads),
      status: status ?? { state: "open" as const },
    })),
  );
  // Completed actions are signed off by the board (closed, with the day), so the demo needs no
  // progress updates: other demos and tests count on the seeded plans having none.
  return { plans: [ADULT_K_PLAN], sections, actions };
}
