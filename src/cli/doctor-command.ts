import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { acquireBotToken } from "../../bot/bot-token.js";
import { UsageError } from "../core/errors.js";
import { SCHEMA_VERSION, LISTS } from "../store/list-schema.js";
import { storedSchemaVersion } from "../store/provision.js";
import { tokenSource } from "../store/graph-connection.js";
import { deepChecks, type DeepCheck } from "./doctor-deep.js";
import { tenantChecks } from "./doctor-tenant.js";
import { openStore, type OpenStore } from "./open-store.js";
import { readSettings, type Settings } from "./settings.js";
import { DOCTOR_USAGE } from "./usage.js";

/** No single check may hold doctor up longer than this: an unreachable tenant is reported in seconds. */
const CHECK_LIMIT_MS = 8_000; // two network checks (Graph token, bot token) stay under 20 s together

interface Check {
  name: string;
  /** What it found when all is well; throws when not. */
  run: () => Promise<string>;
  fix: string;
  /** Checks that cannot mean anything once this one failed (no token: no site). */
  needs?: string;
}

function withinLimit<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_LIMIT_MS / 1000} s (${what}): is the tenant reachable from here?`)), CHECK_LIMIT_MS);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Runs every check it can and says, for each failure, what to do. `ok` is false if any failed. */
export async function doctorCommand(args: string[], env: NodeJS.ProcessEnv, now = new Date()): Promise<{ lines: string[]; ok: boolean }> {
  const extra = args.filter((a) => a !== "--deep" && a !== "--mail-test");
  if (extra.length > 0) throw new UsageError(`doctor: unknown option ${extra[0]}; usage: ${DOCTOR_USAGE}`);
  const deep = args.includes("--deep");
  let settings: Settings;
  try {
    settings = readSettings(env);
  } catch (e) {
    return { lines: [`✗ settings: ${(e as Error).message}`, "    fix: set the ASSURE_* variables as docs/deploy.md lists them (in the environment or a .env file)"], ok: false };
  }
  const lines = [`✓ settings: ${settings.mode === "emulator" ? "local mode (embedded Graph emulator, no tenant)" : `tenant ${settings.graph.tenantId}, site ${settings.graph.site}`}`];
  let opened: OpenStore | null = null;
  const store = async () => (opened ??= await openStore(settings, { seedDemo: false, quick: true }));
  const tenant = settings.mode === "tenant" ? settings : null;
  const checks: Check[] = [
    {
      name: "Graph token",
      run: async () => (tenant ? (await tokenSource(tenant.graph)(), `app-only token acquired (${tenant.graph.credential.kind})`) : "not needed: the local emulator takes none"),
      fix: "check ASSURE_TENANT_ID, ASSURE_CLIENT_ID and the credential (managed identity assigned to this App Service, or the secret/certificate); the app needs the Sites.Selected application permission with admin consent",
    },
    {
      name: "SharePoint site",
      needs: "Graph token",
      run: async () => `reachable (id ${await (await store()).lists.resolveSiteId()})`,
      fix: "check ASSURE_SITE (e.g. contoso.sharepoint.com:/sites/safeguarding:) and that an admin granted this app write on that site (docs/deploy.md, Sites.Selected)",
    },
    {
      name: "lists",
      needs: "SharePoint site",
      run: async () => {
        const { lists } = await store();
        const missing: string[] = [];
        for (const l of LISTS) if (!(await lists.findList(l.displayName))) missing.push(l.displayName);
        if (missing.length) throw new Error(`missing: ${missing.join(", ")}`);
        return `all ${LISTS.length} present`;
      },
      fix: "run: npx assure provision --site <site URL> (needs the manage grant on the site, once)",
    },
    {
      name: "schema version",
      needs: "lists",
      run: async () => {
        const stored = await storedSchemaVersion((await store()).lists);
        if (stored !== SCHEMA_VERSION) throw new Error(`the site's lists are at ${stored ?? "no version"}, this Assure needs ${SCHEMA_VERSION}`);
        return `${stored} (current)`;
      },
      fix: "run: npx assure provision --site <site URL> to add the new columns (it never drops any)",
    },
    {
      name: "bot",
      run: async () => {
        if (!tenant) return "local mode: Agents Playground talks to /api/messages without a token";
        if (!tenant.bot?.appId) throw new Error("ASSURE_BOT_APP_ID is not set");
        if (!tenant.publicUrl) throw new Error("ASSURE_PUBLIC_URL is not set, so the messaging endpoint is unknown");
        await acquireBotToken(tenant.bot);
        return `app ${tenant.bot.appId}: Bot Framework token acquired; the Azure Bot's messaging endpoint must be ${tenant.publicUrl}/api/messages`;
      },
      fix: "set ASSURE_BOT_APP_ID, ASSURE_BOT_APP_TYPE=UserAssignedMSI, ASSURE_BOT_TENANT_ID and ASSURE_PUBLIC_URL (infra/ outputs them); the identity must be the Azure Bot's",
    },
    {
      name: "tab sign-in",
      run: async () => {
        if (settings.sso) return `Teams SSO for app ${settings.sso.clientId}, tenants ${settings.sso.allowedTenants.join(", ")}`;
        if (!tenant) return "local mode: development identity (switch person at the top of the tab)";
        throw new Error("ASSURE_SSO_CLIENT_ID is not set: nobody can use the tab");
      },
      fix: "set ASSURE_SSO_CLIENT_ID (the Entra app in manifest webApplicationInfo) and ASSURE_SSO_APPLICATION_ID_URI",
    },
    {
      name: "tab",
      run: async () => {
        const index = fileURLToPath(new URL("../../tab/index.html", import.meta.url));
        if (!existsSync(index)) throw new Error(`the built tab is missing (${index})`);
        return "built";
      },
      fix: "run: npm run build",
    },
  ];
  const failed = new Set<string>();
  try {
    for (const check of checks) {
      if (check.needs && failed.has(check.needs)) {
        failed.add(check.name);
        lines.push(`– ${check.name}: not checked (needs ${check.needs})`);
        continue;
      }
      try {
        lines.push(`✓ ${check.name}: ${await withinLimit(check.run(), check.name)}`);
      } catch (e) {
        failed.add(check.name);
        lines.push(`✗ ${check.name}: ${(e as Error).message}`, `    fix: ${check.fix}`);
      }
    }
    if (deep) lines.push(...(await deepLines(failed, store, now)));
    if (deep && tenant && !failed.has("Graph token")) lines.push(...(await tenantLines(tenant, store, args.includes("--mail-test"))));
  } finally {
    await (opened as OpenStore | null)?.close();
  }
  return { lines, ok: failed.size === 0 && !lines.some((l) => l.startsWith("✗")) };
}

