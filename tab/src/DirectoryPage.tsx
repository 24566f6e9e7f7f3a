import { Body1, Caption1, Field, Input, MessageBar, Select, Spinner, Subtitle1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea, Title2, tokens } from "@fluentui/react-components";
import { bounceDay, emailUsable } from "../../src/core/email-bounce.js";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { boardsToCreateFor, mayManageBoard } from "../../src/core/roles.js";
import { ALL_BOARDS, ofBoards } from "../../src/core/board-scope.js";
import { BoardsField } from "./PlanFields";
import type { Lead, Person } from "../../src/core/lead.js";
import { PeoplePicker, type DirectoryMatch } from "./PeoplePicker";
import type { Subgroup } from "../../src/core/subgroup.js";
import { api, fieldError } from "./api";
import { Changes } from "./Changes";
import { CheckboxGroup } from "./CheckboxGroup";
import { FormDialog } from "./FormDialog";
import type { Me } from "./types";

type Versioned<T> = T & { version: string };
interface Directory {
  people: Versioned<Person>[];
  leads: Versioned<Lead>[];
  subgroups: Versioned<Subgroup>[];
}

/**
 * The leads directory, its people and the subgroups of the board shown (every board's, when "All
 * boards" is chosen): everyone reads; board managers change them. Forms offer only that board's
 * people and subgroups, and what is added joins that board.
 */
export function DirectoryPage({ me, board }: { me: Me | null; board: string }) {
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saves, setSaves] = useState(0);
  const load = useCallback(() => api<Directory>("/api/directory").then(setDirectory, (e: Error) => setError(e.message)), []);
  useEffect(() => void load(), [load]);
  if (error) return <MessageBar intent="error">{error}</MessageBar>;
  if (!directory) return <Spinner label="Loading the directory…" />;
  const manages = me?.roles ? mayManageBoard(me.roles) : false;
  const saved = () => {
    setSaves((n) => n + 1);
    void load();
  };
  const shown = board === ALL_BOARDS ? directory : { people: ofBoards(directory.people, [board]), leads: ofBoards(directory.leads, [board]), subgroups: ofBoards(directory.subgroups, [board]) };
  /** What a new record joins: the board shown (the server's default, the adder's own boards, for "All boards"). */
  const joins = board === ALL_BOARDS ? undefined : [board];
  const mayStart = me?.roles ? boardsToCreateFor(me.roles) : [];
  const name = (id: string | null) => (id === null ? "—" : (directory.people.find((p) => p.id === id)?.displayName ?? id));
  const group = (id: string) => directory.subgroups.find((g) => g.id === id)?.name ?? id;

  return (
    <div style={{ padding: 16, display: "grid", gap: 16, maxWidth: 1200 }}>
      <Title2 as="h1">Leads directory{board === ALL_BOARDS ? "" : `: ${board}`}</Title2>
      <Body1 as="p" style={{ margin: 0 }}>Each lead as plans write it, and who answers for it: reminders go to these people.{manages ? "" : " Board managers keep it up to date."}</Body1>

      <DirectoryTable title="Leads" columns={["Lead as written", "Who answers for it", "Reminders go to", "Subgroups"]} manages={manages} add={<LeadForm directory={shown} joins={joins} onSaved={saved} />}>
        {shown.leads.map((l) => (
          <TableRow key={l.id} data-lead-id={l.id}>
            <TableCell>{l.asWritten}</TableCell>
            <TableCell>{l.members.map(name).join(", ")}</TableCell>
            <TableCell>{l.remind === "chair" ? `the chair, ${name(l.chair)}` : "everyone who answers for it"}</TableCell>
            <TableCell>{l.subgroups.map(group).join(", ") || "—"}</TableCell>
            {manages && <TableCell><LeadForm directory={shown} lead={l} onSaved={saved} /></TableCell>}
          </TableRow>
        ))}
      </DirectoryTable>

      <DirectoryTable title="Subgroups" columns={["Subgroup", "Boards", "Chair", "Role"]} manages={manages} add={<SubgroupForm directory={shown} choices={mayStart} joins={joins} onSaved={saved} />}>
        {shown.subgroups.map((g) => (
          <TableRow key={g.id} data-subgroup-id={g.id}>
            <TableCell>{g.name}</TableCell>
            <TableCell>{g.boards.join(", ")}</TableCell>
            <TableCell>{name(g.chair)}</TableCell>
            <TableCell>{g.role}</TableCell>
            {manages && <TableCell><SubgroupForm directory={shown} choices={mayStart} subgroup={g} onSaved={saved} /></TableCell>}
          </TableRow>
        ))}
      </DirectoryTable>

      <DirectoryTable title="People" columns={["Name", "Job title", "Email", "Reached by"]} manages={manages} add={<PersonForm admin={me?.admin ?? false} joins={joins} onSaved={saved} />}>
        {shown.people.map((p) => (
          <TableRow key={p.id} data-person-id={p.id}>
            <TableCell>{p.displayName}</TableCell><TableCell>{p.jobTitle}</TableCell><TableCell>{p.email}</TableCell><TableCell>{CHANNELS[p.channel]}{manages && <BounceNote person={p} />}</TableCell>
            {manages && <TableCell><PersonForm person={p} admin={me?.admin ?? false} onSaved={saved} /></TableCell>}
          </TableRow>
        ))}
      </DirectoryTable>
      {manages && <Changes query="directory" refresh={saves} />}
    </div>
  );
}

