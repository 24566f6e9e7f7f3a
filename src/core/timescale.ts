import { z } from "zod";
import { IsoDateSchema, type IsoDate } from "./iso-date.js";

/**
 * Timescales as boards write them ("Jan 2016 onwards", "Q3 2022/23", "Aug 2022 Mar 2023")
 * turned into deadlines. The text is always kept; what cannot be read is flagged
 * (`understood: false`, with a `problem` a person can act on) and yields no deadline, so a
 * half-read timescale never produces a guessed reminder.
 */

export const RecurrenceSchema = z.enum(["monthly", "quarterly", "annual"]);
export type Recurrence = z.infer<typeof RecurrenceSchema>;

export const TimescaleSchema = z.object({
  text: z.string(),
  deadlines: z.array(IsoDateSchema),
  ongoing: z.boolean(),
  recurrence: RecurrenceSchema.nullable(),
  understood: z.boolean(),
  problem: z.string().optional(),
});
export type Timescale = z.infer<typeof TimescaleSchema>;

const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

type Piece =
  | { kind: "deadline"; date: IsoDate }
  | { kind: "ongoing" }
  | { kind: "recurrence"; recurrence: Recurrence }
  | { kind: "filler" }
  | { kind: "problem"; problem: string };

interface Rule {
  pattern: RegExp;
  read: (m: RegExpExecArray, context: TimescaleContext) => Piece;
}

/**
 * What a plan knows that its timescales may lean on: its period (for "end of Q2", the plan's
 * financial year) and its board meetings (for "by the March board").
 */
export interface TimescaleContext {
  periodFrom?: IsoDate | null;
  boardMeetings?: readonly IsoDate[];
}

/** Two-digit years are this century's ("Sept-23" is September 2023). */
const fullYear = (yy: string): number => (yy.length === 2 ? 2000 + Number(yy) : Number(yy));

