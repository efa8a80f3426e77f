// Archive benchmark: drives the release build (dist/) in headless Chromium with a generated archive
// and compares it with the browser floor measured in the same run (plain JS + IndexedDB).
//   trunk build --release && node bench/archive.mjs [--count 100000] [--dist dist]
// Prints a Markdown table and writes it to bench/out/archive.md. Every wait is bounded.
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { serve } from "../scripts/serve.mjs";
import { CHROMIUM_ARGS } from "../tests/e2e/harness.mjs";

const { values: opts } = parseArgs({ options: { count: { type: "string", default: "100000" }, dist: { type: "string" } } });
const COUNT = Number(opts.count);
if (!Number.isInteger(COUNT) || COUNT < 10) { console.error("bench: --count must be one of the app's sample sizes (20, 1000, 2000, 10000, 100000)"); process.exit(2); }
// Smaller archives, each in a fresh browser profile: how start-up and memory grow with the archive.
const SCALES = [1_000, 2_000, 10_000].filter((n) => n < COUNT);
const QUERIES = ["张", "138", "杭州市", "有限公司", "0571"]; // 15 keystrokes (typed 3×): names, phones, places, firms
// Pinyin typed letter by letter (20 keystrokes, typed 3×): initials, a surname, a city, a firm's
// initials. The first one or two letters match most names, which is what this row watches.
const LATIN_QUERIES = ["cdcx", "zhang", "chengdu", "yxgs"];
const SAVE_TIMEOUT = Math.max(60_000, (COUNT / 100_000) * 600_000); // generating + saving 100k: 10 min
const STEP = 30_000; // any single UI step
const DIST = opts.dist ? resolve(opts.dist) + "/" : fileURLToPath(new URL("../dist/", import.meta.url));
const OUT = fileURLToPath(new URL("./out/", import.meta.url));

const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const p95 = (a) => [...a].sort((x, y) => x - y)[Math.max(0, Math.ceil(0.95 * a.length) - 1)]; // nearest rank
const ms = (v) => (v == null ? "–" : `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ms`);
const mb = (v) => `${(v / 1e6).toFixed(1)} MB`;
const log = (...a) => console.error("bench:", ...a);

function withTimeout(promise, limit, what) {
  let timer;
  const t = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`timed out after ${limit / 1000} s: ${what}`)), limit); });
  return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

if (!(await stat(join(DIST, "index.html")).catch(() => null))) { console.error(`bench: no ${DIST}index.html: run \`trunk build --release\` first`); process.exit(2); }
const server = await serve({ root: DIST, port: 0, prefix: "/dossier/" });
const url = `http://127.0.0.1:${server.address().port}/dossier/#/customers`;
const profile = await mkdtemp(join(tmpdir(), "dossier-bench-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 800 },
});
async function shutdown() {
  await withTimeout(context.close(), 15_000, "closing Chromium").catch((e) => log(e.message));
  server.closeAllConnections(); server.close();
  await rm(profile, { recursive: true, force: true });
}
// Whole-run limit: whatever hangs, the script ends.
const watchdog = setTimeout(async () => { log("whole-run time limit reached"); await shutdown(); process.exit(3); }, SAVE_TIMEOUT + 20 * 60_000);
// Keep the wasm instance Trunk announces, to read its linear memory size later.
await context.addInitScript(() => addEventListener("TrunkApplicationStarted", (e) => { window.__benchWasm = e.detail?.wasm; }));
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(STEP);
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(e.message));
page.on("console", (m) => { if (m.type() === "error") pageErrors.push(m.text()); });

/** Waits for a selector of the app's contract; a missing one fails with its name. */
async function need(selector, limit = STEP, state = "attached") {
  try { await page.locator(selector).first().waitFor({ state, timeout: limit }); }
  catch (e) {
    const errs = pageErrors.length ? `; page errors: ${pageErrors.slice(-3).join(" | ")}` : "";
    throw new Error(`contract: \`${selector}\` not ${state} after ${limit / 1000} s at ${page.url()}${errs}`);
  }
}
/** Polls `fn(arg)` in the page until truthy, surviving navigations, within `limit` ms. */
async function until(what, fn, arg, limit = STEP) {
  const end = Date.now() + limit;
  for (;;) {
    try { return await (await page.waitForFunction(fn, arg, { timeout: Math.max(1, end - Date.now()), polling: 50 })).jsonValue(); }
    catch (e) {
      if (Date.now() < end && /context was destroyed|navigation/i.test(e.message)) continue;
      throw new Error(`timed out after ${limit / 1000} s waiting for ${what}${/Timeout/.test(e.name) ? "" : `: ${e.message}`}`);
    }
  }
}
const durations = (name) => page.evaluate((n) => performance.getEntriesByName(n, "measure").map((e) => e.duration), name);
const markTime = (name) => until(`performance mark ${name}`, (n) => {
  const m = performance.getEntriesByName(n, "mark")[0];
  return m && { at: m.startTime, detail: m.detail ?? null };
}, name, SAVE_TIMEOUT);
/** Waits until the number of `name` measures stops changing (no new one for 300 ms); returns it. */
async function settle(name, limit = 10_000) {
  const end = Date.now() + limit;
  let last = -1, same = 0;
  while (Date.now() < end) {
    const n = (await durations(name)).length;
    same = n === last ? same + 1 : 0; last = n;
    if (same >= 3) return n;
    await page.waitForTimeout(100);
  }
  throw new Error(`\`${name}\` measures kept coming for ${limit / 1000} s`);
}
const listCount = async () => Number(((await page.textContent("[data-count]")) ?? "").replace(/\D/g, ""));

/** The order check timed natively (`examples/credit_speed.rs`): the bench has no customer with
 * ~500 entries, so the core's own example builds one. `{}` when cargo is not at hand. */
async function orderCheckSpeed() {
  const { execFile } = await import("node:child_process");
  const root = fileURLToPath(new URL("../", import.meta.url));
  return new Promise((done) => {
    execFile("cargo", ["run", "--quiet", "--release", "-p", "dossier-core", "--example", "credit_speed"], { cwd: root, timeout: 10 * 60_000 }, (err, stdout) => {
      const m = /entries=(\d+) runs=(\d+) ms_per_check=([\d.]+)/.exec(stdout ?? "");
      if (err || !m) { log(`warning: credit_speed did not run (${err?.message ?? "no result line"})`); return done({}); }
      done({ entries: Number(m[1]), runs: Number(m[2]).toLocaleString("en"), ms: Number(m[3]) });
    });
  });
}

// Runs `fn` while sampling the page's JS memory every 100 ms through `cdp`: V8's heap in use
// plus the ArrayBuffers' backing stores (bytes read from IndexedDB or a file, pieces of a
// Blob being made; wasm's linear memory is not among them, it is reported apart). Returns
// [what fn returned, the peak in bytes].
async function peakJs(cdp, fn) {
  let peak = 0;
  let on = true;
  const sample = async () => {
    while (on) {
      const u = await cdp.send("Runtime.getHeapUsage").catch(() => null);
      if (u) peak = Math.max(peak, u.usedSize + (u.backingStorageSize ?? 0));
      await new Promise((ok) => setTimeout(ok, 100));
    }
  };
  const sampling = sample();
  try {
    const value = await fn();
    return [value, peak];
  } finally {
    on = false;
    await sampling;
  }
}

