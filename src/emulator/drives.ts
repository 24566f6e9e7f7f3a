import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ListError, type List, type Site } from "./lists.js";

/**
 * Document libraries as Graph's driveItem API shows them (docs/store.md, "Evidence files"): a list
 * made with template documentLibrary has a drive; folders are made with `POST …/children`
 * (conflictBehavior in the body, `fail` answering 409 nameAlreadyExists); a file goes up with
 * `PUT /drives/{drive}/root:/{path}:/content` (conflictBehavior in the query: `replace` by
 * default, answering 200; a new file 201; `rename` keeps both as "name 1.ext"; `fail` 409), its
 * parent folder must exist, and its answer is the driveItem with a lasting `webUrl`. Names with
 * characters SharePoint Online refuses (" * : < > ? / \ | and controls) are refused (400). The
 * bytes are kept beside the journal, by their SHA-256, so the journal stays small.
 */
export interface DriveItem {
  id: string;
  name: string;
  /** The parent folder's path below the root, "" for the root. */
  parent: string;
  folder: boolean;
  size: number;
  mimeType: string | null;
  sha256: string | null;
  created: string;
}

export type DriveChange = { op: "driveItem"; driveId: string; item: DriveItem };

export const INVALID_NAME = /["*:<>?/\\|\u0000-\u001f\u007f-\u009f]/;

export interface DriveAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export class Drives {
  constructor(
    private readonly filesDir: string,
    private readonly items: () => Record<string, DriveItem[]>,
    private readonly commit: (change: DriveChange) => void,
  ) {}

  static apply(state: { driveItems?: Record<string, DriveItem[]> }, change: DriveChange): void {
    state.driveItems ??= {};
    const list = (state.driveItems[change.driveId] ??= []);
    const at = list.findIndex((i) => i.id === change.item.id);
    if (at >= 0) list[at] = change.item;
    else list.push(change.item);
  }

  driveView(site: Site, list: List) {
    return { id: list.driveId, name: list.displayName, driveType: "documentLibrary", webUrl: libraryUrl(site, list), createdDateTime: list.created };
  }

  /** /drives/{id}/root…: a folder or file by path, its children, or its content. */
  handle(libraries: { site: Site; list: List }[], method: string, rawPath: string, query: URLSearchParams, body: Buffer, contentType: string | undefined): DriveAnswer {
    const m = /^\/drives\/([^/]+)\/root(?::\/(.*?):?)?(\/children|\/content)?$/.exec(rawPath);
    if (!m) throw new ListError(400, "invalidRequest", `Unsupported path ${rawPath}.`);
    const driveId = decodeURIComponent(m[1]!);
    const library = libraries.find((l) => l.list.driveId === driveId);
    if (!library) throw new ListError(404, "itemNotFound", `Drive ${driveId} was not found.`);
    const segments = (m[2] ?? "").split("/").filter((s) => s !== "").map(decodeURIComponent);
    for (const s of segments) if (INVALID_NAME.test(s) || s === "." || s === "..") throw new ListError(400, "invalidRequest", `The name '${s}' contains characters that are not allowed.`);
    const path = segments.join("/");
    const view = (item: DriveItem) => this.itemView(library, item);
    if (m[3] === "/children" && method === "POST") {
      const folder = this.folderAt(driveId, path);
      const b = parseJson(body);
      const name = typeof b.name === "string" ? b.name : "";
      if (name === "" || INVALID_NAME.test(name)) throw new ListError(400, "invalidRequest", "A folder needs a name without the characters \" * : < > ? / \\ |.");
      const behaviour = String(b["@microsoft.graph.conflictBehavior"] ?? "fail");
      const existing = this.child(driveId, folder, name);
      if (existing) {
        if (behaviour === "fail") throw new ListError(409, "nameAlreadyExists", `An item named '${name}' already exists.`);
        return { status: 200, body: view(existing) };
      }
      const item: DriveItem = { id: newItemId(), name, parent: folder, folder: true, size: 0, mimeType: null, sha256: null, created: new Date().toISOString() };
      this.commit({ op: "driveItem", driveId, item });
      return { status: 201, body: view(item) };
    }
    if (m[3] === "/content" && method === "PUT") {
      if (segments.length === 0) throw new ListError(400, "invalidRequest", "Name the file to upload.");
      const parent = this.folderAt(driveId, segments.slice(0, -1).join("/"));
      let name = segments.at(-1)!;
      const behaviour = query.get("@microsoft.graph.conflictBehavior") ?? "replace";
      let existing = this.child(driveId, parent, name);
      if (existing && behaviour === "fail") throw new ListError(409, "nameAlreadyExists", `An item named '${name}' already exists.`);
      if (existing?.folder) throw new ListError(409, "nameAlreadyExists", `A folder named '${name}' already exists.`);
      if (existing && behaviour === "rename") {
        const dot = name.lastIndexOf(".");
        const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
        let n = 1;
        while (this.child(driveId, parent, `${stem} ${n}${ext}`)) n++;
        name = `${stem} ${n}${ext}`;
        existing = undefined;
      }
      const sha256 = createHash("sha256").update(body).digest("hex");
      mkdirSync(this.filesDir, { recursive: true, mode: 0o700 });
      const file = join(this.filesDir, sha256);
      if (!existsSync(file)) writeFileSync(file, body, { mode: 0o600 });
      const item: DriveItem = { id: existing?.id ?? newItemId(), name, parent, folder: false, size: body.length, mimeType: (contentType ?? "application/octet-stream").split(";")[0]!.trim(), sha256, created: existing?.created ?? new Date().toISOString() };
      this.commit({ op: "driveItem", driveId, item });
      return { status: existing ? 200 : 201, body: view(item) };
    }
    if (m[3] === undefined && method === "GET") {
      const parent = segments.slice(0, -1).join("/");
      const item = segments.length === 0 ? null : this.child(driveId, parent, segments.at(-1)!);
      if (!item) throw new ListError(404, "itemNotFound", "The resource could not be found.");
      return { status: 200, body: view(item) };
    }
    throw new ListError(405, "methodNotAllowed", `${method} is not supported on ${rawPath}.`);
  }

  /** Every file and folder, with its bytes' SHA-256 (the emulator's control endpoint, for tests). */
  files(libraries: { site: Site; list: List }[]): unknown[] {
    return libraries.flatMap((l) => (this.items()[l.list.driveId!] ?? []).map((i) => ({ library: l.list.displayName, path: i.parent ? `${i.parent}/${i.name}` : i.name, folder: i.folder, size: i.size, mimeType: i.mimeType, sha256: i.sha256 })));
  }

  /** A stored file's bytes (tests compare them with what was sent). */
  bytes(sha256: string): Buffer | null {
    const file = join(this.filesDir, sha256);
    return /^[0-9a-f]{64}$/.test(sha256) && existsSync(file) ? readFileSync(file) : null;
  }

  private child(driveId: string, parent: string, name: string): DriveItem | undefined {
    const key = name.toLowerCase(); // SharePoint names are case-insensitive
    return (this.items()[driveId] ?? []).find((i) => i.parent === parent && i.name.toLowerCase() === key);
  }

  /** The path of an existing folder (case as stored), or 404. */
  private folderAt(driveId: string, path: string): string {
    let at = "";
    for (const segment of path.split("/").filter(Boolean)) {
      const folder = this.child(driveId, at, segment);
      if (!folder?.folder) throw new ListError(404, "itemNotFound", "The resource could not be found.");
      at = at ? `${at}/${folder.name}` : folder.name;
    }
    return at;
  }

  private itemView(library: { site: Site; list: List }, item: DriveItem) {
    const path = item.parent ? `${item.parent}/${item.name}` : item.name;
    return {
      id: item.id,
      name: item.name,
      size: item.size,
      createdDateTime: item.created,
      webUrl: `${libraryUrl(library.site, library.list)}/${path.split("/").map(encodeURIComponent).join("/")}`,
      parentReference: { driveId: library.list.driveId, driveType: "documentLibrary", path: `/drives/${library.list.driveId}/root:${item.parent ? `/${item.parent}` : ""}` },
      ...(item.folder ? { folder: { childCount: (this.items()[library.list.driveId!] ?? []).filter((i) => i.parent === path).length } } : { file: { mimeType: item.mimeType } }),
    };
  }
}

const libraryUrl = (site: Site, list: List) => `https://${site.hostname}${site.path}/${encodeURIComponent(list.displayName)}`;
const newItemId = () => `01${randomUUID().replace(/-/g, "").toUpperCase().slice(0, 32)}`;

function parseJson(body: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = body.length === 0 ? {} : JSON.parse(body.toString("utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ListError(400, "BadRequest", "The request body is not a JSON object.");
}