const monthIndex = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase());
/** The day as an IsoDate from its numbers (month from 1). */
const isoOf = (year: number, month: number, day: number): IsoDate =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` as IsoDate;
/** Day 0 of the next month is the last of this one (the calendar arithmetic is Date's, in UTC). */
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const endOfMonth = (year: number, month: number): IsoDate => isoOf(year, month + 1, daysIn(year, month + 1));

/** "2022/23" or "2022-2023": the financial year starting in April of the first year. */
function financialYearStart(first: string, second: string): number | string {
  const start = Number(first);
  const end = Number(second.length === 2 ? first.slice(0, 2) + second : second);
  return end === start + 1 ? start : `"${first}/${second}" is not a financial year (the years must follow on)`;
}

/** A day given day first, if it is a real one (31/02 is not). */
function dayFirst(text: string, day: number, month: number, year: number): Piece {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)
    ? { kind: "deadline", date: isoOf(year, month, day) }
    : { kind: "problem", problem: `"${text}" is not a real date (dates are day first: 31/03/2023)` };
}

// Order matters: the more specific form is tried first at each position.
const RULES: Rule[] = [
  { pattern: /(?:by|the end of|end of|end)\b/y, read: () => ({ kind: "filler" }) },
  { pattern: /(?:on[\s-]?going|onwards|continuous|continuing)\b/y, read: () => ({ kind: "ongoing" }) },
  {
    pattern: /(?:tbc|tba|tbd|to be confirmed|to be agreed)\b/y,
    read: () => ({ kind: "problem", problem: "the timescale is still to be confirmed" }),
  },
  { pattern: /(?:quarterly|every quarter|each quarter)\b/y, read: () => ({ kind: "recurrence", recurrence: "quarterly" }) },
  { pattern: /(?:monthly|every month|each month)\b/y, read: () => ({ kind: "recurrence", recurrence: "monthly" }) },
  { pattern: /(?:annually|annual|yearly|every year|each year)\b/y, read: () => ({ kind: "recurrence", recurrence: "annual" }) },
  {
    // Day first, with slashes, dots or dashes, and two- or four-digit years: 31/03/2023, 31.3.23, 31-03-23.
    pattern: /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/y,
    read: (m) => dayFirst(`${m[1]}/${m[2]}/${fullYear(m[3]!)}`, Number(m[1]), Number(m[2]), Number(fullYear(m[3]!))),
  },
  {
    // An ISO date, as spreadsheets export date cells: 2023-03-31.
    pattern: /(\d{4})-(\d{2})-(\d{2})\b/y,
    read: (m) => dayFirst(`${Number(m[3])}/${Number(m[2])}/${m[1]}`, Number(m[3]), Number(m[2]), Number(m[1])),
  },
  {
    // "w/c 3 June 2024": the week commencing that day, done by its Friday.
    pattern: new RegExp(`(?:w\\s*/\\s*[cb]|w\\.[cb]\\.?|week (?:commencing|beginning))\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+(\\d{4})\\b`, "y"),
    read: (m) => {
      const day = dayFirst(`${m[1]} ${m[2]!.slice(0, 3)} ${m[3]}`, Number(m[1]), monthIndex(m[2]!) + 1, Number(m[3]));
      if (day.kind !== "deadline") return day;
      const friday = new Date(Date.UTC(Number(m[3]), monthIndex(m[2]!), Number(m[1]) + 4));
      return { kind: "deadline", date: isoOf(friday.getUTCFullYear(), friday.getUTCMonth() + 1, friday.getUTCDate()) };
    },
  },
  {
    // Seasons as UK plans mean them: spring Mar–May, summer Jun–Aug, autumn Sep–Nov, winter Dec–Feb (ending in the next year).
    pattern: /(spring|summer|autumn|fall|winter)\s+(\d{4})\b/y,
    read: (m) => {
      const year = Number(m[2]);
      const last = { spring: 4, summer: 7, autumn: 10, fall: 10, winter: 1 }[m[1] as "spring"]!;
      return { kind: "deadline", date: endOfMonth(m[1] === "winter" ? year + 1 : year, last) };
    },
  },
  {
    // "30th September 2024", "31 March 27".
    pattern: new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+(\\d{4}|\\d{2})\\b`, "y"),
    read: (m) => dayFirst(`${m[1]} ${m[2]!.slice(0, 3)} ${fullYear(m[3]!)}`, Number(m[1]), monthIndex(m[2]!) + 1, fullYear(m[3]!)),
  },
  {
    // "Q3 2022/23", "Quarter 3 2022-23", "Q4 26/27" (a two-digit financial year is this century's).
    pattern: /(?:q|quarter\s*)([1-4])\s*(?:fy\s*)?(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})\b/y,
    read: (m) => {
      const start = financialYearStart(String(fullYear(m[2]!)), m[3]!);
      if (typeof start === "string") return { kind: "problem", problem: start };
      // UK financial-year quarters: Q1 = Apr–Jun … Q4 = Jan–Mar of the following year.
      const quarter = Number(m[1]);
      return { kind: "deadline", date: endOfMonth(start + (quarter === 4 ? 1 : 0), (quarter * 3 + 2) % 12) };
    },
  },
  {
    // "end of Q2" with no year: the quarter of the plan's own financial year, if the plan says which.
    pattern: /(?:q|quarter\s*)([1-4])\b(?!\s*(?:fy\s*)?\d)/y,
    read: (m, context) => {
      if (!context.periodFrom) return { kind: "problem", problem: `"${m[0]}" of which year? write it as Q${m[1]} 2022/23, or give the plan its period` };
      const [year, month] = context.periodFrom.split("-").map(Number) as [number, number];
      const start = month >= 4 ? year : year - 1;
      const quarter = Number(m[1]);
      return { kind: "deadline", date: endOfMonth(start + (quarter === 4 ? 1 : 0), (quarter * 3 + 2) % 12) };
    },
  },
  {
    // "by the March board": the plan's board meeting in that month.
    pattern: new RegExp(`(?:the\\s+)?${MONTH}\\s+(?:board|sab|meeting)(?:\\s+meeting)?\\b`, "y"),
    read: (m, context) => {
      const month = monthIndex(m[1]!) + 1;
      const meetings = (context.boardMeetings ?? []).filter((d) => Number(d.slice(5, 7)) === month);
      if (meetings.length === 1) return { kind: "deadline", date: meetings[0]! };
      return { kind: "problem", problem: meetings.length === 0 ? `the plan has no board meeting in ${MONTHS[month - 1]} to read "${m[0]}" by` : `the plan has more than one board meeting in ${MONTHS[month - 1]}: give the date` };
    },
  },
  {
    pattern: /q[1-4]\s*\d{4}\b/y,
    read: (m) => ({
      kind: "problem",
      problem: `"${m[0]}" could be a calendar or a financial quarter: write it as Q3 2022/23`,
    }),
  },
  {
    // A span of months, "Oct-Dec 2026" or "Apr 2026 - Mar 2027": the work is due when the span ends.
    pattern: new RegExp(`${MONTH}\\.?(?:\\s+\\d{4})?\\s*(?:-|–|to)\\s*${MONTH}\\.?,?\\s+(\\d{4})\\b`, "y"),
    read: (m) => ({ kind: "deadline", date: endOfMonth(Number(m[3]), monthIndex(m[2]!)) }),
  },
  {
    pattern: new RegExp(`${MONTH}\\.?,?\\s+(\\d{4})\\b`, "y"),
    read: (m) => ({ kind: "deadline", date: endOfMonth(Number(m[2]), monthIndex(m[1]!)) }),
  },
  {
    // Abbreviated month-year, as trackers write it: "Sept-23", "Jun '24", "Mar-2024".
    pattern: new RegExp(`${MONTH}\\.?\\s*(?:-\\s*'?|'|\\s+')(\\d{4}|\\d{2})\\b`, "y"),
    read: (m) => ({ kind: "deadline", date: endOfMonth(fullYear(m[2]!), monthIndex(m[1]!)) }),
  },
  {
    pattern: /(?:fy\s*)?(\d{4})\s*[/-]\s*(\d{4}|\d{2})\b/y,
    read: (m) => {
      const start = financialYearStart(m[1]!, m[2]!);
      return typeof start === "string"
        ? { kind: "problem", problem: start }
        : { kind: "deadline", date: `${start + 1}-03-31` };
    },
  },
  {
    // "by end of March" with no year: that month in the plan's own financial year (April–March).
    pattern: new RegExp(`${MONTH}\\b\\.?(?!\\s*[-'’]?\\s*\\d)`, "y"),
    read: (m, context) => {
      const month = monthIndex(m[1]!);
      const name = m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1);
      if (!context.periodFrom) return { kind: "problem", problem: `"${name}" of which year? write it as ${name} 2025, or give the plan its period` };
      const [year, from] = context.periodFrom.split("-").map(Number) as [number, number];
      const start = from >= 4 ? year : year - 1;
      return { kind: "deadline", date: endOfMonth(month >= 3 ? start : start + 1, month) };
    },
  },
];

