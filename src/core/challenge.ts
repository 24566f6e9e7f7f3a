import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import { z } from "zod";
import { InputError } from "./errors.js";
import { IdSchema, InstantSchema, textOf } from "./ids.js";
import { IsoDateSchema, type IsoDate } from "./iso-date.js";
import { londonDate } from "./london.js";

/**
 * The challenge log: the board asks an agency a question (about an action, a plan, or its work
 * in general) and later records the agency's answer with the day it came. Each is an entry of
 * its own, dated and attributed, appended and never changed, like an action's events: a second
 * answer (a fuller reply, a correction) is another entry beside the first, not an edit of it.
 */
const RecordedBySchema = z.object({ personId: IdSchema.nullable(), name: textOf(200) });

export const ChallengeQuestionSchema = z.object({
  kind: z.literal("question"),
  id: IdSchema,
  /** The board asking, as its plans write it. */
  board: textOf(200),
  /** The agency asked: its leads-directory entry, and its name as the plans write it. */
  agency: z.object({ leadId: IdSchema.nullable(), name: textOf(200) }),
  text: textOf(4000),
  /** The day the board asked (at a meeting, in a letter): may be before the day it was recorded. */
  on: IsoDateSchema,
  actionId: IdSchema.nullable(),
  planId: IdSchema.nullable(),
  recordedAt: InstantSchema,
  recordedBy: RecordedBySchema,
  demo: z.boolean(),
});
export type ChallengeQuestion = z.infer<typeof ChallengeQuestionSchema>;

export const ChallengeAnswerSchema = z.object({
  kind: z.literal("answer"),
  id: IdSchema,
  /** The question answered. */
  challengeId: IdSchema,
  board: textOf(200),
  /** The question's agency, so each row reads on its own in SharePoint. */
  agency: z.object({ leadId: IdSchema.nullable(), name: textOf(200) }),
  text: textOf(4000),
  /** The day the agency answered. */
  on: IsoDateSchema,
  recordedAt: InstantSchema,
  recordedBy: RecordedBySchema,
  demo: z.boolean(),
});
export type ChallengeAnswer = z.infer<typeof ChallengeAnswerSchema>;

export const ChallengeEntrySchema = z.discriminatedUnion("kind", [ChallengeQuestionSchema, ChallengeAnswerSchema]);
export type ChallengeEntry = z.infer<typeof ChallengeEntrySchema>;

/** What a board manager types to ask: the agency by its lead id, or by name for an agency not in the directory. */
export const AskChallengeFields = z
  .object({
    agencyLeadId: IdSchema.optional(),
    agencyName: textOf(200).optional(),
    question: textOf(4000),
    askedOn: IsoDateSchema,
    actionId: IdSchema.optional(),
    planId: IdSchema.optional(),
  })
  .strict();
const namesAgency = (x: { agencyLeadId?: string | undefined; agencyName?: string | undefined }) => x.agencyLeadId !== undefined || x.agencyName !== undefined;
const AGENCY_NEEDED = { message: "say which agency is asked (agencyLeadId, or agencyName)", path: ["agencyLeadId"] };
export const AskChallengeSchema = AskChallengeFields.refine(namesAgency, AGENCY_NEEDED);
/** The same, with the board asking: what the API takes. */
export const AskBoardChallengeSchema = AskChallengeFields.extend({ board: z.string().trim().min(1).max(200) }).strict().refine(namesAgency, AGENCY_NEEDED);
export type AskChallenge = z.infer<typeof AskChallengeSchema>;

export const AnswerChallengeSchema = z.object({ answer: textOf(4000), answeredOn: IsoDateSchema }).strict();
export type AnswerChallenge = z.infer<typeof AnswerChallengeSchema>;

/** Where a challenge may point: the agencies, plans and actions of the board asking. */
export interface ChallengeScope {
  board: string;
  agencies: readonly { leadId: string | null; name: string }[];
  plans: readonly { id: string }[];
  actions: readonly { id: string; planId: string }[];
}

const recorded = (who: { personId: string | null; name: string }, at: Date) => ({ recordedAt: at.toISOString(), recordedBy: who });
const today = (at: Date) => londonDate(at);

