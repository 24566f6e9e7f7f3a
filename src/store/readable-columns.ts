import type { ColumnDefinition, ListDefinition, ListKey } from "./list-schema.js";

/**
 * The columns a person reads when they open Assure's lists in SharePoint, the Lists app, Excel or
 * Power BI: dates as date columns, ratings and states as choices in people's words, the plan and
 * section as lookups, the lead as people. They sit beside the columns Assure reads (which stay as
 * they were, so nothing already stored changes meaning); JSON and machine words are hidden.
 * Assure writes these columns with every write it already makes and never reads them back.
 */

export const RAG_CHOICES = ["Red", "Amber", "Green", "Complete", "Not rated"];
/**
 * The action's status as the papers and the tab word it (board-paper.ts STATUS_WORDS): a lead's
 * "complete" awaits the board's sign-off. Sites made before these words keep "Complete" and
 * "Closed" among the column's choices (provision never removes one); no row holds them once
 * provision has refilled the readable columns. A deadline request is not a status: the action
 * stays Open and the request is a Progress Updates row with a Proposed deadline.
 */
export const ACTION_STATE_CHOICES = ["Open", "Awaiting sign-off", "Signed off", "Not implemented"];
export const PLAN_STATE_CHOICES = ["Draft", "Active", "Closed"];
export const PLAN_KIND_CHOICES = ["SAR action plan", "Business plan", "Strategic plan", "Other"];
export const VIA_CHOICES = ["Plan document", "Teams card", "Assure tab", "Command line", "Email reply link"];
export const REACH_CHOICES = ["Teams, else email", "Teams only", "Email only", "Teams and email"];
export const CHANGE_CHOICES = ["Created", "Edited"];
export const SUBJECT_CHOICES = ["Plan", "Section", "Key deliverable", "Action", "Lead", "Person", "Subgroup"];

const day = (name: string, displayName: string, indexed = false): ColumnDefinition => ({ name, displayName, dateTime: { format: "dateOnly" }, indexed });
const moment = (name: string, displayName: string, indexed = false): ColumnDefinition => ({ name, displayName, dateTime: { format: "dateTime" }, indexed });
const words = (name: string, displayName: string, choices: string[], indexed = false): ColumnDefinition => ({ name, displayName, choice: { choices }, indexed });
const prose = (name: string, displayName: string): ColumnDefinition => ({ name, displayName, text: { allowMultipleLines: true } });

interface Readable {
  /** Columns added for people. */
  add: ColumnDefinition[];
  /** Names people see for columns Assure already has. */
  rename: Record<string, string>;
  /** JSON, machine words and ids a person has no use for. */
  hide: string[];
}

