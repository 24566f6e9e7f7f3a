import { withReadableColumns } from "./readable-columns.js";
import { CHALLENGE_LISTS, type ChallengeListKey } from "./challenge-lists.js";
import { REGISTER_LISTS, type RegisterListKey } from "./register-lists.js";

/**
 * The SharePoint lists Assure keeps in the board's site, and their columns, as Graph
 * columnDefinitions. Every list has a unique, indexed AssureId (the record's stable id, which
 * also makes every create idempotent: a retried create conflicts instead of duplicating).
 * Title is only a label for people browsing the list; the data lives in its own columns.
 * Columns the app filters on are indexed (SharePoint allows 20 per list). Assure reads dates
 * from "YYYY-MM-DD" text, so no time zone can move a deadline by a day; the date columns people
 * sort and filter on are added beside them (readable-columns.ts), written, never read back.
 *
 * Bump SCHEMA_VERSION when a column is added; `assure provision` adds it in place.
 */
export const SCHEMA_VERSION = 13; // 2: the change log; 3: signed-in Entra ids in the change log, actions' latest update, people's channel, reply links, "email-link" replies; 4: imported key deliverables in the change log; 5: the findings register (reviews, findings, themes, recommendation links, impact reviews); 6: columns for people (readable-columns.ts); 7: action events (managers' changes, decisions, sign-offs); 8: the ledger's batch rows (Keys); 9: the boards of leads, people and change log entries; 10: progress updates recorded for a lead (RecordedBy); 11: the action status choices Awaiting sign-off and Signed off; 12: the challenge log (agencies' answers to the board); 13: people's EmailBounce (a non-delivery report read from the board mailbox)

export type ColumnDefinition = {
  name: string;
  indexed?: boolean;
  enforceUniqueValues?: boolean;
  required?: boolean;
  /** What a person sees as the column's name (SharePoint shows `name` when there is none). */
  displayName?: string;
  /** Kept out of SharePoint's forms, column pickers and views: data only Assure reads. */
  hidden?: boolean;
} & (
  | { text: { allowMultipleLines?: boolean; maxLength?: number } }
  | { number: Record<string, never> }
  | { boolean: Record<string, never> }
  | { choice: { choices: string[]; allowTextEntry?: boolean } }
  | { dateTime: { format: "dateOnly" | "dateTime"; displayAs?: "default" | "standard" } }
  // The target list by key: provisioning puts its Graph id in (Graph's lookup facet wants listId).
  | { lookup: { list: ListKey; columnName: string } }
  | { personOrGroup: { allowMultipleSelection: boolean; chooseFromType: "peopleOnly" } }
);

export interface ListDefinition {
  key: ListKey;
  displayName: string;
  description: string;
  columns: ColumnDefinition[];
}

export type ListKey =
  | "plans"
  | "sections"
  | "deliverables"
  | "actions"
  | "progressUpdates"
  | "actionEvents"
  | "people"
  | "leads"
  | "subgroups"
  | "conversations"
  | "ledger"
  | "changes"
  | "replyLinks"
  | "settings"
  | RegisterListKey
  | ChallengeListKey;

const id = (): ColumnDefinition => ({ name: "AssureId", text: {}, indexed: true, enforceUniqueValues: true, required: true });
const line = (name: string, indexed = false): ColumnDefinition => ({ name, text: {}, indexed });
const note = (name: string): ColumnDefinition => ({ name, text: { allowMultipleLines: true } });
const flag = (name: string): ColumnDefinition => ({ name, boolean: {} });
const whole = (name: string): ColumnDefinition => ({ name, number: {} });
const choice = (name: string, choices: string[], indexed = false): ColumnDefinition => ({ name, choice: { choices }, indexed });

const RATINGS = ["red", "amber", "green", "complete"];

