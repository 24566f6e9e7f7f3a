import express from "express";
import type { Action } from "../core/action.js";
import { AssureError, InputError } from "../core/errors.js";
import { checkEvidenceName, EVIDENCE_LIMITS, EVIDENCE_TYPES, evidenceFolder, evidenceNote, evidenceType, isZip, tooLarge, type EvidenceStore, type StoredEvidence } from "../core/evidence-file.js";
import type { Lead, Person } from "../core/lead.js";
import type { Plan } from "../core/plan.js";
import { applyProgressUpdate, decideProgress } from "../core/progress.js";
import { NewEvidenceLinkSchema, type ProgressUpdate } from "../core/progress-update.js";
import type { PlanStore } from "../core/store.js";
import { readZip } from "../paper/read-zip.js";
import { logEvent } from "../log.js";

export type EvidenceOutcome =
  | { kind: "recorded"; update: ProgressUpdate; action: Action; file: StoredEvidence }
  | { kind: "not-lead" }
  | { kind: "not-open"; state: Action["status"]["state"] };

/**
 * A lead attaching an evidence file to an action, from the tab or the email reply page. Every
 * check comes before anything is written (the lead answers for the action, it is open, the name
 * is a plain file name, the bytes are an accepted type and within the size cap); then the file
 * goes to the board's library, and a progress update by the lead records it with its lasting
 * link, so it shows in the action's history and, as the latest update, in board papers. The
 * checks are cheap and bounded on the request thread: the body is capped before it is read
 * whole, the type is the first bytes (and an Office file's list of parts, never inflated).
 */
export async function attachEvidence(
  deps: { store: PlanStore; library: EvidenceStore },
  input: { action: Action; plan: Plan; lead: Lead | null; person: Person; name: string; note: string | undefined; bytes: Uint8Array; via: "tab" | "email-link"; now: Date; updateId: string },
): Promise<EvidenceOutcome> {
  const { action, person, now } = input;
  const decide = (text: string) => decideProgress({ action, lead: input.lead, person, submitted: { text }, now, updateId: input.updateId, via: input.via });
  const who = decide("evidence");
  if (who.kind === "not-lead" || who.kind === "not-open") return who;
  const name = checkEvidenceName(input.name);
  const decision = decide(evidenceNote(input.note, name));
  if (decision.kind === "invalid") throw new InputError("note", decision.message);
  if (decision.kind !== "record") return decision;
  const type = evidenceType(name, input.bytes, isZip(input.bytes) ? zipParts(name, input.bytes) : null);
  const file = await deps.library.upload({ folder: evidenceFolder(input.plan.boards[0] ?? "no board", action.id), name, mime: EVIDENCE_TYPES[type].mime, bytes: input.bytes });
  const link = NewEvidenceLinkSchema.safeParse(file.webUrl);
  if (!link.success) throw new AssureError("internal", `the evidence library answered an address Assure cannot keep as a link (${link.error.issues[0]?.message})`);
  const update: ProgressUpdate = { ...decision.update, evidence: [link.data] };
  // History first: if the summary update fails, the file and its update are still on record.
  await deps.store.appendProgressUpdates([update]);
  const updated = await deps.store.updateAction(action.id, (current) => applyProgressUpdate(current, update));
  logEvent("info", "evidence-attached", { actionId: action.id, updateId: update.id, bytes: input.bytes.length, type, via: input.via });
  return { kind: "recorded", update, action: updated, file };
}

/** The names of the parts inside an Office package (none inflated); a broken package has none. */
function zipParts(name: string, bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    readZip(name, bytes, (path) => {
      names.push(path);
      return false;
    });
  } catch {
    return [];
  }
  return names;
}

/**
 * Reads a request's body as bytes, refusing it before it is read whole when it is larger than an
 * evidence file may be (Content-Length, then the bytes as they arrive).
 */
export function evidenceBody(type: string | (() => boolean)): express.RequestHandler {
  const limit = EVIDENCE_LIMITS.bytes + 64 * 1024; // the file, and a multipart form's few fields around it
  const raw = express.raw({ type, limit });
  return (req, res, next) => {
    const declared = Number(req.header("content-length") ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit) return next(tooLarge("the file", declared));
    raw(req, res, (error?: unknown) => {
      if ((error as { type?: unknown } | undefined)?.type === "entity.too.large") return next(tooLarge("the file", limit + 1));
      next(error);
    });
  };
}
