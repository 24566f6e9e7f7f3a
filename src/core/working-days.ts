import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";
import { isWeekend } from "date-fns/isWeekend";
import { parseISO } from "date-fns/parseISO";
import Holidays from "date-holidays";
import type { IsoDate } from "./iso-date.js";
import { LONDON } from "./london.js";

// Bank holidays in England and Wales (Wales keeps England's), from date-holidays' rules.
const englandAndWales = new Holidays("GB", "ENG");

// date-holidays works a year's rules out on every call; a sweep asks about the same days often.
const known = new Map<IsoDate, boolean>();

export function isBankHoliday(date: IsoDate): boolean {
  let holiday = known.get(date);
  if (holiday === undefined) {
    const found = englandAndWales.isHoliday(parseISO(`${date}T12:00:00`));
    holiday = Array.isArray(found) && found.some((h) => h.type === "public" || h.type === "bank");
    known.set(date, holiday);
  }
  return holiday;
}

export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(parseISO(date)) && !isBankHoliday(date);
}

const step = (date: IsoDate, days: number): IsoDate => format(addDays(parseISO(date), days), "yyyy-MM-dd");

/** The date itself if it is a working day, else the working day before it. */
export function onOrBeforeWorkingDay(date: IsoDate): IsoDate {
  let d = date;
  while (!isWorkingDay(d)) d = step(d, -1);
  return d;
}

/** The date itself if it is a working day, else the working day after it. */
export function onOrAfterWorkingDay(date: IsoDate): IsoDate {
  let d = date;
  while (!isWorkingDay(d)) d = step(d, 1);
  return d;
}

export const addCalendarDays = step;

/** The instant it is hh:mm in London on that date, whether GMT or BST. */
export function londonInstant(date: IsoDate, time: { hour: number; minute: number }): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, time.hour, time.minute, LONDON).getTime());
}
