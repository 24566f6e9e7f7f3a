import type { z } from "zod";
import { fromJson, json, orNull, title } from "./field-values.js";
import { ActionSchema, type Action } from "../core/action.js";
import { ActionEventSchema, type ActionEvent } from "../core/action-event.js";
import { eventWords } from "../core/event-words.js";
import { ChangeSchema, type Change } from "../core/change-log.js";
import { ConversationSchema, type Conversation } from "../core/conversation.js";
import { LedgerEntrySchema, type LedgerEntry } from "../core/ledger.js";
import { LeadSchema, PersonSchema, type Lead, type Person } from "../core/lead.js";
import { DeliverableSchema, PlanSchema, SectionSchema, type Deliverable, type Plan, type Section } from "../core/plan.js";
import { ProgressUpdateSchema, type ProgressUpdate } from "../core/progress-update.js";
import type { BoardRecords } from "../core/records.js";
import { SubgroupSchema, type Subgroup } from "../core/subgroup.js";
import type { ListKey } from "./list-schema.js";
import { ReplyLinkSchema, type ReplyLink } from "../core/reply-link.js";
import { readableAction, readableChange, readablePerson, readablePlan, readableProgressUpdate } from "./readable-fields.js";

/**
 * How each record becomes a row's fields and back. Reading back goes through the record's zod
 * schema, so a row someone edited by hand into nonsense is caught, named and skipped.
 */
export interface Codec<T> {
  list: ListKey;
  schema: z.ZodType<T>;
  toFields: (record: T) => Fields;
  fromFields: (fields: Fields) => unknown;
}

export type Fields = Record<string, unknown>;


const plans: Codec<Plan> = {
  list: "plans",
  schema: PlanSchema,
  toFields: (p) => ({
    AssureId: p.id,
    Title: title(p.title),
    PlanTitle: p.title,
    Kind: p.kind,
    Boards: json(p.boards),
    Review: p.review,
    PeriodFrom: p.period?.from ?? null,
    PeriodTo: p.period?.to ?? null,
    PlanStatus: p.status,
    RagKey: json(p.ragKey),
    IssuedOn: p.issuedOn,
    UpdatedOn: p.updatedOn,
    CompletedBy: p.completedBy,
    Introduction: json(p.introduction),
    Source: p.source,
    Managers: json(p.managers),
    ReminderPolicy: p.reminderPolicy === null ? null : json(p.reminderPolicy),
    BoardMeetings: json(p.boardMeetings),
    ...readablePlan(p),
  }),
  fromFields: (f) => ({
    id: f.AssureId,
    title: f.PlanTitle,
    kind: f.Kind,
    boards: fromJson(f.Boards),
    review: orNull(f.Review),
    period: orNull(f.PeriodFrom) === null && orNull(f.PeriodTo) === null ? null : { from: f.PeriodFrom, to: f.PeriodTo },
    status: f.PlanStatus,
    ragKey: fromJson(f.RagKey),
    issuedOn: orNull(f.IssuedOn),
    updatedOn: orNull(f.UpdatedOn),
    completedBy: orNull(f.CompletedBy),
    introduction: fromJson(f.Introduction),
    source: f.Source,
    managers: fromJson(f.Managers ?? "[]"),
    reminderPolicy: orNull(f.ReminderPolicy) === null ? null : fromJson(f.ReminderPolicy),
    boardMeetings: fromJson(f.BoardMeetings ?? "[]"),
  }),
};

const sections: Codec<Section> = {
  list: "sections",
  schema: SectionSchema,
  toFields: (s) => ({
    AssureId: s.id,
    Title: title(`${s.number}. ${s.title}`),
    PlanId: s.planId,
    Kind: s.kind,
    Number: s.number,
    SectionText: s.title,
    RecommendationSource: s.source,
    Rationale: json(s.rationale),
    SuccessMeasures: json(s.successMeasures),
  }),
  fromFields: (f) => ({
    id: f.AssureId,
    planId: f.PlanId,
    kind: f.Kind,
    number: f.Number,
    title: f.SectionText,
    source: orNull(f.RecommendationSource),
    rationale: fromJson(f.Rationale),
    successMeasures: fromJson(f.SuccessMeasures),
  }),
};