async function main() {
  // Natively first, before the browser loads the machine.
  const creditSpeed = await orderCheckSpeed();
  const facts = { count: COUNT, nproc: availableParallelism(), cpu: cpus()[0]?.model ?? "?", ram: `${(totalmem() / 2 ** 30).toFixed(0)} GiB` };
  const cdp = await context.newCDPSession(page);
  facts.chromium = (await cdp.send("Browser.getVersion").catch(() => null))?.product ?? (await page.evaluate(() => navigator.userAgent));

  // 1. Generate and save the sample archive through the app.
  log(`loading ${url}`);
  await page.goto(url, { waitUntil: "commit", timeout: STEP });
  await need("#sample-size");
  await need("[data-action=load-sample]");
  const options = await page.$$eval("#sample-size option", (os) => os.map((o) => o.value));
  if (!options.includes(String(COUNT))) throw new Error(`contract: #sample-size has no option "${COUNT}" (has ${options.join(", ")})`);
  await page.selectOption("#sample-size", String(COUNT));
  await page.click("[data-action=load-sample]");
  log(`generating and saving ${COUNT} customers (limit ${SAVE_TIMEOUT / 1000} s)`);
  await markTime("dossier:sample-saved");
  const [generate] = await durations("dossier:generate");
  const [saveAll] = await durations("dossier:save-all");
  if (saveAll == null) throw new Error("contract: no performance.measure(\"dossier:save-all\") after dossier:sample-saved");

  // 2. Floor: the app's own pages, written and read back by plain JS as 1,000-row records.
  log("measuring the IndexedDB floor");
  const floor = await withTimeout(page.evaluate(measureFloor), 10 * 60_000, "floor measurement");
  if (floor.error) throw new Error(floor.error);
  if (floor.customers !== COUNT) log(`warning: the stored pages hold ${floor.customers} customers, not ${COUNT}`);

  // 3. Start-up to interactive (dossier:list-ready: the list with search and every page work;
  // cards are read when opened), three reloads; then the background check of every page
  // (dossier:archive-ready); heap after the last one.
  const startups = [];
  const listings = [];
  const reads = [], indexBuilds = [], wasmFetched = [];
  for (let i = 0; i < 3; i++) {
    await page.reload({ waitUntil: "commit", timeout: STEP });
    const listed = await markTime("dossier:list-ready");
    reads.push((await durations("dossier:read-summaries"))[0]);
    indexBuilds.push((await durations("dossier:index-build"))[0]);
    wasmFetched.push(await page.evaluate(() => performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".wasm")).map((r) => r.responseEnd)[0] ?? null));
    if (listed.detail?.count !== COUNT) log(`warning: list-ready detail.count = ${listed.detail?.count}, expected ${COUNT}`);
    listings.push(listed.at);
    const ready = await markTime("dossier:archive-ready");
    startups.push(ready.at);
    log(`start-up ${i + 1}: ready ${ms(listed.at)}, every page checked ${ms(ready.at)}`);
  }
  const startParts = { read: median(reads), index: median(indexBuilds), wasm: median(wasmFetched) };
  await cdp.send("HeapProfiler.collectGarbage").catch(() => {});
  await cdp.send("Performance.enable");
  const metrics = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const wasmBytes = await page.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? null);

  // 4. Search latency per keystroke.
  await need("#customer-search");
  await need("[data-count]");
  /** Types each query into the cleared search box one key at a time (100 ms apart, like a rep);
   * the dossier:search measure of every keystroke, and per query its count and timings. */
  async function typeKeys(queries) {
    const keystrokes = [], matches = [];
    for (const q of queries) {
      await page.fill("#customer-search", "");
      const n0 = await settle("dossier:search");
      await page.focus("#customer-search");
      await page.keyboard.type(q, { delay: 100 });
      const want = n0 + [...q].length;
      await until(`${want - n0} dossier:search measures for "${q}"`, (w) => performance.getEntriesByName("dossier:search", "measure").length >= w, want, 15_000);
      const these = (await durations("dossier:search")).slice(n0);
      keystrokes.push(...these);
      matches.push(`${q} → ${await listCount()} (${these.map((d) => d.toFixed(1)).join(", ")} ms)`);
    }
    return { keystrokes, matches };
  }
  // Typed three times over: with 45 keystrokes the p95 is not simply the slowest one.
  const { keystrokes, matches } = await typeKeys([...QUERIES, ...QUERIES, ...QUERIES]);
  // 4a. The same with pinyin (Latin letters), 60 keystrokes.
  const latin = await typeKeys([...LATIN_QUERIES, ...LATIN_QUERIES, ...LATIN_QUERIES]);

  // 4b. Sorting the whole archive by name (pinyin, the browser's Intl.Collator): the rank of every
  // customer (dossier:rank-name), three times (number order in between); the first asks the
  // collator, the others reuse its answer while no name changed.
  await page.fill("#customer-search", "");
  const nameSorts = [];
  for (let i = 0; i < 3; i++) {
    const n0 = (await durations("dossier:rank-name")).length;
    await page.click("button[data-sort=Name]");
    await until("a dossier:rank-name measure", (n) => performance.getEntriesByName("dossier:rank-name", "measure").length > n, n0, STEP);
    nameSorts.push((await durations("dossier:rank-name"))[n0]);
    await page.click("button[data-sort=RegNo]");
  }

  // 5. Open a card from the list (click to h1[data-card] in the DOM: its card and file read
  // from their pages), five different rows of the list sorted by name, so from pages all over
  // the archive; then five by 登记编号 (the first page).
  const toList = async () => {
    await page.evaluate(() => { location.hash = "#/customers"; });
    await until("the list after leaving the card", () => !document.querySelector("h1[data-card]") && !!document.querySelector("[data-row] a[data-open]"));
  };
  await page.fill("#customer-search", "");
  await until(`[data-count] showing all ${COUNT}`, (n) => Number(document.querySelector("[data-count]")?.textContent.replace(/\D/g, "")) === n, COUNT, 10_000)
    .catch((e) => log(`warning: ${e.message}`));
  await need("[data-row] a[data-open]");
  const opens = [];
  for (const sort of ["Name", "RegNo"]) {
    await page.click(`button[data-sort=${sort}]`);
    await page.waitForTimeout(300);
    for (let i = 0; i < 5; i++) {
      const t = await withTimeout(page.evaluate(openCard, i), STEP, "opening a card");
      if (typeof t === "string") throw new Error(t);
      opens.push(t);
      await toList();
    }
  }
  const cardReads = await durations("dossier:open");

  // 6. One card edit made durable (dossier:save), five times on different cards.
  const saves = [];
  for (let i = 5; i < 10; i++) {
    await page.locator("[data-row] a[data-open]").nth(i).click();
    await need("h1[data-card]");
    await need("a[data-action=edit]");
    await page.click("a[data-action=edit]");
    await need("#field-address");
    await page.click("#field-address");
    await page.keyboard.press("End");
    await page.keyboard.type("甲");
    const n0 = (await durations("dossier:save")).length;
    await need("[data-action=save]");
    await page.click("[data-action=save]");
    await until("a dossier:save measure after clicking save", (n) => performance.getEntriesByName("dossier:save", "measure").length > n, n0);
    await need("h1[data-card]");
    saves.push((await durations("dossier:save"))[n0]);
    await toList();
  }
  // 6b. Five more edits while a second tab has the whole list open sorted by name: that tab's
  // dossier:apply is the time from the save arriving to its list painted again (the archive,
  // the indexes and the list follow one customer), dossier:list-patch the list's own share.
  const lister = await context.newPage();
  await lister.goto(url, { waitUntil: "commit", timeout: STEP });
  await lister.waitForFunction(() => performance.getEntriesByName("dossier:archive-ready", "mark").length > 0, null, { timeout: SAVE_TIMEOUT, polling: 100 });
  await lister.locator("button[data-sort=Name]").click();
  await lister.waitForFunction(() => performance.getEntriesByName("dossier:rank-name", "measure").length > 0, null, { timeout: STEP, polling: 50 });
  const savesWithLister = [];
  for (let i = 10; i < 15; i++) {
    await page.locator("[data-row] a[data-open]").nth(i).click();
    await need("a[data-action=edit]");
    await page.click("a[data-action=edit]");
    await need("#field-address");
    await page.click("#field-address");
    await page.keyboard.press("End");
    await page.keyboard.type("乙");
    const n0 = (await durations("dossier:save")).length;
    await page.click("[data-action=save]");
    await until("a dossier:save measure after clicking save", (n) => performance.getEntriesByName("dossier:save", "measure").length > n, n0);
    await need("h1[data-card]");
    savesWithLister.push((await durations("dossier:save"))[n0]);
    await toList();
  }
  const listerMeasures = (name) => lister.evaluate((n) => performance.getEntriesByName(n, "measure").map((e) => e.duration), name);
  await lister.waitForFunction(() => performance.getEntriesByName("dossier:apply", "measure").length >= 5, null, { timeout: STEP, polling: 50 })
    .catch(() => log("warning: the list tab did not report five dossier:apply measures"));
  const applies = await listerMeasures("dossier:apply");
  const patches = await listerMeasures("dossier:list-patch");
  await lister.close();

  // 7. Aging of every customer's receivables (the 应收账款 tab of 信用), three visits.
  const agings = [];
  for (let i = 0; i < 3; i++) {
    const n0 = (await durations("dossier:aging")).length;
    await page.evaluate(() => { location.hash = "#/credit"; });
    // 信用总览 is the first tab: the aging table is built when its tab opens.
    await need("[data-tab=aging]");
    await page.click("[data-tab=aging]");
    await until("a dossier:aging measure on #/credit", (n) => performance.getEntriesByName("dossier:aging", "measure").length > n, n0, STEP);
    await need("[data-aging], [data-no-receivables]");
    agings.push((await durations("dossier:aging"))[n0]);
    await toList();
  }

  // 7b. 信用总览, the 信用 page's first tab: its rows built from the summaries
  // (dossier:credit-rows) and the time from navigating to the table (or its empty state) shown.
  const creditRows = [];
  const creditPaints = [];
  for (let i = 0; i < 3; i++) {
    const n0 = (await durations("dossier:credit-rows")).length;
    const paint = await withTimeout(page.evaluate(() => new Promise((done) => {
      const t0 = performance.now();
      location.hash = "#/credit";
      const seen = () => document.querySelector("[data-credit-overview] tbody tr, [data-no-credit]");
      const poll = () => (seen() ? requestAnimationFrame(() => done(performance.now() - t0)) : requestAnimationFrame(poll));
      poll();
    })), STEP, "the 信用总览 table");
    await until("a dossier:credit-rows measure on #/credit", (n) => performance.getEntriesByName("dossier:credit-rows", "measure").length > n, n0, STEP);
    creditRows.push((await durations("dossier:credit-rows"))[n0]);
    creditPaints.push(paint);
    await toList();
  }

  // 7c. 分析: from navigating to #/analysis to the first composition chart (or the page's empty
  // state) painted; the app's own measure of it is dossier:analysis-first-chart. The other
  // sections follow one frame after another and are not waited for.
  const analysisPaints = [];
  const analysisCharts = [];
  for (let i = 0; i < 3; i++) {
    const n0 = (await durations("dossier:analysis-first-chart")).length;
    const paint = await withTimeout(page.evaluate(() => new Promise((done) => {
      const t0 = performance.now();
      location.hash = "#/analysis";
      const seen = () => document.querySelector("[data-section=composition] [data-share-chart], [data-section=composition] [data-share-empty], [data-no-analysis]");
      const poll = () => (seen() ? requestAnimationFrame(() => done(performance.now() - t0)) : requestAnimationFrame(poll));
      poll();
    })), STEP, "the first 分析 chart");
    await until("a dossier:analysis-first-chart measure on #/analysis", (n) => performance.getEntriesByName("dossier:analysis-first-chart", "measure").length > n, n0, STEP).catch((e) => log(`warning: ${e.message}`));
    const chart = (await durations("dossier:analysis-first-chart"))[n0];
    if (chart != null) analysisCharts.push(chart);
    analysisPaints.push(paint);
    await toList();
  }

  // 销售等级 of every customer, cut from the summaries: graded when the list first shows and
  // again after each change (the edits above), each a dossier:regrade measure.
  const regrades = await durations("dossier:regrade");

  // 8. One payment made durable (dossier:save) from a card's quick-add, five cards.
  const payments = [];
  for (let i = 10; i < 15; i++) {
    await page.locator("[data-row] a[data-open]").nth(i).click();
    await need("[data-add=payment]");
    await page.click("[data-add=payment]");
    await need("#field-e-amount");
    await page.fill("#field-e-amount", "100");
    const n0 = (await durations("dossier:save")).length;
    await page.click("[data-action=save-entry]");
    // More than the customer owes needs the user's confirmation first.
    const confirmBox = page.locator("[data-action=confirm-amount]");
    if (await confirmBox.waitFor({ state: "attached", timeout: 1500 }).then(() => true, () => false)) {
      await confirmBox.check();
      await page.click("[data-action=save-entry]");
    }
    await until("a dossier:save measure after saving a payment", (n) => performance.getEntriesByName("dossier:save", "measure").length > n, n0);
    payments.push((await durations("dossier:save"))[n0]);
    await toList();
  }

  // 9. 查重 on save: a new card with the phone of an existing one, refused, five times. The
  // index was built once, when the first edit form opened (dossier:dup-index).
  page.on("dialog", (d) => d.accept()); // leaving a filled form asks first
  const dupChecks = [];
  // Phones of the rows on screen (the list renders only those), the first five that are set.
  const phones = (await page.locator("[data-row] .c-phone").allTextContents()).map((p) => p.trim()).filter(Boolean).slice(0, 5);
  if (phones.length < 5) throw new Error(`only ${phones.length} phones in the visible rows`);
  for (const [i, phone] of phones.entries()) {
    await page.evaluate(() => { location.hash = "#/customers/new/enterprise"; });
    await need("#field-phone");
    await page.fill("#field-name", `基准重复客户${i}`);
    await page.fill("#field-phone", phone);
    const n0 = (await durations("dossier:dup-check")).length;
    await page.click("[data-action=save]");
    await until("a dossier:dup-check measure after saving", (n) => performance.getEntriesByName("dossier:dup-check", "measure").length > n, n0);
    await need("[data-dup-block]");
    dupChecks.push((await durations("dossier:dup-check"))[n0]);
    await toList();
  }
  const dupIndex = (await durations("dossier:dup-index"))[0];

  // 10. The 查重 tool's scan of the whole archive, three visits.
  const dupScans = [];
  for (let i = 0; i < 3; i++) {
    const n0 = (await durations("dossier:dup-scan")).length;
    await page.evaluate(() => { location.hash = "#/customers/duplicates"; });
    await until("a dossier:dup-scan measure on #/customers/duplicates", (n) => performance.getEntriesByName("dossier:dup-scan", "measure").length > n, n0, STEP);
    await need("[data-dup-count]");
    dupScans.push((await durations("dossier:dup-scan"))[n0]);
    await toList();
  }
  await page.evaluate(() => { location.hash = "#/customers/duplicates"; });
  await need("[data-dup-count]");
  const dupGroups = (await page.locator("[data-dup-count]").first().textContent()).trim();
  await toList();

  // Memory after all of the above (aging, 查重 scans, edits, card opens): wasm memory never
  // shrinks, so this is the peak of the session.
  const wasmPeak = await page.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? null);

  // 12. Export the whole archive (备份 profile, plain, then locked), one stored page at a time
  // into a Blob of parts; the floor is plain JS reading the same pages and making one Blob.
  log("exporting the whole archive");
  const exported = await exportAll(page, undefined, cdp);
  // The issue's floor writes "the same JSON text": with the format's digests (the header holds
  // them), so SHA-256 of every page; the floor without them is shown too, and a locked bundle's
  // floor seals every page as well.
  const exportFloorBare = await withTimeout(page.evaluate(exportFloorRun, "bare"), 10 * 60_000, "export floor");
  const [exportFloor, exportFloorJsPeak] = await peakJs(cdp, () => withTimeout(page.evaluate(exportFloorRun, "hashed"), 10 * 60_000, "export floor, hashed"));
  const exportFloorSealed = await withTimeout(page.evaluate(exportFloorRun, "sealed"), 10 * 60_000, "export floor, sealed");
  const wasmAfterExport = await page.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? null);
  // The whole archive imported into a fresh profile (a new device): part by part.
  log("importing the whole archive into a fresh profile");
  const wholeImport = { n: COUNT, imp: { exp: exported.plain, bytes: exported.plainBytes, ...(await importFile(exported.path)) } };

  // 11. Smaller archives, each in a fresh profile: start-up (median of 3) and memory; the
  // largest of them is also exported and imported into another fresh profile.
  const scales = [];
  for (const n of SCALES) {
    log(`start-up with ${n} customers`);
    scales.push({ n, ...(await scale(n, n === Math.max(...SCALES))) });
  }
  // A rep's 2,000-customer 备份 merged into the manager's archive (the whole-bundle import:
  // preview against the archive, 查重 of every new card, one save).
  const repBundle = scales.find((s) => s.n === 2_000)?.repBundle;
  const merged = repBundle ? await importInto(page, repBundle).catch((e) => { log(`merging a rep's bundle failed: ${e.message}`); return { failed: e.message.split("\n")[0] }; }) : null;
  // The release module as served (the gzip a server would send).
  const wasmFile = (await readdir(DIST)).find((f) => f.endsWith(".wasm"));
  const wasmGzip = wasmFile ? gzipSync(await readFile(join(DIST, wasmFile)), { level: 9 }).length : null;

  // The table.
  // The goals compare with the issue's floor (1,000-row records of objects, getAll() and
  // flatten); the strictest floor (the same pages as UTF-8 JSON bytes, never parsed) is shown too.
  const row = (op, measured, fl, goal, ok) => [op, measured, fl == null ? "–" : ms(fl), fl && typeof measured === "number" ? `${(measured / fl).toFixed(2)}×` : "–", goal ?? "–", ok == null ? "–" : ok ? "yes" : "**NO**"];
  const rows = [
    row("generate sample (dossier:generate)", generate, null),
    row("save whole archive (dossier:save-all)", saveAll, floor.writeObjects, "≤ 2× write floor (objects)", saveAll <= 2 * floor.writeObjects),
    row("save whole archive, against the bytes floor", saveAll, floor.writeBytes, "(information)", null),
    row("floor: write 1,000-row records as objects", floor.writeObjects, null),
    row("floor: write 1,000-row records as JSON strings", floor.writeStrings, null),
    row("floor: write 1,000-row records as UTF-8 JSON bytes", floor.writeBytes, null),
    row("start-up to interactive: list with search, every page (list-ready, median of 3)", median(listings), floor.readBytes, "≤ 1.5 s and ≤ 0.5× bytes floor", median(listings) <= 1500 && median(listings) <= 0.5 * floor.readBytes),
    row("start-up part: read and parse the summaries, numbering, reps, history, journal (dossier:read-summaries), median of 3", startParts.read, null),
    row("start-up part: build the search index and positions from the summaries (dossier:index-build), median of 3", startParts.index, null),
    row("start-up part: the wasm module fetched (from the start of the last load)", startParts.wasm, null),
    row("background check of every stored page done (archive-ready, median of 3)", median(startups), floor.readObjects, "(information)", null),
    row("floor: getAll() objects + flatten", floor.readObjects, null),
    row("floor: getAll() JSON strings", floor.readStrings, null),
    row("floor: getAll() JSON strings + JSON.parse", floor.readStrings + floor.parse, null),
    row("floor: getAll() UTF-8 JSON bytes", floor.readBytes, null),
    row(`search per keystroke, median (${keystrokes.length} keys)`, median(keystrokes), null),
    row(`search per keystroke, p95 (${keystrokes.length} keys)`, p95(keystrokes), null, "< 16 ms", p95(keystrokes) < 16),
    row(`search per keystroke in pinyin (${LATIN_QUERIES.join(", ")}), median (${latin.keystrokes.length} keys)`, median(latin.keystrokes), null),
    row(`search per keystroke in pinyin (${LATIN_QUERIES.join(", ")}), p95 (${latin.keystrokes.length} keys)`, p95(latin.keystrokes), null, "< 16 ms", p95(latin.keystrokes) < 16),
    row(`sort all customers by name in pinyin order (dossier:rank-name), first time (the browser's collator)`, nameSorts[0], null),
    row(`sort all customers by name again, names unchanged (collation reused), median of 2`, median(nameSorts.slice(1)), null),
    row(`open a card with its file (click → card shown), median of ${opens.length}`, median(opens), null),
    row(`open a card with its file, max of ${opens.length}`, Math.max(...opens), null, "≤ 50 ms", Math.max(...opens) <= 50),
    row(`read a card and its file from their pages (dossier:open), median of ${cardReads.length}`, cardReads.length ? median(cardReads) : null, null),
    row("card edit durable (dossier:save), median of 5", median(saves), null),
    row("card edit durable (dossier:save), max of 5", Math.max(...saves), null, "< 50 ms", Math.max(...saves) < 50),
    row(`one edit with the list open (sorted by name, another tab): save arrived → list painted (dossier:apply), median of ${applies.length}`, median(applies), null),
    row(`one edit with the list open: max of ${applies.length}`, applies.length ? Math.max(...applies) : null, null, "< 50 ms", applies.length === 5 && Math.max(...applies) < 50),
    row(`one edit with the list open: the list's patch (dossier:list-patch), median of ${patches.length}`, median(patches), null),
    row(`card edit durable while the other tab has the list open, median of ${savesWithLister.length}`, median(savesWithLister), null),
    row("floor: one 2 KB put, durability relaxed (Chromium's default), median of 15", floor.putRelaxed, null),
    row("floor: one 2 KB put, durability relaxed (Chromium's default), max of 15", floor.putRelaxedMax, null),
    row("floor: one 2 KB put, durability strict (as the app writes), median of 15", floor.putStrict, null),
    row("floor: one 2 KB put, durability strict (as the app writes), max of 15", floor.putStrictMax, null),
    row(`aging of all customers (dossier:aging), median of 3`, median(agings), null, "< 200 ms", median(agings) < 200),
    row(`信用总览: credit rows of all customers from the summaries (dossier:credit-rows), median of 3`, median(creditRows), null, "< 200 ms", median(creditRows) < 200),
    row(`信用总览: navigate to #/credit → the overview table painted (first 500 rows), median of 3`, median(creditPaints), null),
    row(`分析 first chart: navigate to #/analysis → the first composition chart painted, median of 3`, median(analysisPaints), null, "< 500 ms", median(analysisPaints) < 500),
    row(`分析 first chart: the page made → the chart rendered (dossier:analysis-first-chart), median of ${analysisCharts.length}`, analysisCharts.length ? median(analysisCharts) : null, null),
    row(`order check against one customer with ${creditSpeed.entries ?? "~500"} entries (native, ledger::credit::order_check, per check over ${creditSpeed.runs ?? "1,000"} runs)`, creditSpeed.ms, null, "< 5 ms", typeof creditSpeed.ms === "number" && creditSpeed.ms < 5),
    row(`销售等级 of all customers from the summaries (dossier:regrade), median of ${regrades.length}`, regrades.length ? median(regrades) : null, null, "< 200 ms", regrades.length > 0 && median(regrades) < 200),
    row(`销售等级 of all customers (dossier:regrade), max of ${regrades.length}`, regrades.length ? Math.max(...regrades) : null, null),
    row("one payment durable (dossier:save), median of 5", median(payments), null),
    row("one payment durable (dossier:save), max of 5", Math.max(...payments), null, "< 50 ms", Math.max(...payments) < 50),
    row("duplicate index build, once, when the first form opens (dossier:dup-index)", dupIndex, null),
    row("查重 of a new card on save (dossier:dup-check), median of 5", median(dupChecks), null),
    row("查重 of a new card on save (dossier:dup-check), max of 5", Math.max(...dupChecks), null, "< 16 ms (instant)", Math.max(...dupChecks) < 16),
    row(`查重 scan of the whole archive (dossier:dup-scan), median of 3; ${dupGroups} found`, median(dupScans), null, "< 200 ms", median(dupScans) < 200),
  ].map((r) => [r[0], typeof r[1] === "number" ? ms(r[1]) : r[1] ?? "–", ...r.slice(2)]);
  rows.push(["JS heap used after start-up (after GC)", mb(metrics.JSHeapUsedSize), "–", "–", "–", "–"]);
  if (wasmBytes) rows.push(["wasm linear memory after start-up", mb(wasmBytes), "–", "–", "≤ 300 MB", wasmBytes <= 300e6 ? "yes" : "**NO**"]);
  if (wasmPeak) rows.push(["wasm linear memory at the end (peak: aging, 查重 scans, edits, card opens)", mb(wasmPeak), "–", "–", "≤ 400 MB", wasmPeak <= 400e6 ? "yes" : "**NO**"]);
  const ratio = (m, f) => (m && f ? `${(m / f).toFixed(2)}×` : "–");
  rows.push([`export the whole archive, 备份 profile, no passphrase (dossier:export; ${mb(exported.plainBytes)} file)`, ms(exported.plain), ms(exportFloor), ratio(exported.plain, exportFloor), "≤ 1.5× floor", exported.plain <= 1.5 * exportFloor ? "yes" : "**NO**"]);
  rows.push(["floor: read the same pages (getAll, UTF-8 bytes), SHA-256 each (WebCrypto, overlapped) as the header needs, one Blob (plain JS)", ms(exportFloor), "–", "–", "–", "–"]);
  rows.push(["export the whole archive, 备份, no passphrase, against the floor without the digests", ms(exported.plain), ms(exportFloorBare), ratio(exported.plain, exportFloorBare), "(information)", "–"]);
  rows.push(["floor without the digests: read the same pages and make one Blob of them (plain JS)", ms(exportFloorBare), "–", "–", "–", "–"]);
  rows.push(["export the whole archive with a passphrase (PBKDF2 600,000 + AES-GCM per part)", ms(exported.locked), ms(exportFloorSealed), ratio(exported.locked, exportFloorSealed), "≤ 1.5× floor", exported.locked <= 1.5 * exportFloorSealed ? "yes" : "**NO**"]);
  rows.push(["floor, locked: the same with PBKDF2 600,000, every page sealed (AES-256-GCM) and in base64 (toBase64)", ms(exportFloorSealed), "–", "–", "–", "–"]);
  if (wasmAfterExport) rows.push(["wasm linear memory after both exports (peak of the session)", mb(wasmAfterExport), "–", "–", "(reported)", "–"]);
  rows.push(["export, plain: peak JS memory during it (V8 heap + ArrayBuffers, sampled every 100 ms)", mb(exported.plainJsPeak ?? 0), mb(exportFloorJsPeak), ratio(exported.plainJsPeak, exportFloorJsPeak), "(reported)", "–"]);
  for (const s of [wholeImport, ...scales.filter((s) => s.imp)]) {
    const i = s.imp;
    if (i.streamed) {
      rows.push([`${s.n.toLocaleString("en")} customers: import, part by part into an empty archive: first reading, check + preview (dossier:import-read)`, ms(i.read), "–", "–", "–", "–"]);
      rows.push([`${s.n.toLocaleString("en")} customers: import: second reading into pages (dossier:import-pages)`, ms(i.pages), "–", "–", "–", "–"]);
      rows.push([`${s.n.toLocaleString("en")} customers: import: the one transaction and reading the archive back (dossier:import-write)`, ms(i.write), "–", "–", "–", "–"]);
    }
    rows.push([`${s.n.toLocaleString("en")} customers: export (dossier:export; ${mb(i.bytes)} file)`, ms(i.exp), "–", "–", "–", "–"]);
    if (!i.streamed) {
      rows.push([`${s.n.toLocaleString("en")} customers: import into a fresh profile: read and check the file (dossier:import-read)`, ms(i.read), "–", "–", "–", "–"]);
      rows.push([`${s.n.toLocaleString("en")} customers: import: preview (dossier:import-preview)`, ms(i.preview), "–", "–", "–", "–"]);
      rows.push([`${s.n.toLocaleString("en")} customers: import: the one save (dossier:import-save)`, ms(i.save), "–", "–", "–", "–"]);
    }
    const total = i.read + i.preview + i.save;
    rows.push([`${s.n.toLocaleString("en")} customers: import in all (read + preview + save)`, ms(total), ms(i.floor), ratio(total, i.floor), "≤ 1.5× floor", total <= 1.5 * i.floor ? "yes" : "**NO**"]);
    rows.push([`${s.n.toLocaleString("en")} customers: import floor: read the file, JSON.parse each part, write each part as bytes (plain JS)`, ms(i.floor), "–", "–", "–", "–"]);
    rows.push([`${s.n.toLocaleString("en")} customers: wasm + JS heap after the import`, `${mb(i.wasm ?? 0)} + ${mb(i.heap ?? 0)}`, "–", "–", "(reported)", "–"]);
    rows.push([`${s.n.toLocaleString("en")} customers: import: peak JS memory during it (V8 heap + ArrayBuffers, sampled every 100 ms; wasm above)`, mb(i.jsPeak ?? 0), mb(i.floorJsPeak ?? 0), ratio(i.jsPeak, i.floorJsPeak), "(reported)", "–"]);
  }
  if (merged?.failed) rows.push([`a rep's 2,000-customer 备份 merged into the ${COUNT.toLocaleString("en")}-customer archive`, `failed: ${merged.failed}`, "–", "–", "–", "**NO**"]);
  else if (merged) {
    rows.push([`a rep's 2,000-customer 备份 (${merged.n.toLocaleString("en")} new cards) merged into the ${COUNT.toLocaleString("en")}-customer archive: read + check (dossier:import-read)`, ms(merged.read), "–", "–", "–", "–"]);
    rows.push(["the same: preview against the archive, 查重 of every new card (dossier:import-preview)", ms(merged.preview), "–", "–", "–", "–"]);
    rows.push(["the same: the one save (dossier:import-save)", ms(merged.save), "–", "–", "–", "–"]);
    rows.push(["the same: in all", ms(merged.read + merged.preview + merged.save), "–", "–", "(reported)", "–"]);
    rows.push(["the same: wasm linear memory after it (the session's peak)", mb(merged.wasm ?? 0), "–", "–", "≤ 400 MB", (merged.wasm ?? 0) <= 400e6 ? "yes" : "**NO**"]);
  }
  for (const s of scales) {
    const goal = s.n === 2_000 ? "≤ 300 ms (a rep's archive)" : "–";
    rows.push([`${s.n.toLocaleString("en")} customers: start-up to interactive (median of 3)`, ms(s.start), "–", "–", goal, s.n === 2_000 ? (s.start <= 300 ? "yes" : "**NO**") : "–"]);
    rows.push([`${s.n.toLocaleString("en")} customers: wasm linear memory after start-up`, s.wasm ? mb(s.wasm) : "–", "–", "–", "–", "–"]);
    const todayGoal = s.n === 2_000;
    rows.push([`${s.n.toLocaleString("en")} customers: 重新分级 the first time, every grade stored with its record (dossier:regrade-save)`, ms(s.regradeSave), "–", "–", "(information)", "–"]);
    rows.push([`${s.n.toLocaleString("en")} customers: 今日 list of all of them (dossier:today, median of 3)`, ms(s.today), "–", "–", todayGoal ? "< 50 ms" : "–", todayGoal ? (s.today < 50 ? "yes" : "**NO**") : "–"]);
  }
  if (wasmGzip) rows.push(["release wasm, gzip -9", `${(wasmGzip / 1024).toFixed(0)} KB`, "–", "–", "≤ 600 KB", wasmGzip <= 600 * 1024 ? "yes" : "**NO**"]);
  const md = [
    `# Dossier archive benchmark`, ``,
    `- ${facts.count} customers and ${floor.entries} ledger entries in ${floor.pages} pages (customers c/…, their entries e/…), ${mb(floor.bytes)} JSON (UTF-8)`,
    `- machine: ${facts.nproc} cores (${facts.cpu}), ${facts.ram} RAM; ${facts.chromium}, headless`,
    `- start-ups: ${listings.map(ms).join(", ")}, every page checked ${startups.map(ms).join(", ")}; card opens: ${opens.map(ms).join(", ")}; card reads: ${cardReads.map(ms).join(", ")}; edits: ${saves.map(ms).join(", ")}; edits with a list tab open: ${savesWithLister.map(ms).join(", ")}; list tab applies: ${applies.map(ms).join(", ")}; agings: ${agings.map(ms).join(", ")}; credit rows: ${creditRows.map(ms).join(", ")}, credit page paints: ${creditPaints.map(ms).join(", ")}; 分析 first charts: ${analysisPaints.map(ms).join(", ")}; payments: ${payments.map(ms).join(", ")}`,
    `- searches, matches (ms per keystroke): ${matches.join("; ")}`, `- pinyin searches, matches (ms per keystroke): ${latin.matches.join("; ")}`, `- floors are medians of 3 runs; p95 is nearest-rank`, ``,
    `| operation | measured | floor | ratio | goal | ok? |`, `|---|---|---|---|---|---|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`), ``,
  ].join("\n");
  console.log(md);
  await mkdir(OUT, { recursive: true });
  await writeFile(join(OUT, "archive.md"), md);
  log(`wrote ${join(OUT, "archive.md")}`);
}

