import { Body1, MessageBar, Spinner, Title2 } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { ActionDetail } from "./ActionDetail";
import { ActionRow } from "./ActionRow";
import { api } from "./api";
import type { Directory, Me, TabAction } from "./types";

type Mine = TabAction & { planTitle: string };

/** The personal tab: the actions the signed-in person leads, across every plan. */
export function MyActions({ me }: { me: Me | null }) {
  const [actions, setActions] = useState<Mine[] | null>(null);
  const [directory, setDirectory] = useState<Directory>({ leads: [], people: [], subgroups: [] });
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const load = useCallback(() => {
    api<{ actions: Mine[] }>("/api/my-actions").then((r) => setActions(r.actions), (e: Error) => setError(e.message));
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    const firstPlan = actions?.[0]?.planId;
    if (firstPlan) api<{ directory: Directory }>(`/api/plans/${encodeURIComponent(firstPlan)}/board`).then((b) => setDirectory(b.directory), () => undefined);
  }, [actions]);
  if (error) return <MessageBar intent="info" style={{ margin: 16 }}>{error}</MessageBar>;
  if (!actions) return <Spinner label="Loading your actions…" />;
  const open = actions.find((a) => a.id === openId);
  const plans = [...new Set(actions.map((a) => a.planTitle))];
  return (
    <div style={{ padding: "8px 0" }}>
      <Title2 as="h1" style={{ padding: "0 16px" }}>My actions</Title2>
      {actions.length === 0 && <Body1 as="p" style={{ padding: 16 }}>You lead no open actions in any plan{me?.name ? ` (signed in as ${me.name})` : ""}. When a board names you as a lead, your actions appear here.</Body1>}
      {plans.map((title) => (
        <section key={title} aria-label={title}>
          <h2 style={{ fontSize: 16, padding: "0 16px" }}>{title}</h2>
          {actions.filter((a) => a.planTitle === title).map((a) => <ActionRow key={a.id} action={a} onOpen={() => setOpenId(a.id)} />)}
        </section>
      ))}
      {open && <ActionDetail action={open} directory={directory} me={me} onClose={() => setOpenId(null)} onChanged={() => { setOpenId(null); load(); }} />}
    </div>
  );
}
