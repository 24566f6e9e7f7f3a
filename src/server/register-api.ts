import { randomUUID } from "node:crypto";
import type { Express, Response } from "express";
import { z } from "zod";
import { ALL_BOARDS, boardNamed } from "../core/board-scope.js";
import { AssureError, ConflictError, InputError, NotFoundError, parseInput } from "../core/errors.js";
import { SubmissionIdSchema } from "../core/ids.js";
import { decideImpactReview, ImpactReviewInputSchema } from "../core/impact-reminder.js";
import { impactState, IMPACT_OUTCOME_NAMES } from "../core/impact-review.js";
import { IsoDateSchema } from "../core/iso-date.js";
import { londonDate } from "../core/london.js";
import type { BoardRecords } from "../core/records.js";
import { boardRegister, type Register, type RegisterStore } from "../core/register.js";
import { mayReadRegister } from "../core/register-access.js";
import { registerView } from "../core/register-view.js";
import { rolesOf } from "../core/roles.js";
import { recordsAsAt } from "../core/records-as-at.js";
import { themesReport } from "../core/themes-report.js";
import type { AppDeps } from "./app.js";
import { AuthError, personOf, type Viewer } from "./identity.js";

const BoardQuerySchema = z.object({ board: z.string({ error: "name the board whose register to read (?board=)" }).trim().min(1).max(200) }).strict();
const ThemesQuerySchema = BoardQuerySchema.extend({ asOf: IsoDateSchema.optional() }).strict();
/** The card's input, plus the tab's submission id: a double click records one review. */
const ImpactBodySchema = ImpactReviewInputSchema.extend({ submissionId: SubmissionIdSchema.optional() }).strict();

/**
 * The findings register in the tab: one board's register and its themes across reviews, for the
 * board's own people (`mayReadRegister`), and recording an impact review by the rule the card
 * uses (`decideImpactReview`).
 */
export function mountRegisterApi(app: Express, deps: AppDeps): void {
  const stored = (): RegisterStore => deps.register ?? raise(new AssureError("not-configured", "this server has no findings register (run assure provision to create its lists)"));

  /** The viewer's roles and the board asked for, once they may read its register. */
  const reading = async (res: Response, asked: string) => {
    const r = res.locals.records as BoardRecords;
    const viewer = res.locals.viewer as Viewer;
    if (!viewer.admin) personOf(viewer, "read the findings register");
    const { register } = await stored().readRegister();
    if (asked.toLowerCase() === ALL_BOARDS) throw new InputError("board", "the findings register is kept per board: choose one board");
    // A board the plans or the register name, written loosely; any other is refused naming those there are.
    const board = boardNamed([...r.plans, ...register.reviews.map((x) => ({ boards: [x.board] }))], asked);
    const roles = rolesOf(viewer.person?.id ?? null, r, viewer.admin);
    if (!mayReadRegister(roles, board, boardRegister(register, board).recommendationLinks)) {
      throw new AuthError(403, `${viewer.name} may not read ${board}'s findings register: it is read by that board's members and managers; its public record (assure report findings) is for everyone`);
    }
    return { r, viewer, roles, board, register };
  };

  app.get("/api/register", async (req, res) => {
    const query = parseInput(BoardQuerySchema, req.query);
    const { r, roles, board, register } = await reading(res, query.board);
    res.setHeader("Cache-Control", "no-store");
    res.json(registerView({ register, records: r, roles, board, today: londonDate(deps.now()) }));
  });

  app.get("/api/register/themes", async (req, res) => {
    const query = parseInput(ThemesQuerySchema, req.query);
    const { r, board, register } = await reading(res, query.board);
    res.setHeader("Cache-Control", "no-store");
    const asOf = query.asOf ?? londonDate(deps.now());
    // The actions as they stood on the day, as `assure report themes` reads them: a later completion does not move a past day's view.
    const then = recordsAsAt(r, asOf);
    res.json(themesReport({ register, actions: then.actions, updates: then.progressUpdates, board, asOf }));
  });

  app.post("/api/register/impact-reviews", async (req, res) => {
    const r = res.locals.records as BoardRecords;
    const viewer = res.locals.viewer as Viewer;
    const person = viewer.admin && !viewer.person ? { id: null, name: viewer.name } : { id: personOf(viewer, "record an impact review").id, name: viewer.name };
    const body = parseInput(ImpactBodySchema, req.body);
    const register = stored();
    const { register: current } = await register.readRegister();
    const id = `impact-${body.submissionId ?? randomUUID()}`;
    const already = current.impactReviews.find((x) => x.id === id);
    if (already) return void res.status(200).json({ review: already, impact: stateOf(current, r, already.recommendationId, londonDate(deps.now())) });
    const today = londonDate(deps.now());
    const { submissionId: _id, ...submitted } = body;
    const decision = decideImpactReview({ register: current, records: r, roles: rolesOf(person.id, r, viewer.admin), person, submitted, today, id });
    if (decision.kind === "not-found") throw new NotFoundError(`recommendation "${submitted.recommendationId}" in the findings register`);
    if (decision.kind === "forbidden") throw new AuthError(403, `${viewer.name} may not record this impact review: only the recommendation's impact owner and the managers of ${decision.board}'s plans may`);
    if (decision.kind === "not-due") throw new ConflictError(`this recommendation's impact is reviewed once its actions are complete (${decision.state === "actions-open" ? "some are still open" : decision.state === "no-actions" ? "it has no actions yet" : "none was implemented"}); nothing was recorded`);
    await register.addToRegister({ impactReviews: [decision.review] });
    const after = { ...current, impactReviews: [...current.impactReviews, decision.review] };
    res.status(201).json({ review: decision.review, words: IMPACT_OUTCOME_NAMES[decision.review.outcome], impact: stateOf(after, r, decision.review.recommendationId, today) });
  });
}

const stateOf = (register: Register, r: BoardRecords, recommendationId: string, today: string) => {
  const link = register.recommendationLinks.find((l) => l.id === recommendationId)!;
  return impactState({ link, actions: r.actions.filter((a) => a.sectionId === link.id), updates: r.progressUpdates, reviews: register.impactReviews, today });
};

const raise = (error: Error): never => {
  throw error;
};