// A smaller archive in a fresh profile: generated and saved through the app, then three
// reloads; the median start-up (dossier:list-ready) and the wasm memory after the last.
async function scale(n, handoff = false) {
  const dir = await mkdtemp(join(tmpdir(), "dossier-bench-scale-"));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 800 } });
  try {
    await ctx.addInitScript(() => addEventListener("TrunkApplicationStarted", (e) => { window.__benchWasm = e.detail?.wasm; }));
    const p = ctx.pages()[0] ?? (await ctx.newPage());
    p.setDefaultTimeout(STEP);
    const mark = (name) => p.waitForFunction((m) => performance.getEntriesByName(m, "mark")[0]?.startTime ?? false, name, { timeout: SAVE_TIMEOUT, polling: 50 }).then((h) => h.jsonValue());
    await p.goto(url, { waitUntil: "commit" });
    await p.locator("#sample-size").waitFor();
    await p.selectOption("#sample-size", String(n));
    await p.click("[data-action=load-sample]");
    await mark("dossier:sample-saved");
    const starts = [];
    for (let i = 0; i < 3; i++) {
      await p.reload({ waitUntil: "commit" });
      starts.push(await mark("dossier:list-ready"));
    }
    await mark("dossier:archive-ready");
    const wasm = await p.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? null);
    // 今日 of every customer (no rep chosen on this device: everyone's list), three visits.
    const todays = [];
    for (let i = 0; i < 3; i++) {
      await p.evaluate(() => { location.hash = "#/customers"; });
      await p.locator("[data-count]").waitFor();
      const n0 = await p.evaluate(() => performance.getEntriesByName("dossier:today", "measure").length);
      await p.evaluate(() => { location.hash = "#/today"; });
      await p.waitForFunction((k) => performance.getEntriesByName("dossier:today", "measure").length > k, n0, { timeout: STEP, polling: 50 });
      todays.push(await p.evaluate((k) => performance.getEntriesByName("dossier:today", "measure")[k].duration, n0));
    }
    // 重新分级 the first time: every customer's 销售等级 stored with its change record (cards
    // read, changed and saved in steps of 2,000).
    await p.evaluate(() => { location.hash = "#/analysis"; });
    await p.locator("[data-action=regrade]").waitFor();
    await p.click("[data-action=regrade]");
    await p.waitForFunction(() => performance.getEntriesByName("dossier:regrade-save", "measure").length > 0, null, { timeout: SAVE_TIMEOUT, polling: 100 });
    const regradeSave = await p.evaluate(() => performance.getEntriesByName("dossier:regrade-save", "measure")[0].duration);
    const imp = handoff ? await exportImport(p, dir) : null;
    // A rep's archive, kept for the merge into the large one.
    let repBundle = null;
    if (n === 2_000) {
      const keep = await mkdtemp(join(tmpdir(), "dossier-bench-rep-"));
      repBundle = (await exportAll(p, keep)).path;
    }
    return { start: median(starts), wasm, imp, today: median(todays), regradeSave, repBundle };
  } finally {
    await withTimeout(ctx.close(), 15_000, "closing a scale profile").catch((e) => log(e.message));
    await rm(dir, { recursive: true, force: true });
  }
}

