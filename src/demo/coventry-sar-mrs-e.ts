import type { Action } from "../core/action.js";
import type { Lead } from "../core/lead.js";
import type { Plan, Section } from "../core/plan.js";
import { DEFAULT_RAG_KEY } from "../core/rag.js";
import { transcribeAction, type ActionRow } from "./transcribe.js";

/**
 * Coventry Safeguarding Adults Board, multi-agency action plan after the serious case review
 * "Mrs E" (17 September 2015, updated 30 October 2015), transcribed cell by cell. Every
 * "update and evidence" cell is blank in the source, so there are no progress updates. The
 * second action under recommendation 7 has blank outcome, date and rating cells (most likely
 * merged with the row above in the original); they stay blank, so the action shows as unrated
 * with no deadline for the board to settle, rather than a guess.
 */
const planId = "coventry-sar-mrs-e-2015";

export const COVENTRY_PLAN: Plan = {
  id: planId,
  kind: "sar-action-plan",
  title: "Serious Adult Review Action plan: SCR Mrs E",
  boards: ["Coventry Safeguarding Adults Board"],
  review: "SCR Mrs E",
  period: null,
  status: "active",
  ragKey: {
    red: "Not achieved and seriously behind schedule",
    amber: "not achieved and slightly behind target",
    green: "on track to be achieved within timescale",
    complete: DEFAULT_RAG_KEY.complete,
  },
  issuedOn: "2015-09-17",
  updatedOn: "2015-10-30",
  completedBy: "All Agencies",
  introduction: [
    "Actions must be SMART (Specific Measureable Achievable Realistic Timed) and RAG rated – Red = Not achieved and seriously behind schedule, AMBER = not achieved and slightly behind target, GREEN = on track to be achieved within timescale",
  ],
  reminderPolicy: null,
  boardMeetings: [],
  managers: ["megan-bowen"],
  source: "Appendix 1: Multi agency action plan, Coventry Safeguarding Adults Board, Serious Adult Review Action plan, SCR Mrs E",
};

interface Recommendation {
  number: string;
  text: string;
  source: string;
  actions: Omit<ActionRow, "ref">[];
}

const GREEN = "Green on track";

