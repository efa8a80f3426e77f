// Dossier service worker: keeps the app shell so that, after one visit, the archive opens with no
// network. Every URL is relative to this file, so the app works from any sub-path.
//
// - index.html: network first (with a short timeout, for weak connections), cache as fallback;
//   a fresh copy also refreshes the list of hashed assets it names.
// - everything else trunk emits is content-hashed, so it is served from cache first.
const CACHE = "dossier-shell-v1";
const STATIC = ["./manifest.webmanifest", "./icons/icon.svg", "./icons/icon-192.png", "./icons/icon-512.png"];
const INDEX = new URL("./index.html", self.location).href;
const NETWORK_TIMEOUT_MS = 3000;

// The same-origin files index.html loads: trunk's hashed js, wasm and css.
function assetsOf(html) {
  const urls = new Set();
  for (const m of html.matchAll(/(?:href|src|module_or_path)\s*[=:]\s*["']([^"']+)["']/g)) urls.add(m[1]);
  for (const m of html.matchAll(/from\s+["']([^"']+\.js)["']/g)) urls.add(m[1]);
  const base = new URL("./", self.location);
  return [...urls]
    .map((u) => new URL(u, base))
    .filter((u) => u.origin === base.origin && !u.hash)
    .map((u) => u.href);
}

async function refreshShell(cache, response) {
  const html = await response.clone().text();
  const keep = new Set([INDEX, new URL("./", self.location).href, ...STATIC.map((u) => new URL(u, self.location).href), ...assetsOf(html)]);
  await cache.put(INDEX, response);
  const missing = [...keep].filter((u) => u !== INDEX);
  await Promise.all(missing.map(async (u) => { if (!(await cache.match(u))) await cache.add(u); }));
  // Drop assets of older builds so the cache does not grow with every release.
  for (const req of await cache.keys()) if (!keep.has(req.url)) await cache.delete(req);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const response = await fetch(INDEX, { cache: "reload" });
    if (!response.ok) throw new Error(`index.html: HTTP ${response.status}`);
    await refreshShell(cache, response);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function navigation(event) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(event.request, { cache: "no-cache" }), NETWORK_TIMEOUT_MS);
    if (response.ok) event.waitUntil(refreshShell(cache, response.clone()).catch(() => {}));
    return response;
  } catch (err) {
    const cached = await cache.match(INDEX);
    if (cached) return cached;
    throw err;
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") event.respondWith(navigation(event));
  else event.respondWith(asset(request));
});