// Exports the whole archive from the 交接 page twice (plain, locked); durations and file size.
async function exportAll(p, dir, cdp) {
  const last = (name) => p.evaluate((m) => { const e = performance.getEntriesByName(m, "measure"); return e.length ? e[e.length - 1].duration : null; }, name);
  await p.evaluate(() => { location.hash = "#/handoff"; });
  await p.locator("[data-export]").waitFor({ timeout: STEP });
  await p.check("input[data-profile=backup]");
  await p.uncheck("[data-lock]");
  const out = {};
  for (const locked of [false, true]) {
    if (locked) {
      await p.check("[data-lock]");
      await p.fill("[data-pass]", "bench passphrase");
      await p.fill("[data-pass2]", "bench passphrase");
    }
    const run = () => Promise.all([p.waitForEvent("download", { timeout: SAVE_TIMEOUT }), p.click("[data-export-run]")]);
    // The plain export's JS memory, sampled when the caller gives a CDP session.
    const [[d], jsPeak] = cdp && !locked ? await peakJs(cdp, run) : [await run(), null];
    if (jsPeak) out.plainJsPeak = jsPeak;
    const path = dir ? join(dir, locked ? "locked.json" : "plain.json") : await d.path();
    if (dir) await d.saveAs(path);
    const size = (await stat(path)).size;
    if (locked) { out.locked = await last("dossier:export"); out.lockedBytes = size; } else { out.plain = await last("dossier:export"); out.plainBytes = size; out.path = path; }
    await p.locator("[data-exported]").waitFor({ timeout: STEP });
  }
  return out;
}

