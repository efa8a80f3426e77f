// Starts the built app (dist/) on 127.0.0.1 under a sub-path and a fresh Chromium profile.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

// Debian's Chromium, with the flags this closed network needs (../shared/TOOLCHAIN.md).
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export async function startApp({ prefix = "/dossier/", viewport = { width: 1280, height: 800 }, init, serviceWorkers = "allow" } = {}) {
  const server = await serve({ root: "dist", port: 0, prefix });
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  const profile = await mkdtemp(join(tmpdir(), "dossier-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true, viewport, serviceWorkers,
  });
  if (init) await context.addInitScript(init);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  return {
    server, context, page, url, errors,
    stopServer() {
      server.closeAllConnections();
      return new Promise((ok) => server.close(ok));
    },
    async close() {
      await context.close();
      if (server.listening) { server.closeAllConnections(); server.close(); }
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the wasm app has mounted its navigation. */
export async function appReady(page) {
  await page.locator("nav a[data-route]").first().waitFor({ state: "visible", timeout: 30_000 });
}
