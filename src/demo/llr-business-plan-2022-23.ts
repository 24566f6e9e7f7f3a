import type { Action } from "../core/action.js";
import type { Lead } from "../core/lead.js";
import type { Deliverable, Plan, Section } from "../core/plan.js";
import { DEFAULT_RAG_KEY } from "../core/rag.js";
import type { Subgroup } from "../core/subgroup.js";
import { leadRef, transcribeAction } from "./transcribe.js";

/**
 * Leicester, Leicestershire & Rutland Safeguarding Adults Boards, business plan April 2022 to
 * March 2023, transcribed cell by cell. Where one cell held several activities (and the
 * timescale cell beside it held one timescale each, e.g. "Aug 2022 Mar 2023"), each activity
 * is its own action with its own timescale. The plan carries no RAG ratings or updates.
 */
const planId = "llr-sab-business-plan-2022-23";
const LEICESTER = "Leicester Safeguarding Adults Board";
const LEICS_RUTLAND = "Leicestershire & Rutland Safeguarding Adults Board";

export const LLR_PLAN: Plan = {
  id: planId,
  kind: "business-plan",
  title: "Leicester, Leicestershire and Rutland Safeguarding Adults Board Business Plan April 2022 to March 2023",
  boards: [LEICESTER, LEICS_RUTLAND],
  review: null,
  period: { from: "2022-04-01", to: "2023-03-31" },
  status: "active",
  ragKey: DEFAULT_RAG_KEY,
  issuedOn: null,
  updatedOn: "2022-04-01",
  completedBy: null,
  introduction: [
    "This plan outlines the priorities of the Leicestershire Safeguarding Adults Board and Leicestershire & Rutland Safeguarding Adults Board for 2022-2023.",
    "In addition to the priorities identified for this year the Board will continue to operate business as usual to improve safeguarding of adults with care and support needs and meet its statutory obligations as follows:",
  ],
  reminderPolicy: null,
  boardMeetings: [],
  managers: ["joni-sherman"],
  source: "LLR SAB Business Plan April 2022 to March 2023",
};

const subgroup = (
  id: string,
  name: string,
  role: string,
  chair: string,
  deliverables: string[] = [],
  extra: Partial<Subgroup> = {},
): Subgroup => ({
  id,
  name,
  kind: "subgroup",
  boards: [LEICESTER, LEICS_RUTLAND],
  role,
  chair,
  digestAt: null,
  deliverables: deliverables.map((text) => ({ planId, text })),
  ...extra,
});

export const LLR_SUBGROUPS: Subgroup[] = [
  subgroup(
    "llr-review-group",
    "Review Group",
    "Carry out Safeguarding Adults Reviews and disseminate learning from these to identify and implement improvement to partnership approaches to safeguarding adults.",
    "nestor-wilke",
    ["Pilot Rapid Review scoping approach for SARs."],
  ),
  subgroup(
    "llr-procedures-group",
    "Procedures Group",
    "Review and develop multi-agency safeguarding adults procedures to support effective safeguarding responses",
    "lidia-holloway",
  ),
  subgroup(
    "llr-audit-group",
    "Audit Group",
    "Carry out multi-agency case audits to gain assurance regarding practice and identify opportunities for improvement in adult safeguarding.",
    "johanna-lorenz",
  ),
  subgroup(
    "llr-training-group",
    "Training Group",
    "Seek assurance regarding each agencies safeguarding adults training provision. Assess additional multi-agency training needs and co-ordinate and oversee delivery regarding these.",
    "grady-archie",
    [
      "Review the current training strategy to cover Leicester, Leicestershire & Rutland.",
      "Work with the Local Implementation Network (LIN) re: Liberty Protection Safeguards",
    ],
  ),
  subgroup(
    "llr-performance-group",
    "Performance Group",
    "Maintain an overview of multi-agency performance and assurance regarding safeguarding adults.",
    "lynne-robbins",
    ["Agreement of performance framework."],
  ),
  subgroup(
    "llr-engagement-group",
    "Engagement Group (Leicester SAB only)",
    "Strengthen user and carer engagement and raise awareness within our diverse communities in Leicester City.",
    "henrietta-mueller",
    [],
    { boards: [LEICESTER] },
  ),
  subgroup(
    "llr-sab",
    "Safeguarding Adults Board",
    "Produce Annual Reports. Review and develop business plan. Explore specific areas of concern.",
    "miriam-graham",
    [],
    { kind: "board" },
  ),
];

