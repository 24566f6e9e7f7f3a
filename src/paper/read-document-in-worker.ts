import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AssureError, InputError } from "../core/errors.js";
import type { SourceDocument } from "../core/source-table.js";
import { DOCUMENT_LIMITS, DocumentLimitError, overCap } from "./document-limits.js";
import type { WorkerAnswer, WorkerJob } from "./document-worker.js";
import type { ImportOutcome } from "../core/import-changes.js";
import type { ImportChoices, ImportContext, PlanImport } from "../core/plan-import.js";

/**
 * Reads a plan document in a worker thread with its own heap limit and a time limit, so a hostile
 * or broken file can cost the worker, never the server: its event loop keeps answering everyone
 * else while a document is read, and a reader that runs out of time or memory is terminated.
 * At most two documents are read at once (the machine has few cores); a few more wait their turn,
 * and beyond that the request is refused as busy.
 */
const AT_ONCE = 2;
const WAITING_MAX = 8;
const LOADING_SECONDS = 60;

let running = 0;
const waiting: (() => void)[] = [];

export class ReaderBusyError extends AssureError {
  constructor() {
    super("busy", "Assure is reading other plan documents just now; try again in a minute");
    this.name = "ReaderBusyError";
  }
}

export async function readDocumentInWorker(name: string, bytes: Uint8Array): Promise<SourceDocument> {
  return (await queued({ name, bytes, plan: null })).document;
}

/** The import preview of a document (what readPlanImport and importChanges make of it, with what the store would refuse), worked out in the worker. */
export async function previewImportInWorker(name: string, bytes: Uint8Array, choices: ImportChoices, context: ImportContext): Promise<{ read: PlanImport; outcome: ImportOutcome }> {
  return (await queued({ name, bytes, plan: { choices, context } })).preview!;
}

async function queued(job: WorkerJob): Promise<Extract<WorkerAnswer, { ok: true }>> {
  // The size is checked here too, so an oversized file is not even copied into a worker.
  if (job.bytes.length > DOCUMENT_LIMITS.bytes) throw overCap.bytes(job.name, job.bytes.length);
  if (running >= AT_ONCE) {
    if (waiting.length >= WAITING_MAX) throw new ReaderBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  try {
    return await inWorker(job);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** The compiled worker beside this module; under the test runner (TypeScript sources) the built one. */
function workerFile(): URL {
  const beside = new URL("./document-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL("../../dist/src/paper/document-worker.js", import.meta.url);
}

/** Idle workers, kept warm so the next document does not wait for the readers to load; unref'd, so they never keep a command running. */
const idle: Worker[] = [];

function spawn(): Worker {
  return new Worker(workerFile(), {
    resourceLimits: { maxOldGenerationSizeMb: DOCUMENT_LIMITS.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    stdout: true,
    stderr: true,
  });
}

function inWorker(job: WorkerJob): Promise<Extract<WorkerAnswer, { ok: true }>> {
  const { name } = job;
  const worker = idle.pop() ?? spawn();
  worker.ref();
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void, reusable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (reusable && idle.length < AT_ONCE) {
        worker.unref();
        idle.push(worker);
      } else void worker.terminate();
      done();
    };
    // Loading the reader is bounded separately (generously: it is Assure's own code, slow only on a busy machine).
    let timer = setTimeout(() => settle(() => reject(overCap.seconds(name)), false), LOADING_SECONDS * 1000);
    const onMessage = (answer: WorkerAnswer) => {
      if ("started" in answer) {
        clearTimeout(timer);
        timer = setTimeout(() => settle(() => reject(overCap.seconds(name)), false), DOCUMENT_LIMITS.seconds * 1000);
        return;
      }
      settle(() => {
        if (answer.ok) resolve(answer);
        else if (answer.kind === "limit") reject(new DocumentLimitError(answer.cap, answer.message));
        else reject(new InputError(answer.field, answer.message));
      }, true);
    };
    const onError = (error: Error & { code?: string }) =>
      settle(() => reject(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? overCap.memoryMb(name) : new InputError("file", `${name} could not be read: ${error.message}`)), false);
    const onExit = (code: number) => settle(() => reject(code === 0 ? new InputError("file", `${name} could not be read`) : overCap.memoryMb(name)), false);
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage(job);
  });
}
