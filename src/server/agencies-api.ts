import { randomUUID } from "node:crypto";
import type { Express } from "express";
import { z } from "zod";
import { agencyAccountability } from "../core/agency-accountability.js";
import { boardAgencies } from "../core/agency.js";
import { ALL_BOARDS, boardNamed } from "../core/board-scope.js";
import { AnswerChallengeSchema, AskBoardChallengeSchema, answerChallenge, askChallenge, challengeLog, type ChallengeQuestion } from "../core/challenge.js";
import { mayReadChallenges, mayWriteChallenges } from "../core/challenge-access.js";
import { AssureError, ForbiddenError, InputError, NotFoundError, parseInput } from "../core/errors.js";
import { IdSchema } from "../core/ids.js";
import { IsoDateSchema } from "../core/iso-date.js";
import { londonDate } from "../core/london.js";
import { nestPlans, planActions } from "../core/plan-export.js";
import type { BoardRecords } from "../core/records.js";
import { rolesOf } from "../core/roles.js";
import type { AppDeps } from "./app.js";
import { personOf, type Viewer } from "./identity.js";

const board = z.string().trim().min(1).max(200);
const AgenciesQuerySchema = z.object({ board, asOf: IsoDateSchema.optional() }).strict();

class NoChallengeLog extends AssureError {
  constructor() {
    super("not-configured", "this server keeps no challenge log (no store for it is configured)");
  }
}

/**
 * Agency accountability for one board (?board=, as its plans write it), as at a day, and the
 * board's challenge log: the figures for anyone who may read the plans (as who is late); the
 * log for the board's managers and its subgroups' chairs; questions and answers written by its
 * managers only. The rules are the core's (agency-accountability.ts, challenge.ts).
 */
export function mountAgenciesApi(app: Express, deps: AppDeps): void {
  const scopeOf = (r: BoardRecords, name: string) => {
    if (name.toLowerCase() === ALL_BOARDS) throw new InputError("board", "agency figures and the challenge log are per board: choose one board");
    const plans = nestPlans(r);
    const b = boardNamed(plans, name);
    return { board: b, plans: plans.filter((p) => p.boards.includes(b)) };
  };
  const rolesFor = (viewer: Viewer, r: BoardRecords) => rolesOf(viewer.person?.id ?? null, r, viewer.admin);
  const store = () => {
    if (!deps.challenges) throw new NoChallengeLog();
    return deps.challenges;
  };

  app.get("/api/agencies", async (req, res) => {
    const query = parseInput(AgenciesQuerySchema, req.query);
    const r = res.locals.records as BoardRecords;
    const { board: b, plans } = scopeOf(r, query.board);
    const asOf = query.asOf ?? londonDate(deps.now());
    const roles = rolesFor(res.locals.viewer as Viewer, r);
    const [ledger, log] = await Promise.all([deps.store.readLedger(), deps.challenges ? deps.challenges.readChallenges() : { entries: [], problems: [] }]);
    const mayRead = mayReadChallenges(roles, b, r.subgroups);
    const mayWrite = mayWriteChallenges(roles, b) && deps.challenges !== null && deps.challenges !== undefined;
    // Without the right to read the log, the figures leave challenges out too: a count says something.
    const entries = mayRead ? log.entries : [];
    const figures = agencyAccountability({ board: b, plans, directory: r, ledger, challenges: entries, asOf });
    res.json({
      ...figures,
      challenges: mayRead ? challengeLog(entries, b, asOf) : null,
      mayWrite,
      today: londonDate(deps.now()),
      // What the ask form offers: the board's agencies, and its actions to link a question to.
      agencyChoices: mayWrite ? boardAgencies(b, plans, r.leads) : [],
      actionChoices: mayWrite ? plans.flatMap((p) => planActions(p).map((a) => ({ id: a.id, planId: p.id, label: `${p.title}: ${a.ref} ${a.text.length > 80 ? `${a.text.slice(0, 80)}…` : a.text}` }))) : [],
    });
  });

  app.post("/api/challenges", async (req, res) => {
    const input = parseInput(AskBoardChallengeSchema, req.body);
    const r = res.locals.records as BoardRecords;
    const viewer = res.locals.viewer as Viewer;
    if (!viewer.admin) personOf(viewer, "record a challenge");
    const { board: b, plans } = scopeOf(r, input.board);
    if (!mayWriteChallenges(rolesFor(viewer, r), b)) throw new ForbiddenError(`only the managers of ${b} (or an administrator) record its challenges to agencies`);
    const { board: _b, ...ask } = input;
    const scope = { board: b, agencies: boardAgencies(b, plans, r.leads), plans, actions: plans.flatMap((p) => planActions(p).map((a) => ({ id: a.id, planId: p.id }))) };
    const question = askChallenge(ask, scope, { id: `challenge-${randomUUID()}`, by: { personId: viewer.person?.id ?? null, name: viewer.name }, at: deps.now() });
    await store().addChallengeEntry(question);
    res.status(201).json(question);
  });

  app.post("/api/challenges/:id/answers", async (req, res) => {
    const id = parseInput(IdSchema, req.params.id, "id");
    const input = parseInput(AnswerChallengeSchema, req.body);
    const r = res.locals.records as BoardRecords;
    const viewer = res.locals.viewer as Viewer;
    if (!viewer.admin) personOf(viewer, "record an agency's answer");
    const roles = rolesFor(viewer, r);
    const question = (await store().readChallenges()).entries.find((e): e is ChallengeQuestion => e.kind === "question" && e.id === id);
    // Another board's question is "not found" to someone who may not read that board's log: its existence is the board's own.
    if (!question || !mayReadChallenges(roles, question.board, r.subgroups)) throw new NotFoundError(`challenge "${id}"`);
    if (!mayWriteChallenges(roles, question.board)) throw new ForbiddenError(`only the managers of ${question.board} (or an administrator) record agencies' answers`);
    const answer = answerChallenge(question, input, { id: `challenge-answer-${randomUUID()}`, by: { personId: viewer.person?.id ?? null, name: viewer.name }, at: deps.now() });
    await store().addChallengeEntry(answer);
    res.status(201).json(answer);
  });
}
