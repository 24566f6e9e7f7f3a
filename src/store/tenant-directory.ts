import type { Client } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import { StoreError, toStoreError } from "./store-error.js";

/** A person in the tenant's Entra directory, as the people picker shows them. */
export const DirectoryUserSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().nullable(),
  jobTitle: z.string().nullable().optional(),
  mail: z.string().nullable().optional(),
  userPrincipalName: z.string().nullable().optional(),
  userType: z.string().nullable().optional(),
});
export type DirectoryUser = z.infer<typeof DirectoryUserSchema>;

const SELECT = "id,displayName,jobTitle,mail,userPrincipalName,userType";
const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The tenant's people through Graph (`/users`, application permission User.ReadBasic.All) and
 * group membership for administrators (`checkMemberGroups`, GroupMember.Read.All). Only what
 * the picker and the administrator check need; nothing is written.
 */
export class TenantDirectory {
  constructor(private readonly client: Client) {}

  /** People whose name or email starts with the text, at most `top`. */
  async search(text: string, top = 10): Promise<DirectoryUser[]> {
    const q = quoted(text.trim());
    const filter = `startswith(displayName,${q}) or startswith(mail,${q}) or startswith(userPrincipalName,${q})`;
    const page = (await this.call("search", () => this.client.api("/users").filter(filter).select(SELECT).top(top).get())) as { value: unknown[] };
    return page.value.flatMap((u) => {
      const parsed = DirectoryUserSchema.safeParse(u);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** One person by object id or user principal name; null if the tenant has nobody by it. */
  async user(idOrUpn: string): Promise<DirectoryUser | null> {
    // "." and ".." survive encodeURIComponent and would walk up Graph's path (/users/.. is /): no such person.
    if (/^\.{1,2}$/.test(idOrUpn.trim()) || idOrUpn.trim() === "") return null;
    try {
      return DirectoryUserSchema.parse(await this.call(`user ${idOrUpn}`, () => this.client.api(`/users/${encodeURIComponent(idOrUpn)}`).select(SELECT).get()));
    } catch (error: unknown) {
      if (error instanceof StoreError && error.storeCode === "not-found") return null;
      throw error;
    }
  }

  async isMemberOf(userId: string, groupId: string): Promise<boolean> {
    const answer = (await this.call(`user ${userId}, group check`, () =>
      this.client.api(`/users/${encodeURIComponent(userId)}/checkMemberGroups`).post({ groupIds: [groupId] }),
    )) as { value: string[] };
    return answer.value.includes(groupId);
  }

  private async call<T>(where: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error: unknown) {
      throw toStoreError(error, `tenant directory, ${where}`);
    }
  }
}
