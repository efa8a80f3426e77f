// Start-up from the summaries: the list, its count and search come from the stored summary pages
// (the `dossier:list-ready` mark, with the number of live customers), before the cards have
// loaded; a database from before the summary pages starts the old way, gets them written, and
// starts from them the time after.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, text } from "./harness.mjs";


const listReady = (page) => page.evaluate(() => {
  const m = performance.getEntriesByName("dossier:list-ready", "mark")[0];
  return m ? m.detail?.count ?? null : undefined;
});

const archiveReady = (page) => page.waitForFunction(() => performance.getEntriesByName("dossier:archive-ready", "mark").length > 0, null, { timeout: 60_000 });

// What a database written before the summary pages holds: none of them, no format mark.
const dropSummaries = (page) => page.evaluate(() => new Promise((ok, fail) => {
  const open = indexedDB.open("dossier");
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction(["pages", "meta"], "readwrite");
    tx.objectStore("pages").delete(IDBKeyRange.bound("s/", "s/\uffff"));
    tx.objectStore("meta").delete("summaries");
    tx.oncomplete = () => { db.close(); ok(); };
    tx.onerror = tx.onabort = () => { db.close(); fail(tx.error); };
  };
  open.onerror = () => fail(open.error);
}));

const summaryPages = (page) => page.evaluate(() => new Promise((ok, fail) => {
  const open = indexedDB.open("dossier");
  open.onsuccess = () => {
    const db = open.result;
    const req = db.transaction("pages").objectStore("pages").count(IDBKeyRange.bound("s/", "s/\uffff"));
    req.onsuccess = () => { db.close(); ok(req.result); };
    req.onerror = () => { db.close(); fail(req.error); };
  };
  open.onerror = () => fail(open.error);
}));

test("the list starts from the summaries; an archive from before them gets them", async () => {
  const app = await startApp();
  const { page } = app;
  try {
    await page.goto(app.url);
    await appReady(page);
    await page.selectOption("#sample-size", "1000");
    await page.click("[data-action=load-sample]");
    await page.locator("[data-count]").waitFor({ timeout: 60_000 });
    const count = await text(page, "[data-count]");
    const names = async () => (await page.locator("[data-row] a[data-open]").allTextContents()).slice(0, 5);

    // A reload lists from the summaries (the mark counts the live customers), then loads all.
    await page.reload();
    await archiveReady(page);
    assert.equal(String(await listReady(page)), count, "listed from the summaries");
    const fromSummaries = await names();
    assert.equal(await text(page, "[data-count]"), count);
    await page.fill("#customer-search", fromSummaries[0]);
    await page.locator("[data-row]").first().waitFor();
    assert.equal((await names())[0], fromSummaries[0], "search finds by name");

    // Without summary pages (an archive from before them): the old start-up, no list-ready
    // mark; the app writes them, and the next start-up lists from them again.
    await dropSummaries(page);
    await page.reload();
    await archiveReady(page);
    assert.equal(await listReady(page), undefined, "no summaries: started from the cards");
    assert.equal(await text(page, "[data-count]"), count);
    // Written after the load, off the start-up path.
    for (let i = 0; (await summaryPages(page)) === 0; i++) {
      assert.ok(i < 150, "the summary pages were not written within 30 s");
      await page.waitForTimeout(200);
    }
    assert.equal(await summaryPages(page), 1, "1,000 customers: one summary page");
    await page.reload();
    await archiveReady(page);
    assert.equal(String(await listReady(page)), count, "listed from the rewritten summaries");
    assert.deepEqual(await names(), fromSummaries, "the same list");
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