/** One part of the directory: its heading, with the "add" button for board managers, and its table. */
function DirectoryTable({ title, columns, manages, add, children }: { title: string; columns: string[]; manages: boolean; add: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <div style={{ display: "flex", gap: 12, alignItems: "center" }}>
        <Subtitle1 as="h2">{title}</Subtitle1>
        {manages && add}
      </div>
      <Table size="small" aria-label={title}>
        <TableHeader>
          <TableRow>
            {columns.map((c) => <TableHeaderCell key={c}>{c}</TableHeaderCell>)}
            {manages && <TableHeaderCell>Change</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </section>
  );
}

function LeadForm({ directory, lead, joins, onSaved }: { directory: Directory; lead?: Versioned<Lead>; joins?: string[]; onSaved: () => void }) {
  const [asWritten, setAsWritten] = useState(lead?.asWritten ?? "");
  const [members, setMembers] = useState<string[]>(lead?.members ?? []);
  const [chair, setChair] = useState(lead?.chair ?? "");
  const [remind, setRemind] = useState<"chair" | "all">(lead?.remind ?? "all");
  const [subgroups, setSubgroups] = useState<string[]>(lead?.subgroups ?? []);
  const [kind, setKind] = useState<Lead["kind"]>(lead?.kind ?? "role");
  return (
    <FormDialog
      label={lead ? "Edit" : "Add lead"}
      name={lead ? `Edit ${lead.asWritten}` : undefined}
      title={lead ? `Who answers for “${lead.asWritten}”` : "Add a lead to the directory"}
      appearance={lead ? "subtle" : "secondary"}
      onSaved={onSaved}
      send={() => {
        const body = { kind, members, chair: chair || null, remind, subgroups };
        if (!lead) return api("/api/leads", { method: "POST", body: { asWritten, ...body, ...(joins ? { boards: joins } : {}) } });
        // An edit sends only what changed.
        const edit = Object.fromEntries(Object.entries(body).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(lead[k as keyof typeof body])));
        return api(`/api/leads/${encodeURIComponent(lead.id)}`, { method: "PATCH", body: edit, ifMatch: lead.version });
      }}
    >
      {(error) => (
        <>
          {!lead && <Field label="The lead exactly as plans write it" required validationMessage={fieldError(error, "asWritten")}><Input value={asWritten} onChange={(_, d) => setAsWritten(d.value)} /></Field>}
          <Field label="Kind">
            <Select value={kind} onChange={(_, d) => setKind(d.value as Lead["kind"])}>
              <option value="role">A role (one post holder)</option>
              <option value="group">A group (a subgroup or task-and-finish group)</option>
              <option value="several">Several people, each answerable</option>
            </Select>
          </Field>
          <CheckboxGroup legend="Who answers for it" error={fieldError(error, "members")} options={directory.people.map((p) => ({ id: p.id, label: p.displayName }))} chosen={members} onChange={setMembers} />
          <Field label="Chair" validationMessage={fieldError(error, "chair")}>
            <Select value={chair} onChange={(_, d) => setChair(d.value)}>
              <option value="">No chair</option>
              {directory.people.filter((p) => members.includes(p.id)).map((p) => <option key={p.id} value={p.id}>{p.displayName}</option>)}
            </Select>
          </Field>
          <Field label="Reminders go to" validationMessage={fieldError(error, "remind")}>
            <Select value={remind} onChange={(_, d) => setRemind(d.value as "chair" | "all")}>
              <option value="all">Everyone who answers for it</option>
              <option value="chair">The chair only</option>
            </Select>
          </Field>
          <CheckboxGroup legend="Subgroups it reports to" error={fieldError(error, "subgroups")} options={directory.subgroups.map((g) => ({ id: g.id, label: g.name }))} chosen={subgroups} onChange={setSubgroups} />
        </>
      )}
    </FormDialog>
  );
}

