import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The tab is served by the Assure server under /tab; `npm run build` puts it in dist/tab.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/tab/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/tab", import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  logLevel: "warn",
});
