import { DonutChart, HorizontalBarChartWithAxis, VerticalStackedBarChart, type HorizontalBarChartWithAxisDataPoint, type VerticalStackedChartProps } from "@fluentui/react-charts";
import { Body1, Field, Input, Link, MessageBar, MessageBarBody, Spinner, Subtitle2, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Dashboard } from "../../src/core/dashboard.js";
import type { ImpactCounts } from "../../src/core/impact-reminder.js";
import { planFilterQuery, type PlanFilter } from "../../src/core/plan-filter.js";
import { DUE_SERIES as DUE, RATING_SERIES as RAG } from "../../src/core/dashboard-series.js";
import { RATING_FILL } from "../../src/core/rag.js";
import { api } from "./api";
import { ALL_BOARDS } from "../../src/core/board-scope.js";
import { ukDate, ukMonth } from "./format";
import { DUE_SOON_DAYS } from "../../src/core/due-soon.js";


/** Bars per chart: more than this and the chart stops being readable; the table beside it has every row. */
const SHOWN_BARS = 12;

const useStyles = makeStyles({
  page: { padding: "16px", display: "grid", gap: "24px", maxWidth: "1100px" },
  figure: { margin: 0, display: "grid", gap: "8px", padding: "12px", backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  table: { borderCollapse: "collapse", "& th, & td": { textAlign: "left", padding: "4px 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
});

/**
 * Where a plan (or every plan) stands, as pictures: each chart has a text alternative and the
 * table of its numbers, and each number links to the plan view it counts.
 */
const IMPACT_ROWS: [keyof ImpactCounts, string][] = [["demonstrated", "Impact demonstrated"], ["partly", "Impact partly demonstrated"], ["not", "Impact not demonstrated"], ["tooEarly", "Too early to tell"], ["due", "Impact review due"], ["scheduled", "Actions complete, review not yet due"], ["inProgress", "Actions still open"]];

export function DashboardPage({ planId, board, asOf: askedAsOf, navigate }: { planId: string | null; board: string; asOf: string | null; navigate: (to: string) => void }) {
  const [data, setData] = useState<(Dashboard & { impact?: ImpactCounts | null }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const s = useStyles();
  // Without a plan, the board shown's plans (issue 23: one board unless asked for all).
  const query = new URLSearchParams({ ...(planId ? { planId } : { board }), ...(askedAsOf ? { asOf: askedAsOf } : {}) });
  useEffect(() => void api<Dashboard & { impact?: ImpactCounts | null }>(`/api/dashboard?${query}`).then(setData, (e: Error) => setError(e.message)), [planId, board, askedAsOf]);
  if (error) return <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>;
  if (!data) return <Spinner label="Loading the dashboard…" />;

  const asOf = data.asOf;
  /** The plan view these actions are in (one plan's dashboard only: a filter is a plan's). */
  const planView = (filter: Partial<PlanFilter>) => (planId ? `plans/${encodeURIComponent(planId)}?${planFilterQuery({ ...filter, asOf })}` : null);
  const go = (to: string | null) => (e: React.MouseEvent) => {
    e.preventDefault();
    if (to) navigate(to);
  };
  const linked = (to: string | null, text: string | number) => (to ? <Link href={`/tab/${to}`} onClick={go(to)}>{text}</Link> : <>{text}</>);
  const title = planId ? (data.plans[0]?.title ?? planId) : board === ALL_BOARDS ? "All plans" : `${board}: all plans`;
  const latest = data.ratingsByMonth.at(-1)!.counts;
  const total = RAG.reduce((n, r) => n + latest[r.key], 0);

  // Month names, not "2026-01"; bars as wide as the space allows (up to 48 px), not bunched in the middle.
  const monthBars: VerticalStackedChartProps[] = data.ratingsByMonth.map((m) => ({ xAxisPoint: ukMonth(m.asOf), chartData: RAG.map((r) => ({ legend: r.label, data: m.counts[r.key], color: r.color })) }));
  const charted = data.ratingsByMonth.some((m) => RAG.some((r) => m.counts[r.key] > 0));
  /**
   * One horizontal bar per lead or subgroup, overdue and due soon stacked, the longest first. Long
   * names are cut on the axis; the full name shows on hover and focus, and is in the table below.
   */
  const dueBars = (what: "subgroup" | "lead", rows: Dashboard["byLead"]): HorizontalBarChartWithAxisDataPoint[] =>
    rows.slice(0, SHOWN_BARS).flatMap((row) => {
      const to = row.id ? planView({ [what]: row.id }) : null;
      return DUE.filter((d) => row[d.key] > 0).map((d) => ({ y: row.name, x: row[d.key], legend: d.label, color: d.color, ...(to ? { onClick: () => navigate(to) } : {}) }));
    }).reverse();
  const dueTable = (what: "subgroup" | "lead", rows: Dashboard["byLead"]) => (
    <table className={s.table}>
      <caption style={{ textAlign: "left" }}>{what === "lead" ? "By lead" : "By subgroup"}: actions overdue and due in the next {DUE_SOON_DAYS} days, as at {ukDate(asOf)}</caption>
      <thead><tr><th scope="col">{what === "lead" ? "Lead" : "Subgroup"}</th><th scope="col">Overdue</th><th scope="col">Due in {DUE_SOON_DAYS} days</th></tr></thead>
      <tbody>
        {rows.length === 0 && <tr><td colSpan={3}>Nothing overdue or due soon.</td></tr>}
        {rows.map((row) => (
          <tr key={row.id ?? "none"}>
            <th scope="row">{linked(row.id ? planView({ [what]: row.id }) : null, row.name)}</th>
            <td>{linked(row.id ? planView({ [what]: row.id, overdue: true }) : null, row.overdue)}</td>
            <td>{linked(row.id ? planView({ [what]: row.id, dueSoon: true }) : null, row.dueSoon)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const answered = [
    { label: "Answered within 7 days", value: data.responses.within7Days, color: `#${RATING_FILL.green}` },
    { label: "Answered later", value: data.responses.later, color: `#${RATING_FILL.amber}` },
    { label: "Answered after escalation", value: data.responses.afterEscalation, color: "#C55A11" },
    { label: "Not answered", value: data.responses.notAnswered, color: `#${RATING_FILL.red}` },
  ];

  return (
    <div className={s.page}>
      <Title2 as="h1">Dashboard: {title}</Title2>
      <div style={{ display: "flex", gap: 16, alignItems: "end", flexWrap: "wrap" }}>
        <Field label="As at">
          <Input type="date" value={asOf} onChange={(_, d) => d.value && navigate(`${planId ? `plans/${encodeURIComponent(planId)}/` : ""}dashboard?asOf=${d.value}`)} />
        </Field>
        {planId && <Link href={`/tab/plans/${encodeURIComponent(planId)}`} onClick={go(`plans/${encodeURIComponent(planId)}`)}>Back to the plan</Link>}
      </div>

      <figure className={s.figure} aria-labelledby="ratings-title">
        <Subtitle2 as="h2" id="ratings-title">RAG ratings month by month</Subtitle2>
        <Body1 data-testid="ratings-alt">As at {ukDate(asOf)}, of {total} actions: {RAG.map((r) => `${latest[r.key]} ${r.label}`).join(", ")}.</Body1>
        {charted ? (
          <VerticalStackedBarChart data={monthBars} height={280} chartTitle="RAG ratings month by month" barWidth="auto" maxBarWidth={48} wrapXAxisLables onBarClick={() => navigate(planView({}) ?? "")} />
        ) : (
          <Body1>No actions to chart yet: the plan has none.</Body1>
        )}
        <table className={s.table} data-testid="ratings-table">
          <caption style={{ textAlign: "left" }}>Actions by RAG rating at the end of each month</caption>
          <thead><tr><th scope="col">Month end</th>{RAG.map((r) => <th key={r.key} scope="col">{r.label}</th>)}</tr></thead>
          <tbody>
            {data.ratingsByMonth.map((m, i) => (
              <tr key={m.month}>
                <th scope="row">{ukDate(m.asOf)}</th>
                {RAG.map((r) => <td key={r.key}>{i === data.ratingsByMonth.length - 1 ? linked(planView({ rating: [r.key] }), m.counts[r.key]) : m.counts[r.key]}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </figure>

      {(["subgroup", "lead"] as const).map((what) => {
        const rows = what === "lead" ? data.byLead : data.bySubgroup;
        return (
          <figure key={what} className={s.figure} aria-labelledby={`${what}-title`}>
            <Subtitle2 as="h2" id={`${what}-title`}>Overdue and due soon by {what}</Subtitle2>
            <Body1>{rows.length === 0 ? `Nothing is overdue or due in the next ${DUE_SOON_DAYS} days.` : `Most overdue: ${rows[0]!.name} (${rows[0]!.overdue} overdue, ${rows[0]!.dueSoon} due soon).`}</Body1>
            {rows.length > 0 && <HorizontalBarChartWithAxis data={dueBars(what, rows)} chartTitle={`Overdue and due soon by ${what}`} height={Math.min(rows.length, SHOWN_BARS) * 36 + 80} barHeight={20} showYAxisLables showYAxisLablesTooltip noOfCharsToTruncate={30} margins={{ left: 240 }} xAxisTickCount={Math.min(6, Math.max(...rows.map((r) => r.overdue + r.dueSoon)))} />}
            {rows.length > SHOWN_BARS && <Body1>The chart shows the first {SHOWN_BARS}; the table has all {rows.length}.</Body1>}
            {dueTable(what, rows)}
          </figure>
        );
      })}

      <figure className={s.figure} aria-labelledby="responses-title">
        <Subtitle2 as="h2" id="responses-title">Leads' answers to reminders</Subtitle2>
        <Body1>{data.responses.reminders === 0 ? "No reminders had been sent by this day." : `${data.responses.reminders} reminders: ${answered.map((a) => `${a.value} ${a.label.toLowerCase()}`).join(", ")}.`}</Body1>
        {data.responses.reminders > 0 && <DonutChart data={{ chartTitle: "Leads' answers to reminders", chartData: answered.map((a) => ({ legend: a.label, data: a.value, color: a.color })) }} innerRadius={55} height={220} hideLabels={false} />}
        <table className={s.table}>
          <caption style={{ textAlign: "left" }}>Reminders sent by {ukDate(asOf)}, by how the lead answered</caption>
          <tbody>{answered.map((a) => <tr key={a.label}><th scope="row">{a.label}</th><td>{a.value}</td></tr>)}</tbody>
        </table>
      </figure>

      <figure className={s.figure} aria-labelledby="timing-title">
        <Subtitle2 as="h2" id="timing-title">Deadlines and completion</Subtitle2>
        <table className={s.table}>
          <caption style={{ textAlign: "left" }}>Slipped deadlines and time to complete, as at {ukDate(asOf)}</caption>
          <tbody>
            <tr><th scope="row">Actions whose deadline the board moved</th><td>{data.slipped.actions} of {data.slipped.of}</td></tr>
            <tr><th scope="row">By how much (median, longest)</th><td>{data.slipped.medianDays === null ? "—" : `${data.slipped.medianDays} days, ${data.slipped.longestDays} days`}</td></tr>
            <tr><th scope="row">Actions completed</th><td>{data.completion.actions}</td></tr>
            <tr><th scope="row">Time from the plan's issue to completion (median)</th><td>{data.completion.medianDays === null ? "—" : `${data.completion.medianDays} days`}</td></tr>
          </tbody>
        </table>
      </figure>

      {data.impact && (
        <figure className={s.figure} aria-labelledby="impact-title">
          <Subtitle2 as="h2" id="impact-title">Impact of recommendations</Subtitle2>
          <table className={s.table}>
            <caption style={{ textAlign: "left" }}>Whether the changes made a difference, from the findings register, as at {ukDate(asOf)}</caption>
            <tbody>
              {IMPACT_ROWS.map(([key, words]) => <tr key={key}><th scope="row">{words}</th><td>{data.impact![key]}</td></tr>)}
            </tbody>
          </table>
        </figure>
      )}

      {!planId && (
        <figure className={s.figure} aria-labelledby="plans-title">
          <Subtitle2 as="h2" id="plans-title">By plan</Subtitle2>
          <table className={s.table}>
            <caption style={{ textAlign: "left" }}>Each plan's actions by RAG rating, as at {ukDate(asOf)}</caption>
            <thead><tr><th scope="col">Plan</th>{RAG.map((r) => <th key={r.key} scope="col">{r.label}</th>)}</tr></thead>
            <tbody>
              {data.plans.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{linked(`plans/${encodeURIComponent(p.id)}/dashboard?asOf=${asOf}`, p.title)}</th>
                  {RAG.map((r) => <td key={r.key}>{p.counts[r.key]}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      )}
    </div>
  );
}
