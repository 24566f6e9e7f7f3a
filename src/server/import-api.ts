import express, { type Express } from "express";
import { z } from "zod";
import { COLUMN_LABELS } from "../core/column-mapping.js";
import { currentDeadline } from "../core/action.js";
import { InputError, parseInput } from "../core/errors.js";
import { londonDate } from "../core/london.js";
import { ImportChoicesSchema } from "../core/plan-import.js";
import type { BoardRecords } from "../core/records.js";
import { sharesBoard } from "../core/lead.js";
import { boardsToCreateFor, mayImportInto, mayManageBoard, rolesOf } from "../core/roles.js";
import { DOCUMENT_MAX_BYTES } from "../paper/read-document.js";
import { previewImportInWorker } from "../paper/read-document-in-worker.js";
import { storeImport } from "../store/import-writer.js";
import type { AppDeps } from "./app.js";
import { AuthError, personOf, type Viewer } from "./identity.js";

/** Import routes take a whole document (base64 in JSON), so they have their own, larger, body limit. */
export const IMPORT_ROUTES = "/api/imports";
export const importBodyParser = express.json({ limit: Math.ceil((DOCUMENT_MAX_BYTES * 4) / 3) + 64 * 1024 });

const ImportRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).regex(/^[^\\/\u0000-\u001f]+$/, "a file name, without folders"),
    /** The file's bytes, base64; or `text`, for text pasted into the tab. */
    content: z.base64().optional(),
    text: z.string().max(DOCUMENT_MAX_BYTES).optional(),
    choices: ImportChoicesSchema.default({ planId: null, mappings: {}, leadFixes: {} }),
  })
  .strict()
  .refine((r) => (r.content === undefined) !== (r.text === undefined), { message: "send the file's content or pasted text, not both", path: ["content"] });

/**
 * "Import a plan" from the tab: a preview of what a document would become (nothing stored), then
 * the same request to store it. The preview is worked out again when storing, against the plan as
 * it is then, so a confirm never applies a stale preview. Board managers and administrators only.
 */
export function mountImportApi(app: Express, deps: AppDeps): void {
  const prepare = async (body: unknown, res: express.Response) => {
    const r = res.locals.records as BoardRecords;
    const viewer = res.locals.viewer as Viewer;
    if (!viewer.admin) personOf(viewer, "import plans");
    const roles = rolesOf(viewer.person?.id ?? null, r, viewer.admin);
    if (!mayManageBoard(roles)) throw new AuthError(403, `${viewer.name} may not import plans: only board managers and Assure administrators may`);
    const request = parseInput(ImportRequestSchema, body);
    const bytes = request.content !== undefined ? Buffer.from(request.content, "base64") : new TextEncoder().encode(request.text!);
    const now = deps.now();
    const { read, outcome } = await previewImportInWorker(request.name, bytes, request.choices, { existing: r, today: londonDate(now), now: now.toISOString(), managers: viewer.person ? [viewer.person.id] : [], boards: roles.admin ? undefined : roles.boardsManaged });
    if (!mayImportInto(roles, { id: read.plan.id, isNew: read.isNew, boards: read.plan.boards })) {
      throw new AuthError(403, read.isNew ? `${viewer.name} may not start a plan for ${read.plan.boards.join(", ")}: only its managers and Assure administrators may` : `${viewer.name} may not change plan "${read.plan.title}": only its board managers and Assure administrators may`);
    }
    return { r, viewer, roles, read, outcome, now };
  };

  app.post(`${IMPORT_ROUTES}/preview`, async (req, res) => {
    const prepared = await prepare(req.body, res);
    const { r, read, outcome } = prepared;
    const sections = new Map(read.sections.map((s) => [s.id, s]));
    const deliverables = new Map(read.deliverables.map((d) => [d.id, d]));
    res.json({
      plan: { id: read.plan.id, title: read.plan.title, isNew: read.isNew, boards: read.plan.boards, period: read.plan.period },
      /** The boards a new plan may be put in: the importing person's. */
      boardChoices: boardsToCreateFor(prepared.roles),
      fields: COLUMN_LABELS,
      tables: read.tables,
      sections: read.sections.map((s) => ({ id: s.id, kind: s.kind, number: s.number, title: s.title })),
      actions: read.actions.map((a) => ({
        id: a.id,
        ref: a.ref,
        section: sections.get(a.sectionId)!.number,
        deliverable: a.deliverableId ? deliverables.get(a.deliverableId)!.text : null,
        text: a.text,
        lead: a.lead,
        timescale: { text: a.timescale.text, understood: a.timescale.understood, deadline: currentDeadline(a) },
        rating: a.rating,
      })),
      problems: read.problems,
      changes: outcome.changes.map((c) => ({ kind: c.kind, id: c.id, label: c.label, what: c.what, fields: c.fields.map((f) => f.field) })),
      unchanged: outcome.unchanged,
      notInDocument: outcome.notInDocument,
      leads: r.leads.filter((l) => sharesBoard(l.boards, read.plan.boards)).map((l) => ({ id: l.id, asWritten: l.asWritten })),
    });
  });

  app.post(IMPORT_ROUTES, async (req, res) => {
    const { viewer, read, outcome, now } = await prepare(req.body, res);
    const blocking = read.problems.filter((p) => p.severity === "blocking");
    if (blocking.length > 0) throw new InputError("document", `nothing was stored: ${blocking.map((p) => `${p.where}${p.refs.length ? ` (${p.refs.join(", ")})` : ""}: ${p.message}`).join("; ")}`);
    await storeImport(deps.store, read, outcome, { personId: viewer.person?.id ?? null, entraObjectId: viewer.entraObjectId, name: viewer.name }, now);
    res.status(201).json({ plan: { id: read.plan.id, title: read.plan.title, isNew: read.isNew }, created: outcome.changes.filter((c) => c.what === "created").length, edited: outcome.changes.filter((c) => c.what === "edited").length, unchanged: outcome.unchanged });
  });
}
