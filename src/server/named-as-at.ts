import type { Change } from "../core/change-log.js";
import type { IsoDate } from "../core/iso-date.js";
import { londonDate } from "../core/london.js";
import { namesAsAt } from "../core/names-as-at.js";
import type { BoardRecords } from "../core/records.js";
import type { AppDeps } from "./app.js";

/**
 * The records with the names of `day`, when it is past (names-as-at.ts): a view or paper about
 * then says what it said then. Today's records need no change log, so none is read for them.
 */
export async function namedAsAt(deps: Pick<AppDeps, "store" | "now">, records: BoardRecords, day: IsoDate, changes?: Change[]): Promise<BoardRecords> {
  return day < londonDate(deps.now()) ? namesAsAt(records, changes ?? (await deps.store.readChanges({ all: true })), day) : records;
}
