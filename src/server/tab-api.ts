import { existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import express, { type Express } from "express";
import { InputError, NotFoundError } from "../core/errors.js";
import { londonDate } from "../core/london.js";
import { IsoDateSchema, type IsoDate } from "../core/iso-date.js";
import { planBoard, type BoardAction } from "../core/plan-board.js";
import { planActions } from "../core/plan-export.js";
import type { BoardRecords } from "../core/records.js";
import { rolesOf } from "../core/roles.js";
import { boardsNamed, ofBoards } from "../core/board-scope.js";
import { answersFor, resolveLead } from "../core/lead.js";
import { personOf, type Viewer } from "./identity.js";
import type { AppDeps } from "./app.js";
import { versionOf } from "../core/version.js";
import { historyLine } from "../core/event-words.js";
import { pendingDeadlineRequests } from "../core/deadline-request.js";
import { namesAsAt } from "../core/names-as-at.js";
import { recordsAsAt } from "../core/records-as-at.js";
import { packedAssets } from "./packed-assets.js";


/** Boards kept, compressed (about a megabyte each for 10,000 actions). */
const MADE_BOARDS = 12;

/** A board made earlier: 304 if the viewer has it, else its gzip (unzipped only for the rare client that cannot take gzip). */
function sendMade(req: express.Request, res: express.Response, made: { gzip: Buffer; etag: string }): void {
  res.setHeader("ETag", made.etag);
  res.setHeader("Vary", "Accept-Encoding");
  res.type("application/json");
  if (req.fresh) return void res.status(304).end();
  if (req.acceptsEncodings("gzip") === "gzip") {
    // compression() leaves an answer that is already encoded alone.
    res.setHeader("Content-Encoding", "gzip");
    return void res.send(made.gzip);
  }
  res.send(gunzipSync(made.gzip));
}

/** The plan's own boards' directory: its filters and forms offer only the leads, people and subgroups of those boards (issue 23). */
const directoryOf = (r: BoardRecords, boards: readonly string[]) => ({
  leads: ofBoards(r.leads, boards).map((l) => ({ id: l.id, asWritten: l.asWritten, members: l.members, subgroups: l.subgroups })),
  people: ofBoards(r.people, boards).map((p) => ({ id: p.id, displayName: p.displayName, jobTitle: p.jobTitle })),
  subgroups: ofBoards(r.subgroups, boards).map((s) => ({ id: s.id, name: s.name, chair: s.chair })),
});

/** The tab's reading API (who am I, a plan's board, my actions) and the built tab itself. */
export function mountTabApi(app: Express, deps: AppDeps): void {
  const { store, now } = deps;
  const locals = (res: express.Response) => ({ r: res.locals.records as BoardRecords, viewer: res.locals.viewer as Viewer });
  // The version is the stored action's, not the view's (which adds facts and updates).
  const versioner = (r: BoardRecords) => {
    const stored = new Map(r.actions.map((a) => [a.id, a]));
    return (a: BoardAction) => ({ ...a, version: versionOf(stored.get(a.id)!) });
  };
  /** What a row draws: the latest update only; the whole history is fetched when the action is opened. */
  const slim = <A extends BoardAction>(a: A) => ({ ...a, updates: a.updates.slice(-1), updateCount: a.updates.length });

  app.get("/api/me", (_req, res) => {
    const { r, viewer } = locals(res);
    res.json({
      name: viewer.name,
      person: viewer.person,
      admin: viewer.admin,
      roles: viewer.person || viewer.admin ? rolesOf(viewer.person?.id ?? null, r, viewer.admin) : null,
      // Every board the plans name, for the tab's board switcher (reading stays open to everyone).
      boards: boardsNamed(r.plans),
      // Local mode only: the people the development identity can switch between.
      developmentPeople: deps.localMode ? r.people.map((p) => ({ id: p.id, displayName: p.displayName, jobTitle: p.jobTitle })) : null,
    });
  });

  // ?asOf=YYYY-MM-DD shows the plan as at that day: what was overdue, due soon or stale then.
  const dayOf = (req: express.Request): IsoDate => {
    const asOf = req.query.asOf;
    if (asOf === undefined) return londonDate(now());
    const parsed = IsoDateSchema.safeParse(asOf);
    if (!parsed.success) throw new InputError("asOf", `${parsed.error.issues[0]!.message} (got ${JSON.stringify(asOf)})`);
    return parsed.data;
  };

  // The last few boards made, by the records' version, plan, day and who can be reached: the same
  // board for everyone who opens it until something changes (a meeting of 60 builds it once).
  const made = new Map<string, { gzip: Buffer; etag: string }>();
  app.get("/api/plans/:planId/board", async (req, res) => {
    const { r } = locals(res);
    const today = dayOf(req);
    const conversations = await store.readConversations();
    const version = res.locals.recordsVersion as string | null;
    const key = version && `${version}|${req.params.planId}|${today}|${conversations.map((c) => `${c.entraObjectId}:${c.updatedAt}:${c.stale}`).join(",")}`;
    // Personal data: no browser or proxy keeps a copy (docs/security.md). A client that kept the
    // body itself may still ask with If-None-Match and get a 304 on the records' version.
    res.setHeader("Cache-Control", "no-store");
    const cached = key ? made.get(key) : undefined;
    if (cached) return sendMade(req, res, cached);
    // A past day is shown as it stood then: its history folded to that day, with the names of then.
    const past = today < londonDate(now()) ? recordsAsAt(namesAsAt(r, await store.readChanges({ all: true }), today), today) : r;
    const board = planBoard({ records: past, conversations, planId: req.params.planId, today, emailEnabled: deps.emailEnabled ?? false });
    if (!board) throw new NotFoundError(`plan "${req.params.planId}"`);
    const versioned = versioner(r);
    const body = JSON.stringify({
      plan: {
        ...board,
        version: versionOf(r.plans.find((p) => p.id === board.id)!),
        sections: board.sections.map((s) => ({
          ...s,
          version: versionOf(r.sections.find((x) => x.id === s.id)!),
          actions: s.actions.map(versioned).map(slim),
          deliverables: s.deliverables.map((d) => ({ ...d, actions: d.actions.map(versioned).map(slim) })),
        })),
      },
      directory: directoryOf(r, board.boards),
      today,
    });
    if (!key) return void res.type("application/json").send(body);
    // Compressed once for everyone, and its ETag is the records' version, not a hash of 12 MB of JSON.
    const entry = { gzip: gzipSync(body), etag: `W/"${createHash("sha1").update(key).digest("base64url")}"` };
    made.set(key, entry);
    if (made.size > MADE_BOARDS) made.delete(made.keys().next().value!);
    sendMade(req, res, entry);
  });

  // An action's whole history, oldest first, for its detail.
  app.get("/api/actions/:actionId/updates", async (req, res) => {
    const { r } = locals(res);
    if (!r.actions.some((a) => a.id === req.params.actionId)) throw new NotFoundError(`action "${req.params.actionId}"`);
    const updates = r.progressUpdates.filter((u) => u.actionId === req.params.actionId).sort((a, b) => a.at.localeCompare(b.at));
    const events = r.actionEvents.filter((e) => e.actionId === req.params.actionId).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    res.json({
      updates,
      // Managers' changes, decisions and sign-offs, each with its line in people's words.
      events: events.map((e) => ({ ...e, words: historyLine(e) })),
      pendingDeadlineRequests: pendingDeadlineRequests(updates, events).map((u) => u.id),
    });
  });

  app.get("/api/my-actions", async (req, res) => {
    const { r, viewer } = locals(res);
    const person = personOf(viewer, "see the actions you lead");
    const conversations = await store.readConversations();
    const today = dayOf(req);
    const versioned = versioner(r);
    const mine = r.plans.flatMap((p) => {
      const board = planBoard({ records: r, conversations, planId: p.id, today, emailEnabled: deps.emailEnabled ?? false })!;
      return planActions(board)
        .filter((a) => answersFor(resolveLead(a.lead.asWritten, r.leads, p.boards), person.id))
        .map((a) => ({ ...versioned(a), planTitle: p.title }));
    });
    res.json({ actions: mine, today });
  });

  if (deps.tabDir && existsSync(join(deps.tabDir, "index.html"))) {
    app.use("/tab/assets", packedAssets(join(deps.tabDir, "assets")));
    app.use("/tab", express.static(deps.tabDir, { index: "index.html", maxAge: "1h", setHeaders: (res, path) => path.endsWith(".html") && res.setHeader("cache-control", "no-cache") }));
    // Deep links carry their view in the path and query; the tab reads them.
    app.get(/^\/tab(\/.*)?$/, (_req, res) => res.sendFile(join(deps.tabDir!, "index.html"), { headers: { "cache-control": "no-cache" } }));
    app.get("/", (_req, res) => res.redirect("/tab/"));
  }
}
