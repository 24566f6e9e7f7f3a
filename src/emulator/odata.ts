import { ListError } from "./lists.js";

/**
 * The part of OData `$filter` Graph accepts on list items: `fields/Name op value` joined by
 * `and`/`or`, with parentheses; ops eq, ne, gt, ge, lt, le; values 'text' (quote doubled to
 * escape), numbers, true/false, null.
 */
export interface Filter {
  fields: string[];
  test: (fields: Record<string, unknown>) => boolean;
}

type Token = { kind: "word" | "string" | "number" | "paren"; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\()|(\))|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)(?![\w/])|([A-Za-z_][\w/]*))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (!m) throw new ListError(400, "invalidRequest", `Invalid filter clause: cannot read '${text.slice(at).trim()}'.`);
    at = pattern.lastIndex;
    if (m[1] || m[2]) tokens.push({ kind: "paren", text: m[1] ?? m[2]! });
    else if (m[3] !== undefined) tokens.push({ kind: "string", text: m[3].replace(/''/g, "'") });
    else if (m[4] !== undefined) tokens.push({ kind: "number", text: m[4] });
    else tokens.push({ kind: "word", text: m[5]! });
  }
  return tokens;
}

const COMPARE: Record<string, (a: unknown, b: unknown) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => a !== null && b !== null && (a as number) > (b as number),
  ge: (a, b) => a !== null && b !== null && (a as number) >= (b as number),
  lt: (a, b) => a !== null && b !== null && (a as number) < (b as number),
  le: (a, b) => a !== null && b !== null && (a as number) <= (b as number),
};

export function parseFilter(text: string): Filter {
  const tokens = tokenize(text);
  const fields: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new ListError(400, "invalidRequest", `Invalid filter clause '${text}': ${why}.`);
  };

  const value = (): unknown => {
    const t = tokens[i++] ?? fail("a value is missing");
    if (t.kind === "string") return t.text;
    if (t.kind === "number") return Number(t.text);
    if (t.kind === "word" && (t.text === "true" || t.text === "false")) return t.text === "true";
    if (t.kind === "word" && t.text === "null") return null;
    return fail(`'${t.text}' is not a value`);
  };

  const term = (): Filter["test"] => {
    const t = tokens[i++] ?? fail("it ends too soon");
    if (t.kind === "paren" && t.text === "(") {
      const inner = expression();
      if (tokens[i++]?.text !== ")") fail("a parenthesis is not closed");
      return inner;
    }
    if (t.kind !== "word" || !t.text.startsWith("fields/")) return fail(`expected fields/<name>, found '${t.text}'`);
    const name = t.text.slice("fields/".length);
    fields.push(name);
    const op = tokens[i++]?.text ?? fail("an operator is missing");
    const compare = COMPARE[op] ?? fail(`'${op}' is not a supported operator`);
    const expected = value();
    return (f) => compare(f[name] ?? null, expected);
  };

  const expression = (): Filter["test"] => {
    let left = term();
    while (tokens[i]?.kind === "word" && (tokens[i]!.text === "and" || tokens[i]!.text === "or")) {
      const joiner = tokens[i++]!.text;
      const l = left;
      const r = term();
      left = joiner === "and" ? (f) => l(f) && r(f) : (f) => l(f) || r(f);
    }
    return left;
  };

  const test = expression();
  if (i < tokens.length) fail(`unexpected '${tokens[i]!.text}'`);
  return { fields, test };
}

/** `fields($select=A,B)` inside `$expand`: the field names asked for, or null for all. */
export function parseExpandFields(expand: string | undefined): { expand: boolean; select: string[] | null } {
  if (!expand) return { expand: false, select: null };
  const m = /^fields(?:\(\$select=([^)]*)\))?$/.exec(expand.trim());
  if (!m) throw new ListError(400, "invalidRequest", `Only $expand=fields or fields($select=...) is supported, not '${expand}'.`);
  return { expand: true, select: m[1] ? m[1].split(",").map((s) => s.trim()).filter(Boolean) : null };
}