// Between two timescales: spaces, commas, "and", "then", or a slash ("Jun 2023 / Sep 2023").
const SEPARATOR = /(?:\s|,|;|&|\/|\band\b|\bthen\b)+/y;

function readPieces(text: string, context: TimescaleContext): Piece[] {
  const source = text.toLowerCase();
  const pieces: Piece[] = [];
  let at = 0;
  for (;;) {
    SEPARATOR.lastIndex = at;
    if (SEPARATOR.exec(source)) at = SEPARATOR.lastIndex;
    if (at >= source.length) return pieces;
    const rule = RULES.find((r) => {
      r.pattern.lastIndex = at;
      return r.pattern.test(source);
    });
    if (!rule) {
      const rest = text.slice(at).trim();
      return [...pieces, { kind: "problem", problem: `cannot read "${rest}" as a date, month, quarter or financial year` }];
    }
    rule.pattern.lastIndex = at;
    pieces.push(rule.read(rule.pattern.exec(source)!, context));
    at = rule.pattern.lastIndex;
  }
}

export function parseTimescale(text: string, context: TimescaleContext = {}): Timescale {
  const pieces = readPieces(text, context);
  const notUnderstood = (problem: string): Timescale => ({
    text,
    deadlines: [],
    ongoing: false,
    recurrence: null,
    understood: false,
    problem,
  });

  const problem = pieces.find((p) => p.kind === "problem");
  if (problem) return notUnderstood(problem.problem);

  const deadlines = [...new Set(pieces.flatMap((p) => (p.kind === "deadline" ? [p.date] : [])))].sort();
  const recurrences = [...new Set(pieces.flatMap((p) => (p.kind === "recurrence" ? [p.recurrence] : [])))];
  const saysOngoing = pieces.some((p) => p.kind === "ongoing");

  if (recurrences.length > 1) return notUnderstood(`it names more than one recurrence (${recurrences.join(", ")})`);
  if (deadlines.length === 0 && recurrences.length === 0 && !saysOngoing) {
    return notUnderstood(text.trim() === "" ? "no timescale is given" : `"${text.trim()}" names no date`);
  }
  const recurrence = recurrences[0] ?? null;
  return {
    text,
    deadlines,
    // Recurring work with no end date goes on, like "ongoing".
    ongoing: saysOngoing || (recurrence !== null && deadlines.length === 0),
    recurrence,
    understood: true,
  };
}
