import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { RequestHandler } from "express";

/**
 * The built tab's scripts and styles, gzipped once each and kept: compression() would squeeze
 * the same 900 KB of JavaScript again for every person who opens the tab, on the CPU that is
 * also answering their plan. Vite names each file by a hash of its content, so the name is its
 * ETag. Anything else (no gzip accepted, a file that is not there) goes on to express.static.
 */
export function packedAssets(dir: string): RequestHandler {
  const packed = new Map<string, Promise<Buffer | null>>();
  return (req, res, next) => {
    const name = /^\/([\w.-]+\.(?:js|css))$/.exec(req.path)?.[1];
    if ((req.method !== "GET" && req.method !== "HEAD") || !name || req.acceptsEncodings("gzip") !== "gzip") return next();
    let zipped = packed.get(name);
    if (!zipped) {
      zipped = readFile(join(dir, name)).then((bytes) => gzipSync(bytes, { level: 9 }), () => null);
      packed.set(name, zipped);
    }
    zipped.then((gzip) => {
      if (!gzip) {
        packed.delete(name); // only files that exist are kept
        return next();
      }
      res.setHeader("Vary", "Accept-Encoding");
      res.setHeader("Cache-Control", "public, max-age=3600");
      res.setHeader("ETag", `W/"${name}"`);
      res.type(name);
      if (req.fresh) return void res.status(304).end();
      res.setHeader("Content-Encoding", "gzip");
      res.send(gzip);
    }, next);
  };
}