async function deepLines(failed: Set<string>, store: () => Promise<OpenStore>, now: Date): Promise<string[]> {
  if (failed.has("SharePoint site")) return ["– deep checks: not run (needs the SharePoint site)"];
  const { client, lists } = await store();
  try {
    const checks = await deepChecks(client, await lists.resolveSiteId(), now);
    return [
      "deep checks (a scratch list, removed afterwards): what the tenant answered, and what Assure expects",
      ...checkLines(checks),
    ];
  } catch (e) {
    return [`✗ deep checks: ${(e as Error).message}`, "    fix: the app needs the manage (or fullcontrol) grant on the site to make the scratch list; see docs/deploy.md"];
  }
}

const checkLines = (checks: readonly DeepCheck[]) => checks.flatMap((c) => [`${c.ok ? "✓" : "✗"} ${c.name}: answered ${c.answered}`, `    Assure expects ${c.expected}`]);

/** What the tenant granted and published (token roles, the app catalog, group membership, an opt-in email). */
async function tenantLines(tenant: Extract<Settings, { mode: "tenant" }>, store: () => Promise<OpenStore>, mailTest: boolean): Promise<string[]> {
  try {
    const { client } = await store();
    const checks = await tenantChecks({ client, token: await tokenSource(tenant.graph)(), settings: tenant, mailTest });
    return ["tenant checks: what the tenant granted and published, and what Assure needs", ...checkLines(checks)];
  } catch (e) {
    return [`✗ tenant checks: ${(e as Error).message}`, "    fix: see docs/deploy.md, step 3 (permissions) and step 6 (publishing the app)"];
  }
}
