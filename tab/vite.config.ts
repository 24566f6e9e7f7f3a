import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * The entry (main.tsx) is tiny and imports the app only once it has started the page's API
 * requests; this puts the app's chunks in index.html as modulepreloads all the same, so the
 * browser fetches them from the start rather than after the entry has run.
 */
function preloadApp(): Plugin {
  return {
    name: "assure-preload-app",
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return [];
        const files = new Set<string>();
        const add = (file: string) => {
          const c = bundle[file];
          if (files.has(file) || c?.type !== "chunk") return;
          files.add(file);
          c.imports.forEach(add);
        };
        chunk.dynamicImports.filter((f) => (bundle[f] as { facadeModuleId?: string } | undefined)?.facadeModuleId?.endsWith("/start.tsx")).forEach(add);
        [chunk.fileName, ...chunk.imports].forEach((f) => files.delete(f));
        return [...files].map((file) => ({ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/tab/${file}` }, injectTo: "head" as const }));
      },
    },
  };
}

// The tab is served by the Assure server under /tab; `npm run build` puts it in dist/tab.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/tab/",
  plugins: [react(), preloadApp()],
  build: {
    outDir: fileURLToPath(new URL("../dist/tab", import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  logLevel: "warn",
});