const deliverables: Codec<Deliverable> = {
  list: "deliverables",
  schema: DeliverableSchema,
  toFields: (d) => ({
    AssureId: d.id,
    Title: title(`${d.ref} ${d.text}`),
    SectionId: d.sectionId,
    Ref: d.ref,
    DeliverableText: d.text,
    LeadAsWritten: d.lead.asWritten,
    LeadId: d.lead.leadId,
    Partners: d.partners,
  }),
  fromFields: (f) => ({
    id: f.AssureId,
    sectionId: f.SectionId,
    ref: f.Ref,
    text: f.DeliverableText,
    lead: { asWritten: f.LeadAsWritten, leadId: orNull(f.LeadId) },
    partners: orNull(f.Partners),
  }),
};

export const actionCodec: Codec<Action> = {
  list: "actions",
  schema: ActionSchema,
  toFields: (a) => {
    const { state, ...detail } = a.status;
    return {
      AssureId: a.id,
      Title: title(`${a.ref} ${a.text}`),
      PlanId: a.planId,
      SectionId: a.sectionId,
      DeliverableId: a.deliverableId,
      Ref: a.ref,
      ActionText: a.text,
      LeadAsWritten: a.lead.asWritten,
      LeadId: a.lead.leadId,
      Partners: a.partners,
      ExpectedOutcome: a.expectedOutcome,
      TimescaleText: a.timescale.text,
      Timescale: json(a.timescale),
      RevisedDeadline: a.revisedDeadline?.date ?? null,
      RevisedDeadlineReason: a.revisedDeadline?.reason ?? null,
      Rating: a.rating,
      RatingAsWritten: a.ratingAsWritten,
      LatestUpdate: a.latestUpdate ? json(a.latestUpdate) : null,
      ActionStatus: state,
      StatusDetail: json(detail),
      ...readableAction(a),
    };
  },
  fromFields: (f) => {
    const detail = fromJson(f.StatusDetail);
    return {
      id: f.AssureId,
      planId: f.PlanId,
      sectionId: f.SectionId,
      deliverableId: orNull(f.DeliverableId),
      ref: f.Ref,
      text: f.ActionText,
      lead: { asWritten: f.LeadAsWritten, leadId: orNull(f.LeadId) },
      partners: orNull(f.Partners),
      expectedOutcome: orNull(f.ExpectedOutcome),
      timescale: fromJson(f.Timescale),
      revisedDeadline: orNull(f.RevisedDeadline) === null ? null : { date: f.RevisedDeadline, reason: f.RevisedDeadlineReason },
      rating: orNull(f.Rating),
      ratingAsWritten: orNull(f.RatingAsWritten),
      latestUpdate: f.LatestUpdate ? fromJson(f.LatestUpdate) : null,
      status: { ...(typeof detail === "object" && detail !== null ? detail : {}), state: f.ActionStatus },
    };
  },
};

export const progressUpdateCodec: Codec<ProgressUpdate> = {
  list: "progressUpdates",
  schema: ProgressUpdateSchema,
  toFields: (u) => ({
    AssureId: u.id,
    Title: title(`${u.author.name}, ${u.at}`),
    ActionId: u.actionId,
    AuthorPersonId: u.author.personId,
    AuthorName: u.author.name,
    At: u.at,
    UpdateText: u.text,
    Evidence: json(u.evidence),
    Rating: u.rating,
    ProposedDeadline: u.proposedDeadline?.date ?? null,
    ProposedDeadlineReason: u.proposedDeadline?.reason ?? null,
    MarkedComplete: u.markedComplete,
    Via: u.via,
    RecordedBy: u.recordedBy ? json(u.recordedBy) : null,
    ...readableProgressUpdate(u),
  }),
  fromFields: (f) => ({
    id: f.AssureId,
    actionId: f.ActionId,
    author: { personId: orNull(f.AuthorPersonId), name: f.AuthorName },
    at: f.At,
    text: f.UpdateText,
    evidence: fromJson(f.Evidence),
    rating: orNull(f.Rating),
    proposedDeadline:
      orNull(f.ProposedDeadline) === null ? null : { date: f.ProposedDeadline, reason: f.ProposedDeadlineReason },
    markedComplete: f.MarkedComplete,
    via: f.Via,
    recordedBy: f.RecordedBy ? fromJson(f.RecordedBy) : undefined,
  }),
};

