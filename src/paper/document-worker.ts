import { parentPort, workerData } from "node:worker_threads";
import { AssureError, InputError } from "../core/errors.js";
import { importChanges, type ImportOutcome } from "../core/import-changes.js";
import { readPlanImport, type ImportChoices, type ImportContext, type PlanImport } from "../core/plan-import.js";
import type { SourceDocument } from "../core/source-table.js";
import { importRefusals } from "../store/import-writer.js";
import { DocumentLimitError } from "./document-limits.js";
import { documentKind, readDocument, readerOf } from "./read-document.js";

/**
 * The worker thread read-document-in-worker.ts starts for one document: it reads the document
 * and, when asked, works out the import preview from it (a 20,000-row plan is seconds of work that
 * must not hold up the server's other requests), and posts back the result or the refusal as plain data.
 */
export interface WorkerJob {
  name: string;
  bytes: Uint8Array;
  /** To work out the preview too: what the person chose, and the site's records as they are now. */
  plan: { choices: ImportChoices; context: ImportContext } | null;
}

export type WorkerAnswer =
  | { ready: true; ok?: undefined }
  | { ok: true; document: SourceDocument; preview: { read: PlanImport; outcome: ImportOutcome } | null }
  | { ok: false; kind: "limit"; cap: DocumentLimitError["cap"]; message: string }
  | { ok: false; kind: "input"; field: string; message: string };

const { name, bytes, plan } = workerData as WorkerJob;
const answer = (message: WorkerAnswer) => parentPort!.postMessage(message);

async function work(): Promise<WorkerAnswer> {
  // The reader is loaded first, then the parent is told, so the time limit counts reading, not loading.
  await readerOf[documentKind(name, bytes)]();
  answer({ ready: true });
  const document = await readDocument(name, bytes);
  if (!plan) return { ok: true, document, preview: null };
  const read = readPlanImport(document, plan.choices, plan.context);
  const outcome = importChanges(read, plan.context.existing);
  // Everything the store would refuse, in the preview: preview and store never disagree.
  read.problems.push(...importRefusals(read, outcome));
  return { ok: true, document: { name: document.name, tables: [] }, preview: { read, outcome } };
}

work().then(answer, (error: unknown) => {
  if (error instanceof DocumentLimitError) answer({ ok: false, kind: "limit", cap: error.cap, message: error.message });
  else if (error instanceof InputError) answer({ ok: false, kind: "input", field: error.field, message: error.message.replace(`${error.field}: `, "") });
  else if (error instanceof AssureError) answer({ ok: false, kind: "input", field: "file", message: error.message });
  // A reader's own failure on a malformed file: it is the file that is wrong, not Assure.
  else answer({ ok: false, kind: "input", field: "file", message: `${name} could not be read: ${error instanceof Error ? error.message : String(error)}` });
});
