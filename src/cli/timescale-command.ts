import { UsageError } from "../core/errors.js";
import { parseTimescale } from "../core/timescale.js";

/** One JSON object per timescale, one per line, in the order given. */
export function timescaleCommand(args: string[]): string[] {
  if (args.length === 0) throw new UsageError(`timescale needs at least one text to read, e.g. assure timescale "Jan 2016 onwards"`);
  return args.map((text) => {
    const { deadlines, ongoing, recurrence, understood } = parseTimescale(text);
    return JSON.stringify({ text, deadlines, ongoing, recurrence, understood });
  });
}
