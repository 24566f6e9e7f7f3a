import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { IsoDate } from "../core/iso-date.js";

/**
 * A Word or Excel file whose bytes depend only on what it says and the day it is "as at": its
 * created and modified properties and every part's zip date are that day, not the moment it
 * was made (and its drawings numbered within it). So a paper for a past day downloaded again is the same file, byte for byte, and a
 * board can see that nothing in it moved.
 */
export function datedOfficeFile(file: Uint8Array, day: IsoDate): Buffer {
  const parts = unzipSync(file);
  const core = parts["docProps/core.xml"];
  if (core) parts["docProps/core.xml"] = strToU8(strFromU8(core).replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<\/dcterms:)/g, `$1${day}T00:00:00Z$2`));
  // docx numbers drawings with a counter that runs across every document the process makes: numbered here in order instead.
  for (const path of Object.keys(parts).filter((p) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(p))) {
    let n = 0;
    parts[path] = strToU8(strFromU8(parts[path]!).replace(/(<wp:docPr id=")\d+"/g, (_m, head: string) => `${head}${++n}"`));
  }
  // Noon, so no time zone's reading of the zip's local date moves it to another day.
  const mtime = new Date(`${day}T12:00:00Z`);
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(parts).map(([path, data]) => [path, [data, { mtime }]]))));
}