const RECOMMENDATIONS: Recommendation[] = [
  {
    number: "1",
    text: "CSAB should assure itself that there is a clear framework and methodology for conduct of Safeguarding Adult Review (SAR) including a protocol for agreeing how any parallel investigations and reports will be shared during the SAR process.",
    source: "Overview Report",
    actions: [
      {
        text: "Develop a SAR Toolkit to provide professionals with guidance required to support the delivery of the SAR process",
        lead: "SAR Coordinator",
        expectedOutcome: "All SAR's are conducted to be compliant with the required Care Act 2015 standards",
        timescale: "Jan 2016 onwards",
        rating: GREEN,
      },
    ],
  },
  {
    number: "2",
    text: "CSAB should implement a quality assurance system to check the effectiveness of its safeguarding procedures, with a particular focus on the use of strategy discussions, quality of investigation reports, skills in chairing case conferences, and time-limits for distributing case conference minutes.",
    source: "Overview Report",
    actions: [
      {
        text: "CSAB to mandate Quality Assurance Monitoring and Reporting as an agenda item for all CSAB meetings",
        lead: "Quality Assurance and Performance sub group",
        expectedOutcome:
          "Safeguarding case reviews are consistently completed within the timeframes set out in Coventry Safeguarding policy and procedure guidance (2014) and the process applied is compliant with best practice guidance (Care Act 2015)",
        timescale: "January 2016 onwards",
        rating: GREEN,
      },
    ],
  },
  {
    number: "3",
    text: "CSAB should be assured that either through the revised Pan West Midlands Procedures, or additional local practice guidance, there is detailed guidance on the circumstances when the police should be notified of safeguarding alerts including a requirement that if a vulnerable adult, who is the subject of a safeguarding alert, dies in hospital, an automatic referral will be made to the police to explore whether neglect or mistreatment contributed to their admission, or to their death.",
    source: "Overview Report",
    actions: [
      {
        text: "Review West Midlands and local safeguarding policy and procedure guidance, and if necessary update the local guidance to include the circumstances when the police should be notified of safeguarding alerts by all agency providers.",
        lead: "Policy and procedure task and finish group",
        expectedOutcome:
          "The Police notification process standards for safeguarding cases are achieved by all partner agencies in accordance with local policy guidance.",
        timescale: "January 2016 onwards",
        rating: GREEN,
      },
    ],
  },
  {
    number: "4",
    text: "CSAB should be assured that a protocol has been established with the Coventry and North Warwickshire Coroner for sharing information in cases where there is a safeguarding issue which may require a postmortem, or an investigation through the safeguarding procedures.",
    source: "Overview Report",
    actions: [
      {
        text: "Review West Midlands procedure to ensure that it includes the circumstances and the process for notifying the Coventry and North Warwickshire Coroner in cases where there is a safeguarding issue which may require a post- mortem, or an investigation through the safeguarding procedures.",
        lead: "Policy and procedure task and finish group Legal advisor to Board",
        expectedOutcome: "Clear Policy guidance in place which are fit for purpose.",
        timescale: "April 2016",
        rating: GREEN,
      },
    ],
  },
  {
    number: "5",
    text: "CSAB Members should assure themselves that agencies are working to local safeguarding protocols on how agencies will work together in cases where multiple agencies are involved including agreement on which professional will take the lead.",
    source: "Overview Report",
    actions: [
      {
        text: "CSAB to establish a 'key issues' agenda item to ensure that agencies understand the impact of organisational and service changes on safeguarding",
        lead: "Board Business Manager",
        expectedOutcome: "Individual service users receive, coordinated care which improves their quality of life as standard.",
        timescale: "January 2016 On going",
        rating: GREEN,
      },
    ],
  },
  {
    number: "6",
    text: "CSAB Members should assure themselves that their staff have received appropriate training, and are working to national guidance issued by Department of Health, NICE, and professional bodies to implement the learning from this SCR on the identification, assessment and treatment of pain, constipation, back injuries, sepsis and mental capacity.",
    source: "Overview Report",
    actions: [
      {
        text: "Training programmes delivered within partner organisations will be a standard inclusion in the CSAB Annual report",
        lead: "Board Business Manager",
        expectedOutcome: "Services are delivered in a way that is informed by best practice.",
        timescale: "January 2016",
        rating: GREEN,
      },
      {
        text: "Work Force Development sub group to review the available capacity to deliver training in relation to these key issues, and ensure that the training resource is able to meet the required need.",
        lead: "Work Force Development sub group",
        expectedOutcome: "All staff can access training to meet their individual needs",
        timescale: "April 2016",
        rating: GREEN,
      },
      {
        text: "Provide a lessons learnt event which ensures staff are informed of the issues identified within the SCR findings, and able to improve their practice as a result",
        lead: "SAR coordinator",
        expectedOutcome: "Improved service user experience",
        timescale: "December 2015 On going",
        rating: GREEN,
      },
      {
        text: "Assurance given annually by each member agency that their mandatory training compliance figures meet the agreed local standards",
        lead: "Workforce Development sub group",
        expectedOutcome: "Training compliance figures across all agencies meets the agreed local standards",
        timescale: "April 2016 On going",
        rating: GREEN,
      },
    ],
  },
  {
    number: "7",
    text: "CSAB Each agency must assure themselves and the Board Members through supervision and case audits, that staff have sufficient skills to engage effectively with persons in a personalised way, in gathering relevant information to guide assessments and care planning, particularly in risky situations when patients and service users are reluctant to accept help or act on advice.",
    source: "Overview Report",
    actions: [
      {
        text: "Supervision audit to be carried out by each agency and results reported to Quality Assurance and Performance sub group",
        lead: "CSAB Board member of each relevant agency / Quality Assurance and Performance sub group",
        expectedOutcome: "People receive personalised care, that is delivered in partnership.",
        timescale: "March 2016",
        rating: GREEN,
      },
      {
        text: "Ensure that personalisation is effectively reflected in training programmes",
        lead: "Work Force Development sub group",
        timescale: "",
      },
    ],
  },
  {
    number: "8",
    text: "CSAB Each agency must assure themselves and the Board Members that when patients' / service users are moving to a different environment, their organisation shares all relevant information, and contributes fully to multi-agency planning.",
    source: "Overview Report",
    actions: [
      {
        text: "Interagency information sharing audit to be conducted. Each agency will provide an audit report for the Quality Audit and Performance (QA&P) sub group",
        lead: "Agency member of QA&P sub group / sub group chair",
        expectedOutcome: "People receive personalised care, which is delivered in partnership.",
        timescale: "March 2016",
        rating: GREEN,
      },
    ],
  },
  {
    number: "9",
    text: "CSAB request an update report from NHS England on progress on ensuring the proactive contribution of GPs in the development of multi-agency care plans and review of patients discharged from hospital.",
    source: "Overview Report",
    actions: [
      {
        text: "Request report from NHS England GP representative, to be considered at full Board",
        lead: "Board Manager/ SAR Coordinator",
        expectedOutcome:
          "Board are assured, or able to take corrective action to ensure that, the role of the GP in relation to care planning for patients on discharge from hospital is clear.",
        timescale: "January 2016",
        rating: GREEN,
      },
    ],
  },
  {
    number: "10",
    text: "CSAB should be assured that the hospital discharge procedures include guidance on:- - factors which should trigger screening for post discharge support; the inclusion of all relevant information in discharge summaries, including clear prompts for community professionals on follow up action where there are any outstanding test results; - the importance of proactive liaison between the hospital, community services and housing with care schemes.",
    source: "Overview Report",
    actions: [
      {
        text: "Request report from CCG, UHCW, CCC and CWPT on effective hospital discharge to be considered at full Board",
        lead: "Board Manager/ SAR Coordinator",
        expectedOutcome:
          "Board are assured, or able to take corrective action to ensure that, hospital discharge is effective and person centred.",
        timescale: "January 2016",
        rating: GREEN,
      },
    ],
  },
];

export function coventryRecords(leads: readonly Lead[]): { sections: Section[]; actions: Action[] } {
  const sections = RECOMMENDATIONS.map(
    (r): Section => ({
      id: `${planId}/r${r.number}`,
      planId,
      kind: "recommendation",
      number: r.number,
      title: r.text,
      source: r.source,
      rationale: [],
      successMeasures: [],
    }),
  );
  const actions = RECOMMENDATIONS.flatMap((r) =>
    r.actions.map((row, i) =>
      transcribeAction(
        { ...row, ref: `${r.number}.${i + 1}` },
        { planId, sectionId: `${planId}/r${r.number}`, deliverableId: null },
        leads,
        COVENTRY_PLAN.boards,
      ),
    ),
  );
  return { sections, actions };
}