/** A question put to an agency of the board; refused, saying why, if it points outside the board or at a day to come. */
export function askChallenge(input: AskChallenge, scope: ChallengeScope, context: { id: string; by: { personId: string | null; name: string }; at: Date; demo?: boolean }): ChallengeQuestion {
  const agency = input.agencyLeadId
    ? scope.agencies.find((a) => a.leadId === input.agencyLeadId)
    : scope.agencies.find((a) => a.name.toLowerCase().replace(/\s+/g, " ") === input.agencyName!.toLowerCase().replace(/\s+/g, " "));
  if (!agency) throw new InputError(input.agencyLeadId ? "agencyLeadId" : "agencyName", `no agency of ${scope.board} is called that; ask one the board's plans or leads directory name`);
  if (input.askedOn > today(context.at)) throw new InputError("askedOn", "the day asked cannot be in the future");
  const action = input.actionId ? scope.actions.find((a) => a.id === input.actionId) : undefined;
  if (input.actionId && !action) throw new InputError("actionId", `no action "${input.actionId}" in ${scope.board}'s plans`);
  const planId = input.planId ?? action?.planId ?? null;
  if (planId !== null && !scope.plans.some((p) => p.id === planId)) throw new InputError("planId", `no plan "${planId}" of ${scope.board}`);
  if (action && planId !== action.planId) throw new InputError("planId", "the action is in another plan");
  return ChallengeQuestionSchema.parse({
    kind: "question",
    id: context.id,
    board: scope.board,
    agency: { leadId: agency.leadId, name: agency.name },
    text: input.question,
    on: input.askedOn,
    actionId: input.actionId ?? null,
    planId,
    ...recorded(context.by, context.at),
    demo: context.demo ?? false,
  });
}

/** The agency's answer to a question: not before it was asked, nor after today. */
export function answerChallenge(question: ChallengeQuestion, input: AnswerChallenge, context: { id: string; by: { personId: string | null; name: string }; at: Date; demo?: boolean }): ChallengeAnswer {
  if (input.answeredOn < question.on) throw new InputError("answeredOn", `an answer cannot come before the question was asked (${question.on})`);
  if (input.answeredOn > today(context.at)) throw new InputError("answeredOn", "the day answered cannot be in the future");
  return ChallengeAnswerSchema.parse({ kind: "answer", id: context.id, challengeId: question.id, board: question.board, agency: question.agency, text: input.answer, on: input.answeredOn, ...recorded(context.by, context.at), demo: context.demo ?? false });
}

export interface Challenge {
  question: ChallengeQuestion;
  /** Its answers, in the order they came. */
  answers: ChallengeAnswer[];
  /** Days from asking to the first answer, or to the day shown while it waits. */
  daysWaiting: number;
  answered: boolean;
}

/**
 * A board's challenge log as it stood at the end of `asOf`: only what had been recorded by then
 * (by the day it was recorded, not the day it says it was asked), so a past day's log never
 * changes. Unanswered first, longest waiting first; then the most recently asked.
 */
export function challengeLog(entries: readonly ChallengeEntry[], board: string, asOf: IsoDate): Challenge[] {
  const known = entries.filter((e) => e.board === board && londonDate(new Date(e.recordedAt)) <= asOf);
  const answers = known.filter((e): e is ChallengeAnswer => e.kind === "answer");
  const days = (from: IsoDate, to: IsoDate) => Math.max(0, differenceInCalendarDays(parseISO(to), parseISO(from)));
  return known
    .filter((e): e is ChallengeQuestion => e.kind === "question")
    .map((question) => {
      const mine = answers.filter((a) => a.challengeId === question.id).sort((a, b) => a.on.localeCompare(b.on) || a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id));
      const first = mine[0];
      return { question, answers: mine, answered: first !== undefined, daysWaiting: days(question.on, first ? first.on : asOf) };
    })
    .sort((a, b) => Number(a.answered) - Number(b.answered) || (a.answered ? b.question.on.localeCompare(a.question.on) : b.daysWaiting - a.daysWaiting) || a.question.id.localeCompare(b.question.id));
}

/** What the core needs from storage for the challenge log: read it all, and append to it. */
export interface ChallengeStore {
  readChallenges(): Promise<{ entries: ChallengeEntry[]; problems: string[] }>;
  /** Appends an entry; an entry already stored (same id) is left as it was ("exists"). */
  addChallengeEntry(entry: ChallengeEntry): Promise<"created" | "exists">;
}
