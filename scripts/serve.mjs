// A small static server for the built app: `make run` and the end-to-end tests use it.
// --prefix serves the app under a sub-path, as on a shared static host.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { parseArgs } from "node:util";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm", ".css": "text/css; charset=utf-8", ".json": "application/json",
  ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon",
};

export function serve({ root = "dist", port = 8080, host = "127.0.0.1", prefix = "/" } = {}) {
  const base = resolve(root);
  const pre = prefix.endsWith("/") ? prefix : prefix + "/";
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path + "/" === pre) { res.writeHead(301, { location: pre }); return res.end(); }
    if (!path.startsWith(pre)) { res.writeHead(404); return res.end("not found"); }
    let file = normalize(join(base, path.slice(pre.length)));
    if (!file.startsWith(base)) { res.writeHead(403); return res.end(); }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      // index.html and sw.js must be revalidated so updates reach the tablets; the rest is hashed.
      const fresh = /(?:index\.html|sw\.js)$/.test(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": fresh ? "no-cache" : "public, max-age=31536000, immutable" });
      res.end(body);
    } catch {
      res.writeHead(404); res.end("not found");
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { root: { type: "string" }, port: { type: "string" }, prefix: { type: "string" } } });
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  const prefix = values.prefix ?? "/";
  await serve({ root: values.root ?? "dist", port, prefix });
  console.log(`Dossier is served at http://127.0.0.1:${port}${prefix}  (Ctrl-C stops)`);
}