// Imports the bundle at `path` into the archive open in page `p` (its own profile, with
// customers): the whole-bundle import's steps and the wasm memory after.
async function importInto(p, path) {
  const last = (name) => p.evaluate((m) => { const e = performance.getEntriesByName(m, "measure"); return e.length ? e[e.length - 1].duration : null; }, name);
  await p.evaluate(() => { location.hash = "#/handoff"; });
  await p.locator("[data-tab=import]").click({ timeout: STEP });
  await p.setInputFiles("[data-import-file]", path);
  await p.locator("[data-import-check]").click({ timeout: STEP });
  await p.locator("[data-preview]").waitFor({ timeout: SAVE_TIMEOUT });
  const n = Number(await p.getAttribute("[data-outcome=new]", "data-count"));
  await p.locator("[data-import-confirm]").click();
  await p.locator("[data-imported]").waitFor({ timeout: SAVE_TIMEOUT });
  const out = { n, read: await last("dossier:import-read"), preview: await last("dossier:import-preview"), save: await last("dossier:import-save") };
  out.wasm = await p.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? null);
  await rm(join(path, ".."), { recursive: true, force: true });
  return out;
}

// Exports the archive of page `p` and imports it into a fresh profile.
async function exportImport(p, dir) {
  const exp = await exportAll(p, dir);
  return { exp: exp.plain, bytes: exp.plainBytes, ...(await importFile(exp.path)) };
}

