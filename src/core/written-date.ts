import { isValid } from "date-fns/isValid";
import { lastDayOfMonth } from "date-fns/lastDayOfMonth";
import { format } from "date-fns/format";
import type { IsoDate } from "./iso-date.js";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
/** "Update", "Updated", "As at", "Progress", "Position at" … before the date, and "(" around it. */
const LEAD_IN = String.raw`^\s*(?:(?:update[ds]?|progress|position|status)\b\s*(?:as\s+(?:at|of)|at|on)?|as\s+(?:at|of))?\s*[:(\-–—]?\s*`;
const DAY_MONTH_YEAR = new RegExp(`${LEAD_IN}(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+(\\d{4})(?![\\d/])`, "i");
const MONTH_YEAR = new RegExp(`${LEAD_IN}${MONTH}\\.?\\s+(\\d{4})(?![\\d/])`, "i");
const NUMERIC = new RegExp(`${LEAD_IN}(\\d{1,2})[/.](\\d{1,2})[/.](\\d{2}|\\d{4})(?![\\d/])`);

const iso = (year: number, month: number, day: number): IsoDate | null => {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!isValid(date) || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10) as IsoDate;
};
const monthOf = (word: string) => MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;

/**
 * The day an update in a plan document says it was written, when it opens with one: "12/03/2016:
 * …", "Update 3 March 2016 – …", "(Jan 2016) …", "As at March 2016, …". Day first, as UK
 * documents write dates; a month alone is its last day, or the import day if that comes sooner.
 * A date later than the import day is no date of writing (it is a plan for the future): null,
 * as is a text that does not open with a date (a date inside the text may be anything).
 */
export function writtenDate(text: string, importDay: IsoDate): IsoDate | null {
  let found: IsoDate | null = null;
  const full = DAY_MONTH_YEAR.exec(text);
  const numeric = NUMERIC.exec(text);
  const month = MONTH_YEAR.exec(text);
  if (full) found = iso(Number(full[3]), monthOf(full[2]!), Number(full[1]));
  else if (numeric) {
    const year = numeric[3]!.length === 2 ? 2000 + Number(numeric[3]) : Number(numeric[3]);
    found = iso(year, Number(numeric[2]), Number(numeric[1]));
  } else if (month) {
    const first = iso(Number(month[2]), monthOf(month[1]!), 1);
    found = first && (format(lastDayOfMonth(new Date(`${first}T12:00:00Z`)), "yyyy-MM-dd") as IsoDate);
    if (found && found > importDay) found = first! <= importDay ? importDay : null;
  }
  return found !== null && found <= importDay ? found : null;
}

/** The instant an update written on `day` is stored at: midday, so its London day is that day in winter and summer alike. */
export const middayOf = (day: IsoDate): string => `${day}T12:00:00.000Z`;
