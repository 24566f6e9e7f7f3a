import { randomUUID } from "node:crypto";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import { isOpen, type Action } from "../src/core/action.js";
import { leadOfAction, type Person } from "../src/core/lead.js";
import { londonDate, londonTime } from "../src/core/london.js";
import { ratingWithKey } from "../src/core/rag.js";
import type { Plan } from "../src/core/plan.js";
import { applyProgressUpdate, decideProgress, repeatedUpdate } from "../src/core/progress.js";
import type { ProgressUpdate } from "../src/core/progress-update.js";
import { hashToken, replyLinkState } from "../src/core/reply-link.js";
import type { DeliveryStore, PlanStore } from "../src/core/store.js";
import { logEvent } from "../src/log.js";
import type { SentMail } from "../src/emulator/outbox.js";
import type { BudgetRule } from "../src/core/request-budget.js";
import { clientKeyOf, LIMITS, RequestLimiter } from "../src/server/request-limits.js";
import { decidersOf, decidersWords } from "../src/core/deciders.js";
import { ukDay } from "../src/core/event-words.js";
import type { BoardRecords } from "../src/core/records.js";
import { FIELD_NAMES, lastUpdateOf, progressFromInputs } from "./card-actions.js";
import { awaitingWords, dueText, ratingText } from "./cards/reminder-card.js";
import { escapeHtml as h } from "./email/email-html.js";
import { ACCEPTED_WORDS, EVIDENCE_LIMITS, EvidenceFileError, type EvidenceStore } from "../src/core/evidence-file.js";
import { InputError } from "../src/core/errors.js";
import { attachEvidence, evidenceBody } from "../src/server/evidence-upload.js";

/**
 * The reply page an email's link opens: the reminder card's form in a browser, for one action
 * and one person. The token in the address is the only key; it is checked (by its hash) on
 * every request, shows nothing beyond its action, and a reply is recorded as that lead's, "by
 * email link", with the card's checks and double-submit safety (the submission id is the
 * update's id). Plain HTML forms: it works on any phone, without JavaScript.
 */
