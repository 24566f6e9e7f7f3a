import type { ColumnDefinition, ListDefinition } from "./list-schema.js";

/**
 * The challenge log's list (docs/agencies.md): one row per question or answer, appended, never
 * edited. A question's ChallengeId is its own id and an answer's the question's, so sorting or
 * grouping by it in SharePoint puts each answer under its question. Only types come from
 * list-schema.ts: it imports this file, so values must not flow back.
 */
export type ChallengeListKey = "challenges";

export const ENTRY_CHOICES = ["Question", "Answer"];

export const CHALLENGE_LISTS: (ListDefinition & { key: ChallengeListKey })[] = [
  {
    key: "challenges",
    displayName: "Assure Challenge Log",
    description: "The board's questions to agencies about their actions, and the agencies' answers with the day each came: appended, never edited.",
    columns: [
      { name: "AssureId", text: {}, indexed: true, enforceUniqueValues: true, required: true },
      { name: "Board", text: {}, indexed: true },
      { name: "Entry", choice: { choices: ENTRY_CHOICES } },
      { name: "ChallengeId", text: {}, indexed: true },
      { name: "Agency", text: {} },
      { name: "AgencyLeadId", text: {} },
      { name: "EntryText", text: { allowMultipleLines: true } },
      { name: "On", text: {} },
      { name: "ActionId", text: {} },
      { name: "PlanId", text: {} },
      { name: "RecordedAt", text: {} },
      { name: "RecordedByPersonId", text: {} },
      { name: "RecordedByName", text: {} },
      { name: "Demo", boolean: {} },
    ] satisfies ColumnDefinition[],
  },
];
