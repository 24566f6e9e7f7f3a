import { format, parseISO } from "date-fns";
import { londonTime } from "../../src/core/london.js";
import type { Rating } from "./types";

const ukDates = new Map<string, string>();
/** UK dates as boards write them: 31 Mar 2023. Remembered: a plan's grid shows the same few days on every row. */
export const ukDate = (iso: string): string => {
  let day = ukDates.get(iso);
  if (day === undefined) ukDates.set(iso, (day = format(parseISO(iso), "d MMM yyyy")));
  return day;
};
/** A month as a chart labels it: Jan 2026. */
export const ukMonth = (iso: string): string => format(parseISO(iso), "MMM yyyy");
/** An instant in London's time, as every page and message shows one: 09:12, 3 Dec 2026. */
export const ukDateTime = londonTime;

/** The ratings in the order boards list them, with "not rated" last. */
export const RATINGS = ["red", "amber", "green", "complete", "unrated"] as const;

export const RATING_WORD: Record<Rating | "unrated", string> = { red: "Red", amber: "Amber", green: "Green", complete: "Complete", unrated: "Not rated" };
/** Fluent badge colours; the word always goes with the colour. */
export const RATING_COLOUR = { red: "danger", amber: "warning", green: "success", complete: "brand", unrated: "informative" } as const;

/** How forms ask for a timescale: as the plan writes it, which the server reads into deadlines. */
export const TIMESCALE_LABEL = "Timescale (as the plan writes it, e.g. “Q3 2022/23” or “31/03/2023”)";