export function mountReplyPage(
  app: Express,
  deps: { store: PlanStore & DeliveryStore; now: () => Date; mailbox: LocalMailbox | null; limits?: { perClient: BudgetRule; overall: BudgetRule }; evidence?: EvidenceStore | null; /** decision cards for a new deadline or a completion (assure-bot.ts) */ askDeciders?: (updateId: string) => Promise<void> },
): void {
  const { store, now } = deps;
  const evidence = deps.evidence ?? null;
  const perClient = new RequestLimiter(deps.limits?.perClient ?? LIMITS.replyPerClient);
  const overall = new RequestLimiter(deps.limits?.overall ?? LIMITS.replyOverall);
  // Every look-up of a link is a Graph request paid from the board's budget: a guesser is
  // stopped here, before any, by their own budget and then by everyone's together.
  const limited = (req: Request, res: Response, next: NextFunction) => {
    const wait = perClient.take(clientKeyOf(req)) ?? overall.take("all");
    if (wait === null) return next();
    logEvent("warn", "reply-page-limited", { retryAfterSeconds: wait });
    res.setHeader("Retry-After", String(wait));
    page(res, 429, "Too many attempts", `<p>This page has been asked for too often just now. Wait ${wait === 1 ? "a second" : `${wait} seconds`} and try again.</p>`);
  };

  const open = async (req: Request, res: Response) => {
    const token = String(req.params.token ?? "");
    const link = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await store.readReplyLink(hashToken(token)) : null;
    if (!link) return void page(res, 404, "This link does not work", "<p>Check that you opened the whole link from the email. If it still does not work, reply to the next reminder, or ask your board's business manager.</p>");
    // Only a link that exists is checked against the action's others (a guess costs one look-up, not two).
    const state = replyLinkState(link, now(), replyLinkState(link, now()) === "usable" ? await store.readReplyLinks(link.actionId) : []);
    if (state !== "usable") {
      logEvent("info", "reply-link-refused", { state, actionId: link.actionId });
      const title = state === "expired" ? "This link has expired" : state === "replaced" ? "A newer reminder has replaced this link" : "This link has been withdrawn";
      return void page(res, 410, title, "<p>Links in reminder emails work for a limited time, and only the latest reminder's link works. Use the link in your most recent reminder; if you need to give an update now, ask your board's business manager.</p>");
    }
    const { records } = await store.readRecords();
    const action = records.actions.find((a) => a.id === link.actionId);
    const plan = action && records.plans.find((p) => p.id === action.planId);
    const person = records.people.find((p) => p.id === link.personId);
    if (!action || !plan || !person) return void page(res, 404, "This action is no longer in the plan", "<p>Nothing needs doing here.</p>");
    return { link, records, action, plan, person };
  };

  app.get("/reply/:token", limited, async (req, res) => {
    const found = await open(req, res);
    if (!found) return;
    const { action, plan, person, records } = found;
    if (!isOpen(action)) return void page(res, 200, `Action ${action.ref} is ${action.status.state}`, "<p>It needs no more updates. Thank you.</p>");
    form(res, 200, { action, plan, person, lastUpdate: lastUpdateOf(records, action.id), today: londonDate(now()), problem: null, typed: {}, token: evidence ? String(req.params.token) : null });
  });

  // An evidence file, from the page's second form (multipart, as a browser sends a file): capped
  // before it is read whole, then the same checks as the tab's upload (src/server/evidence-upload.ts).
  app.post("/reply/:token/evidence", limited, evidenceBody("multipart/form-data"), async (req, res) => {
    if (!req.is("multipart/form-data") || !Buffer.isBuffer(req.body)) return void page(res, 415, "This page takes its own form only", "<p>Open the link from the email and attach the file with the form on that page.</p>");
    const sent = await readEvidenceForm(req.body, String(req.header("content-type")));
    if (!sent) return void page(res, 400, "The form did not arrive whole", "<p>Each field came more than once or in a shape the page never sends. Open the link from the email and attach the file again.</p>");
    const found = await open(req, res);
    if (!found) return;
    const { link, action, plan, person, records } = found;
    if (sent.actionId !== link.actionId) return void page(res, 403, "This link is for one action only", `<p>It can attach evidence to action ${h(action.ref)} only.</p>`);
    if (!evidence) return void page(res, 503, "Evidence files are not set up", "<p>Your board has not set up its evidence library yet. Put a link to the file in your update instead.</p>");
    const updateId = `pu-${sent.submissionId}`;
    const already = records.progressUpdates.find((u) => u.id === updateId);
    if (already) return void recorded(res, { plan, action, update: already, again: true, records, today: londonDate(now()) });
    const again = (status: number, problem: string) => form(res, status, { action, plan, person, lastUpdate: lastUpdateOf(records, action.id), today: londonDate(now()), problem: `Evidence file: ${problem}`, typed: {}, token: String(req.params.token) });
    try {
      const outcome = await attachEvidence({ store, library: evidence }, { action, plan, lead: leadOfAction(action, records.plans, records.leads), person, name: sent.file.name, note: sent.note, bytes: sent.file.bytes, via: "email-link", now: now(), updateId });
      if (outcome.kind === "not-lead") return void page(res, 403, "You no longer lead this action", "<p>The plan now names someone else for it; nothing was attached.</p>");
      if (outcome.kind === "not-open") return void page(res, 200, `Action ${action.ref} is ${outcome.state}`, "<p>It needs no more updates; nothing was attached.</p>");
      recorded(res, { plan, action: outcome.action, update: outcome.update, again: false, records, today: londonDate(now()) });
    } catch (error: unknown) {
      if (error instanceof EvidenceFileError) return void again(error.rule === "too-large" ? 413 : error.rule === "type" ? 415 : 400, error.message);
      if (error instanceof InputError) return void again(400, error.message);
      throw error;
    }
  });

  app.post("/reply/:token", limited, express.urlencoded({ extended: false, limit: "64kb", parameterLimit: 20 }), async (req, res) => {
    // The page's own form, and nothing else: a JSON body is no browser's form, and is refused unread.
    if (!req.is("application/x-www-form-urlencoded")) return void page(res, 415, "This page takes its own form only", "<p>Open the link from the email and send the form on that page.</p>");
    const read = ReplyFormSchema.safeParse(req.body ?? {});
    if (!read.success) return void page(res, 400, "The form did not arrive whole", "<p>Each field came more than once or in a shape the page never sends. Open the link from the email and send the form again.</p>");
    const found = await open(req, res);
    if (!found) return;
    const { link, action, plan, person, records } = found;
    const typed: Partial<Record<string, string>> = read.data;
    // The form names its action; a tampered one is refused, whatever the token allows.
    if (typed.actionId !== link.actionId) return void page(res, 403, "This link is for one action only", `<p>It can record an update for action ${h(action.ref)} only.</p>`);
    const submissionId = String(typed.submissionId ?? "");
    const updateId = `pu-${submissionId}`;
    const already = repeatedUpdate(records.progressUpdates, { updateId, actionId: action.id, personId: person.id, text: String(typed.progress ?? ""), now: now() });
    if (already) return void recorded(res, { plan, action, update: already, again: true, records, today: londonDate(now()) });
    const decision = decideProgress({ action, lead: leadOfAction(action, records.plans, records.leads), person, submitted: progressFromInputs({ ...typed, complete: typed.complete === "on" ? "true" : "" }), now: now(), updateId, via: "email-link" });
    if (decision.kind === "not-lead") return void page(res, 403, "You no longer lead this action", "<p>The plan now names someone else for it; nothing was recorded.</p>");
    if (decision.kind === "not-open") return void page(res, 200, `Action ${action.ref} is ${decision.state}`, "<p>It needs no more updates; nothing was recorded.</p>");
    if (decision.kind === "invalid" || !/^[a-z0-9-]{8,64}$/.test(submissionId)) {
      const [first, ...rest] = decision.kind === "invalid" ? decision.path.map(String) : ["form"];
      const field = FIELD_NAMES[first as keyof typeof FIELD_NAMES] ?? first;
      const message = decision.kind === "invalid" ? decision.message : "the form was incomplete; please fill it in again";
      return void form(res, 400, { action, plan, person, lastUpdate: lastUpdateOf(records, action.id), today: londonDate(now()), problem: `${field}${rest.length ? ` (${rest.join(" ")})` : ""}: ${message}`, typed, token: evidence ? String(req.params.token) : null });
    }
    const { update } = decision;
    await store.appendProgressUpdates([update]);
    const updated = await store.updateAction(action.id, (current) => applyProgressUpdate(current, update));
    logEvent("info", "reply-recorded", { actionId: action.id, updateId: update.id, via: "email-link" });
    if (update.proposedDeadline || update.markedComplete) await deps.askDeciders?.(update.id);
    recorded(res, { plan, action: updated, update, again: false, records, today: londonDate(now()) });
  });

  if (deps.mailbox) mountMailbox(app, deps.mailbox);
}