function SubgroupForm({ directory, subgroup, choices, joins, onSaved }: { directory: Directory; subgroup?: Versioned<Subgroup>; choices: string[]; joins?: string[]; onSaved: () => void }) {
  const [name, setName] = useState(subgroup?.name ?? "");
  const [boards, setBoards] = useState<string[]>(subgroup?.boards ?? joins ?? choices.slice(0, 1));
  const [role, setRole] = useState(subgroup?.role ?? "");
  const [chair, setChair] = useState(subgroup?.chair ?? "");
  return (
    <FormDialog
      label={subgroup ? "Edit" : "Add subgroup"}
      name={subgroup ? `Edit ${subgroup.name}` : undefined}
      title={subgroup ? `Edit ${subgroup.name}` : "Add a subgroup"}
      appearance={subgroup ? "subtle" : "secondary"}
      onSaved={onSaved}
      send={() => {
        const body = { name, boards, role, chair: chair || null };
        return subgroup ? api(`/api/subgroups/${encodeURIComponent(subgroup.id)}`, { method: "PATCH", body, ifMatch: subgroup.version }) : api("/api/subgroups", { method: "POST", body });
      }}
    >
      {(error) => (
        <>
          <Field label="Name" required validationMessage={fieldError(error, "name")}><Input value={name} onChange={(_, d) => setName(d.value)} /></Field>
          <BoardsField legend="Boards it serves" choices={[...new Set([...(subgroup?.boards ?? []), ...choices])]} chosen={boards} onChange={setBoards} error={fieldError(error, "boards")} />
          <Field label="Role" required validationMessage={fieldError(error, "role")}><Textarea value={role} onChange={(_, d) => setRole(d.value)} /></Field>
          <Field label="Chair (gets the weekly digest)" validationMessage={fieldError(error, "chair")}>
            <Select value={chair} onChange={(_, d) => setChair(d.value)}>
              <option value="">No chair</option>
              {directory.people.map((p) => <option key={p.id} value={p.id}>{p.displayName}</option>)}
            </Select>
          </Field>
        </>
      )}
    </FormDialog>
  );
}

