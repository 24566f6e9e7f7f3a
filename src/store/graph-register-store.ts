import { emptyRegister, type Register, type RegisterKind, type RegisterStore } from "../core/register.js";
import { listDefinition } from "./list-schema.js";
import type { Codec } from "./record-codecs.js";
import { REGISTER_CODECS } from "./register-codecs.js";
import { decode } from "./graph-store.js";
import { checkFits, type SiteLists } from "./site-lists.js";
import { StoreError } from "./store-error.js";

/** Re-reads and reapplies at most this often when others keep changing the same record. */
const MAX_CONFLICT_RETRIES = 10;

/**
 * The findings register on SharePoint lists through Graph. Read whole: a board has tens of
 * reviews and hundreds of findings, not the thousands of actions the plan store is tuned for.
 */
export class GraphRegisterStore implements RegisterStore {
  constructor(private readonly lists: SiteLists) {}

  async readRegister(): Promise<{ register: Register; problems: string[] }> {
    const problems: string[] = [];
    const register = emptyRegister();
    const kinds = Object.keys(REGISTER_CODECS) as RegisterKind[];
    const rows = await Promise.all(kinds.map((k) => this.lists.readItems(REGISTER_CODECS[k].list)));
    kinds.forEach((kind, i) => {
      const codec = REGISTER_CODECS[kind] as Codec<unknown>;
      for (const item of rows[i]!) {
        const parsed = decode(codec, item);
        if (parsed.ok) (register[kind] as unknown[]).push(parsed.value);
        else problems.push(parsed.problem);
      }
    });
    return { register, problems };
  }

  async addToRegister(records: Partial<Register>): Promise<void> {
    // Parents first, so a reader never meets a finding whose review is missing.
    const order: RegisterKind[] = ["themes", "reviews", "findings", "recommendationLinks", "impactReviews"];
    const batches = order.map((kind) => {
      const codec = REGISTER_CODECS[kind] as Codec<unknown>;
      const fields = ((records[kind] ?? []) as unknown[]).map((r) => codec.toFields(codec.schema.parse(r)));
      for (const f of fields) checkFits(codec.list, f); // every row checked before any is written
      return { list: codec.list, fields };
    });
    for (const { list, fields } of batches) if (fields.length > 0) await this.lists.createItems(list, fields);
  }

  async updateRegister<K extends RegisterKind>(kind: K, id: string, change: (current: Register[K][number]) => Register[K][number]): Promise<Register[K][number]> {
    const codec = REGISTER_CODECS[kind] as unknown as Codec<Register[K][number]>;
    for (let n = 1; ; n++) {
      const item = await this.lists.findByAssureId(codec.list, id);
      if (!item) throw new StoreError("not-found", `list ${listDefinition(codec.list).displayName}: ${id} does not exist`);
      const current = decode(codec, item);
      if (!current.ok) throw new StoreError("malformed-item", current.problem);
      const next = codec.schema.parse(change(current.value));
      const before = codec.toFields(current.value);
      const changed = Object.fromEntries(Object.entries(codec.toFields(next)).filter(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v)));
      if (Object.keys(changed).length === 0) return next;
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