export const READABLE: Partial<Record<ListKey, Readable>> = {
  actions: {
    add: [
      day("Deadline", "Deadline", true),
      words("RAG", "RAG rating", RAG_CHOICES, true),
      words("ActionState", "Status", ACTION_STATE_CHOICES, true),
      { name: "Plan", displayName: "Plan", lookup: { list: "plans", columnName: "Title" } },
      { name: "Section", displayName: "Section", lookup: { list: "sections", columnName: "Title" } },
      { name: "LeadPeople", displayName: "Lead (people)", personOrGroup: { allowMultipleSelection: true, chooseFromType: "peopleOnly" } },
      prose("LatestUpdateText", "Latest update"),
      day("LatestUpdateOn", "Latest update on"),
    ],
    rename: {
      AssureId: "Assure id",
      ActionText: "Action",
      LeadAsWritten: "Lead",
      ExpectedOutcome: "Expected outcome",
      TimescaleText: "Timescale",
      RevisedDeadline: "Revised deadline (text)",
      RevisedDeadlineReason: "Why the deadline changed",
      RatingAsWritten: "Rating as written",
    },
    hide: ["PlanId", "SectionId", "DeliverableId", "LeadId", "Timescale", "Rating", "ActionStatus", "StatusDetail", "LatestUpdate"],
  },
  plans: {
    add: [
      words("PlanState", "Status", PLAN_STATE_CHOICES),
      words("PlanKind", "Kind of plan", PLAN_KIND_CHOICES),
      day("StartsOn", "Period from"),
      day("EndsOn", "Period to"),
      day("IssuedDate", "Issued"),
    ],
    rename: { AssureId: "Assure id", PlanTitle: "Plan", UpdatedOn: "Updated (text)", CompletedBy: "Completed by", IssuedOn: "Issued (text)" },
    hide: ["Kind", "PlanStatus", "PeriodFrom", "PeriodTo", "Boards", "RagKey", "Introduction", "Managers", "ReminderPolicy", "BoardMeetings"],
  },
  sections: {
    add: [],
    rename: { AssureId: "Assure id", SectionText: "Recommendation or priority", RecommendationSource: "Source" },
    hide: ["PlanId", "Rationale", "SuccessMeasures"],
  },
  deliverables: { add: [], rename: { DeliverableText: "Key deliverable", LeadAsWritten: "Lead" }, hide: ["SectionId", "LeadId"] },
  progressUpdates: {
    add: [
      moment("Given", "When", true),
      words("RAG", "RAG rating", RAG_CHOICES),
      words("GivenThrough", "Given through", VIA_CHOICES),
      day("ProposedDeadlineOn", "Proposed deadline"),
      prose("EvidenceLinks", "Evidence"),
    ],
    rename: { ActionId: "Action (Assure id)", AuthorName: "Who", UpdateText: "Update", ProposedDeadlineReason: "Why the new deadline", MarkedComplete: "Marked complete" },
    hide: ["AuthorPersonId", "At", "Evidence", "Rating", "ProposedDeadline", "Via", "RecordedBy"],
  },
  actionEvents: {
    add: [moment("When", "When", true)],
    rename: { ByName: "Who", ByRole: "Acting as", Reason: "Why", Change: "What changed" },
    hide: ["ActionId", "At", "EventKind", "ByPersonId", "Decides", "Fields"],
  },
  people: {
    add: [words("ReachedBy", "Reached by", REACH_CHOICES), { name: "Person", displayName: "Person", personOrGroup: { allowMultipleSelection: false, chooseFromType: "peopleOnly" } }],
    rename: { DisplayName: "Name", JobTitle: "Job title", EntraObjectId: "Entra object id" },
    hide: ["Channel", "Boards", "EmailBounce"],
  },
  leads: { add: [], rename: { AsWritten: "Lead as plans write it" }, hide: ["Members", "Chair", "Subgroups", "Boards"] },
  subgroups: { add: [], rename: { SubgroupName: "Subgroup" }, hide: ["Boards", "Chair", "DigestAt", "Deliverables"] },
  conversations: { add: [], rename: {}, hide: ["Reference"] },
  changes: {
    add: [
      moment("When", "When", true),
      words("Did", "What", CHANGE_CHOICES),
      words("Record", "Record", SUBJECT_CHOICES),
      prose("Summary", "Changes"),
    ],
    rename: { PersonName: "Who", SubjectLabel: "About", What: "What (Assure)" },
    hide: ["At", "PersonId", "EntraObjectId", "SubjectKind", "SubjectId", "PlanId", "What", "Fields", "Boards"],
  },
  // The findings register (register-lists.ts): its JSON lists of ids kept out of people's sight.
  findings: { add: [], rename: {}, hide: ["ThemeIds"] },
  recommendationLinks: { add: [], rename: {}, hide: ["FindingIds", "FeedsActionIds"] },
  // The challenge log (challenge-lists.ts): the day as a date, when it was recorded as a moment.
  challenges: {
    add: [day("Dated", "Date asked or answered", true), moment("Recorded", "Recorded")],
    rename: { Entry: "Question or answer", ChallengeId: "Challenge", EntryText: "What was asked or answered", RecordedByName: "Recorded by" },
    hide: ["AgencyLeadId", "On", "ActionId", "PlanId", "RecordedAt", "RecordedByPersonId"],
  },
};

/** Each list with its readable columns added and its own columns named and hidden for people. */
export function withReadableColumns(lists: ListDefinition[]): ListDefinition[] {
  return lists.map((list) => {
    const readable = READABLE[list.key];
    if (!readable) return list;
    const own = list.columns.map((c) => ({
      ...c,
      ...(readable.rename[c.name] ? { displayName: readable.rename[c.name] } : {}),
      ...(readable.hide.includes(c.name) ? { hidden: true } : {}),
    }));
    return { ...list, columns: [...own, ...readable.add] };
  });
}

/** Columns Assure writes but never reads (so never asks Graph for). */
export const isWriteOnly = (key: ListKey, name: string): boolean => READABLE[key]?.add.some((c) => c.name === name) ?? false;
