// Data safety in the built app: damaged records (the app opens, names what is affected, offers a
// rescue file, deletes nothing), a full disk (nothing changes, the message says how much space is
// used), no random source (nothing is created), a deleted document leaves no file, and settings
// show the storage status. Nothing here promises bundles before the hand-off page exists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { startApp, appReady, text } from "./harness.mjs";


// IndexedDB access from the page, for what the app never does itself.
const idb = {
  get: (page, store, key) => page.evaluate(([store, key]) => new Promise((ok, fail) => {
    const open = indexedDB.open("dossier");
    open.onsuccess = () => {
      const db = open.result;
      const req = db.transaction(store).objectStore(store).get(key);
      req.onsuccess = () => { db.close(); const v = req.result; ok(v === undefined ? null : typeof v === "string" ? v : new TextDecoder().decode(v)); };
      req.onerror = () => { db.close(); fail(req.error); };
    };
    open.onerror = () => fail(open.error);
  }), [store, key]),
  put: (page, store, key, value, bytes) => page.evaluate(([store, key, value, bytes]) => new Promise((ok, fail) => {
    const open = indexedDB.open("dossier");
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(store, "readwrite");
      const v = bytes ? new TextEncoder().encode(value) : value;
      if (key === null) tx.objectStore(store).add(v); else tx.objectStore(store).put(v, key);
      tx.oncomplete = () => { db.close(); ok(); };
      tx.onerror = tx.onabort = () => { db.close(); fail(tx.error); };
    };
    open.onerror = () => fail(open.error);
  }), [store, key, value, bytes]),
  count: (page, store) => page.evaluate((store) => new Promise((ok, fail) => {
    const open = indexedDB.open("dossier");
    open.onsuccess = () => {
      const db = open.result;
      const req = db.transaction(store).objectStore(store).count();
      req.onsuccess = () => { db.close(); ok(req.result); };
      req.onerror = () => { db.close(); fail(req.error); };
    };
    open.onerror = () => fail(open.error);
  }), store),
};

async function newCustomer(page, url, name) {
  await page.goto(`${url}#/customers/new/enterprise`);
  await page.fill("#field-name", name);
  await page.fill("#field-phone", "0571-8" + String(Math.floor(Math.random() * 1e7)).padStart(7, "0"));
  await page.click("[data-action=save]");
  await page.locator("h1[data-card]").waitFor();
}

