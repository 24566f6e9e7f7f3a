import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { UsageError } from "../core/errors.js";

/**
 * The Teams app package: appPackage/manifest.json with its ${{VARIABLES}} filled from the
 * environment (the Agents Toolkit's env files set the same names), zipped with the two icons.
 * Without a tenant's values it uses local defaults, so the zip always validates.
 */
export const LOCAL_APP_VALUES: Record<string, string> = {
  APP_VERSION: "0.1.0",
  TEAMS_APP_ID: "8a2b4c6d-1e3f-4a5b-9c7d-0e1f2a3b4c5d",
  BOT_ID: "00000000-0000-0000-0000-000000000000",
  AAD_APP_CLIENT_ID: "00000000-0000-0000-0000-000000000000",
  TAB_ENDPOINT: "https://localhost:3978",
  TAB_DOMAIN: "localhost",
  DEVELOPER_NAME: "Assure",
  APP_NAME_SUFFIX: " (local)",
  // A board publishes its own privacy notice and terms (set PRIVACY_URL and TERMS_URL); these local pages say so.
  PRIVACY_URL: "https://localhost:3978/legal/privacy",
  TERMS_URL: "https://localhost:3978/legal/terms",
};

export function fillManifest(template: string, env: NodeJS.ProcessEnv): { manifest: Record<string, unknown>; defaulted: string[] } {
  const defaulted = new Set<string>();
  const filled = template.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_, name: string) => {
    const value = env[name] ?? (defaulted.add(name), LOCAL_APP_VALUES[name]);
    if (value === undefined) throw new UsageError(`appPackage/manifest.json uses \${{${name}}}, which is neither set nor has a local default`);
    return JSON.stringify(value).slice(1, -1);
  });
  return { manifest: JSON.parse(filled) as Record<string, unknown>, defaulted: [...defaulted] };
}

export function buildAppPackage(appPackageDir: string, env: NodeJS.ProcessEnv): { zip: Uint8Array; manifest: Record<string, unknown>; defaulted: string[] } {
  const { manifest, defaulted } = fillManifest(readFileSync(join(appPackageDir, "manifest.json"), "utf8"), env);
  const zip = zipSync({
    "manifest.json": strToU8(JSON.stringify(manifest, null, 2)),
    "color.png": readFileSync(join(appPackageDir, "color.png")),
    "outline.png": readFileSync(join(appPackageDir, "outline.png")),
  });
  return { zip, manifest, defaulted };
}
