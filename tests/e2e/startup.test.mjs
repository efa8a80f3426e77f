// Start-up from the summaries: the list, its count and search come from the stored summary pages
// (the `dossier:list-ready` mark, with the number of live customers) and no card is read until
// one is opened; a database from before the summary pages gets them made from its pages, one
// page at a time (the `dossier:summaries-made` mark), written, and read the time after.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, text } from "./harness.mjs";


const listReady = (page) => page.evaluate(() => {
  const m = performance.getEntriesByName("dossier:list-ready", "mark")[0];
  return m ? m.detail?.count ?? null : undefined;
});

const made = (page) => page.evaluate(() => performance.getEntriesByName("dossier:summaries-made", "mark").length);

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

    // A reload lists from the summaries (the mark counts the live customers).
    await page.reload();
    await archiveReady(page);
    assert.equal(String(await listReady(page)), count, "listed from the summaries");
    assert.equal(await made(page), 0, "the stored summaries were read, not made again");
    const fromSummaries = await names();
    assert.equal(await text(page, "[data-count]"), count);
    await page.fill("#customer-search", fromSummaries[0]);
    await page.locator("[data-row]").first().waitFor();
    assert.equal((await names())[0], fromSummaries[0], "search finds by name");

    // Without summary pages (an archive from before them): they are made from the pages and
    // written, and the next start-up reads them again.
    await dropSummaries(page);
    await page.reload();
    await archiveReady(page);
    assert.equal(await made(page), 1, "no summaries: made from the cards");
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
    assert.equal(await made(page), 0);
    assert.deepEqual(await names(), fromSummaries, "the same list");
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
