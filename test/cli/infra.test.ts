import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The Bicep compiler cannot be installed here, so these are the checks that can be made honestly
// without it: every parameter is supplied, every variable the toolkit files use is set somewhere,
// every output reaches the environment file, and every app setting is one Assure reads.
const read = (p: string) => readFileSync(p, "utf8");
const bicep = read("infra/azure.bicep");
const parameters = JSON.parse(read("infra/azure.parameters.json")) as { parameters: Record<string, { value: unknown }> };
const toolkit = read("m365agents.yml");
const envFile = read("env/.env.dev");
const settingsSource = read("src/cli/settings.ts");

const placeholders = (text: string) => [...text.matchAll(/\$\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1]!);
const envNames = new Set([...envFile.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]!));
const writtenByToolkit = new Set([...toolkit.matchAll(/^\s+\w+: ([A-Z0-9_]+)$/gm)].map((m) => m[1]!));
const outputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);

describe("infra/ and the Agents Toolkit files", () => {
  it("supply every Bicep parameter that has no default, and no parameter Bicep does not declare", () => {
    const declared = [...bicep.matchAll(/^param (\w+) (\w+)( = .*)?$/gm)].map((m) => ({ name: m[1]!, hasDefault: m[3] !== undefined }));
    expect(declared.length).toBeGreaterThan(5);
    for (const p of declared.filter((d) => !d.hasDefault)) expect(Object.keys(parameters.parameters), p.name).toContain(p.name);
    for (const name of Object.keys(parameters.parameters)) expect(declared.map((d) => d.name)).toContain(name);
  });

  it("set every ${{VARIABLE}} the toolkit files and the app manifest use", () => {
    const used = new Set([
      ...placeholders(read("infra/azure.parameters.json")),
      ...placeholders(read("infra/aad.manifest.json")),
      ...placeholders(read("appPackage/manifest.json")),
      ...placeholders(toolkit),
    ]);
    const unset = [...used].filter((v) => !envNames.has(v) && !writtenByToolkit.has(v) && !outputs.includes(v));
    expect(unset).toEqual([]);
  });

  it("write every Bicep output to the environment file", () => {
    expect(outputs).toEqual(expect.arrayContaining(["BOT_ID", "TAB_DOMAIN", "TAB_ENDPOINT", "AZURE_APP_SERVICE_RESOURCE_ID"]));
    for (const o of outputs) expect(envNames, o).toContain(o);
  });

  it("give the App Service only settings Assure reads, and the ones a tenant needs", () => {
    const appSettings = [...bicep.matchAll(/^\s+(ASSURE_[A-Z_]+):/gm)].map((m) => m[1]!);
    for (const s of appSettings) expect(settingsSource, s).toContain(`${s}:`);
    expect(appSettings).toEqual(expect.arrayContaining(["ASSURE_TENANT_ID", "ASSURE_CLIENT_ID", "ASSURE_SITE", "ASSURE_MANAGED_IDENTITY", "ASSURE_BOT_APP_ID", "ASSURE_BOT_APP_TYPE", "ASSURE_SSO_CLIENT_ID", "ASSURE_PUBLIC_URL"]));
  });

  it("run the bot on a user-assigned managed identity, with no client secret anywhere", () => {
    expect(bicep).toContain("msaAppType: 'UserAssignedMSI'");
    expect(bicep + toolkit + envFile).not.toMatch(/(CLIENT_SECRET|APP_PASSWORD)\s*[:=]/);
    expect(toolkit).toContain("generateClientSecret: false");
  });
});