export const actionEventCodec: Codec<ActionEvent> = {
  list: "actionEvents",
  schema: ActionEventSchema,
  toFields: (e) => ({
    AssureId: e.id,
    Title: title(`${e.by.name}, ${e.at}`),
    ActionId: e.actionId,
    At: e.at,
    EventKind: e.kind,
    ByPersonId: e.by.personId,
    ByName: title(e.by.name),
    ByRole: e.by.role,
    Reason: e.reason,
    Decides: e.decides,
    Change: eventWords(e),
    Fields: json(e.fields),
    When: new Date(e.at).toISOString(),
  }),
  fromFields: (f) => ({
    id: f.AssureId,
    actionId: f.ActionId,
    at: f.At,
    kind: f.EventKind,
    by: { personId: orNull(f.ByPersonId), name: f.ByName, role: f.ByRole },
    reason: orNull(f.Reason),
    decides: orNull(f.Decides),
    fields: fromJson(f.Fields),
  }),
};

const people: Codec<Person> = {
  list: "people",
  schema: PersonSchema,
  toFields: (p) => ({
    AssureId: p.id,
    Title: title(p.displayName),
    DisplayName: p.displayName,
    JobTitle: p.jobTitle, Email: p.email, EntraObjectId: p.entraObjectId, Channel: p.channel,
    Boards: json(p.boards),
    EmailBounce: p.emailBounce ? json(p.emailBounce) : null,
    ...readablePerson(p),
  }),
  fromFields: (f) => ({ id: f.AssureId, displayName: f.DisplayName, jobTitle: f.JobTitle, email: f.Email, entraObjectId: f.EntraObjectId, channel: f.Channel ?? undefined, boards: fromJson(f.Boards ?? "[]"), ...(f.EmailBounce ? { emailBounce: fromJson(f.EmailBounce) } : {}) }),
};

const leads: Codec<Lead> = {
  list: "leads",
  schema: LeadSchema,
  toFields: (l) => ({
    AssureId: l.id,
    Title: title(l.asWritten),
    AsWritten: l.asWritten,
    Kind: l.kind,
    Members: json(l.members),
    Chair: l.chair,
    Remind: l.remind,
    Subgroups: json(l.subgroups),
    Boards: json(l.boards),
  }),
  fromFields: (f) => ({
    id: f.AssureId,
    asWritten: f.AsWritten,
    kind: f.Kind,
    members: fromJson(f.Members),
    chair: orNull(f.Chair),
    remind: f.Remind,
    subgroups: fromJson(f.Subgroups),
    boards: fromJson(f.Boards ?? "[]"),
  }),
};

const subgroups: Codec<Subgroup> = {
  list: "subgroups",
  schema: SubgroupSchema,
  toFields: (g) => ({
    AssureId: g.id,
    Title: title(g.name),
    SubgroupName: g.name,
    Kind: g.kind,
    Boards: json(g.boards),
    Role: g.role,
    Chair: g.chair,
    DigestAt: g.digestAt === null ? null : json(g.digestAt),
    Deliverables: json(g.deliverables),
  }),
  fromFields: (f) => ({
    id: f.AssureId,
    name: f.SubgroupName,
    kind: f.Kind,
    boards: fromJson(f.Boards),
    role: f.Role,
    chair: orNull(f.Chair),
    digestAt: orNull(f.DigestAt) === null ? null : fromJson(f.DigestAt),
    deliverables: fromJson(f.Deliverables),
  }),
};

