import { Body1, Field, Input, Link, MessageBar, MessageBarBody, Select, Spinner, Subtitle1, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { AgencyAccountability } from "../../src/core/agency-accountability.js";
import type { Challenge } from "../../src/core/challenge.js";
import { planFilterQuery } from "../../src/core/plan-filter.js";
import { api, fieldError } from "./api";
import { FormDialog } from "./FormDialog";
import { ukDate } from "./format";
import { FITS } from "./RatingBadge";

interface AgenciesAnswer extends AgencyAccountability {
  challenges: Challenge[] | null;
  mayWrite: boolean;
  today: string;
  agencyChoices: { leadId: string | null; name: string }[];
  actionChoices: { id: string; planId: string; label: string }[];
}

const useStyles = makeStyles({
  section: { display: "grid", gap: "12px" },
  scroller: { overflowX: "auto" },
  table: { borderCollapse: "collapse", width: "100%", "& th, & td": { textAlign: "left", verticalAlign: "top", padding: "6px 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  list: { margin: 0, paddingLeft: "18px" },
  said: { whiteSpace: "pre-wrap", margin: 0 },
});

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/**
 * Agency accountability for one board as at a day (src/core/agency-accountability.ts): per
 * agency its actions open, overdue and complete, how long it takes to answer a reminder, its
 * longest unanswered, and whom to contact; then the board's challenge log, where its managers
 * record a question to an agency and, later, the agency's answer with the day it came.
 */
export function Agencies({ board, asOf, navigate }: { board: string; asOf: string | null; navigate: (to: string) => void }) {
  const [data, setData] = useState<AgenciesAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(0);
  const s = useStyles();
  useEffect(() => void api<AgenciesAnswer>(`/api/agencies?${new URLSearchParams({ board, ...(asOf ? { asOf } : {}) })}`).then(setData, (e: Error) => setError(e.message)), [board, asOf, loaded]);
  const reload = () => setLoaded((n) => n + 1);
  if (error) return <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>;
  if (!data) return <Spinner label="Loading agencies…" />;
  const actionLink = (planId: string, actionId: string) => `plans/${encodeURIComponent(planId)}?${planFilterQuery({ action: actionId })}`;
  const go = (to: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    navigate(to);
  };
  return (
    <section className={s.section} aria-labelledby="agencies-heading">
      <Subtitle1 as="h2" id="agencies-heading">Agencies</Subtitle1>
      <Body1>Each agency's actions in {board}'s plans on {ukDate(data.asOf)}, how long it takes to answer a reminder (from the reminder to its next update on that action), and the reminder it has left unanswered longest. Most overdue first.</Body1>
      <div className={s.scroller} tabIndex={0} role="region" aria-label="Agencies' figures">
        <table className={s.table}>
          <caption style={{ textAlign: "left" }}>Actions and answers by agency, as at {ukDate(data.asOf)}</caption>
          <thead>
            <tr><th scope="col">Agency</th><th scope="col">Open</th><th scope="col">Overdue</th><th scope="col">Complete</th><th scope="col">Median days to answer</th><th scope="col">Longest unanswered</th><th scope="col">Challenges</th><th scope="col">Contact</th></tr>
          </thead>
          <tbody>
            {data.agencies.map((a) => (
              <tr key={a.key}>
                <th scope="row">{a.agency}</th>
                <td>{a.open}</td>
                <td>{a.overdue}</td>
                <td>{a.complete}{a.notImplemented > 0 ? ` (and ${a.notImplemented} not implemented)` : ""}</td>
                <td>{a.medianDaysToAnswer === null ? "No answers yet" : `${a.medianDaysToAnswer} (of ${a.answered})`}</td>
                <td>{a.longestUnanswered === null ? "None" : <><Link href={`/tab/${actionLink(a.longestUnanswered.planId, a.longestUnanswered.actionId)}`} onClick={go(actionLink(a.longestUnanswered.planId, a.longestUnanswered.actionId))}>{a.longestUnanswered.ref}</Link>: {days(a.longestUnanswered.days)} since {ukDate(a.longestUnanswered.remindedOn)}</>}</td>
                <td>{data.challenges === null ? "—" : `${a.challenges.asked} asked, ${a.challenges.awaiting} awaiting`}</td>
                <td>{a.contacts.length === 0 ? "Not in the leads directory" : <ul className={s.list}>{a.contacts.map((c) => <li key={c.personId}>{c.name} (<Link href={`mailto:${c.email}`}>{c.email}</Link>)</li>)}</ul>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ChallengeLog data={data} onSaved={reload} />
    </section>
  );
}

function ChallengeLog({ data, onSaved }: { data: AgenciesAnswer; onSaved: () => void }) {
  const s = useStyles();
  if (data.challenges === null) return <Body1>The board's challenge log (its questions to agencies and their answers) is for the board's managers and its subgroups' chairs.</Body1>;
  const log = data.challenges;
  return (
    <>
      <Subtitle1 as="h2">Challenge log</Subtitle1>
      {data.mayWrite && <AskForm data={data} onSaved={onSaved} />}
      {data.mayWrite && data.asOf < data.today && <Body1>This is the log as at {ukDate(data.asOf)}: what you record now is dated as you say, and shows in the log from today, the day it was recorded.</Body1>}
      {log.length === 0 ? (
        <Body1>No challenge to an agency was recorded by {ukDate(data.asOf)}.</Body1>
      ) : (
        <div className={s.scroller} tabIndex={0} role="region" aria-label="Challenge log">
          <table className={s.table}>
            <caption style={{ textAlign: "left" }}>The board's challenges to agencies, as at {ukDate(data.asOf)}: awaiting an answer first</caption>
            <thead>
              <tr><th scope="col">Agency</th><th scope="col">Asked</th><th scope="col">Question</th><th scope="col">Answer</th></tr>
            </thead>
            <tbody>
              {log.map((c) => (
                <tr key={c.question.id}>
                  <th scope="row">{c.question.agency.name}</th>
                  <td>{ukDate(c.question.on)}<br />by {c.question.recordedBy.name}</td>
                  <td><p className={s.said}>{c.question.text}</p>{c.question.demo && <em>Demo data</em>}</td>
                  <td>
                    {c.answers.map((a) => <p key={a.id} className={s.said}><strong>{ukDate(a.on)}:</strong> {a.text} <em>(recorded by {a.recordedBy.name})</em></p>)}
                    {!c.answered && <>Awaiting an answer: {days(c.daysWaiting)}</>}
                    {data.mayWrite && <AnswerForm challenge={c} today={data.today} onSaved={onSaved} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function AskForm({ data, onSaved }: { data: AgenciesAnswer; onSaved: () => void }) {
  const [agency, setAgency] = useState(data.agencyChoices[0]?.leadId ?? data.agencyChoices[0]?.name ?? "");
  const [question, setQuestion] = useState("");
  const [askedOn, setAskedOn] = useState(data.today);
  const [actionId, setActionId] = useState("");
  const chosen = data.agencyChoices.find((a) => (a.leadId ?? a.name) === agency);
  const send = () =>
    api("/api/challenges", {
      method: "POST",
      body: { board: data.board, ...(chosen?.leadId ? { agencyLeadId: chosen.leadId } : { agencyName: chosen?.name ?? agency }), question, askedOn, ...(actionId ? { actionId } : {}) },
    });
  return (
    <div>
      <FormDialog label="Ask an agency" title="Record a challenge to an agency" appearance="primary" send={send} onSaved={() => { setQuestion(""); onSaved(); }}>
        {(error) => (
          <>
            <Field label="Agency" required validationMessage={fieldError(error, "agencyLeadId", "agencyName")}>
              <Select value={agency} onChange={(_, d) => setAgency(d.value)} {...FITS}>
                {data.agencyChoices.map((a) => <option key={a.leadId ?? a.name} value={a.leadId ?? a.name}>{a.name}</option>)}
              </Select>
            </Field>
            <Field label="Question" required validationMessage={fieldError(error, "question")}>
              <Textarea value={question} onChange={(_, d) => setQuestion(d.value)} maxLength={4000} />
            </Field>
            <Field label="Day asked" required validationMessage={fieldError(error, "askedOn")}>
              <Input type="date" value={askedOn} max={data.today} onChange={(_, d) => setAskedOn(d.value)} />
            </Field>
            <Field label="About the action (optional)" validationMessage={fieldError(error, "actionId", "planId")}>
              <Select value={actionId} onChange={(_, d) => setActionId(d.value)} {...FITS}>
                <option value="">No particular action</option>
                {data.actionChoices.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
              </Select>
            </Field>
          </>
        )}
      </FormDialog>
    </div>
  );
}

function AnswerForm({ challenge, today, onSaved }: { challenge: Challenge; today: string; onSaved: () => void }) {
  const [answer, setAnswer] = useState("");
  const [answeredOn, setAnsweredOn] = useState(today);
  const send = () => api(`/api/challenges/${encodeURIComponent(challenge.question.id)}/answers`, { method: "POST", body: { answer, answeredOn } });
  return (
    <div>
      <FormDialog label={challenge.answered ? "Add to the answer" : "Record the answer"} name={`${challenge.answered ? "Add to the answer" : "Record the answer"} from ${challenge.question.agency.name} asked ${ukDate(challenge.question.on)}`} title={`${challenge.question.agency.name}'s answer`} appearance="subtle" send={send} onSaved={() => { setAnswer(""); onSaved(); }}>
        {(error) => (
          <>
            <Body1>Asked {ukDate(challenge.question.on)}: {challenge.question.text}</Body1>
            <Field label="Answer" required validationMessage={fieldError(error, "answer")}>
              <Textarea value={answer} onChange={(_, d) => setAnswer(d.value)} maxLength={4000} />
            </Field>
            <Field label="Day answered" required validationMessage={fieldError(error, "answeredOn")}>
              <Input type="date" value={answeredOn} min={challenge.question.on} max={today} onChange={(_, d) => setAnsweredOn(d.value)} />
            </Field>
          </>
        )}
      </FormDialog>
    </div>
  );
}
