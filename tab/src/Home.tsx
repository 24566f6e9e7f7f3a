import { Body1, Button, Card, CardHeader, Link, MessageBar, Spinner, Subtitle1, Title2 } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { api } from "./api";
import { mayManageBoard } from "../../src/core/roles.js";
import { NewPlan } from "./NewPlan";
import type { Me, PlanSummary } from "./types";

export function Home({ navigate, me }: { navigate: (to: string) => void; me: Me | null }) {
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  useEffect(() => {
    api<{ plans: PlanSummary[] }>("/api/plans").then((r) => setPlans(r.plans), (e: Error) => setError(e.message));
  }, [created]);
  const open = (id: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    navigate(`plans/${encodeURIComponent(id)}`);
  };
  if (error) return <MessageBar intent="error">{error}</MessageBar>;
  if (!plans) return <Spinner label="Loading plans…" />;
  return (
    <div style={{ padding: 16, display: "grid", gap: 12, maxWidth: 900 }}>
      <div style={{ display: "flex", gap: 16, alignItems: "center" }}>
        <Title2 as="h1">Plans</Title2>
        {me?.roles && mayManageBoard(me.roles) && <NewPlan onCreated={setCreated} />}
        {me?.roles && mayManageBoard(me.roles) && <Button onClick={() => navigate("import")}>Import a plan</Button>}
      </div>
      {created && (
        <MessageBar intent="success">
          Created “{created.title}” as a draft. <Link href={`/tab/plans/${encodeURIComponent(created.id)}`} onClick={open(created.id)}>Open it</Link> to add its recommendations or priorities and actions.
        </MessageBar>
      )}
      {plans.map((p) => (
        <Card key={p.id}>
          <CardHeader
            header={
              <Subtitle1 as="h2">
                <Link href={`/tab/plans/${encodeURIComponent(p.id)}`} onClick={open(p.id)}>
                  {p.title}
                </Link>
              </Subtitle1>
            }
            description={<Body1>{p.boards.join(", ")} · {p.actions} actions · {p.status}</Body1>}
          />
        </Card>
      ))}
    </div>
  );
}
