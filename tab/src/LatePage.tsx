import { Body1, Field, Input, Link, MessageBar, MessageBarBody, Spinner, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { ALL_BOARDS } from "../../src/core/board-scope.js";
import { planFilterQuery } from "../../src/core/plan-filter.js";
import type { LateLead } from "../../src/core/who-is-late.js";
import { Agencies } from "./Agencies";
import { api } from "./api";
import { ukDate } from "./format";

const useStyles = makeStyles({
  page: { padding: "16px", display: "grid", gap: "16px", maxWidth: "1100px" },
  // A wide table scrolls on its own on a phone, and can be scrolled by keyboard (it takes focus).
  scroller: { overflowX: "auto" },
  table: { borderCollapse: "collapse", width: "100%", "& th, & td": { textAlign: "left", verticalAlign: "top", padding: "6px 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  list: { margin: 0, paddingLeft: "18px" },
});

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/**
 * Who is late, by lead (an agency's role or group): the person to contact, when the lead last
 * answered on any of its actions and how long ago, the reminders unanswered since, and each late
 * action with how late it is, linked to it in its plan. Longest silence first. Below it, for one
 * board, each agency's figures and the board's challenge log (Agencies.tsx).
 */
export function LatePage({ board, asOf: askedAsOf, navigate }: { board: string; asOf: string | null; navigate: (to: string) => void }) {
  const [data, setData] = useState<{ asOf: string; leads: LateLead[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const s = useStyles();
  const query = new URLSearchParams({ board, ...(askedAsOf ? { asOf: askedAsOf } : {}) });
  useEffect(() => void api<{ asOf: string; leads: LateLead[] }>(`/api/who-is-late?${query}`).then(setData, (e: Error) => setError(e.message)), [board, askedAsOf]);
  if (error) return <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>;
  if (!data) return <Spinner label="Loading who is late…" />;
  const go = (to: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    navigate(to);
  };
  const actionLink = (planId: string, actionId: string) => `plans/${encodeURIComponent(planId)}?${planFilterQuery({ action: actionId })}`;
  const late = data.leads.reduce((n, l) => n + l.late.length, 0);
  return (
    <div className={s.page}>
      <Title2 as="h1">Who is late: {board === ALL_BOARDS ? "all boards" : board}</Title2>
      <Field label="As at">
        <Input type="date" value={data.asOf} onChange={(_, d) => d.value && navigate(`late?asOf=${d.value}`)} />
      </Field>
      <Body1>{data.leads.length === 0 ? `Nobody is late: no open action was past its deadline on ${ukDate(data.asOf)}.` : `On ${ukDate(data.asOf)}, ${late} open action${late === 1 ? " is" : "s are"} past ${late === 1 ? "its" : "their"} deadline, with ${data.leads.length} lead${data.leads.length === 1 ? "" : "s"}. The lead silent longest is first.`}</Body1>
      {data.leads.length > 0 && (
        <div className={s.scroller} tabIndex={0} role="region" aria-label="Leads with late actions">
          <table className={s.table}>
            <caption style={{ textAlign: "left" }}>Leads with actions past their deadline, as at {ukDate(data.asOf)}</caption>
            <thead>
              <tr><th scope="col">Lead</th><th scope="col">Contact</th><th scope="col">Last answered</th><th scope="col">Reminders unanswered</th><th scope="col">Late actions</th></tr>
            </thead>
            <tbody>
              {data.leads.map((l) => (
                <tr key={l.leadId ?? l.lead}>
                  <th scope="row">{l.lead}</th>
                  <td>
                    {l.contacts.length === 0 ? (
                      <>Not in the leads directory: nobody is reminded. Match it on the Leads directory page.</>
                    ) : (
                      <ul className={s.list}>
                        {l.contacts.map((c) => (
                          <li key={c.personId}>{c.name}, {c.jobTitle} (<Link href={`mailto:${c.email}`}>{c.email}</Link>)</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{l.lastAnswered === null ? "Never" : `${ukDate(l.lastAnswered)} (${l.daysSinceAnswer === 0 ? "today" : `${days(l.daysSinceAnswer!)} ago`})`}</td>
                  <td>{l.remindersUnanswered}</td>
                  <td>
                    <ul className={s.list}>
                      {l.late.map((a) => (
                        <li key={a.actionId}>
                          <Link href={`/tab/${actionLink(a.planId, a.actionId)}`} onClick={go(actionLink(a.planId, a.actionId))}>{a.ref}</Link> {a.text.length > 80 ? `${a.text.slice(0, 80)}…` : a.text}: {days(a.daysLate)} late (due {ukDate(a.deadline)}; {a.planTitle})
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {board === ALL_BOARDS ? <Body1>Choose a board to see its agencies' figures and its challenge log.</Body1> : <Agencies board={board} asOf={data.asOf} navigate={navigate} />}
    </div>
  );
}