/** The reply form's fields, each once and as text; fields the page never sends are dropped. */
export const ReplyFormSchema = z.object(
  Object.fromEntries(["actionId", "submissionId", "progress", "evidence", "rating", "newDeadline", "newDeadlineReason", "complete"].map((f) => [f, z.string().max(20_000).optional()])),
);

/** The evidence form's fields, each once: the action, a submission id, an optional note and one file. */
async function readEvidenceForm(body: Buffer, contentType: string): Promise<{ actionId: string; submissionId: string; note: string | undefined; file: { name: string; bytes: Uint8Array } } | null> {
  let data: FormData;
  try {
    data = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    return null;
  }
  const names = [...data.keys()];
  if (names.length > 4 || new Set(names).size !== names.length || names.some((n) => !["actionId", "submissionId", "note", "file"].includes(n))) return null;
  const [actionId, submissionId, note, file] = [data.get("actionId"), data.get("submissionId"), data.get("note"), data.get("file")];
  if (typeof actionId !== "string" || typeof submissionId !== "string" || !/^[a-z0-9-]{8,64}$/.test(submissionId) || (note !== null && typeof note !== "string")) return null;
  if (!(file instanceof File)) return null;
  return { actionId, submissionId, note: note ?? undefined, file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } };
}

/** Local mode's board mailbox: its address, and what it has sent (the emulator's outbox). */
export interface LocalMailbox {
  from: string;
  sent: (top: number) => Promise<SentMail[]>;
}

