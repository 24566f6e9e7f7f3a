import type { Client } from "@microsoft/microsoft-graph-client";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { UNIQUE_REFUSAL_MESSAGE } from "../store/store-error.js";

/**
 * `assure doctor --deep`: proves, against the real site, what the store assumes about
 * SharePoint (docs/store.md, "Fidelity"). It makes a scratch list, tries each behaviour,
 * reports what the tenant answered beside what Assure expects, and removes the list.
 */
export interface DeepCheck {
  name: string;
  expected: string;
  answered: string;
  ok: boolean;
}

interface Answer {
  status: number;
  code: string;
  message: string;
}

async function answerOf(call: () => Promise<unknown>): Promise<Answer> {
  try {
    await call();
    return { status: 200, code: "", message: "" };
  } catch (e: unknown) {
    if (e instanceof GraphError) return { status: e.statusCode, code: e.code ?? "", message: e.message };
    throw e;
  }
}
const said = (a: Answer) => (a.status < 300 ? `${a.status} (accepted)` : `${a.status} ${a.code} "${a.message.slice(0, 90)}"`);

export async function deepChecks(client: Client, siteId: string, now: Date): Promise<DeepCheck[]> {
  const name = `Assure doctor ${now.toISOString().replace(/[^0-9]/g, "").slice(0, 14)}`;
  const list = (await client.api(`/sites/${siteId}/lists`).post({
    displayName: name,
    description: "Made by assure doctor --deep; removed when it finishes.",
    list: { template: "genericList" },
    columns: [
      { name: "Key", text: {}, indexed: true, enforceUniqueValues: true },
      { name: "Short", text: {} },
    ],
  })) as { id: string };
  const items = `/sites/${siteId}/lists/${list.id}/items`;
  const checks: DeepCheck[] = [];
  try {
    await client.api(items).post({ fields: { Title: "first", Key: "k-1" } });
    const duplicate = await answerOf(() => client.api(items).post({ fields: { Title: "again", Key: "k-1" } }));
    checks.push({
      name: "a duplicate in a unique column",
      expected: `400 invalidRequest "${UNIQUE_REFUSAL_MESSAGE}."`,
      answered: said(duplicate),
      ok: duplicate.status === 400 && duplicate.message.includes(UNIQUE_REFUSAL_MESSAGE),
    });

    const created = (await client.api(items).post({ fields: { Title: "etag", Key: "k-2" } })) as { id: string; eTag?: string; "@odata.etag"?: string };
    const firstTag = created.eTag ?? created["@odata.etag"] ?? "";
    await client.api(`${items}/${created.id}/fields`).header("If-Match", firstTag).patch({ Short: "changed" });
    const stale = await answerOf(() => client.api(`${items}/${created.id}/fields`).header("If-Match", firstTag).patch({ Short: "stale" }));
    checks.push({ name: "an edit with a stale eTag", expected: "412 (the item changed)", answered: said(stale), ok: stale.status === 412 });

    const long = await answerOf(() => client.api(items).post({ fields: { Title: "long", Key: "k-3", Short: "x".repeat(256) } }));
    checks.push({ name: "256 characters in a single-line column", expected: "400 (at most 255)", answered: said(long), ok: long.status === 400 });

    // A delta round (listitem-delta.md): enumerate to a deltaLink, change an item, and read only the change from it.
    // graph-client builds URLs from a path below the version; Graph's links are absolute.
    const below = (link: string | undefined) => link?.replace(/^https?:\/\/[^/]+\/v1\.0/, "");
    let next: string | undefined = `${items}/delta`;
    let deltaLink = "";
    for (let pages = 0; next && pages < 50; pages++) {
      const page = (await client.api(next).get()) as { "@odata.nextLink"?: string; "@odata.deltaLink"?: string };
      next = below(page["@odata.nextLink"]);
      deltaLink = below(page["@odata.deltaLink"]) ?? deltaLink;
    }
    const changed = (await client.api(items).post({ fields: { Title: "delta", Key: "k-7" } })) as { id: string };
    const round = deltaLink ? ((await client.api(deltaLink).get()) as { value: { id: string }[] }).value.map((v) => v.id) : [];
    checks.push({
      name: "a delta round",
      expected: "an enumeration ending in a deltaLink, then from it only the item changed since",
      answered: deltaLink ? `deltaLink given; the next round answered ${round.length} item(s)${round.includes(changed.id) ? ", the changed one among them" : ", not the changed one"}` : "no deltaLink",
      ok: deltaLink !== "" && round.includes(changed.id),
    });

    const requests = ["k-4", "k-5", "k-6"].map((key, i) => ({ id: String(i + 1), method: "POST", url: items, headers: { "Content-Type": "application/json" }, body: { fields: { Title: key, Key: key } } }));
    const batch = (await client.api("/$batch").post({ requests })) as { responses: { id: string; status: number; headers?: Record<string, string> }[] };
    const throttled = batch.responses.filter((r) => r.status === 429);
    const retryAfter = throttled.map((r) => r.headers?.["Retry-After"] ?? r.headers?.["retry-after"]);
    const all = batch.responses.every((r) => requests.some((q) => q.id === r.id)) && batch.responses.length === requests.length;
    checks.push({
      name: "a $batch of three creates",
      expected: "every answer matched to its request by id; a throttled item (429) carries Retry-After and is retried alone",
      answered: `${batch.responses.map((r) => `${r.id}:${r.status}`).join(" ")}${throttled.length ? `; ${throttled.length} throttled, Retry-After ${retryAfter.join(",")}` : "; none throttled this time"}`,
      ok: all && retryAfter.every((r) => r !== undefined),
    });
  } finally {
    await client.api(`/sites/${siteId}/lists/${list.id}`).delete();
  }
  return checks;
}
