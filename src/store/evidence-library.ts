import type { Client } from "@microsoft/microsoft-graph-client";
import { EVIDENCE_LIBRARY, type EvidenceStore, type EvidenceUpload, type StoredEvidence } from "../core/evidence-file.js";
import type { SiteLists } from "./site-lists.js";
import { StoreError } from "./store-error.js";

/**
 * Evidence files in the board's "Assure Evidence" document library, through Graph's driveItem
 * API (docs/store.md, "Evidence files"): the library's drive is found once by the list
 * (`GET /sites/{site}/lists/{list}/drive`), each folder is made if missing (`POST
 * …/children` with conflictBehavior fail; a 409 means it is there), and the file goes up in one
 * simple upload (`PUT /drives/{drive}/root:/{path}:/content`), renamed by SharePoint if a file of
 * that name is already in the folder, so nothing a lead attached earlier is ever replaced.
 */
export class EvidenceLibrary implements EvidenceStore {
  private drive: Promise<string> | null = null;

  constructor(
    private readonly client: Client,
    private readonly lists: SiteLists,
  ) {}

  private driveId(): Promise<string> {
    this.drive ??= (async () => {
      const siteId = await this.lists.resolveSiteId();
      try {
        const drive = (await this.lists.attempt(`library ${EVIDENCE_LIBRARY}`, () => this.client.api(`/sites/${siteId}/lists/${encodeURIComponent(EVIDENCE_LIBRARY)}/drive`).select("id").get())) as { id: string };
        return drive.id;
      } catch (error: unknown) {
        if (error instanceof StoreError && error.storeCode === "not-found") throw new StoreError("not-found", `the document library ${EVIDENCE_LIBRARY} does not exist in the board's site: run assure provision`);
        throw error;
      }
    })();
    this.drive.catch(() => (this.drive = null));
    return this.drive;
  }

  async upload(file: EvidenceUpload): Promise<StoredEvidence> {
    const drive = await this.driveId();
    const path = (segments: readonly string[]) => segments.map(encodeURIComponent).join("/");
    for (let depth = 1; depth <= file.folder.length; depth++) {
      const parent = file.folder.slice(0, depth - 1);
      const at = parent.length === 0 ? `/drives/${drive}/root/children` : `/drives/${drive}/root:/${path(parent)}:/children`;
      try {
        await this.lists.attempt(`library ${EVIDENCE_LIBRARY}, folder ${file.folder.slice(0, depth).join("/")}`, () =>
          this.client.api(at).post({ name: file.folder[depth - 1], folder: {}, "@microsoft.graph.conflictBehavior": "fail" }),
        );
      } catch (error: unknown) {
        if (!(error instanceof StoreError && error.storeCode === "conflict")) throw error;
      }
    }
    const target = `/drives/${drive}/root:/${path([...file.folder, file.name])}:/content`;
    const item = (await this.lists.attempt(`library ${EVIDENCE_LIBRARY}, file ${file.name}`, () =>
      this.client.api(target).query({ "@microsoft.graph.conflictBehavior": "rename" }).header("Content-Type", file.mime).put(Buffer.from(file.bytes)),
    )) as { name: string; webUrl: string; size: number };
    return { name: item.name, webUrl: item.webUrl, size: item.size };
  }
}
