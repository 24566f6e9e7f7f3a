/**
 * Where a test's screenshot is written: into docs/images only under `npm run docs:images`
 * (ASSURE_DOCS_IMAGES=1), so `npm test` changes no tracked file. Otherwise the screenshot is
 * still taken (the page is drawn and captured) and kept in memory only.
 */
export const docsImage = (name: string): { path?: string } => (process.env.ASSURE_DOCS_IMAGES === "1" ? { path: `docs/images/${name}` } : {});