/** The codec for each kind of record, in the order a full read or import goes through them. */
export const RECORD_CODECS = {
  plans,
  sections,
  deliverables,
  actions: actionCodec,
  progressUpdates: progressUpdateCodec,
  actionEvents: actionEventCodec,
  people,
  leads,
  subgroups,
} satisfies { [K in keyof BoardRecords]: Codec<BoardRecords[K][number]> };

export const ledgerCodec: Codec<LedgerEntry> = {
  list: "ledger",
  schema: LedgerEntrySchema,
  toFields: (e) => ({
    AssureId: e.key,
    Title: title(`${e.kind} ${e.stage} for ${e.recipient}`),
    Kind: e.kind,
    ActionId: e.actionId,
    Recipient: e.recipient,
    Stage: e.stage,
    DueOn: e.dueOn,
    ClaimStatus: e.status,
    ClaimedAt: e.claimedAt,
    SentAt: e.sentAt,
    Attempts: e.attempts,
    LastError: e.lastError,
    ...(e.kind === "batch" ? { Keys: (e.keys ?? []).join("\n") } : {}),
  }),
  fromFields: (f) => ({
    key: f.AssureId,
    kind: f.Kind,
    ...(f.Kind === "batch" ? { keys: typeof f.Keys === "string" && f.Keys !== "" ? f.Keys.split("\n") : [] } : {}),
    actionId: orNull(f.ActionId),
    recipient: f.Recipient,
    stage: f.Stage ?? "",
    dueOn: orNull(f.DueOn),
    status: f.ClaimStatus,
    claimedAt: f.ClaimedAt,
    sentAt: orNull(f.SentAt),
    attempts: f.Attempts ?? 0,
    lastError: orNull(f.LastError),
  }),
};

export const conversationCodec: Codec<Conversation> = {
  list: "conversations",
  schema: ConversationSchema,
  toFields: (c) => ({
    AssureId: c.entraObjectId,
    Title: c.entraObjectId,
    Reference: json(c.reference),
    Stale: c.stale,
    UpdatedAt: c.updatedAt,
    Reason: c.reason ?? null,
  }),
  fromFields: (f) => ({ entraObjectId: f.AssureId, reference: fromJson(f.Reference), stale: f.Stale ?? false, updatedAt: f.UpdatedAt, reason: orNull(f.Reason) }),
};

export const changeCodec: Codec<Change> = {
  list: "changes",
  schema: ChangeSchema,
  toFields: (c) => ({
    AssureId: c.id,
    Title: title(`${c.by.name} ${c.what} ${c.subject.label}`),
    At: c.at,
    PersonId: c.by.personId,
    PersonName: title(c.by.name),
    EntraObjectId: c.by.entraObjectId,
    SubjectKind: c.subject.kind,
    SubjectId: c.subject.id,
    SubjectLabel: title(c.subject.label), // a label for people; the record itself keeps the whole text
    PlanId: c.planId,
    Boards: json(c.boards),
    What: c.what,
    Fields: json(c.fields),
    ...readableChange(c),
  }),
  fromFields: (f) => ({
    id: f.AssureId,
    at: f.At,
    by: { personId: orNull(f.PersonId), entraObjectId: orNull(f.EntraObjectId), name: f.PersonName },
    subject: { kind: f.SubjectKind, id: f.SubjectId, label: f.SubjectLabel },
    planId: orNull(f.PlanId),
    boards: fromJson(f.Boards ?? "[]"),
    what: f.What,
    fields: fromJson(f.Fields),
  }),
};

export const replyLinkCodec: Codec<ReplyLink> = {
  list: "replyLinks",
  schema: ReplyLinkSchema,
  toFields: (l) => ({
    AssureId: l.id,
    Title: `reply link for ${l.actionId}`.slice(0, 255),
    ActionId: l.actionId,
    PersonId: l.personId,
    IssuedAt: l.issuedAt,
    ExpiresAt: l.expiresAt,
    RevokedAt: l.revokedAt,
  }),
  fromFields: (f) => ({ id: f.AssureId, actionId: f.ActionId, personId: f.PersonId, issuedAt: f.IssuedAt, expiresAt: f.ExpiresAt, revokedAt: orNull(f.RevokedAt) }),
};
