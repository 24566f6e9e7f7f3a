import { Badge, Body1, Button, Card, CardHeader, Link, MessageBar, Spinner, Subtitle1, Title2, Title3 } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { api } from "./api";
import { ALL_BOARDS, boardsNamed } from "../../src/core/board-scope.js";
import { planFilterQuery, type PlanFilter } from "../../src/core/plan-filter.js";
import { mayManageBoard } from "../../src/core/roles.js";
import { NewPlan } from "./NewPlan";
import { RATINGS, RATING_COLOUR, RATING_WORD } from "./format";
import type { Me, PlanSummary } from "./types";
import { DUE_SOON_DAYS } from "../../src/core/due-soon.js";

/**
 * The Plans page: the board shown's plans (every board's, each under its own heading, when "All
 * boards" is chosen), each with its actions by rating and how many are overdue or due soon, every
 * number a link to the plan view it counts.
 */
export function Home({ navigate, me, board }: { navigate: (to: string) => void; me: Me | null; board: string }) {
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  useEffect(() => {
    api<{ plans: PlanSummary[] }>("/api/plans").then((r) => setPlans(r.plans), (e: Error) => setError(e.message));
  }, [created]);
  const go = (to: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    navigate(to);
  };
  if (error) return <MessageBar intent="error">{error}</MessageBar>;
  if (!plans) return <Spinner label="Loading plans…" />;
  const boards = board === ALL_BOARDS ? boardsNamed(plans) : [board];
  const manages = me?.roles ? mayManageBoard(me.roles) : false;
  const planLink = (p: PlanSummary, filter: Partial<PlanFilter> = {}) => {
    const query = planFilterQuery(filter);
    return `plans/${encodeURIComponent(p.id)}${query ? `?${query}` : ""}`;
  };
  return (
    <div style={{ padding: 16, display: "grid", gap: 12, maxWidth: 900 }}>
      <div style={{ display: "flex", gap: 16, alignItems: "center", flexWrap: "wrap" }}>
        <Title2 as="h1">Plans</Title2>
        {me?.roles && manages && <NewPlan me={me} board={board} onCreated={setCreated} />}
        {manages && <Button onClick={() => navigate("import")}>Import a plan</Button>}
      </div>
      {created && (
        <MessageBar intent="success">
          Created “{created.title}” as a draft. <Link href={`/tab/plans/${encodeURIComponent(created.id)}`} onClick={go(`plans/${encodeURIComponent(created.id)}`)}>Open it</Link> to add its recommendations or priorities and actions.
        </MessageBar>
      )}
      {boards.length === 0 && <Body1>No plans yet.</Body1>}
      {boards.map((b) => {
        const ofBoard = plans.filter((p) => p.boards.includes(b));
        return (
          <section key={b} aria-label={b} style={{ display: "grid", gap: 8 }}>
            <Title3 as="h2">{b}</Title3>
            {ofBoard.length === 0 && <Body1>No plans for this board yet.</Body1>}
            {ofBoard.map((p) => (
              <Card key={p.id} data-plan-id={p.id}>
                <CardHeader
                  header={
                    <Subtitle1 as="h3">
                      <Link href={`/tab/${planLink(p)}`} onClick={go(planLink(p))}>{p.title}</Link>
                    </Subtitle1>
                  }
                  description={<Body1>{p.boards.join(", ")} · {p.actions} actions · {p.status}</Body1>}
                />
                <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }} aria-label={`${p.title}: where it stands`} role="group">
                  {RATINGS.filter((r) => p.counts.ratings[r] > 0).map((r) => (
                    <Link key={r} href={`/tab/${planLink(p, { rating: [r] })}`} onClick={go(planLink(p, { rating: [r] }))}>
                      <Badge appearance="tint" color={RATING_COLOUR[r]} shape="rounded" data-rating={r}>{p.counts.ratings[r]} {RATING_WORD[r]}</Badge>
                    </Link>
                  ))}
                  <Link href={`/tab/${planLink(p, { overdue: true })}`} onClick={go(planLink(p, { overdue: true }))} data-count="overdue">{p.counts.overdue} overdue</Link>
                  <Link href={`/tab/${planLink(p, { dueSoon: true })}`} onClick={go(planLink(p, { dueSoon: true }))} data-count="due-soon">{p.counts.dueSoon} due within {DUE_SOON_DAYS} days</Link>
                </div>
              </Card>
            ))}
          </section>
        );
      })}
    </div>
  );
}