interface KeyDeliverable {
  text: string;
  lead: string;
  partners: string | null;
  activities: { text: string; timescale: string }[];
}

interface Priority {
  number: string;
  title: string;
  rationale: string[];
  successMeasures: string[];
  deliverables: KeyDeliverable[];
}

const PRIORITIES: Priority[] = [
  {
    number: "1",
    title: "Hidden Harm",
    rationale: [
      "Local and national SARs identify people “hidden in plain sight” as a recurring theme for improvement.",
      "We are concerned that that during Covid-19 services have less physical contact with and ‘eyes on’ people to fully understand their needs and circumstances, in addition some informal care arrangements that support safeguarding of individuals may not be functioning as they were with restrictions in place.",
      "Specific areas of concern include self-neglect and individuals with mental ill-health and/or learning disabilities, and individuals from black and other diverse backgrounds.",
      "Focus will be on community culture shift across practitioners and public to: Help people to: a) see concerns b) have confidence to want to respond and c) respond.",
    ],
    successMeasures: [
      "The SAB has a clearer understanding of the extent and nature of hidden harm",
      "Prevention of escalation of harm",
      "An increase in reports of certain types of harm and from certain groups, based upon our understanding of hidden harm",
      "The SAB has assurance that the partnership approach responds quickly and appropriately to harm reported.",
    ],
    deliverables: [
      {
        text: "Analysis that outlines the nature and extent of hidden harm relating to Safeguarding Adults in Leicester, Leicestershire & Rutland.",
        lead: "Performance Group Engagement Group",
        partners: null,
        activities: [
          {
            text: "Engagement Group (L) / Engagement Activity (L&R) to feed information on hidden harm into performance group.",
            timescale: "Oct 2022",
          },
          {
            text: "Collate information from across subgroups and partnerships on hidden harm, including analysis of insights project, alerts and community concerns.",
            timescale: "Jan 2023",
          },
          { text: "Take part in DA research project and receive report.", timescale: "Sep 2022" },
        ],
      },
      {
        text: "Plan in place to respond to the learning identified regarding hidden harm.",
        lead: "SAB",
        partners: null,
        activities: [
          {
            text: "Review learning from analysis and amend business plan with key activities to address learning identifying what is require for different groups.",
            timescale: "Mar 2023",
          },
        ],
      },
      {
        text: "Training and campaigns for managers to enable effective safeguarding - encourage professional curiosity, escalation and advocacy, including ‘Was not brought’",
        lead: "Training Group & Task and Finish group as required",
        partners: "Safeguarding Children Partnerships",
        activities: [
          { text: "Identify key messages regarding good practice and routes for communications", timescale: "Sep 2022" },
          {
            text: "Develop or commission training for managers around supporting professional curiosity in staff and knowledge of local escalation policy",
            timescale: "Jul 2022",
          },
          { text: "Plan and deliver promotion with professionals through partners", timescale: "Dec 2022" },
        ],
      },
      {
        text: "Assurance that safeguarding processes are minimising risk of hidden harm.",
        lead: "Audit Group",
        partners: "Transforming Care Partnership",
        activities: [
          {
            text: "Follow up Multi-agency audit regarding strategy meetings in new financial year as required.",
            timescale: "Jan 2023",
          },
        ],
      },
      {
        text: "Systems developed to support safeguarding of these with Learning Disabilities",
        lead: "Business Offices",
        partners: "LeDeR, Transforming Care Partnership.",
        activities: [
          {
            text: "Survey of practitioners regarding barriers to working to safeguarding those with learning disabilities.",
            timescale: "Oct 2022",
          },
          {
            text: "Communications campaign to promote good safeguarding of those with learning disabilities",
            timescale: "Mar 2023",
          },
        ],
      },
      {
        text: "Transitional Safeguarding approach in place",
        lead: "SAB / Task & Finish Group",
        partners: "SCPs, Adolescence Safety & Diversion Board",
        activities: [
          { text: "Understand full range of transition pathways", timescale: "Aug 2022" },
          { text: "Seek assurance re: safeguarding in less-developed pathways", timescale: "Mar 2023" },
        ],
      },
      {
        text: "Multi-agency safeguarding and the work of the SAB is becoming anti-racist and more inclusive.",
        lead: "Tbc Business Offices",
        partners: "Healthwatch",
        activities: [
          {
            text: "Collate and review information from across partners regarding work with individuals from diverse backgrounds",
            timescale: "Nov 2022",
          },
          {
            text: "Review SAB procedures and working processes to ensure they support anti-racism and inclusion.",
            timescale: "Mar 2023",
          },
        ],
      },
    ],
  },
  {
    number: "2",
    title: "Care Homes",
    rationale: [
      "A number of issues in care homes regarding quality of care and safeguarding have become apparent during Covid lockdowns with increase in safeguarding alerts relating to care homes and care homes closing. Closure of care homes and lack of capacity in the system increases risk around safeguarding. As care homes open up for visitors more people are seeing those in care homes, and therefore potential for more concerns to be raised.",
    ],
    successMeasures: [
      "Approach in place to prevent escalation of harm",
      "Indicators of concern regarding Care Homes and safeguarding are identified and responded to sooner",
      "Fewer incidences of significant harm in care home settings",
    ],
    deliverables: [
      {
        text: "Clear view of learning regarding care homes and impact on safeguarding of recent care home closures in particular.",
        lead: "Performance Group",
        partners: "(MAIP / Contracts teams, CQC) LSCDG",
        activities: [
          {
            text: "Collate intelligence regarding safeguarding in care homes and recent events including: Analysis of concerns data, information from CQC, findings from SARs, Local Authority reports and criminal investigations regarding Care homes.",
            timescale: "Sep 2022",
          },
          {
            text: "Seek assurance that care homes understand and respond to care staff welfare to support effective safeguarding.",
            timescale: "Sep 2022",
          },
          { text: "Identify action for the SAB to support prevention in future in relation to care homes", timescale: "Mar 2023" },
        ],
      },
      {
        text: "The SAB is supporting safeguarding in Care homes appropriately",
        lead: "Procedures Group & Training Subgroup",
        partners: "LSCDG & Contracts teams",
        activities: [
          {
            text: "Review escalation procedures in line with NICE guidance on safeguarding in Care homes",
            timescale: "Jun 2022",
          },
          { text: "Finalise SAB support document to send out to care homes", timescale: "Jun 2022" },
        ],
      },
    ],
  },
];

export function llrRecords(leads: readonly Lead[]): {
  sections: Section[];
  deliverables: Deliverable[];
  actions: Action[];
} {
  const sections: Section[] = [];
  const deliverables: Deliverable[] = [];
  const actions: Action[] = [];
  for (const p of PRIORITIES) {
    const sectionId = `${planId}/p${p.number}`;
    sections.push({
      id: sectionId,
      planId,
      kind: "priority",
      number: p.number,
      title: p.title,
      source: null,
      rationale: p.rationale,
      successMeasures: p.successMeasures,
    });
    p.deliverables.forEach((d, i) => {
      const ref = `${p.number}.${i + 1}`;
      const deliverableId = `${planId}/d${ref}`;
      deliverables.push({ id: deliverableId, sectionId, ref, text: d.text, lead: leadRef(d.lead, leads, LLR_PLAN.boards), partners: d.partners });
      d.activities.forEach((a, j) =>
        actions.push(
          transcribeAction(
            { ref: `${ref}.${j + 1}`, text: a.text, lead: d.lead, partners: d.partners, timescale: a.timescale },
            { planId, sectionId, deliverableId },
            leads,
            LLR_PLAN.boards,
          ),
        ),
      );
    });
  }
  return { sections, deliverables, actions };
}
