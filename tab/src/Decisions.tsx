import { Body1, Button, Card, Field, Link, MessageBar, Spinner, Textarea, Title2 } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { Decision } from "../../src/core/decision-queue.js";
import { api, fieldError } from "./api";
import { ukDate, ukDateTime } from "./format";
import { useSubmit } from "./useSubmit";
import type { Me } from "./types";

type Waiting = Decision & { version: string };

/**
 * "Decisions": what waits for the signed-in manager or chair, across every plan they decide
 * for — leads' requests for a new deadline, and completions to sign off — each decided here
 * with a reason, as the action's detail does one at a time.
 */
export function Decisions({ me, navigate }: { me: Me | null; navigate: (to: string) => void }) {
  const [waiting, setWaiting] = useState<Waiting[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(() => {
    api<{ decisions: Waiting[] }>("/api/decisions").then((r) => setWaiting(r.decisions), (e: Error) => setError(e.message));
  }, []);
  useEffect(load, [load]);
  if (error) return <MessageBar intent="error" style={{ margin: 16 }}>{error}</MessageBar>;
  if (!waiting) return <Spinner label="Loading what waits for you…" />;
  return (
    <div style={{ padding: 16, display: "grid", gap: 12, maxWidth: 760 }}>
      <Title2 as="h1">Decisions</Title2>
      {done && <MessageBar intent="success">{done}</MessageBar>}
      {waiting.length === 0 && (
        <Body1 as="p">Nothing waits for you{me?.name ? `, ${me.name}` : ""}. When a lead asks to move a deadline or marks an action complete on a plan you manage (or for a subgroup you chair), it appears here.</Body1>
      )}
      {waiting.map((d) => (
        <DecisionCard key={`${d.kind}:${d.request.id}`} decision={d} navigate={navigate} onDecided={(words) => { setDone(words); load(); }} />
      ))}
    </div>
  );
}

function DecisionCard({ decision, navigate, onDecided }: { decision: Waiting; navigate: (to: string) => void; onDecided: (words: string) => void }) {
  const { action, request } = decision;
  const [reason, setReason] = useState("");
  const [yes, setYes] = useState(true);
  const deadline = decision.kind === "deadline";
  const { submit, error, busy } = useSubmit(
    () =>
      deadline
        ? api(`/api/actions/${encodeURIComponent(action.id)}/deadline-requests/${encodeURIComponent(request.id)}`, { method: "POST", body: { approve: yes, reason }, ifMatch: decision.version })
        : api(`/api/actions/${encodeURIComponent(action.id)}`, { method: "PATCH", body: { status: { state: yes ? "closed" : "open" }, reason }, ifMatch: decision.version }),
    () => onDecided(`Action ${action.ref}: ${deadline ? (yes ? `new deadline ${ukDate(request.proposedDeadline!.date)} approved` : "new deadline declined; the deadline stands") : yes ? "signed off" : "returned to its lead"}.`),
  );
  const label = deadline ? `Deadline request for action ${action.ref}` : `Completion of action ${action.ref} to sign off`;
  return (
    <Card>
      <form aria-label={label} onSubmit={(e) => { e.preventDefault(); void submit(); }} style={{ display: "grid", gap: 8 }}>
        <h2 style={{ fontSize: 16, margin: 0 }}>
          <Link href={`/tab/plans/${encodeURIComponent(action.planId)}?action=${encodeURIComponent(action.id)}`} onClick={(e) => { e.preventDefault(); navigate(`plans/${encodeURIComponent(action.planId)}?action=${encodeURIComponent(action.id)}`); }}>
            {action.ref}
          </Link>{" "}
          · {decision.planTitle}
        </h2>
        <Body1>{action.text}</Body1>
        <MessageBar intent="warning">
          {deadline
            ? `${request.author.name} asks, ${ukDateTime(request.at)}, to move the deadline ${decision.deadline ? `from ${ukDate(decision.deadline)} ` : ""}to ${ukDate(request.proposedDeadline!.date)}: ${request.proposedDeadline!.reason}. The deadline stands until you decide.`
            : `${request.author.name} marked it complete, ${ukDateTime(request.at)}: ${request.text}. It shows as awaiting sign-off until you decide.`}
        </MessageBar>
        {request.recordedBy && <Body1>Recorded by {request.recordedBy.name}, from {request.recordedBy.source}.</Body1>}
        {!deadline && request.evidence.length > 0 && (
          <ul style={{ margin: 0 }}>{request.evidence.map((link, i) => <li key={link}><Link href={link} target="_blank" rel="noreferrer">Evidence {i + 1}</Link></li>)}</ul>
        )}
        {error && <MessageBar intent="error">{error.message}</MessageBar>}
        <Field label="Why (the action's history and the board paper show it)" required validationMessage={fieldError(error, "reason")}>
          <Textarea value={reason} onChange={(_, d) => setReason(d.value)} />
        </Field>
        <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
          <Button appearance="primary" type="submit" disabled={busy} onClick={() => setYes(true)}>{deadline ? "Approve the new deadline" : "Sign off"}</Button>
          <Button type="submit" disabled={busy} onClick={() => setYes(false)}>{deadline ? "Decline" : "Return to the lead"}</Button>
        </div>
      </form>
    </Card>
  );
}
