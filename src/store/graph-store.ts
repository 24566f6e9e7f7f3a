import type { Action } from "../core/action.js";
import { logEvent } from "../log.js";
import type { ProgressUpdate } from "../core/progress-update.js";
import type { ReplyLink } from "../core/reply-link.js";
import { findBrokenLinks, withBoards, type BoardRecords } from "../core/records.js";
import type { Conversation } from "../core/conversation.js";
import { settleLedger, type LedgerEntry } from "../core/ledger.js";
import { leadKey, resolveLead, sharesBoard } from "../core/lead.js";
import type { Change } from "../core/change-log.js";
import type { ActionContext, ChangesAbout, DeliveryStore, EditableKind, PlanStore, RecordsRead } from "../core/store.js";
import { listDefinition } from "./list-schema.js";
import type { ActionEvent } from "../core/action-event.js";
import {
  actionCodec,
  actionEventCodec,
  changeCodec,
  conversationCodec,
  ledgerCodec,
  progressUpdateCodec,
  replyLinkCodec,
  RECORD_CODECS,
  type Codec,
  type Fields,
} from "./record-codecs.js";
import type { ListMirror } from "./list-mirror.js";
import type { ListKey } from "./list-schema.js";
import { checkFits, type SiteLists, type StoredItem } from "./site-lists.js";
import { peopleField, ReadableLinks } from "./readable-links.js";
import { StoreError } from "./store-error.js";

/** Re-reads and reapplies at most this often when others keep changing the same action. */
const MAX_CONFLICT_RETRIES = 10;
/** Ledger rows whose id and eTag an instance keeps (a sweep's claims in flight are far fewer). */
const MAX_OWN_LEDGER_ROWS = 10_000;

/** The plan store on SharePoint lists through Microsoft Graph. */
export class GraphStore implements PlanStore, DeliveryStore {
  /**
   * Requests that arrive while a whole-board read is under way share it (the tab asks for
   * who-am-I and the plan at once). Only a read no write has finished during is shared, so
   * anyone who has just saved something reads it back.
   */
  private sharedRead: { writes: number; read: Promise<RecordsRead> } | null = null;
  private writesFinished = 0;

  constructor(
    private readonly lists: SiteLists,
    /** This instance's copy of the board's lists; without one, every board read reads every list. */
    private readonly mirror: ListMirror | null = null,
  ) {}

  readRecords(): Promise<RecordsRead> {
    if (this.sharedRead?.writes === this.writesFinished) return this.sharedRead.read;
    const shared = { writes: this.writesFinished, read: this.readAll() };
    this.sharedRead = shared;
    const done = () => {
      if (this.sharedRead === shared) this.sharedRead = null;
    };
    shared.read.then(done, done);
    return shared.read;
  }

  /** Runs a write and marks any read under way as too old to share, and the lists it wrote as to be synced before they are read. */
  private async writing<T>(write: Promise<T>, lists: readonly ListKey[]): Promise<T> {
    try {
      return await write;
    } finally {
      this.writesFinished++;
      for (const list of lists) this.mirror?.wrote(list);
    }
  }

  /** What each mirrored list's copy decoded to, by the copy's version: an unchanged copy is not decoded again. */
  private readonly decoded = new Map<ListKey, { version: number; rows: unknown[]; problems: string[] }>();

  private async decodedRows<T>(codec: Codec<T>, problems: string[], versions: number[]): Promise<T[]> {
    if (!this.mirror) {
      return (await this.lists.readItems(codec.list)).flatMap((item) => {
        const parsed = decode(codec, item);
        if (!parsed.ok) problems.push(parsed.problem);
        return parsed.ok ? [parsed.value] : [];
      });
    }
    const { version, items } = await this.mirror.copy(codec.list);
    versions.push(version);
    let cached = this.decoded.get(codec.list);
    if (cached?.version !== version) {
      const found: string[] = [];
      const rows = items.flatMap((item) => {
        const parsed = decode(codec, item);
        if (!parsed.ok) found.push(parsed.problem);
        return parsed.ok ? [parsed.value] : [];
      });
      cached = { version, rows, problems: found };
      this.decoded.set(codec.list, cached);
    }
    problems.push(...cached.problems);
    return [...(cached.rows as T[])]; // a copy: callers may add to what they were given
  }