export const LISTS: ListDefinition[] = withReadableColumns([
  {
    key: "plans",
    displayName: "Assure Plans",
    description: "Action plans: SAR action plans, business and strategic plans.",
    columns: [
      id(),
      note("PlanTitle"),
      choice("Kind", ["sar-action-plan", "business-plan", "strategic-plan", "other"]),
      note("Boards"),
      line("Review"),
      line("PeriodFrom"),
      line("PeriodTo"),
      choice("PlanStatus", ["draft", "active", "closed"], true),
      note("RagKey"),
      line("IssuedOn"),
      line("UpdatedOn"),
      line("CompletedBy"),
      note("Introduction"),
      note("Source"),
      note("Managers"),
      note("ReminderPolicy"),
      note("BoardMeetings"),
    ],
  },
  {
    key: "sections",
    displayName: "Assure Sections",
    description: "Recommendations and priorities, one per row, in their plan.",
    columns: [
      id(),
      line("PlanId", true),
      choice("Kind", ["recommendation", "priority"]),
      line("Number"),
      note("SectionText"),
      line("RecommendationSource"),
      note("Rationale"),
      note("SuccessMeasures"),
    ],
  },
  {
    key: "deliverables",
    displayName: "Assure Deliverables",
    description: "A business plan's key deliverables, grouping its activities.",
    columns: [id(), line("SectionId", true), line("Ref"), note("DeliverableText"), line("LeadAsWritten"), line("LeadId"), note("Partners")],
  },
  {
    key: "actions",
    displayName: "Assure Actions",
    description: "Actions with their lead, timescale, RAG rating and status.",
    columns: [
      id(),
      line("PlanId", true),
      line("SectionId", true),
      line("DeliverableId"),
      line("Ref"),
      note("ActionText"),
      line("LeadAsWritten"),
      line("LeadId", true),
      note("Partners"),
      note("ExpectedOutcome"),
      line("TimescaleText"),
      note("Timescale"),
      line("RevisedDeadline"),
      note("RevisedDeadlineReason"),
      choice("Rating", RATINGS, true),
      line("RatingAsWritten"),
      choice("ActionStatus", ["open", "complete", "closed", "not-implemented"], true),
      note("StatusDetail"),
      note("LatestUpdate"),
    ],
  },
  {
    key: "progressUpdates",
    displayName: "Assure Progress Updates",
    description: "Every progress update a lead gave, appended, never edited.",
    columns: [
      id(),
      line("ActionId", true),
      line("AuthorPersonId"),
      line("AuthorName"),
      line("At", true),
      note("UpdateText"),
      note("Evidence"),
      choice("Rating", RATINGS),
      line("ProposedDeadline"),
      note("ProposedDeadlineReason"),
      flag("MarkedComplete"),
      choice("Via", ["plan-document", "teams-card", "tab", "cli", "email-link"]),
      note("RecordedBy"),
    ],
  },
  {
    key: "actionEvents",
    displayName: "Assure Action Events",
    description: "Every change to an action besides a progress update: who, in which role, when, why. Appended, never edited.",
    columns: [
      id(),
      line("ActionId", true),
      line("At", true),
      choice("EventKind", ["created", "edited", "deadline-approved", "deadline-declined", "signed-off", "returned", "upgraded"]),
      line("ByPersonId"),
      line("ByName"),
      choice("ByRole", ["board manager", "subgroup chair", "lead", "Assure administrator", "Assure"]),
      note("Reason"),
      line("Decides"),
      // What changed in people's words, for someone reading the list; Fields holds it for Assure.
      note("Change"),
      note("Fields"),
    ],
  },
  {
    key: "people",
    displayName: "Assure People",
    description: "The people in the leads directory, with their Entra object id.",
    columns: [id(), line("DisplayName"), line("JobTitle"), line("Email"), line("EntraObjectId", true), choice("Channel", ["teams-else-email", "teams", "email", "both"]), note("Boards"), note("EmailBounce")],
  },
  {
    key: "leads",
    displayName: "Assure Leads",
    description: "The leads directory: each lead as a plan writes it, and who answers for it.",
    columns: [
      id(),
      note("AsWritten"),
      choice("Kind", ["role", "group", "several"]),
      note("Members"),
      line("Chair"),
      choice("Remind", ["chair", "all"]),
      note("Subgroups"),
      note("Boards"),
    ],
  },
  {
    key: "subgroups",
    displayName: "Assure Subgroups",
    description: "The board's subgroups, their roles, chairs and the year's extra deliverables.",
    columns: [id(), line("SubgroupName"), choice("Kind", ["subgroup", "board"]), note("Boards"), note("Role"), line("Chair"), note("DigestAt"), note("Deliverables")],
  },
  {
    key: "conversations",
    displayName: "Assure Conversations",
    description: "Where the bot can reach each person in Teams (one row per Entra object id).",
    columns: [id(), note("Reference"), flag("Stale"), line("UpdatedAt"), note("Reason")],
  },
  {
    key: "ledger",
    displayName: "Assure Reminder Ledger",
    description: "Every reminder and digest, claimed under a unique key before it is sent.",
    columns: [
      id(),
      choice("Kind", ["reminder", "digest", "escalation", "snooze", "batch"]),
      line("ActionId", true),
      line("Recipient", true),
      line("Stage"),
      line("DueOn"),
      choice("ClaimStatus", ["claimed", "sent", "failed", "cancelled"], true),
      line("ClaimedAt"),
      line("SentAt"),
      whole("Attempts"),
      note("LastError"),
      // A batch row's claims, one key a line: one write confirms many sends (src/core/ledger.ts).
      note("Keys"),
    ],
  },
  {
    key: "changes",
    displayName: "Assure Change Log",
    description: "Who created or edited what from the tab, and when: appended, never edited.",
    columns: [
      id(),
      line("At", true),
      line("PersonId"),
      line("PersonName"),
      line("EntraObjectId"),
      choice("SubjectKind", ["plan", "section", "deliverable", "action", "lead", "person", "subgroup"], true),
      line("SubjectId", true),
      line("SubjectLabel"),
      line("PlanId", true),
      note("Boards"),
      choice("What", ["created", "edited"]),
      note("Fields"),
    ],
  },
  {
    key: "replyLinks",
    displayName: "Assure Reply Links",
    description: "Links in reminder emails to a reply page: only each token's SHA-256 is kept.",
    columns: [id(), line("ActionId", true), line("PersonId", true), line("IssuedAt"), line("ExpiresAt"), line("RevokedAt")],
  },
  {
    key: "settings",
    displayName: "Assure Settings",
    description: "Assure's own settings, such as the schema version of these lists.",
    columns: [id(), note("Value")],
  },
]);

LISTS.push(...withReadableColumns(REGISTER_LISTS), ...withReadableColumns(CHALLENGE_LISTS));

export const listDefinition = (key: ListKey): ListDefinition => LISTS.find((l) => l.key === key)!;
