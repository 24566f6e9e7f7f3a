import type { Lead, Person } from "../core/lead.js";

/**
 * Invented demo people (names from Microsoft's demo tenant), one for each role or group chair
 * the two plans name. The first six are the Agents Playground's mock users, with the
 * Playground's object ids: Alex Wilber (signed in by default) is the Coventry SAR Coordinator,
 * and Lynne Robbins chairs the LLR Performance Group, so reminders and digests reach the local chat.
 */
const person = (id: string, displayName: string, jobTitle: string, n: number): Person => ({
  id,
  displayName,
  jobTitle,
  email: `${id}@assure-demo.example`,
  entraObjectId: `00000000-0000-0000-0000-${String(n).padStart(13, "0")}`,
  channel: "teams-else-email",
  boards: [], // the boards they manage, lead in or chair a subgroup of: see demoRecords
});

export const DEMO_PEOPLE: Person[] = [
  // The Playground's own mock users, with their object ids (20 to 25), so each can sign in there.
  person("alex-wilber", "Alex Wilber", "SAR Coordinator, Coventry SAB", 20),
  person("megan-bowen", "Megan Bowen", "Board Business Manager, Coventry SAB", 21),
  person("adele-vance", "Adele Vance", "Chair, Quality Assurance and Performance sub group", 22),
  person("isaiah-langer", "Isaiah Langer", "Legal advisor to the Board", 23),
  person("patti-fernandez", "Patti Fernandez", "Task and Finish group lead", 24),
  person("lynne-robbins", "Lynne Robbins", "Chair, Performance Group", 25),
  person("lee-gu", "Lee Gu", "Chair, Policy and procedure task and finish group", 26),
  person("diego-siciliani", "Diego Siciliani", "Chair, Workforce Development sub group", 27),
  person("pradeep-gupta", "Pradeep Gupta", "Board member (agency representative)", 28),
  person("miriam-graham", "Miriam Graham", "Independent Chair, LLR Safeguarding Adults Boards", 29),
  person("joni-sherman", "Joni Sherman", "Business Manager, LLR SAB Business Offices", 30),
  person("nestor-wilke", "Nestor Wilke", "Chair, Review Group", 31),
  person("lidia-holloway", "Lidia Holloway", "Chair, Procedures Group", 32),
  person("johanna-lorenz", "Johanna Lorenz", "Chair, Audit Group", 33),
  person("grady-archie", "Grady Archie", "Chair, Training Group", 34),
  person("henrietta-mueller", "Henrietta Mueller", "Chair, Engagement Group", 35),
];

/** The boards as their plans write them: each board's leads are its own, even where two boards write the same words. */
export const COVENTRY_BOARD = "Coventry Safeguarding Adults Board";
export const LLR_BOARDS = ["Leicester Safeguarding Adults Board", "Leicestershire & Rutland Safeguarding Adults Board"];

type LeadInput = Omit<Lead, "subgroups" | "boards"> & { subgroups?: string[] };
// Leads are listed Coventry's first, then LLR's (whose ids start "llr-").
const lead = (l: LeadInput): Lead => ({ ...l, subgroups: l.subgroups ?? [], boards: l.id.startsWith("llr-") ? LLR_BOARDS : [COVENTRY_BOARD] });
const role = (id: string, asWritten: string, members: string[]): Lead =>
  lead({ id, asWritten, kind: members.length > 1 ? "several" : "role", members, chair: null, remind: "all" });
const group = (id: string, asWritten: string, chair: string, subgroups: string[] = []): Lead =>
  lead({ id, asWritten, kind: "group", members: [chair], chair, remind: "chair", subgroups });

/** The demo leads directory: every lead exactly as the two plans write it. */
export const DEMO_LEADS: Lead[] = [
  // Coventry SAR action plan, SCR Mrs E
  role("cov-sar-coordinator", "SAR Coordinator", ["alex-wilber"]),
  role("cov-board-business-manager", "Board Business Manager", ["megan-bowen"]),
  role("cov-board-manager-sar-coordinator", "Board Manager/ SAR Coordinator", ["megan-bowen", "alex-wilber"]),
  group("cov-qap", "Quality Assurance and Performance sub group", "adele-vance"),
  group("cov-policy-procedure", "Policy and procedure task and finish group", "lee-gu"),
  role("cov-policy-procedure-legal", "Policy and procedure task and finish group Legal advisor to Board", [
    "lee-gu",
    "isaiah-langer",
  ]),
  group("cov-workforce-development", "Work Force Development sub group", "diego-siciliani"),
  // The plan spells the same group two ways; both are kept as written.
  group("cov-workforce-development-2", "Workforce Development sub group", "diego-siciliani"),
  role("cov-agency-members-qap", "CSAB Board member of each relevant agency / Quality Assurance and Performance sub group", [
    "pradeep-gupta",
    "adele-vance",
  ]),
  role("cov-qap-agency-member-chair", "Agency member of QA&P sub group / sub group chair", ["pradeep-gupta", "adele-vance"]),
  // LLR SAB business plan 2022/23
  lead({
    id: "llr-performance-engagement",
    asWritten: "Performance Group Engagement Group",
    kind: "several",
    members: ["lynne-robbins", "henrietta-mueller"],
    chair: null,
    remind: "all",
    subgroups: ["llr-performance-group", "llr-engagement-group"],
  }),
  lead({
    id: "llr-sab",
    asWritten: "SAB",
    kind: "group",
    members: ["miriam-graham", "joni-sherman"],
    chair: "miriam-graham",
    remind: "all",
    subgroups: ["llr-sab"],
  }),
  lead({
    id: "llr-training-task-finish",
    asWritten: "Training Group & Task and Finish group as required",
    kind: "several",
    members: ["grady-archie", "patti-fernandez"],
    chair: "grady-archie",
    remind: "chair",
    subgroups: ["llr-training-group"],
  }),
  group("llr-audit-group", "Audit Group", "johanna-lorenz", ["llr-audit-group"]),
  role("llr-business-offices", "Business Offices", ["joni-sherman"]),
  lead({
    id: "llr-sab-task-finish",
    asWritten: "SAB / Task & Finish Group",
    kind: "several",
    members: ["miriam-graham", "joni-sherman", "patti-fernandez"],
    chair: null,
    remind: "all",
    subgroups: ["llr-sab"],
  }),
  // "Tbc": the plan has not settled the lead; the Business Offices answer until it does.
  role("llr-tbc-business-offices", "Tbc Business Offices", ["joni-sherman"]),
  group("llr-performance-group", "Performance Group", "lynne-robbins", ["llr-performance-group"]),
  lead({
    id: "llr-procedures-training",
    asWritten: "Procedures Group & Training Subgroup",
    kind: "several",
    members: ["lidia-holloway", "grady-archie"],
    chair: null,
    remind: "all",
    subgroups: ["llr-procedures-group", "llr-training-group"],
  }),
];
