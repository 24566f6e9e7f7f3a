import { Body1, Card, CardHeader, Link, MessageBar, Spinner, Subtitle1, Title2 } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { api } from "./api";
import type { PlanSummary } from "./types";

export function Home({ navigate }: { navigate: (to: string) => void }) {
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ plans: PlanSummary[] }>("/api/plans").then((r) => setPlans(r.plans), (e: Error) => setError(e.message));
  }, []);
  if (error) return <MessageBar intent="error">{error}</MessageBar>;
  if (!plans) return <Spinner label="Loading plans…" />;
  return (
    <div style={{ padding: 16, display: "grid", gap: 12, maxWidth: 900 }}>
      <Title2 as="h1">Plans</Title2>
      {plans.map((p) => (
        <Card key={p.id}>
          <CardHeader
            header={
              <Subtitle1 as="h2">
                <Link href={`/tab/plans/${encodeURIComponent(p.id)}`} onClick={(e) => { e.preventDefault(); navigate(`plans/${encodeURIComponent(p.id)}`); }}>
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
