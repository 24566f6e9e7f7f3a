import { Field, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from "@fluentui/react-components";
import { ratingSummary, type RatingCounts } from "../../src/core/rating-history.js";
import { RATINGS, RATING_WORD } from "./format";
import type { TabPlan } from "./types";

const useStyles = makeStyles({ box: { padding: "8px 16px", backgroundColor: tokens.colorNeutralBackground1, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } });

const cell = (now: number, then: number | undefined) => (then === undefined || then === now ? String(now) : `${now} (${now > then ? "+" : "−"}${Math.abs(now - then)})`);

/** Rating counts per section, and how they moved since a chosen day. */
export function Summary({ plan, since, onSince }: { plan: TabPlan; since: string; onSince: (d: string) => void }) {
  const s = useStyles();
  const lines = plan.sections.map((section) => ({
    label: `${section.kind === "recommendation" ? "Recommendation" : "Priority"} ${section.number}`,
    ...ratingSummary([...section.actions, ...section.deliverables.flatMap((d) => d.actions)], since || null),
  }));
  const total = (pick: (l: (typeof lines)[number]) => RatingCounts | null) =>
    Object.fromEntries(RATINGS.map((r) => [r, lines.reduce((n, l) => n + (pick(l)?.[r] ?? 0), 0)])) as RatingCounts;
  return (
    <section className={s.box} aria-labelledby="summary-heading">
      <h2 id="summary-heading" style={{ fontSize: 16, margin: "4px 0" }}>Summary</h2>
      <Field label="Changes since (day)" orientation="horizontal" style={{ maxWidth: 360 }}>
        <Input type="date" value={since} onChange={(_, d) => onSince(d.value)} />
      </Field>
      <Table size="extra-small" aria-label="Rating counts per section">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Section</TableHeaderCell>
            {RATINGS.map((r) => <TableHeaderCell key={r}>{RATING_WORD[r]}</TableHeaderCell>)}
          </TableRow>
        </TableHeader>
        <TableBody>
          {[...lines, { label: "Whole plan", now: total((l) => l.now), then: since ? total((l) => l.then) : null }].map((l) => (
            <TableRow key={l.label}>
              <TableCell>{l.label}</TableCell>
              {RATINGS.map((r) => <TableCell key={r}>{cell(l.now[r], l.then?.[r])}</TableCell>)}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