// Imports the bundle at `path` into a fresh profile: the import's steps (a large one into an
// empty archive is read twice: check + preview, then pages + write), memory after, and the floor
// (plain JS reading the file in slices, parsing each part, writing each as bytes, one transaction).
async function importFile(path) {
  const dir2 = await mkdtemp(join(tmpdir(), "dossier-bench-import-"));
  const ctx = await chromium.launchPersistentContext(dir2, { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 800 } });
  try {
    await ctx.addInitScript(() => addEventListener("TrunkApplicationStarted", (e) => { window.__benchWasm = e.detail?.wasm; }));
    const q = ctx.pages()[0] ?? (await ctx.newPage());
    q.setDefaultTimeout(SAVE_TIMEOUT);
    const last = (name) => q.evaluate((m) => { const e = performance.getEntriesByName(m, "measure"); return e.length ? e[e.length - 1].duration : null; }, name);
    await q.goto(url.replace(/#.*$/, "#/handoff"), { waitUntil: "commit" });
    await q.locator("[data-tab=import]").click();
    await q.setInputFiles("[data-import-file]", path);
    const cdp = await ctx.newCDPSession(q);
    const [streamed, jsPeak] = await peakJs(cdp, async () => {
      await q.locator("[data-import-check]").click();
      await q.locator("[data-preview]").waitFor();
      const streamed = (await q.locator("[data-streamed]").count()) > 0;
      await q.locator("[data-import-confirm]").click();
      await q.locator("[data-imported]").waitFor();
      return streamed;
    });
    const out = { streamed, jsPeak, read: await last("dossier:import-read"), preview: (await last("dossier:import-preview")) ?? 0, save: await last("dossier:import-save"), pages: await last("dossier:import-pages"), write: await last("dossier:import-write") };
    out.wasm = await q.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? null);
    await cdp.send("HeapProfiler.collectGarbage").catch(() => {});
    out.heap = (await cdp.send("Performance.enable").then(() => cdp.send("Performance.getMetrics")).catch(() => ({ metrics: [] }))).metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? null;
    // The floor, in the same page: the same file through plain JS into a scratch database.
    await q.evaluate(() => { const i = document.createElement("input"); i.type = "file"; i.id = "bench-floor-file"; document.body.append(i); });
    await q.setInputFiles("#bench-floor-file", path);
    [out.floor, out.floorJsPeak] = await peakJs(cdp, () => q.evaluate(async () => {
      const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
      const t0 = performance.now();
      // In slices: a 100,000-customer file is larger than the longest string V8 makes.
      const file = document.getElementById("bench-floor-file").files[0];
      const parts = [];
      const enc = new TextEncoder();
      const dec = new TextDecoder();
      let carry = "";
      let n = 0;
      const take = (line) => {
        // Line 0 is the header; then a part per line (a trailing comma between), then "]}".
        // Parsed, then kept as bytes until the one transaction (as the app keeps its pages).
        if (n++ > 0 && line.startsWith("{")) parts.push(enc.encode(JSON.stringify(JSON.parse(line.endsWith(",") ? line.slice(0, -1) : line))));
      };
      for (let at = 0; at < file.size; at += 4 << 20) {
        const lines = (carry + dec.decode(await file.slice(at, at + (4 << 20)).arrayBuffer(), { stream: true })).split("\n");
        carry = lines.pop();
        lines.forEach(take);
      }
      take(carry);
      const open = indexedDB.open("bench-floor-import", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("pages");
      const db = await req(open);
      const tx = db.transaction("pages", "readwrite");
      const store = tx.objectStore("pages");
      parts.forEach((v, i) => store.put(v, i));
      await new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = tx.onabort = () => fail(tx.error); });
      const took = performance.now() - t0;
      db.close();
      indexedDB.deleteDatabase("bench-floor-import");
      return took;
    }));
    return out;
  } finally {
    await withTimeout(ctx.close(), 15_000, "closing the import profile").catch((e) => log(e.message));
    await rm(dir2, { recursive: true, force: true });
  }
}

