import { ChallengeEntrySchema, type ChallengeEntry } from "../core/challenge.js";
import { orNull, title } from "./field-values.js";
import { dateOnlyValue } from "./readable-fields.js";
import type { Codec } from "./record-codecs.js";

/** A challenge log entry as a row and back; the readable Dated and Recorded columns are written, never read. */
export const challengeCodec: Codec<ChallengeEntry> = {
  list: "challenges",
  schema: ChallengeEntrySchema,
  toFields: (e) => ({
    AssureId: e.id,
    Title: title(`${e.kind === "question" ? "Question to" : "Answer from"} ${e.agency.name}: ${e.text}`),
    Board: e.board,
    Entry: e.kind === "question" ? "Question" : "Answer",
    ChallengeId: e.kind === "question" ? e.id : e.challengeId,
    Agency: e.agency.name,
    AgencyLeadId: e.agency.leadId,
    EntryText: e.text,
    On: e.on,
    ActionId: e.kind === "question" ? e.actionId : null,
    PlanId: e.kind === "question" ? e.planId : null,
    RecordedAt: e.recordedAt,
    RecordedByPersonId: e.recordedBy.personId,
    RecordedByName: e.recordedBy.name,
    Demo: e.demo,
    Dated: dateOnlyValue(e.on),
    Recorded: new Date(e.recordedAt).toISOString(),
  }),
  fromFields: (f) => {
    const common = {
      id: f.AssureId,
      board: f.Board,
      agency: { leadId: orNull(f.AgencyLeadId), name: f.Agency },
      text: f.EntryText,
      on: f.On,
      recordedAt: f.RecordedAt,
      recordedBy: { personId: orNull(f.RecordedByPersonId), name: f.RecordedByName },
      demo: f.Demo === true,
    };
    return f.Entry === "Answer" ? { kind: "answer", challengeId: f.ChallengeId, ...common } : f.Entry === "Question" ? { kind: "question", actionId: orNull(f.ActionId), planId: orNull(f.PlanId), ...common } : { kind: f.Entry };
  },
};
