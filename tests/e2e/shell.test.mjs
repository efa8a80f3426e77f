// The app shell: loads from a sub-path, every page reachable, language switch remembered, storage
// opened with a kept device id, persistence asked, and works offline after one visit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady } from "./harness.mjs";

const PAGES = [
  { route: "customers", zh: "客户", en: "Customers", h1en: "Customer archive" },
  { route: "today", zh: "今日", en: "Today", h1en: "Today" },
  { route: "credit", zh: "信用", en: "Credit", h1en: "Credit" },
  { route: "handoff", zh: "交接", en: "Hand-off", h1en: "Hand-off" },
  { route: "analysis", zh: "分析", en: "Analysis", h1en: "Analysis" },
  { route: "settings", zh: "设置", en: "Settings", h1en: "Settings" },
];

test("loads, switches language, navigates every page, remembers the language", async () => {
  const app = await startApp();
  const { page } = app;
  try {
    await page.goto(app.url);
    await appReady(page);
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    for (const p of PAGES) {
      assert.equal((await page.locator(`nav a[data-route=${p.route}] .nav-label`).textContent()).trim(), p.zh);
    }
    assert.equal(await page.locator("h1").textContent(), "客户档案");

    await page.click("button[data-lang=en]");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    for (const p of PAGES) {
      const link = page.locator(`nav a[data-route=${p.route}]`);
      await link.click();
      await page.waitForURL(new RegExp(`#/${p.route}$`));
      assert.equal(await link.getAttribute("aria-current"), "page");
      assert.equal(await page.locator("nav a[aria-current=page]").count(), 1);
      assert.equal((await link.locator(".nav-label").textContent()).trim(), p.en);
      assert.equal(await page.locator("h1").textContent(), p.h1en);
      // Icons are inline SVG beside text, never emoji (tablets draw those as empty boxes).
      assert.equal(await link.locator("svg.icon").count(), 1, `${p.route}: an inline SVG icon`);
      const emoji = await page.evaluate(() => document.body.innerText.match(/[\u{1F000}-\u{1FFFF}\u{2600}-\u{27BF}]/gu));
      assert.equal(emoji, null, `${p.route}: no emoji on the page`);
      if (p.route === "handoff") {
        // 交接 works: it says what it does and offers its three tabs.
        assert.ok((await page.locator("[data-intro]").textContent()).length > 40, "交接 says what it does");
        assert.equal(await page.locator("[role=tab]").count(), 3);
      } else if (p.route === "today") {
        // 今日 works: on an empty archive it says where its list comes from.
        assert.ok((await page.locator("[data-today-empty] p").textContent()).length > 40, "今日 says where its list comes from");
      } else if (p.route !== "settings") {
        const intro = await page.locator(".empty-state p").textContent();
        assert.ok(intro.length > 40, `page ${p.route} says what will be there`);
      }
    }

    // Settings: storage opened, device id shown, persistence read (asked only after the first
    // real save: tests/e2e/safety.test.mjs).
    const deviceId = await page.locator("[data-device-id]").getAttribute("data-device-id", { timeout: 10_000 });
    assert.match(deviceId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await page.waitForFunction(() => document.querySelector("[data-persist]")?.dataset.persist !== "Checking");
    assert.match(await page.locator("[data-persist]").getAttribute("data-persist"), /^(NotYet|Granted|Unsupported)$/);

    await page.reload();
    await appReady(page);
    assert.equal(await page.getAttribute("html", "lang"), "en", "language remembered");
    assert.equal(await page.locator("h1").textContent(), "Settings", "route kept on reload");
    assert.equal(await page.locator("[data-device-id]").getAttribute("data-device-id"), deviceId, "device id kept");

    await page.click("button[data-lang=zh-CN]");
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    assert.equal(await page.locator("h1").textContent(), "设置");
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("reopens with the network off after one visit", async () => {
  const app = await startApp();
  const { page, context } = app;
  try {
    await page.goto(app.url);
    await appReady(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
      }
    });
    // Offline for real: the browser is offline and the server is gone.
    await context.setOffline(true);
    await app.stopServer();
    await page.reload({ timeout: 15_000 });
    await appReady(page);
    await page.click("nav a[data-route=today]");
    assert.equal(await page.locator("h1").textContent(), "今日工作");
    await page.click("nav a[data-route=settings]");
    await page.locator("[data-device-id]").waitFor();
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("tells the user in both languages when storage is unavailable", async () => {
  // As in a browser that refuses site storage: no IndexedDB at all.
  const app = await startApp({ init: () => Object.defineProperty(window, "indexedDB", { get: () => undefined }) });
  const { page } = app;
  try {
    await page.goto(app.url);
    await appReady(page);
    const banner = page.locator("[role=alert][data-storage-error]");
    await banner.waitFor();
    assert.match(await banner.getAttribute("data-storage-error"), /^Unavailable/);
    assert.match(await banner.textContent(), /无法使用本机存储/);
    await page.click("button[data-lang=en]");
    assert.match(await banner.textContent(), /storage \(IndexedDB\) is unavailable/);
  } finally {
    await app.close();
  }
});

test("navigation is usable on a 10-inch tablet in portrait", async () => {
  const app = await startApp({ viewport: { width: 800, height: 1280 } });
  const { page } = app;
  try {
    await page.goto(app.url);
    await appReady(page);
    for (const p of PAGES) {
      const box = await page.locator(`nav a[data-route=${p.route}]`).boundingBox();
      assert.ok(box.height >= 48 && box.width >= 48, `${p.route} is a touch-sized target (${box.width}x${box.height})`);
      assert.ok(box.y + box.height <= 1280, `${p.route} is on screen`);
    }
    await page.click("nav a[data-route=credit]");
    assert.equal(await page.locator("h1").textContent(), "信用管理");
  } finally {
    await app.close();
  }
});