/** Local mode: what the board's mailbox has sent, as its recipients got it (nothing is saved to Sent Items). */
function mountMailbox(app: Express, mailbox: LocalMailbox): void {
  app.get("/mailbox", async (_req, res) => {
    const sent = await mailbox.sent(100);
    const items = sent.map(
      (m) => `<article class="mail"><h2>${h(m.subject)}</h2><p class="meta">To ${h(m.to)} · ${h(londonTime(m.sentAt))}</p><div class="body">${bodyOf(m.html)}</div></article>`,
    );
    page(res, 200, `Sent from ${mailbox.from}`, `<p>Local mode: the emails Assure sent, as the board's mailbox keeps them. Run <code>npx assure sweep --at 2016-04-01T09:00:00+01:00</code> to send the reminders due then.</p>${items.join("") || "<p>Nothing sent yet.</p>"}`);
  });
}

/** The part of an email Assure wrote between <body> and </body> (Assure's own, already escaped). */
const bodyOf = (html: string) => /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? h(html);

interface FormInput {
  action: Action;
  plan: Plan;
  person: Person;
  lastUpdate: ProgressUpdate | null;
  today: string;
  problem: string | null;
  typed: Partial<Record<string, string>>;
  /** The link's token, for the evidence form's address; null: no evidence library, no form. */
  token: string | null;
}

function form(res: Response, status: number, input: FormInput): void {
  const { action, plan, person, lastUpdate, typed } = input;
  const v = (name: string) => h(typed[name] ?? "");
  const rating = (value: string, label: string) => `<option value="${value}"${typed.rating === value ? " selected" : ""}>${label}</option>`;
  const body = `
<p class="meta">${h(plan.title)} · for ${h(person.displayName)}</p>
<p>${h(action.text)}</p>
<dl>
  <dt>Lead</dt><dd>${h(action.lead.asWritten)}</dd>
  <dt>Deadline</dt><dd>${h(plain(dueText(action, input.today)))}</dd>
  <dt>Timescale</dt><dd>${h(action.timescale.text)}</dd>
  <dt>Rating</dt><dd>${h(plain(ratingText(plan, action.rating)))}</dd>
  <dt>Last update</dt><dd>${lastUpdate ? `${h(lastUpdate.author.name)}, ${h(londonTime(lastUpdate.at))}: ${h(lastUpdate.text)}` : "none yet"}</dd>
</dl>
${input.problem ? `<p class="problem" role="alert">${h(input.problem)}</p>` : ""}
<form method="post">
  <input type="hidden" name="actionId" value="${h(action.id)}">
  <input type="hidden" name="submissionId" value="${h(typed.submissionId ?? randomUUID())}">
  <label for="progress">Progress since the last update</label>
  <textarea id="progress" name="progress" required maxlength="4000" rows="5">${v("progress")}</textarea>
  <label for="evidence">Evidence links (https://…, one per line)</label>
  <textarea id="evidence" name="evidence" rows="2" inputmode="url">${v("evidence")}</textarea>
  <label for="rating">Rating</label>
  <select id="rating" name="rating">${rating("", "Leave as it is")}${(["green", "amber", "red"] as const).map((r) => rating(r, h(ratingWithKey(plan.ragKey, r)))).join("")}</select>
  <label for="newDeadline">New deadline, if it must move</label>
  <input id="newDeadline" name="newDeadline" type="date" value="${v("newDeadline")}" min="${h(input.today)}">
  <label for="newDeadlineReason">Why it must move</label>
  <textarea id="newDeadlineReason" name="newDeadlineReason" rows="2" maxlength="1000">${v("newDeadlineReason")}</textarea>
  <label class="check"><input type="checkbox" name="complete"${typed.complete === "on" ? " checked" : ""}> This action is complete</label>
  <button type="submit">Send update</button>
</form>${input.token ? evidenceForm(action, input.token) : ""}`;
  page(res, status, `Action ${action.ref}: your update`, body);
}

