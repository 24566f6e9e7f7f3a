import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { UsageError } from "../core/errors.js";

/**
 * Reads a command's flags with node's parseArgs, then checks them with a zod schema, so every
 * mistake becomes one UsageError naming the flag at fault.
 */
export function readOptions<T extends z.ZodType>(
  command: string,
  args: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  schema: T,
): z.infer<T> {
  let values: unknown;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (error: unknown) {
    throw new UsageError(`${command}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${command}: --${String(issue.path[0] ?? "")}: ${issue.message}`);
  }
  return parsed.data;
}
