// Moved to src/core/version.ts (the bot and the store need it too); kept so routes written against this path still build.
export { versionOf } from "../core/version.js";
