import { Unzip, UnzipInflate } from "fflate";
import { DOCUMENT_LIMITS, overCap } from "./document-limits.js";

/**
 * The files of a zip package (Word, Excel) that `wanted` names, inflated as a stream: the bytes
 * are counted as they come out, so a zip bomb is stopped at the cap instead of filling memory,
 * whatever sizes its headers claim.
 */
export function readZip(name: string, bytes: Uint8Array, wanted: (path: string) => boolean): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let total = 0;
  let entries = 0;
  let failure: unknown = null;
  const unzip = new Unzip((file) => {
    if (++entries > DOCUMENT_LIMITS.zipEntries) throw overCap.zipEntries(name);
    if (!wanted(file.name)) return;
    const chunks: Uint8Array[] = [];
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = error;
        return;
      }
      total += chunk.length;
      if (total > DOCUMENT_LIMITS.uncompressedBytes) {
        failure = overCap.uncompressedBytes(name);
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) files.set(file.name, concat(chunks));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  // Fed in slices, so a failure stops the inflating before the rest of the file is touched.
  const SLICE = 16 * 1024; // deflate expands at most ~1,000×, so one slice never inflates past ~16 MB
  for (let at = 0; at < bytes.length && !failure; at += SLICE) unzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
  if (failure) throw failure;
  return files;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
