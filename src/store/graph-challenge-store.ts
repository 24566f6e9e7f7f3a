import type { ChallengeEntry, ChallengeStore } from "../core/challenge.js";
import { challengeCodec } from "./challenge-codec.js";
import { decode } from "./graph-store.js";
import type { SiteLists } from "./site-lists.js";

/**
 * The challenge log on its SharePoint list through Graph: read whole (a board asks tens of
 * questions a year, not thousands) and only ever appended to. A retried append finds its row
 * by AssureId and is not made twice.
 */
export class GraphChallengeStore implements ChallengeStore {
  constructor(private readonly lists: SiteLists) {}

  async readChallenges(): Promise<{ entries: ChallengeEntry[]; problems: string[] }> {
    const entries: ChallengeEntry[] = [];
    const problems: string[] = [];
    for (const item of await this.lists.readItems("challenges")) {
      const parsed = decode(challengeCodec, item);
      if (parsed.ok) entries.push(parsed.value);
      else problems.push(parsed.problem);
    }
    return { entries, problems };
  }

  async addChallengeEntry(entry: ChallengeEntry): Promise<"created" | "exists"> {
    return this.lists.createItem("challenges", challengeCodec.toFields(challengeCodec.schema.parse(entry)));
  }
}
