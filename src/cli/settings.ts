import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { UsageError } from "../core/errors.js";
import type { GraphSettings } from "../store/graph-connection.js";

/**
 * Assure's settings come from the environment (and a .env file beside it, if there is one).
 * With no tenant settings Assure runs locally against its embedded Graph emulator.
 */
const EnvSchema = z.object({
  ASSURE_DATA_DIR: z.string().min(1).default(".data"),
  ASSURE_GRAPH_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  ASSURE_TENANT_ID: z.string().min(1).optional(),
  ASSURE_CLIENT_ID: z.string().min(1).optional(),
  ASSURE_CLIENT_SECRET: z.string().min(1).optional(),
  ASSURE_CERTIFICATE_THUMBPRINT: z.string().min(1).optional(),
  ASSURE_CERTIFICATE_KEY_FILE: z.string().min(1).optional(),
  ASSURE_MANAGED_IDENTITY: z.enum(["true", "false"]).optional(),
  ASSURE_MANAGED_IDENTITY_CLIENT_ID: z.string().min(1).optional(),
  ASSURE_SITE: z.string().min(1).optional(),
});

export type Settings =
  | { mode: "emulator"; dataDir: string; graphPort: number; site: string }
  | { mode: "tenant"; graph: GraphSettings & { mode: "tenant" } };

export const EMULATOR_SITE = "assure.sharepoint.local:/sites/safeguarding:";

export function loadDotEnv(cwd: string): void {
  const file = resolve(cwd, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`setting ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  const tenantKeys = ["ASSURE_TENANT_ID", "ASSURE_CLIENT_ID", "ASSURE_SITE"] as const;
  if (tenantKeys.every((k) => e[k] === undefined) && !e.ASSURE_CLIENT_SECRET && !e.ASSURE_MANAGED_IDENTITY) {
    return { mode: "emulator", dataDir: resolve(e.ASSURE_DATA_DIR), graphPort: e.ASSURE_GRAPH_PORT, site: EMULATOR_SITE };
  }
  const missing = tenantKeys.filter((k) => e[k] === undefined);
  if (missing.length > 0) throw new UsageError(`tenant settings are incomplete: set ${missing.join(", ")}`);
  const credential = e.ASSURE_CLIENT_SECRET
    ? { kind: "secret" as const, clientSecret: e.ASSURE_CLIENT_SECRET }
    : e.ASSURE_CERTIFICATE_THUMBPRINT && e.ASSURE_CERTIFICATE_KEY_FILE
      ? {
          kind: "certificate" as const,
          thumbprintSha256: e.ASSURE_CERTIFICATE_THUMBPRINT,
          privateKey: readFileSync(e.ASSURE_CERTIFICATE_KEY_FILE, "utf8"),
        }
      : e.ASSURE_MANAGED_IDENTITY === "true"
        ? { kind: "managed-identity" as const, userAssignedClientId: e.ASSURE_MANAGED_IDENTITY_CLIENT_ID }
        : null;
  if (!credential) {
    throw new UsageError(
      "tenant settings need a credential: ASSURE_CLIENT_SECRET, or ASSURE_CERTIFICATE_THUMBPRINT with ASSURE_CERTIFICATE_KEY_FILE, or ASSURE_MANAGED_IDENTITY=true",
    );
  }
  return {
    mode: "tenant",
    graph: { mode: "tenant", tenantId: e.ASSURE_TENANT_ID!, clientId: e.ASSURE_CLIENT_ID!, credential, site: e.ASSURE_SITE! },
  };
}
