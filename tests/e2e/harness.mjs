// Starts the built app (dist/) on 127.0.0.1 under a sub-path and a fresh Chromium profile.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

// Debian's Chromium, with the flags this closed network needs (../shared/TOOLCHAIN.md).
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

// `hasTouch` emulates a touch tablet (taps, coarse pointer); off by default. `host` serves the
// app under that name (resolved to this machine): over http:// any name but localhost and
// 127.0.0.1 is not a secure context, as a tablet on the office network would see the page.
export async function startApp({ prefix = "/dossier/", viewport = { width: 1280, height: 800 }, init, serviceWorkers = "allow", hasTouch = false, host = "127.0.0.1" } = {}) {
  // DOSSIER_DIST serves another build (a second checkout's, a bench's).
  const server = await serve({ root: process.env.DOSSIER_DIST || "dist", port: 0, prefix });
  const url = `http://${host}:${server.address().port}${prefix}`;
  const profile = await mkdtemp(join(tmpdir(), "dossier-e2e-"));
  const args = host === "127.0.0.1" ? CHROMIUM_ARGS : [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${host} 127.0.0.1`];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium", args, headless: true, viewport, serviceWorkers, hasTouch,
  });
  if (init) await context.addInitScript(init);
  const page = context.pages()[0] ?? (await context.newPage());
  // DOSSIER_E2E_THROTTLE=N slows the page's CPU N times (a slow tablet, a busy CI machine).
  const throttle = Number(process.env.DOSSIER_E2E_THROTTLE || 0);
  if (throttle > 1) await (await context.newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: throttle });
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

/** The trimmed text of the first element matching `sel`. */
export const text = async (page, sel) => (await page.locator(sel).first().textContent()).trim();

/** Waits until the wasm app has mounted its navigation. */
export async function appReady(page) {
  await page.locator("nav a[data-route]").first().waitFor({ state: "visible", timeout: 30_000 });
}

/** The answer to a tap is seen without scrolling: `selector`'s top edge lies on screen above any
 * sticky action bar, and (unless `focused` is false) the focus is in it. */
/** Makes `name` this device's rep from the first-start prompt, once the archive has loaded (a
 *  save before storage opened is refused, and a slow CI machine can get there first). */
export async function chooseMe(page, name) {
  await page.locator("[data-me-prompt]").waitFor();
  await page.locator(".empty-state, [data-count]").first().waitFor();
  await page.fill("#me-name", name);
  await page.click("[data-action=add-me]");
  await page.locator("[data-me-prompt]").waitFor({ state: "detached" });
}

export async function assertInView(page, selector, { focused = true } = {}) {
  const seen = await page.waitForFunction(([s, f]) => {
    const el = document.querySelector(s);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const bar = document.querySelector(".form-actions")?.getBoundingClientRect();
    const floor = bar && bar.top < innerHeight && !el.closest(".form-actions") ? bar.top : innerHeight;
    return r.top >= 0 && r.top < floor && (!f || el.contains(document.activeElement));
  }, [selector, focused], { timeout: 5_000 }).then(() => true, () => false);
  if (!seen) {
    const where = await page.evaluate((s) => {
      const el = document.querySelector(s);
      return el && { top: el.getBoundingClientRect().top, height: innerHeight, focus: document.activeElement?.outerHTML.slice(0, 80) };
    }, selector);
    throw new Error(`${selector} is not in view and focused after the tap: ${JSON.stringify(where)}`);
  }
}

/** Types an order's lines into the open order form's grid, one row per product:
 *  `[[product, qty, price, unit?], …]`, adding rows as needed. */
export async function fillOrderLines(page, lines) {
  const grid = page.locator("[data-entry-form=order] [data-order-lines]");
  for (const [i, [product, qty, price, unit = ""]] of lines.entries()) {
    if ((await grid.locator("[data-line-row]").count()) <= i) await grid.locator("[data-action=add-line]").click();
    const row = grid.locator(`[data-line-row="${i}"]`);
    await row.locator("[data-cell=product] input").fill(String(product));
    await row.locator("[data-cell=qty] input").fill(String(qty));
    await row.locator("[data-cell=unit] input").fill(String(unit));
    await row.locator("[data-cell=price] input").fill(String(price));
  }
}

/** Sets the quantities going out in the open delivery form, one per product of the order in
 *  its order (`null` keeps what the form offers: what is left). */
export async function fillDeliveryLines(page, qtys) {
  const rows = page.locator("[data-entry-form=delivery] [data-delivery-line]");
  for (const [i, q] of qtys.entries()) if (q !== null) await rows.nth(i).locator("input").fill(String(q));
}

/** Opens the customer form's 更多资料 (closed on a new card) so the fields behind it can be filled. */
export async function openMore(page) {
  const more = page.locator("details[data-more]");
  if ((await more.count()) && (await more.getAttribute("open")) === null) await more.locator("summary").click();
}

/** Fills the open entry form (`#field-e-<key>`: text or select) and presses 保存. `lines` is
 *  an array: an order's rows (`fillOrderLines`) or a delivery's quantities (`fillDeliveryLines`). */
export async function fillEntry(page, fields) {
  for (const [id, value] of Object.entries(fields)) {
    if (id === "lines" && Array.isArray(value)) {
      if (await page.locator("[data-entry-form=order]").count()) await fillOrderLines(page, value);
      else await fillDeliveryLines(page, value);
      continue;
    }
    const el = page.locator(`#field-e-${id}`);
    const tag = await el.evaluate((e) => (e.type === "checkbox" ? "CHECKBOX" : e.tagName));
    if (tag === "SELECT") await el.selectOption(value);
    else if (tag === "CHECKBOX") await el.setChecked(value === "true");
    else { await el.fill(value); await el.blur(); }
  }
  await page.click("[data-action=save-entry]");
}

/** Opens the quick-add form of `kind` on the card, fills it and presses 保存. */
export async function addEntry(page, kind, fields) {
  await page.click(`[data-add=${kind}]`);
  await page.locator(`[data-entry-form=${kind}]`).waitFor();
  await fillEntry(page, fields);
}