// Runs in the page: reads the app's card, entry and change-record pages (UTF-8 bytes, getAll)
// and makes one Blob of them: what any export must at least do. `mode`: "bare" (only that);
// "hashed": plus the SHA-256 of every page the format's header needs (WebCrypto, every digest
// started as its page is read and awaited at the end: the fastest way a page can do it), so
// the same JSON text; "sealed": plus a key from PBKDF2-SHA256 at 600,000 iterations, every page
// sealed with AES-256-GCM and written as base64 (the browser's toBase64), as a locked bundle
// (the digests of the text before sealing, as the format has them).
async function exportFloorRun(mode) {
  const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const runs = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    let key = null;
    if (mode === "sealed") {
      const base = await crypto.subtle.importKey("raw", new TextEncoder().encode("bench passphrase"), "PBKDF2", false, ["deriveKey"]);
      key = await crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: new Uint8Array(16), iterations: 600000 }, base, { name: "AES-GCM", length: 256 }, false, ["encrypt"]);
    }
    const db = await req(indexedDB.open("dossier"));
    const tx = db.transaction("pages", "readonly");
    const store = tx.objectStore("pages");
    const parts = [];
    const digests = [];
    const enc = new TextEncoder();
    let n = 0;
    for (const prefix of ["c/", "e/", "hc/"]) {
      const rows = await req(store.getAll(IDBKeyRange.bound(prefix, prefix + "\uffff")));
      for (const r of rows) {
        if (mode !== "bare") digests.push(crypto.subtle.digest("SHA-256", r));
        if (key) {
          const iv = new Uint8Array(12);
          new DataView(iv.buffer).setUint32(8, n++);
          // (TextEncoder: faster here than a Blob made of the string.)
          parts.push(new Blob(['"', enc.encode(new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, r)).toBase64()), '",\n']));
        } else parts.push(r);
      }
    }
    await Promise.all(digests);
    const blob = new Blob(parts, { type: "application/json" });
    runs.push(performance.now() - t0);
    db.close();
    if (!blob.size) return null;
  }
  return runs.sort((a, b) => a - b)[1];
}

