import { z } from "zod";
import { SiteLists } from "./site-lists.js";

const PREFIX = "admin/";
const AdminRowSchema = z.object({ entraObjectId: z.string().min(1), displayName: z.string().min(1), addedAt: z.string().min(1) });
export type StoredAdmin = z.infer<typeof AdminRowSchema>;

/**
 * Administrators added with `assure admin add`, one row each in the site's Assure Settings list
 * (beside ASSURE_ADMINS, which needs a restart to change). Rows are read back through zod: a
 * row edited by hand into nonsense grants nothing.
 */
export class AdminRegistry {
  constructor(private readonly lists: SiteLists) {}

  async list(): Promise<StoredAdmin[]> {
    const rows = await this.lists.readItems("settings");
    return rows.flatMap((row) => {
      const id = String(row.fields.AssureId ?? "");
      if (!id.startsWith(PREFIX)) return [];
      let value: unknown;
      try {
        value = JSON.parse(String(row.fields.Value));
      } catch {
        return [];
      }
      const parsed = AdminRowSchema.safeParse(value);
      return parsed.success && parsed.data.entraObjectId === id.slice(PREFIX.length) ? [parsed.data] : [];
    });
  }

  /** Adds one; "exists" if they already were. */
  async add(admin: StoredAdmin): Promise<"created" | "exists"> {
    return this.lists.createItem("settings", { AssureId: `${PREFIX}${admin.entraObjectId}`, Title: admin.displayName.slice(0, 255), Value: JSON.stringify(admin) });
  }

  /** Removes one; false if they were not one. */
  async remove(entraObjectId: string): Promise<boolean> {
    const row = await this.lists.findByAssureId("settings", `${PREFIX}${entraObjectId}`);
    if (!row) return false;
    await this.lists.deleteItem("settings", row.itemId, row.etag);
    return true;
  }
}