  private async readAll(): Promise<RecordsRead> {
    const problems: string[] = [];
    const versions: number[] = [];
    const read = <T>(codec: Codec<T>): Promise<T[]> => this.decodedRows(codec, problems, versions);
    const c = RECORD_CODECS;
    const [plans, sections, deliverables, actions, progressUpdates, actionEvents, people, leads, subgroups] = await Promise.all([
      read(c.plans),
      read(c.sections),
      read(c.deliverables),
      read(c.actions),
      read(c.progressUpdates),
      read(c.actionEvents),
      read(c.people),
      read(c.leads),
      read(c.subgroups),
    ]);
    // Leads and people stored before they carried their boards take them from the plans that use them.
    const records: BoardRecords = withBoards({ plans, sections, deliverables, actions, progressUpdates, actionEvents, people, leads, subgroups });
    const version = this.mirror ? [...versions].sort((a, b) => a - b).join(".") : null;
    // The records' checks run when the records change, not on every read (a board meeting reads them 50 times).
    if (version === null || this.checked?.version !== version) {
      problems.push(...findBrokenLinks(records));
      for (const problem of problems) logEvent("warn", "store-row-skipped", { problem });
      if (version !== null) this.checked = { version, problems: [...problems] };
      return { records, problems, version };
    }
    return { records, problems: [...this.checked.problems], version };
  }

  /** The problems found in the records at this version of the mirror's copies. */
  private checked: { version: string; problems: string[] } | null = null;

  async readActionContext(actionId: string, entraObjectId: string | undefined): Promise<ActionContext | null> {
    const one = async <T>(codec: Codec<T>, filter: string): Promise<T | null> => {
      const [item] = await this.lists.readItems(codec.list, { filter });
      if (!item) return null;
      const parsed = decode(codec, item);
      if (!parsed.ok) throw new StoreError("malformed-item", parsed.problem);
      return parsed.value;
    };
    const action = await one(actionCodec, `fields/AssureId eq ${quoted(actionId)}`);
    if (!action) return null;
    const c = RECORD_CODECS;
    const [plan, section, updates, events, directLead, person] = await Promise.all([
      one(c.plans, `fields/AssureId eq ${quoted(action.planId)}`),
      one(c.sections, `fields/AssureId eq ${quoted(action.sectionId)}`),
      this.lists.readItems("progressUpdates", { filter: `fields/ActionId eq ${quoted(action.id)}` }),
      this.lists.readItems("actionEvents", { filter: `fields/ActionId eq ${quoted(action.id)}` }),
      action.lead.leadId ? one(c.leads, `fields/AssureId eq ${quoted(action.lead.leadId)}`) : Promise.resolve(null),
      entraObjectId ? one(c.people, `fields/EntraObjectId eq ${quoted(entraObjectId)}`) : Promise.resolve(null),
    ]);
    if (!plan || !section) throw new StoreError("malformed-item", `action ${action.id}: its plan or section is missing`);
    // The recorded lead id is a shortcut; the lead as written, in the plan's boards' directory, decides, as everywhere else.
    const lead =
      directLead && leadKey(directLead.asWritten) === leadKey(action.lead.asWritten) && sharesBoard(directLead.boards, plan.boards)
        ? directLead
        : resolveLead(action.lead.asWritten, (await this.readRecords()).records.leads, plan.boards);
    return {
      action,
      plan,
      section,
      updates: updates.flatMap((item) => {
        const parsed = decode(progressUpdateCodec, item);
        return parsed.ok ? [parsed.value] : [];
      }).sort((a, b) => a.at.localeCompare(b.at)),
      events: events.flatMap((item) => {
        const parsed = decode(actionEventCodec, item);
        return parsed.ok ? [parsed.value] : [];
      }).sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
      lead,
      person,
    };
  }

  importRecords(records: Partial<BoardRecords>): Promise<void> {
    return this.writing(this.importAll(records), Object.values(RECORD_CODECS).map((c) => c.list));
  }

