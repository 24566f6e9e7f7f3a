import type { Action } from "../core/action.js";
import { resolveLead, type Lead, type Person } from "../core/lead.js";
import type { SiteLists } from "./site-lists.js";

type Fields = Record<string, unknown>;
const COLLECTION = "Collection(Edm.String)";

/** Several people in a multi-person column, by their User Information List ids (Graph's `LookupId` form). */
export const peopleField = (name: string, ids: number[]): Fields => ({ [`${name}LookupId@odata.type`]: COLLECTION, [`${name}LookupId`]: ids.map(String) });

/**
 * The readable columns that point at other rows or at people: an action's plan and section
 * (lookups, by their SharePoint item ids) and its lead's people (a person column, by the site's
 * User Information List ids). Each look-up is read once per instance of this class.
 */
export class ReadableLinks {
  private itemIds = new Map<"plans" | "sections", Promise<Map<string, string>>>();
  private users: Promise<Map<string, number>> | null = null;

  constructor(
    private readonly lists: SiteLists,
    private readonly directory: { leads: readonly Lead[]; people: readonly Person[] },
  ) {}

  private ids(key: "plans" | "sections"): Promise<Map<string, string>> {
    let ids = this.itemIds.get(key);
    if (!ids) {
      ids = this.lists.readItems(key).then((items) => new Map(items.map((i) => [String(i.fields.AssureId), i.itemId])));
      this.itemIds.set(key, ids);
    }
    return ids;
  }

  /** The site user ids of the people who answer for a lead as written; none if it resolves to nobody or they have no site account. */
  async leadPeople(asWritten: string): Promise<number[]> {
    const lead = resolveLead(asWritten, this.directory.leads);
    if (!lead) return [];
    const users = await this.siteUsers();
    const ids = lead.members.flatMap((id) => {
      const person = this.directory.people.find((p) => p.id === id);
      const user = person ? users.get(person.email.toLowerCase()) : undefined;
      return user === undefined ? [] : [user];
    });
    return [...new Set(ids)];
  }

  async person(email: string): Promise<number | null> {
    return (await this.siteUsers()).get(email.toLowerCase()) ?? null;
  }

  private siteUsers(): Promise<Map<string, number>> {
    this.users ??= this.lists.readSiteUsers();
    return this.users;
  }

  /** An action's plan, section and lead's people, as fields to write. */
  async forAction(action: Action): Promise<Fields> {
    const [plans, sections, people] = await Promise.all([this.ids("plans"), this.ids("sections"), this.leadPeople(action.lead.asWritten)]);
    return {
      PlanLookupId: plans.get(action.planId) ?? null,
      SectionLookupId: sections.get(action.sectionId) ?? null,
      ...peopleField("LeadPeople", people),
    };
  }
}
