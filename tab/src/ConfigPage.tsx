import { Field, MessageBar, Select, Title2 } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { api } from "./api";
import { configurePlanTab } from "./teams";
import type { PlanSummary } from "./types";

/** The channel tab's configuration page: which plan this channel's tab shows. */
export function ConfigPage() {
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ plans: PlanSummary[] }>("/api/plans").then((r) => setPlans(r.plans), (e: Error) => setError(e.message));
    configurePlanTab(null);
  }, []);
  return (
    <div style={{ padding: 16, display: "grid", gap: 12, maxWidth: 600 }}>
      <Title2 as="h1">Show a plan in this channel</Title2>
      {error && <MessageBar intent="error">{error}</MessageBar>}
      <Field label="Plan">
        <Select defaultValue="" onChange={(_, d) => configurePlanTab(plans.find((p) => p.id === d.value) ?? null)}>
          <option value="">Choose a plan…</option>
          {plans.map((p) => (
            <option key={p.id} value={p.id}>{p.title}</option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