  private async importAll(records: Partial<BoardRecords>): Promise<void> {
    const c = RECORD_CODECS;
    const encode = <T>(codec: Codec<T>, rows: T[] = []) => {
      const fields = rows.map(codec.toFields);
      for (const f of fields) checkFits(codec.list, f); // every row checked before any is written
      return { list: codec.list, fields };
    };
    // Parents before children, so a reader never meets an action whose plan is missing.
    const batches = [
      encode(c.people, records.people),
      encode(c.subgroups, records.subgroups),
      encode(c.leads, records.leads),
      encode(c.plans, records.plans),
      encode(c.sections, records.sections),
      encode(c.deliverables, records.deliverables),
      encode(c.actions, records.actions),
      encode(c.progressUpdates, records.progressUpdates),
      encode(c.actionEvents, records.actionEvents),
    ];
    for (const { list, fields } of batches) {
      if (fields.length === 0) continue;
      // An action's plan, section and lead's people, now its plan and section rows exist.
      const rows = list === "actions" ? await this.withLinks(records, fields) : fields;
      await this.lists.createItems(list, rows);
    }
  }

  private async withLinks(records: Partial<BoardRecords>, rows: Fields[]): Promise<Fields[]> {
    const [leads, people] = await Promise.all([records.leads ?? this.readValid(RECORD_CODECS.leads), records.people ?? this.readValid(RECORD_CODECS.people)]);
    const links = new ReadableLinks(this.lists, { leads, people });
    const texts = new Map((records.progressUpdates ?? []).map((u) => [u.id, u.text]));
    return Promise.all(
      (records.actions ?? []).map(async (action, i) => ({
        ...rows[i],
        ...(await links.forAction(action)),
        LatestUpdateText: action.latestUpdate ? (texts.get(action.latestUpdate.id) ?? null) : null,
      })),
    );
  }

  /** The text of updates this instance appended, for the action's "Latest update" column in the PATCH that follows. */
  private readonly appendedTexts = new Map<string, string>();

  async appendProgressUpdates(updates: ProgressUpdate[]): Promise<void> {
    for (const u of updates.slice(-50)) this.appendedTexts.set(u.id, u.text);
    while (this.appendedTexts.size > 200) this.appendedTexts.delete(this.appendedTexts.keys().next().value!);
    await this.writing(this.lists.createItems("progressUpdates", updates.map(progressUpdateCodec.toFields)), ["progressUpdates"]);
  }

  async appendActionEvents(events: ActionEvent[]): Promise<void> {
    for (const e of events) checkFits("actionEvents", actionEventCodec.toFields(e));
    await this.writing(this.lists.createItems("actionEvents", events.map(actionEventCodec.toFields)), ["actionEvents"]);
  }

  updateAction(actionId: string, change: (current: Action) => Action): Promise<Action> {
    return this.writing(this.updateRow(actionCodec, actionId, change, (before, after) => this.actionReadable(before, after)), ["actions"]);
  }

  /**
   * The readable columns of an action that its record alone cannot give, in the same PATCH: the
   * latest update's words; and, when the lead or section changes, their people and section
   * cleared (never stale) until `assure provision` looks them up again.
   */
  private actionReadable(before: Action, after: Action): Fields {
    const text = after.latestUpdate && after.latestUpdate.id !== before.latestUpdate?.id ? this.appendedTexts.get(after.latestUpdate.id) : undefined;
    return {
      ...(text !== undefined ? { LatestUpdateText: text } : {}),
      ...(after.lead.asWritten !== before.lead.asWritten ? peopleField("LeadPeople", []) : {}),
      ...(after.sectionId !== before.sectionId ? { SectionLookupId: null } : {}),
    };
  }

  updateRecord<K extends EditableKind>(kind: K, id: string, change: (current: BoardRecords[K][number]) => BoardRecords[K][number]): Promise<BoardRecords[K][number]> {
    const codec = RECORD_CODECS[kind] as unknown as Codec<BoardRecords[K][number]>;
    return this.writing(this.updateRow(codec, id, change), [codec.list]);
  }

  async recordChange(change: Change): Promise<void> {
    await this.writing(this.lists.createItem("changes", changeCodec.toFields(change)), ["changes"]);
  }