/** A board manager's note that the person's email bounced: the day, and Exchange's words. */
function BounceNote({ person }: { person: Person }) {
  if (!person.emailBounce || emailUsable(person)) return null;
  return (
    <div data-email-bounced="">
      <Caption1 as="p" style={{ margin: 0, color: tokens.colorPaletteRedForeground1 }}>Email bounced on {bounceDay(person.emailBounce)}: Assure sends no more email until the address is changed</Caption1>
      <Caption1 as="p" style={{ margin: 0 }}>Exchange said: “{person.emailBounce.said}”</Caption1>
    </div>
  );
}

/** How Assure reaches a person, in words. */
const CHANNELS = { "teams-else-email": "Teams, else email", teams: "Teams only", email: "Email only", both: "Teams and email" } as const;

function ChannelField({ value, onChange, error }: { value: keyof typeof CHANNELS; onChange: (v: keyof typeof CHANNELS) => void; error: Parameters<typeof fieldError>[0] }) {
  return (
    <Field label="Reach them by" validationMessage={fieldError(error, "channel")} hint="People in other organisations cannot be reached in Teams: they get email">
      <Select value={value} onChange={(_, d) => onChange(d.value as keyof typeof CHANNELS)}>
        {Object.entries(CHANNELS).map(([v, label]) => <option key={v} value={v}>{label}</option>)}
      </Select>
    </Field>
  );
}

function PersonForm({ person, admin, joins, onSaved }: { person?: Versioned<Person>; admin: boolean; joins?: string[]; onSaved: () => void }) {
  const [fields, setFields] = useState({ displayName: person?.displayName ?? "", jobTitle: person?.jobTitle ?? "", email: person?.email ?? "" });
  const [channel, setChannel] = useState<keyof typeof CHANNELS>(person?.channel ?? "teams-else-email");
  const [picked, setPicked] = useState<DirectoryMatch | null>(null);
  const field = (key: keyof typeof fields, label: string, error: Parameters<typeof fieldError>[0], required = true) => (
    <Field label={label} required={required} validationMessage={fieldError(error, key)}>
      <Input value={fields[key]} onChange={(_, d) => setFields({ ...fields, [key]: d.value })} />
    </Field>
  );
  return (
    <FormDialog
      label={person ? "Edit" : "Add person"}
      name={person ? `Edit ${person.displayName}` : undefined}
      title={person ? `Edit ${person.displayName}` : "Add a person from your organisation's directory"}
      appearance={person ? "subtle" : "secondary"}
      onSaved={onSaved}
      send={() => {
        if (!person) {
          const extra = Object.fromEntries(Object.entries({ jobTitle: fields.jobTitle, email: fields.email }).filter(([, v]) => v.trim() !== ""));
          return api("/api/people", { method: "POST", body: { entraObjectId: picked?.entraObjectId ?? "", channel, ...extra, ...(joins ? { boards: joins } : {}) } });
        }
        const edit: Record<string, string> = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== person[k as keyof typeof fields]));
        if (picked) edit.entraObjectId = picked.entraObjectId;
        if (channel !== person.channel) edit.channel = channel;
        return api(`/api/people/${encodeURIComponent(person.id)}`, { method: "PATCH", body: edit, ifMatch: person.version });
      }}
    >
      {(error) =>
        person ? (
          <>
            {field("displayName", "Name", error)}
            {field("jobTitle", "Job title", error)}
            {field("email", "Email", error)}
            <ChannelField value={channel} onChange={setChannel} error={error} />
            {admin && <PeoplePicker label="Signs in as (administrators only: changes who this record is)" validationMessage={fieldError(error, "entraObjectId")} onPick={setPicked} />}
          </>
        ) : (
          <>
            <PeoplePicker label="Person" validationMessage={fieldError(error, "entraObjectId")} onPick={setPicked} />
            {field("jobTitle", "Job title, if the directory has none", error, false)}
            {field("email", "Email, if the directory has none", error, false)}
            <ChannelField value={channel} onChange={setChannel} error={error} />
          </>
        )
      }
    </FormDialog>
  );
}
