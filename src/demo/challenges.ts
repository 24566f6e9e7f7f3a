import type { ChallengeEntry } from "../core/challenge.js";
import { COVENTRY_BOARD, LLR_BOARDS } from "./people.js";

/**
 * DEMO DATA, INVENTED: a few challenges from each demo board to its agencies, so the Agencies
 * section of "Who is late" has a log to show. Not in either plan document; every text says
 * "Demo" and every entry is marked demo.
 */
const at = (day: string) => `${day}T10:00:00.000Z`;
const megan = { personId: "megan-bowen", name: "Megan Bowen" };
const joni = { personId: "joni-sherman", name: "Joni Sherman" };
const LEICESTER = LLR_BOARDS[0]!;

const question = (id: string, board: string, agency: { leadId: string; name: string }, text: string, on: string, actionId: string | null, planId: string | null, by: typeof megan): ChallengeEntry => ({
  kind: "question", id, board, agency, text: `Demo: ${text}`, on, actionId, planId, recordedAt: at(on), recordedBy: by, demo: true,
});
const answer = (id: string, q: ChallengeEntry, text: string, on: string): ChallengeEntry => ({
  kind: "answer", id, challengeId: q.id, board: q.board, agency: q.agency, text: `Demo: ${text}`, on, recordedAt: at(on), recordedBy: q.recordedBy, demo: true,
});

export function demoChallenges(): ChallengeEntry[] {
  const COV = "coventry-sar-mrs-e-2015";
  const LLR = "llr-sab-business-plan-2022-23";
  const supervision = question("demo-challenge-cov-supervision", COVENTRY_BOARD, { leadId: "cov-agency-members-qap", name: "CSAB Board member of each relevant agency / Quality Assurance and Performance sub group" },
    "Which agencies have completed the supervision audit, and when will the results come to the sub group?", "2016-01-20", `${COV}/7.1`, COV, megan);
  const gp = question("demo-challenge-cov-gp-report", COVENTRY_BOARD, { leadId: "cov-board-manager-sar-coordinator", name: "Board Manager/ SAR Coordinator" },
    "Has NHS England's GP representative agreed a date for the report the board asked for?", "2016-02-03", `${COV}/9.1`, COV, megan);
  const audit = question("demo-challenge-llr-strategy-audit", LEICESTER, { leadId: "llr-audit-group", name: "Audit Group" },
    "What did the follow-up audit of strategy meetings find, and which agencies have not yet sent their cases?", "2022-09-14", `${LLR}/1.4.1`, LLR, joni);
  const transitions = question("demo-challenge-llr-transitions", LEICESTER, { leadId: "llr-sab-task-finish", name: "SAB / Task & Finish Group" },
    "When will the board see the map of transition pathways, and who from children's services is on the group?", "2022-10-05", `${LLR}/1.6.1`, LLR, joni);
  return [
    supervision,
    answer("demo-challenge-cov-supervision-a1", supervision, "Four of six agencies have completed the audit; the other two will finish by the end of February and the results go to the March sub group.", "2016-02-10"),
    gp,
    audit,
    answer("demo-challenge-llr-strategy-audit-a1", audit, "Twelve cases audited; strategy meetings were held within five working days in eight. Police and one NHS trust have still to send cases.", "2022-10-12"),
    transitions,
  ];
}