test("a damaged page and journal row: the app opens, names the customers, offers the raw records, deletes nothing", async () => {
  const app = await startApp();
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await page.click("[data-action=load-sample]");
    await page.waitForFunction(() => document.querySelector("[data-count]")?.textContent === "20", null, { timeout: 60_000 });
    // Card 4 of page 0 gets a field of the wrong type; the entry page is cut short; one saved
    // batch is not JSON.
    const rows = JSON.parse(await idb.get(page, "pages", "c/000000"));
    const bad = rows[3];
    rows[3].deleted = "yes";
    await idb.put(page, "pages", "c/000000", JSON.stringify(rows), true);
    const cut = '[{"id":"e-cut","cid":';
    await idb.put(page, "pages", "e/000000", cut, true);
    await idb.put(page, "journal", null, "{not json", false);

    await page.reload();
    await page.locator("[data-damage]").waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector("[data-count]")?.textContent === "19");
    const banner = await text(page, "[data-damage]");
    assert.match(banner, /部分档案记录无法读取/);
    assert.match(banner, /没有删除/);
    assert.ok(banner.includes(bad.body.basic.name) && banner.includes(bad.reg_no), `names the card: ${banner}`);
    assert.match(await text(page, "[data-damage-files]"), /可能不完整/);
    assert.match(await text(page, "[data-damage-saves]"), /1/);
    // English too.
    await page.goto(`${url}#/settings`);
    await page.click("#lang-en");
    await page.waitForFunction(() => document.querySelector("[data-damage]")?.textContent.includes("cannot be read"));
    await page.click("#lang-zh-CN");

    // The rescue file holds the records exactly as stored.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=rescue-download]")]);
    assert.match(download.suggestedFilename(), /^dossier-rescue-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.equal(file.format, "dossier-rescue");
    const texts = file.records.map((r) => r.text);
    assert.ok(texts.includes(cut), "the cut page, as stored");
    assert.ok(texts.includes("{not json"), "the bad save, as stored");
    assert.ok(texts.some((t) => t && t.includes('"deleted":"yes"')), "the page with the bad card");

    // An edit of another card on the damaged page writes that page back with the bad row in place.
    await page.goto(url);
    await page.locator("[data-row] a[data-open]").first().click();
    await page.click("a[data-action=edit]");
    await page.fill("#status-region", "东北");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    await page.reload();
    await page.locator("[data-damage]").waitFor({ timeout: 30_000 });
    assert.equal(await idb.get(page, "pages", "e/000000"), cut, "the cut page is still there");
    assert.ok((await idb.get(page, "pages", "c/000000")).includes('"deleted":"yes"'), "the bad card is still there");
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("a full disk: the save changes nothing and the message says how much space is used", async () => {
  // No service worker: its cache of the app (≈ 2.3 MB, filled while the app starts) would count
  // against the small quota below at an unpredictable moment.
  const app = await startApp({ serviceWorkers: "block" });
  const { page, url, context } = app;
  try {
    // 1 MiB for this origin, set before the app opens its database (IndexedDB reads the space
    // left when it opens its store; a lower quota set later is not seen until then). Cards fit;
    // the 4 MiB file below (random bytes: IndexedDB compresses values) does not. (The page's
    // estimate() does not see the override.)
    const cdp = await context.newCDPSession(page);
    const origin = new URL(url).origin;
    await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: 1024 * 1024 });
    await page.goto(url);
    await appReady(page);
    await newCustomer(page, url, "满盘测试有限公司");

    await page.click("[data-add=document]");
    await page.locator("[data-entry-form=document]").waitFor();
    await page.selectOption("#field-e-kind", { index: 1 });
    await page.setInputFiles("#entry-file", { name: "合同.pdf", mimeType: "application/pdf", buffer: randomBytes(4 * 1024 * 1024) });
    await page.click("[data-action=save-entry]");
    await page.locator("[data-form-message]").waitFor({ timeout: 30_000 });
    const message = await text(page, "[data-form-message]");
    assert.match(message, /存储空间已满/);
    assert.match(message, /档案没有任何改动/);
    assert.match(message, /本机已用 [\d,.]+ MB，上限 [\d,.]+ MB/);
    assert.doesNotMatch(message, /导出/);
    // The message is beside the form's buttons, where the rep is looking.
    assert.ok(await page.locator("[data-form-message]").isVisible());
    assert.equal(await page.locator("[data-timeline] [data-kind=document]").count(), 0, "nothing shown as saved");
    assert.equal(await idb.count(page, "blobs"), 0, "no file written");

    // With space again, the same form saves; a reload shows exactly that one document.
    await cdp.send("Storage.overrideQuotaForOrigin", { origin });
    await page.click("[data-action=save-entry]");
    await page.locator("[data-timeline] [data-kind=document]").waitFor();
    await page.reload();
    await page.locator("[data-timeline] li").first().waitFor();
    assert.equal(await page.locator("[data-timeline] [data-kind=document]").count(), 1);

    // Deleting the document takes its file with it.
    assert.equal(await idb.count(page, "blobs"), 1);
    await page.click("[data-action=delete-document]");
    await page.click("[data-action=confirm-delete-document]");
    await page.waitForFunction(() => !document.querySelector("[data-timeline] [data-kind=document]"));
    assert.equal(await idb.count(page, "blobs"), 0, "no orphan file");
    await page.reload();
    await page.locator("h1[data-card]").waitFor();
    assert.equal(await page.locator("[data-timeline] [data-kind=document]").count(), 0);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("no random source: nothing is created and the rep is told why", async () => {
  const app = await startApp();
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await newCustomer(page, url, "随机测试有限公司");
    await page.addInitScript(() => { crypto.getRandomValues = () => { throw new Error("no entropy"); }; });
    await page.reload();
    await appReady(page);
    await page.goto(`${url}#/customers/new/enterprise`);
    await page.fill("#field-name", "不应保存有限公司");
    await page.fill("#field-phone", "0571-87654321");
    await page.click("[data-action=save]");
    await page.locator("[data-form-message]").waitFor();
    assert.match(await text(page, "[data-form-message]"), /无法生成随机编号/);
    assert.equal(await idb.count(page, "journal"), 1, "only the first card was ever written");
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector("[data-count]")?.textContent === "1");
  } finally {
    await app.close();
  }
});

test("settings show persistence, space and the last backup", async () => {
  const app = await startApp();
  const { page, url } = app;
  try {
    await page.goto(`${url}#/settings`);
    await appReady(page);
    await page.waitForFunction(() => /MB/.test(document.querySelector("[data-space]")?.textContent ?? ""));
    assert.match(await text(page, "[data-space]"), /^本机已用 [\d,.]+ MB，上限 [\d,.]+ MB/);
    assert.match(await text(page, "[data-settings-backup]"), /本机还没有备份过/);
    // Persistence is asked after the first real save, not before.
    await newCustomer(page, url, "持久测试有限公司");
    await page.goto(`${url}#/settings`);
    await page.waitForFunction(() => ["Granted", "Denied", "Unsupported"].includes(document.querySelector("[data-persist]")?.dataset.persist));
    // One tap (with a passphrase) on 交接 makes a backup; settings then shows when.
    await page.click("[data-go-backup]");
    await page.locator("[data-backup]").waitFor();
    assert.match(await text(page, "[data-backup-old]"), /超过 7 天|7 days/, "an archive never backed up is reminded");
    await page.fill("[data-backup-pass]", "backup pass 1");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-backup-run]")]);
    assert.match(download.suggestedFilename(), /\.dossier\.json$/);
    await page.locator("[data-backup-done]").waitFor();
    assert.equal(await page.locator("[data-backup-old]").count(), 0, "no reminder after a backup");
    await page.goto(`${url}#/settings`);
    assert.match(await text(page, "[data-settings-backup]"), /上次备份：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  } finally {
    await app.close();
  }
});