// Runs in the page. Reads the app's stored pages, then times plain-JS writes and reads of the same
// rows in a separate database "bench-floor" (deleted afterwards). Medians of 3.
async function measureFloor() {
  // (A delete may report "blocked" while a closed connection's last transaction finishes; it then
  // proceeds. The caller's timeout bounds it.)
  const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const done = (tx) => new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = tx.onabort = () => fail(tx.error); });
  const med = (a) => a.sort((x, y) => x - y)[1];
  const app = await req(indexedDB.open("dossier"));
  if (!app.objectStoreNames.contains("pages")) { app.close(); return { error: "contract: IndexedDB \"dossier\" has no store \"pages\"" }; }
  const tx = app.transaction("pages");
  const [keys, values] = await Promise.all([req(tx.objectStore("pages").getAllKeys()), req(tx.objectStore("pages").getAll())]);
  app.close();
  // The app stores pages as UTF-8 JSON bytes (older builds: strings); the floor writes the same
  // rows three ways: as objects, as JSON strings and as the same bytes.
  // Customer pages and entry pages: the same bytes the app reads at start-up.
  const isCustomers = keys.map((k) => String(k).startsWith("c/"));
  const stored = values.filter((_, i) => isCustomers[i] || String(keys[i]).startsWith("e/"));
  const storedIsCustomers = isCustomers.filter((c, i) => c || String(keys[i]).startsWith("e/"));
  const asBytes = (v) => (typeof v === "string" ? new TextEncoder().encode(v) : v instanceof ArrayBuffer ? new Uint8Array(v) : ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : null);
  if (!stored.length || !asBytes(stored[0])) return { error: `contract: no "c/…" JSON pages (bytes or strings) in dossier/pages (keys: ${keys.slice(0, 5).join(", ")})` };
  const blobs = stored.map((v) => asBytes(v).slice());
  const dec = new TextDecoder();
  const texts = blobs.map((b) => dec.decode(b));
  const bytes = blobs.reduce((s, b) => s + b.length, 0);
  let t0 = performance.now();
  const objects = texts.map((t) => JSON.parse(t));
  const parse = performance.now() - t0;
  const rows = objects.reduce((s, p) => s + p.length, 0);
  const customers = objects.reduce((s, p, i) => s + (storedIsCustomers[i] ? p.length : 0), 0);
  await req(indexedDB.deleteDatabase("bench-floor"));
  const open = indexedDB.open("bench-floor", 1);
  open.onupgradeneeded = () => { for (const s of ["obj", "str", "bin", "one"]) open.result.createObjectStore(s, s === "one" ? { autoIncrement: true } : undefined); };
  const db = await req(open);
  const key = (i) => `c/${String(i).padStart(6, "0")}`;
  const write = async (store, data) => {
    const out = [];
    for (let r = 0; r < 3; r++) {
      const c = db.transaction(store, "readwrite");
      c.objectStore(store).clear();
      await done(c);
      t0 = performance.now();
      const w = db.transaction(store, "readwrite");
      data.forEach((d, i) => w.objectStore(store).put(d, key(i)));
      await done(w);
      out.push(performance.now() - t0);
    }
    return med(out);
  };
  const read = async (store, flatten) => {
    const out = [];
    for (let r = 0; r < 3; r++) {
      t0 = performance.now();
      const all = await req(db.transaction(store).objectStore(store).getAll());
      const flat = flatten ? all.flat() : all;
      out.push(performance.now() - t0);
      if (flatten && flat.length !== rows) throw new Error(`floor read ${flat.length} rows, stored ${rows}`);
    }
    return med(out);
  };
  // One save's journal row (≈ 2 KB of JSON) in its own transaction, as the app appends it, with
  // Chromium's default durability ("relaxed") and with "strict" (what the app uses): the cost of
  // being durable when "saved" is shown. Both are named explicitly: the app's transaction wrapper
  // makes a write that names none strict. Medians and maxima of 15, interleaved.
  const row2k = JSON.stringify(objects[0][0]).padEnd(2048, " ");
  const one = async (durability) => {
    t0 = performance.now();
    const w = db.transaction("one", "readwrite", { durability });
    w.objectStore("one").add(row2k);
    await done(w);
    return performance.now() - t0;
  };
  const relaxed = [], strict = [];
  for (let r = 0; r < 15; r++) { relaxed.push(await one("relaxed")); strict.push(await one("strict")); }
  const medOf = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const result = { pages: texts.length, rows, customers, entries: rows - customers, bytes, parse,
    putRelaxed: medOf(relaxed), putRelaxedMax: Math.max(...relaxed), putStrict: medOf(strict), putStrictMax: Math.max(...strict),
    writeObjects: await write("obj", objects), writeStrings: await write("str", texts), writeBytes: await write("bin", blobs),
    readObjects: await read("obj", true), readStrings: await read("str", false), readBytes: await read("bin", false) };
  db.close();
  await req(indexedDB.deleteDatabase("bench-floor"));
  return result;
}

// Runs in the page: clicks the i-th row's open link and resolves with the ms until h1[data-card]
// is in the DOM (a MutationObserver sees it in the same task it is inserted), or an error string.
function openCard(i) {
  const links = document.querySelectorAll("[data-row] a[data-open]");
  if (links.length <= i) return `contract: only ${links.length} \`[data-row] a[data-open]\` links, wanted row ${i}`;
  return new Promise((ok) => {
    const t0 = performance.now();
    const check = () => { if (document.querySelector("h1[data-card]")) { mo.disconnect(); clearTimeout(limit); ok(performance.now() - t0); } };
    const mo = new MutationObserver(check);
    const limit = setTimeout(() => { mo.disconnect(); ok("contract: `h1[data-card]` did not appear within 10 s of clicking a[data-open]"); }, 10_000);
    mo.observe(document.body, { childList: true, subtree: true });
    links[i].click();
    check();
  });
}

let code = 0;
try { await main(); }
catch (e) { console.error(`bench: FAILED: ${e.message}`); code = 1; }
finally { clearTimeout(watchdog); await shutdown(); }
process.exit(code);