/** The second form: one file, sent as a browser sends files (multipart); limits said before it is chosen. */
function evidenceForm(action: Action, token: string): string {
  return `
<h2>Attach an evidence file</h2>
<p class="meta">${h(ACCEPTED_WORDS)}, up to ${EVIDENCE_LIMITS.bytes / 1024 / 1024} MB. It goes to your board's SharePoint library and is linked in the action's history. Leave out names and details of the adult.</p>
<form method="post" action="${h(token)}/evidence" enctype="multipart/form-data">
  <input type="hidden" name="actionId" value="${h(action.id)}">
  <input type="hidden" name="submissionId" value="${h(randomUUID())}">
  <label for="file">File</label>
  <input id="file" name="file" type="file" required accept=".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.txt,.csv">
  <label for="note">What it shows (optional)</label>
  <input id="note" name="note" type="text" maxlength="${EVIDENCE_LIMITS.noteChars}">
  <button type="submit">Attach file</button>
</form>`;
}

/** The page after a reply: what was recorded, and what now waits for whom (a new deadline, a sign-off). */
function recorded(res: Response, input: { plan: Plan; action: Action; update: ProgressUpdate; again: boolean; records: BoardRecords; today: string }): void {
  const { plan, action, update, again } = input;
  const deciders = decidersWords(decidersOf(action, input.records, [update.author.personId, update.recordedBy?.personId ?? null]));
  const waiting = awaitingWords({ action, update, today: input.today, deciders });
  const what = update.proposedDeadline ? ", new deadline sent for approval" : update.markedComplete ? ", sent for sign-off" : "";
  page(
    res,
    200,
    again ? "Already recorded" : `Thank you: update recorded${what}`,
    `<p>${again ? "This update was already recorded; it was not added twice." : `${h(plan.title)} now shows your update on action ${h(action.ref)}.`}</p>
${waiting ? `<p class="waiting"><strong>${h(plain(waiting))}</strong></p>` : ""}
<dl><dt>Update</dt><dd>${h(update.text)}</dd><dt>Rating</dt><dd>${h(plain(ratingText(plan, action.rating)))}</dd>${update.proposedDeadline ? `<dt>New deadline asked for</dt><dd>${h(ukDay(update.proposedDeadline.date))}: ${h(update.proposedDeadline.reason)}</dd>` : ""}<dt>Recorded</dt><dd>${h(londonTime(update.at))} (by email link)</dd></dl>`,
  );
}

/** Card text is Markdown with escapes; the page shows it as plain text. */
const plain = (markdown: string) => markdown.replace(/\\(.)/g, "$1").replace(/\*\*/g, "");

/** A page built phone first: one column, large tap targets (44 px), the keyboard each field needs. */
function page(res: Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .type("html")
    .setHeader("Cache-Control", "no-store")
    .send(`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${h(title)} · Assure</title>
<style>
body{font-family:"Segoe UI",system-ui,sans-serif;font-size:16px;line-height:1.45;margin:0;padding:16px;max-width:640px;color:#1b1b1b}
h1{font-size:1.35rem;margin:0 0 8px}.meta{color:#555;margin:0 0 12px}dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
label{display:block;font-weight:600;margin:14px 0 4px}textarea,input,select{box-sizing:border-box;width:100%;font:inherit;padding:10px;min-height:44px;border:1px solid #767676;border-radius:4px}
label.check{display:flex;gap:10px;align-items:center;min-height:44px}label.check input{width:24px;height:24px;min-height:0}
button{margin-top:18px;width:100%;min-height:48px;font:inherit;font-weight:600;background:#1F5F8B;color:#fff;border:0;border-radius:4px}
.problem{background:#fde7e9;border-left:4px solid #a4262c;padding:10px}article.mail{border:1px solid #ccc;border-radius:4px;padding:12px;margin:12px 0}code{overflow-wrap:anywhere}
</style></head><body><main><h1>${h(title)}</h1>${body}</main></body></html>`);
}
