import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManifestUtil } from "@microsoft/app-manifest";
import { unzipSync, strFromU8 } from "fflate";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { buildAppPackage } from "../../src/cli/app-package.js";
import { PLANS_TAB_ENTITY } from "../../src/core/tab-link.js";
import { LISTS, SCHEMA_VERSION } from "../../src/store/list-schema.js";
import { runCli } from "../support/cli.js";

// Microsoft's published manifest schema, as the @microsoft/app-manifest package ships it.
const require = createRequire(import.meta.url);
const schemaFor = (version: string) =>
  JSON.parse(readFileSync(join(require.resolve("@microsoft/app-manifest").replace(/build[\\/].*$/, ""), `build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`), "utf8"));

const TENANT_VALUES = {
  TEAMS_APP_ID: "3d0f5e1a-7b2c-4d8e-9f10-a1b2c3d4e5f6",
  BOT_ID: "6b1e2d3c-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
  AAD_APP_CLIENT_ID: "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
  TAB_ENDPOINT: "https://assure-sab.azurewebsites.net",
  TAB_DOMAIN: "assure-sab.azurewebsites.net",
  APP_VERSION: "1.2.3",
  DEVELOPER_NAME: "Coventry SAB",
  APP_NAME_SUFFIX: "",
  PRIVACY_URL: "https://www.coventry.gov.uk/safeguarding-adults-board-privacy",
  TERMS_URL: "https://www.coventry.gov.uk/safeguarding-adults-board-terms",
};

async function validate(manifest: Record<string, unknown>): Promise<string[]> {
  return ManifestUtil.validateManifestAgainstSchema(manifest as never, schemaFor(String(manifest.manifestVersion)));
}

describe("the Teams app package", () => {
  it.each([
    ["with a tenant's values", TENANT_VALUES],
    ["with nothing set (local defaults)", {}],
  ])("validates against Microsoft's manifest schema %s", async (_name, env) => {
    const { zip, manifest, defaulted } = buildAppPackage("appPackage", env);
    expect(await validate(manifest)).toEqual([]);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(JSON.parse(strFromU8(files["manifest.json"]!))).toEqual(manifest);
    expect(JSON.stringify(manifest)).not.toContain("${{");
    if (Object.keys(env).length === 0) expect(defaulted).toContain("TEAMS_APP_ID");
    else expect(defaulted).toEqual([]);
  });

  it("declares the bot in personal chat (the only scope it handles), both tabs, the board's own notices, and SSO for the tab's Entra app", () => {
    const { manifest } = buildAppPackage("appPackage", TENANT_VALUES) as { manifest: any };
    expect(manifest.bots[0].botId).toBe(TENANT_VALUES.BOT_ID);
    expect(manifest.bots[0].scopes).toEqual(["personal"]);
    expect(manifest.developer).toMatchObject({ privacyUrl: TENANT_VALUES.PRIVACY_URL, termsOfUseUrl: TENANT_VALUES.TERMS_URL });
    expect(manifest.configurableTabs[0].configurationUrl).toBe(`${TENANT_VALUES.TAB_ENDPOINT}/tab/config`);
    const tabs = Object.fromEntries(manifest.staticTabs.map((t: any) => [t.entityId, t]));
    expect(tabs["my-actions"].name).toBe("My actions");
    // Digest deep links open this entity (src/core/tab-link.ts).
    expect(tabs[PLANS_TAB_ENTITY].contentUrl).toBe(`${TENANT_VALUES.TAB_ENDPOINT}/tab/`);
    expect(manifest.webApplicationInfo).toEqual({ id: TENANT_VALUES.AAD_APP_CLIENT_ID, resource: `api://${TENANT_VALUES.TAB_DOMAIN}/${TENANT_VALUES.AAD_APP_CLIENT_ID}` });
    expect(manifest.validDomains).toEqual([TENANT_VALUES.TAB_DOMAIN]);
  });

  it("refuses a manifest the schema rejects (the check can fail)", async () => {
    const { manifest } = buildAppPackage("appPackage", { ...TENANT_VALUES, TEAMS_APP_ID: "not-a-guid" });
    expect((await validate(manifest)).join("\n")).toMatch(/id/);
  });

  it("has a 192×192 colour icon and a 32×32 outline icon that is white on transparent", () => {
    const color = PNG.sync.read(readFileSync("appPackage/color.png"));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(readFileSync("appPackage/outline.png"));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let drawn = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
      if (a === 0) continue;
      drawn++;
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(drawn).toBeGreaterThan(20);
    expect(drawn).toBeLessThan(32 * 32 * 0.75); // transparent background
  });

  it("npm run package's command writes the zip", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "assure-pkg-")), "app.zip");
    const res = await runCli(["package", "--out", out]);
    expect(res.stderr).toBe("");
    expect(res.stdout).toContain(`wrote ${out}`);
    expect(Object.keys(unzipSync(readFileSync(out)))).toContain("manifest.json");
  });
});

describe("assure doctor", () => {
  it("passes against the local emulator", async () => {
    const res = await runCli(["doctor"]);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    for (const check of ["settings", "Graph token", "SharePoint site", `lists: all ${LISTS.length} present`, `schema version: ${SCHEMA_VERSION} (current)`, "bot", "tab sign-in", "tab: built"]) {
      expect(res.stdout).toContain(`✓ ${check}`);
    }
    expect(res.stdout).not.toContain("✗");
  });

  it("fails with the fix when settings are wrong", async () => {
    const res = await runCli(["doctor"], { ASSURE_SSO_CLIENT_ID: "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d" });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("✗ settings: setting ASSURE_SSO_TENANTS");
    expect(res.stdout).toContain("fix: ");
  });
});
