import { GraphError } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { readSettings } from "../../src/cli/settings.js";
import { appUnitsPerMinute, batchUnits, resourceUnitsOf, tenantUnitsPerFiveMinutes } from "../../src/store/resource-units.js";
import { toStoreError } from "../../src/store/store-error.js";

const q = (s = "") => new URLSearchParams(s);

describe("SharePoint's resource units, as Microsoft publishes them", () => {
  it("gives an app 1,250 units a minute up to 1,000 licences, rising to 6,250 above 50,000; the tenant 18,750 to 93,750 per 5 minutes", () => {
    expect([0, 1_000, 1_001, 5_000, 15_000, 50_000, 50_001].map(appUnitsPerMinute)).toEqual([1_250, 1_250, 2_500, 2_500, 3_750, 5_000, 6_250]);
    expect([1_000, 60_000].map(tenantUnitsPerFiveMinutes)).toEqual([18_750, 93_750]);
  });

  it("counts only SharePoint requests: mail, installs and the directory cost none", () => {
    expect(resourceUnitsOf("GET", "/sites/s/lists/l/items", q())).toBe(2);
    expect(resourceUnitsOf("GET", "/sites/s/lists/l/items/7", q())).toBe(1);
    expect(resourceUnitsOf("PATCH", "/sites/s/lists/l/items/7/fields", q())).toBe(2);
    expect(resourceUnitsOf("GET", "/sites/s/lists/l/items/delta", q("token=x"))).toBe(1);
    expect(resourceUnitsOf("POST", "/sites/s/permissions", q())).toBe(5);
    expect(resourceUnitsOf("POST", "/users/board@x/sendMail", q())).toBe(0);
    expect(resourceUnitsOf("POST", "/users/u/teamwork/installedApps", q())).toBe(0);
    expect(batchUnits({ requests: [{ method: "POST", url: "/sites/s/lists/l/items" }, { method: "GET", url: "/users/u" }] })).toBe(2);
  });

  it("waits the larger of Retry-After and RateLimit-Reset after a 429", () => {
    const throttled = (headers: Record<string, string>) => Object.assign(new GraphError(429, "slow down"), { headers: new Headers(headers) });
    expect(toStoreError(throttled({ "Retry-After": "5", "RateLimit-Reset": "38" }), "x").retryAfterSeconds).toBe(38);
    expect(toStoreError(throttled({ "Retry-After": "12", "RateLimit-Reset": "3" }), "x").retryAfterSeconds).toBe(12);
    expect(toStoreError(throttled({}), "x").retryAfterSeconds).toBeNull();
  });

  it("takes the budget from the tenant's licences, shared among the instances serving it", () => {
    expect(readSettings({}).ruPerMinute).toBe(1_250);
    expect(readSettings({ ASSURE_TENANT_LICENCES: "12000" }).ruPerMinute).toBe(3_750);
    expect(readSettings({ ASSURE_TENANT_LICENCES: "12000", ASSURE_INSTANCES: "3" }).ruPerMinute).toBe(1_250);
    expect(readSettings({ ASSURE_GRAPH_RU_PER_MINUTE: "900", ASSURE_INSTANCES: "2" }).ruPerMinute).toBe(450);
  });
});
