import type { Action } from "./action.js";
import type { ActionEvent } from "./action-event.js";
import type { Change } from "./change-log.js";
import type { Conversation } from "./conversation.js";
import type { Lead, Person } from "./lead.js";
import type { Plan, Section } from "./plan.js";
import type { LedgerEntry } from "./ledger.js";
import type { ProgressUpdate } from "./progress-update.js";
import type { ReplyLink } from "./reply-link.js";
import type { BoardRecords } from "./records.js";

/** What a read found: the records that are sound, and a description of each that was not. */
export interface RecordsRead {
  records: BoardRecords;
  /** e.g. "list Assure Actions, item 42: rating: Invalid option". Skipped, never fatal. */
  problems: string[];
  /** Names this state of the records (the same string means the same records), or null when the store cannot say. */
  version?: string | null;
}

/** One action with what answering about it needs: kept small, so a card submission is quick. */
export interface ActionContext {
  action: Action;
  plan: Plan;
  section: Section;
  /** The action's progress updates, oldest first. */
  updates: ProgressUpdate[];
  /** The action's events (managers' changes, decisions), oldest first. */
  events: ActionEvent[];
  /** The leads-directory entry the action's lead resolves to, if any. */
  lead: Lead | null;
  /** The person with this Entra object id, if the directory has one. */
  person: Person | null;
}

/**
 * What the core needs from storage, over plain data. The Graph store implements it against
 * SharePoint lists (or the local Graph emulator).
 */
export interface PlanStore {
  readRecords(): Promise<RecordsRead>;
  /** One action and its context, or null if there is no such action. */
  readActionContext(actionId: string, entraObjectId: string | undefined): Promise<ActionContext | null>;
  /** Writes records that are not yet stored; records already stored (same id) are left alone. */
  importRecords(records: Partial<BoardRecords>): Promise<void>;
  /** Appends progress updates; appending one that is already stored changes nothing. */
  appendProgressUpdates(updates: ProgressUpdate[]): Promise<void>;
  /** Appends action events; appending one that is already stored changes nothing. */
  appendActionEvents(events: ActionEvent[]): Promise<void>;
  /**
   * Applies `change` to the action as currently stored, without overwriting anyone else's
   * change: if the action changed meanwhile, it is re-read and `change` applied again.
   */
  updateAction(actionId: string, change: (current: Action) => Action): Promise<Action>;
  /** Like updateAction, for a plan, section, key deliverable, person, lead or subgroup. */
  updateRecord<K extends EditableKind>(kind: K, id: string, change: (current: BoardRecords[K][number]) => BoardRecords[K][number]): Promise<BoardRecords[K][number]>;
  /** Appends to the change log; an entry already stored (same id) is left alone. */
  recordChange(change: Change): Promise<void>;
  /** The change log about one plan, one record, or the directory (leads, people, subgroups), oldest first. */
  readChanges(about: ChangesAbout): Promise<Change[]>;
}

export type ChangesAbout = { planId: string } | { subjectId: string } | { directory: true } | { all: true };

export type EditableKind = "plans" | "sections" | "deliverables" | "people" | "leads" | "subgroups";

/** What reminder and digest delivery needs from storage: the ledger and conversation references. */
export interface DeliveryStore {
  readLedger(): Promise<LedgerEntry[]>;
  /** Creates the entry under its unique key; false if someone already holds that key. */
  claim(entry: LedgerEntry): Promise<boolean>;
  /** Changes an entry eTag-safely, like updateAction. */
  updateLedgerEntry(key: string, change: (current: LedgerEntry) => LedgerEntry): Promise<LedgerEntry>;
  readConversations(): Promise<Conversation[]>;
  /** Creates or replaces a person's conversation reference. */
  saveConversation(conversation: Conversation): Promise<void>;
  /** Stores a reply link (by its token's hash). */
  saveReplyLink(link: ReplyLink): Promise<void>;
  /** The reply link with this token hash, or null. */
  readReplyLink(id: string): Promise<ReplyLink | null>;
  /** Every reply link issued for an action (to anyone), to tell the newest from those it replaced. */
  readReplyLinks(actionId: string): Promise<ReplyLink[]>;
  /** Revokes the usable links for an action (for one person, or everyone); returns how many. */
  revokeReplyLinks(about: { actionId: string; personId?: string }, at: Date): Promise<number>;
}