  async readChanges(about: ChangesAbout): Promise<Change[]> {
    // From the mirror where there is one: a person reading an action's history again and again
    // then costs a delta read per poll, not a filtered read each time.
    if (this.mirror) {
      const { items } = await this.mirror.copy("changes");
      return items
        .flatMap((item) => {
          const parsed = decode(changeCodec, item);
          if (!parsed.ok) logEvent("warn", "store-row-skipped", { problem: parsed.problem });
          return parsed.ok && isAbout(parsed.value, about) ? [parsed.value] : [];
        })
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    }
    const filter =
      "all" in about
        ? null
        : "planId" in about
        ? `fields/PlanId eq ${quoted(about.planId)}`
        : "subjectId" in about
          ? `fields/SubjectId eq ${quoted(about.subjectId)}`
          : (["lead", "person", "subgroup"] as const).map((k) => `fields/SubjectKind eq '${k}'`).join(" or ");
    const items = await this.lists.readItems("changes", filter ? { filter } : {});
    return items
      .flatMap((item) => {
        const parsed = decode(changeCodec, item);
        if (!parsed.ok) logEvent("warn", "store-row-skipped", { problem: parsed.problem });
        return parsed.ok ? [parsed.value] : [];
      })
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  async readLedger(): Promise<LedgerEntry[]> {
    return settleLedger(await this.readValid(ledgerCodec));
  }

  /**
   * Ledger rows this instance created or last changed, with their id and eTag: the sweep's next
   * change to its own claim is one PATCH (2 resource units), not a look-up and a PATCH.
   */
  private readonly ownLedgerRows = new Map<string, { itemId: string; etag: string; entry: LedgerEntry }>();

  async claim(entry: LedgerEntry): Promise<boolean> {
    const created = await this.writing(this.lists.createRow("ledger", ledgerCodec.toFields(entry)), ["ledger"]);
    if (created === "exists") return false;
    if (created.itemId && created.etag) this.remember(entry.key, { itemId: created.itemId, etag: created.etag, entry });
    return true;
  }

  updateLedgerEntry(key: string, change: (current: LedgerEntry) => LedgerEntry): Promise<LedgerEntry> {
    return this.writing(this.updateOwnLedgerRow(key, change), ["ledger"]);
  }

  private async updateOwnLedgerRow(key: string, change: (current: LedgerEntry) => LedgerEntry): Promise<LedgerEntry> {
    const own = this.ownLedgerRows.get(key);
    this.ownLedgerRows.delete(key);
    if (own) {
      const next = change(own.entry);
      const changed = changedFields(ledgerCodec.toFields(own.entry), ledgerCodec.toFields(next));
      if (Object.keys(changed).length === 0) return next;
      try {
        const etag = await this.lists.patchFields("ledger", own.itemId, changed, own.etag);
        if (etag && next.status === "claimed") this.remember(key, { itemId: own.itemId, etag, entry: next });
        return next;
      } catch (error: unknown) {
        // Changed by someone else since (another instance's reclaim): read it and reapply.
        if (!(error instanceof StoreError && error.storeCode === "precondition")) throw error;
      }
    }
    return this.updateRow(ledgerCodec, key, change);
  }

  private remember(key: string, row: { itemId: string; etag: string; entry: LedgerEntry }): void {
    // Bounded: a claim is changed at most a few times, soon after it is made.
    if (this.ownLedgerRows.size >= MAX_OWN_LEDGER_ROWS) this.ownLedgerRows.delete(this.ownLedgerRows.keys().next().value!);
    this.ownLedgerRows.set(key, row);
  }

  async readConversations(): Promise<Conversation[]> {
    return this.readValid(conversationCodec);
  }

  async saveConversation(conversation: Conversation): Promise<void> {
    await this.writing(
      (async () => {
        const created = await this.lists.createItem("conversations", conversationCodec.toFields(conversation));
        if (created === "exists") await this.updateRow(conversationCodec, conversation.entraObjectId, () => conversation);
      })(),
      ["conversations"],
    );
  }

  async saveReplyLink(link: ReplyLink): Promise<void> {
    await this.lists.createItem("replyLinks", replyLinkCodec.toFields(link));
  }

  async readReplyLink(id: string): Promise<ReplyLink | null> {
    const item = await this.lists.findByAssureId("replyLinks", id);
    if (!item) return null;
    const parsed = decode(replyLinkCodec, item);
    return parsed.ok ? parsed.value : null;
  }

  async readReplyLinks(actionId: string): Promise<ReplyLink[]> {
    const items = await this.lists.readItems("replyLinks", { filter: `fields/ActionId eq ${quoted(actionId)}` });
    return items.flatMap((item) => {
      const parsed = decode(replyLinkCodec, item);
      return parsed.ok ? [parsed.value] : [];
    });
  }

  async revokeReplyLinks(about: { actionId: string; personId?: string }, at: Date): Promise<number> {
    const links = (await this.readReplyLinks(about.actionId)).filter((l) => l.revokedAt === null && (about.personId === undefined || l.personId === about.personId));
    for (const link of links) await this.updateRow(replyLinkCodec, link.id, (current) => (current.revokedAt ? current : { ...current, revokedAt: at.toISOString() }));
    return links.length;
  }

  /** Rows of one list that pass their schema; the others are reported and skipped. */
  private async readValid<T>(codec: Codec<T>): Promise<T[]> {
    const problems: string[] = [];
    const rows = await this.decodedRows(codec, problems, []);
    for (const problem of problems) logEvent("warn", "store-row-skipped", { problem });
    return rows;
  }

  /**
   * Applies `change` to the row as stored, PATCHing only what changed with If-Match; if the row
   * changed meanwhile (412), reads it again and reapplies, so no one's change is overwritten.
   */
  /**
   * Changes to one row from this instance go one after another: forty updates to one action at
   * once would otherwise each read the same eTag, and most would use up their retries on 412s
   * (the attack review saw 500s). Other instances still meet the eTag and retry.
   */
  private readonly rowQueues = new Map<string, Promise<unknown>>();

  private updateRow<T>(codec: Codec<T>, assureId: string, change: (current: T) => T, extra?: (before: T, after: T) => Fields): Promise<T> {
    const key = `${codec.list}|${assureId}`;
    const previous = this.rowQueues.get(key) ?? Promise.resolve();
    const mine = previous.then(
      () => this.updateRowNow(codec, assureId, change, extra),
      () => this.updateRowNow(codec, assureId, change, extra),
    );
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.rowQueues.set(key, settled);
    void settled.then(() => {
      if (this.rowQueues.get(key) === settled) this.rowQueues.delete(key);
    });
    return mine;
  }

  private async updateRowNow<T>(codec: Codec<T>, assureId: string, change: (current: T) => T, extra?: (before: T, after: T) => Fields): Promise<T> {
    for (let n = 1; ; n++) {
      const item = await this.lists.findByAssureId(codec.list, assureId);
      if (!item) throw new StoreError("not-found", `list ${listDefinition(codec.list).displayName}: ${assureId} does not exist`);
      const current = decode(codec, item);
      if (!current.ok) throw new StoreError("malformed-item", current.problem);
      const next = change(current.value);
      const changed = changedFields(codec.toFields(current.value), codec.toFields(next));
      if (Object.keys(changed).length === 0) return next;
      Object.assign(changed, extra?.(current.value, next)); // only with a write that happens anyway
      try {
        await this.lists.patchFields(codec.list, item.itemId, changed, item.etag);
        return next;
      } catch (error: unknown) {
        if (!(error instanceof StoreError && error.storeCode === "precondition") || n >= MAX_CONFLICT_RETRIES) throw error;
        // Someone else changed the row since we read it: read it again and reapply ours.
      }
    }
  }
}

/** The same choice as the OData filters in readChanges, on a change already read. */
function isAbout(change: Change, about: ChangesAbout): boolean {
  if ("all" in about) return true;
  if ("planId" in about) return change.planId === about.planId;
  if ("subjectId" in about) return change.subject.id === about.subjectId;
  return change.subject.kind === "lead" || change.subject.kind === "person" || change.subject.kind === "subgroup";
}

/** A text value in an OData filter: quoted, with its own quotes doubled. */
const quoted = (value: string) => `'${value.replace(/'/g, "''")}'`;

export function decode<T>(codec: Codec<T>, item: StoredItem): { ok: true; value: T } | { ok: false; problem: string } {
  const parsed = codec.schema.safeParse(codec.fromFields(item.fields));
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  return {
    ok: false,
    problem: `list ${listDefinition(codec.list).displayName}, item ${item.itemId} (${String(item.fields.AssureId ?? "no AssureId")}): ${issue.path.join(".") || "item"}: ${issue.message}`,
  };
}

function changedFields(before: Fields, after: Fields): Fields {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v)));
}
