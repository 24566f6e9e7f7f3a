import { parentPort } from "node:worker_threads";
import { AssureError, InputError } from "../core/errors.js";
import type { ImportOutcome } from "../core/import-changes.js";
import type { ImportChoices, ImportContext, PlanImport } from "../core/plan-import.js";
import type { SourceDocument } from "../core/source-table.js";
import { previewImport } from "./import-preview.js";
import { DocumentLimitError } from "./document-limits.js";
import { documentKind, readDocument, readerOf } from "./read-document.js";

/**
 * A worker thread read-document-in-worker.ts keeps for reading documents, one at a time: it
 * reads each and, when asked, works out the import preview from it (a 20,000-row plan is seconds
 * of work that must not hold up the server's other requests), and posts back the result or the
 * refusal as plain data. A worker that overruns is terminated, never reused.
 */
export interface WorkerJob {
  name: string;
  bytes: Uint8Array;
  /** To work out the preview too: what the person chose, and the site's records as they are now. */
  plan: { choices: ImportChoices; context: ImportContext } | null;
}

export type WorkerAnswer =
  | { started: true; ok?: undefined }
  | { ok: true; document: SourceDocument; preview: { read: PlanImport; outcome: ImportOutcome } | null }
  | { ok: false; kind: "limit"; cap: DocumentLimitError["cap"]; message: string }
  | { ok: false; kind: "input"; field: string; message: string };

const answer = (message: WorkerAnswer) => parentPort!.postMessage(message);

async function work({ name, bytes, plan }: WorkerJob): Promise<WorkerAnswer> {
  // The reader is loaded first, then the parent is told, so the time limit counts reading, not loading.
  await readerOf[documentKind(name, bytes)]();
  answer({ started: true });
  const document = await readDocument(name, bytes);
  if (!plan) return { ok: true, document, preview: null };
  return { ok: true, document: { name: document.name, tables: [] }, preview: previewImport(document, plan.choices, plan.context) };
}

const refusal = (name: string, error: unknown): WorkerAnswer => {
  if (error instanceof DocumentLimitError) return { ok: false, kind: "limit", cap: error.cap, message: error.message };
  if (error instanceof InputError) return { ok: false, kind: "input", field: error.field, message: error.message.replace(`${error.field}: `, "") };
  if (error instanceof AssureError) return { ok: false, kind: "input", field: "file", message: error.message };
  // A reader's own failure on a malformed file: it is the file that is wrong, not Assure.
  return { ok: false, kind: "input", field: "file", message: `${name} could not be read: ${error instanceof Error ? error.message : String(error)}` };
};

parentPort!.on("message", (job: WorkerJob) => {
  work(job).then(answer, (error: unknown) => answer(refusal(job.name, error)));
});
// Warm: the readers load while the worker waits for its first document.
void Promise.all([readerOf.text(), readerOf.docx(), readerOf.xlsx()]);
