// Hand-off bundles end to end (issue 14), two browser profiles as two reps on two tablets:
// A exports under 业务员 and B sees only names and titles; A's 客服 bundle, locked with a
// passphrase, fills B's card in (a wrong passphrase is refused first); A and B then edit different
// fields and the same field of one customer, exchange bundles both ways, B sees the conflict with
// both values in the preview and keeps its own, and both archives end identical. Every kind of bad
// file is refused with its own message and changes nothing. The 借阅表 lists every hand-off.
// 离职继承 gives a leaving rep's customers to another rep in one save and one bundle. A custom
// profile is saved and reused; a dropped file imports like a picked one; the 借阅表 filters.
// Outside a secure context the page says why bundles cannot work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, appReady, chooseMe, openMore, text } from "./harness.mjs";

/** Two devices (two browser profiles) and a scratch folder for the files between them, closed
 *  and removed whatever `body` does. */
async function twoDevices(prefix, body) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const a = await startApp();
  const b = await startApp();
  try {
    await body({ a, b, dir });
  } finally {
    await a.close();
    await b.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Opens the app of `app` and makes `name` its device's rep. */
async function openAs(app, name) {
  await app.page.goto(app.url);
  await appReady(app.page);
  await chooseMe(app.page, name);
}

/** Loads the sample archive of `n` customers on `app`, then makes `name` its rep (before a rep
 *  is chosen the list shows every customer); returns the ids of the first three listed. */
async function withSample(app, n, name) {
  const page = app.page;
  await page.goto(app.url);
  await appReady(page);
  await page.selectOption("#sample-size", String(n));
  await page.click("[data-action=load-sample]");
  await page.locator("[data-count]").waitFor({ timeout: 120_000 });
  const ids = await page.locator("[data-row] a[data-open]").evaluateAll((as) => as.slice(0, 3).map((a) => decodeURIComponent(a.getAttribute("href").split("/").pop())));
  await chooseMe(page, name);
  return ids;
}

/** Exports from the 交接 page with the given profile (and passphrase); returns the file's path. */
async function exportBundle(page, url, dir, { profile, pass }) {
  await page.goto(`${url}#/handoff`);
  await page.click("[data-tab=export]");
  await page.locator("[data-export]").waitFor();
  await page.check(`input[data-profile=${profile}]`);
  if (pass) {
    await page.check("[data-lock]");
    await page.fill("[data-pass]", pass);
    await page.fill("[data-pass2]", pass);
  } else {
    await page.uncheck("[data-lock]");
  }
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-export-run]")]);
  await page.locator("[data-exported]").waitFor();
  assert.match(download.suggestedFilename(), /^客户档案-.+-\d{4}-\d{2}-\d{2}\.dossier\.json$/);
  const path = join(dir, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return path;
}

/** Picks a file on the import tab and waits for its header (or a refusal). */
async function pickBundle(page, url, path) {
  await page.goto(`${url}#/handoff`);
  await page.click("[data-tab=import]");
  await page.setInputFiles("[data-import-file]", path);
  await page.locator("[data-bundle-header], [data-import] [data-problem]").first().waitFor();
}

async function previewBundle(page, url, path, pass) {
  await pickBundle(page, url, path);
  if (pass !== undefined) await page.fill("[data-import-pass]", pass);
  await page.click("[data-import-check]");
  await page.locator("[data-preview], [data-import] [data-problem]").first().waitFor();
}

const outcome = (page, code) => page.getAttribute(`[data-outcome=${code}]`, "data-count").then(Number);

/** Saves a new enterprise card with `fields` (form key → value); returns its id. */
async function newEnterprise(page, url, fields) {
  await page.goto(`${url}#/customers/new/enterprise`);
  for (const [k, v] of Object.entries(fields)) await page.fill(`#field-${k}`, v);
  await page.click("[data-action=save]");
  await page.locator("h1[data-card]").waitFor();
  return page.getAttribute("h1[data-card]", "data-card");
}

async function editField(page, url, id, field, value) {
  await page.goto(`${url}#/customers/${id}/edit`);
  await page.locator("#field-name").waitFor();
  await openMore(page);
  await page.fill(`#field-${field}`, value);
  await page.click("[data-action=save]");
  await page.locator(`h1[data-card="${id}"]`).waitFor();
}

// A field's value as the card shows it (a phone carries a 复制 button beside it).
const fieldText = (page, key) => page.locator(`dd[data-field=${key}]`).first().textContent().then((s) => s.replace(/(已复制|复制)$/, "").trim(), () => null);

test("two reps hand archives back and forth: redaction, passphrase, conflicts, identical ends", async () => {
  await twoDevices("dossier-bundles-", async ({ a, b, dir }) => {
    const [pa, pb] = [a.page, b.page];
    await openAs(a, "王芳");
    await openAs(b, "李强");

    // A's customer: a card with a phone, an address and a person with a mobile.
    await pa.goto(`${a.url}#/customers/new/enterprise`);
    await pa.fill("#field-name", "杭州鑫源食品有限公司");
    await pa.fill("#field-phone", "0571-88886666");
    await pa.fill("#field-address", "杭州市西湖区文三路 1 号");
    await pa.click("[data-action=add-contact]");
    await pa.fill("#field-c0-name", "李强");
    await pa.fill("#field-c0-position", "采购经理");
    await pa.fill("#field-c0-mobile", "139 1234 5678");
    await pa.click("[data-action=save]");
    await pa.locator("h1[data-card]").waitFor();
    const id = await pa.getAttribute("h1[data-card]", "data-card");

    // 业务员: B receives the company name, the person's name and title, nothing else.
    const repFile = await exportBundle(pa, a.url, dir, { profile: "rep" });
    const repJson = await readFile(repFile, "utf8");
    assert.ok(!repJson.includes("0571-88886666") && !repJson.includes("13912345678") && !repJson.includes("文三路"), "nothing withheld leaves the device");
    await previewBundle(pb, b.url, repFile);
    assert.match(await text(pb, "[data-profile-name]"), /业务员/);
    assert.match(await text(pb, "[data-header-withheld]"), /电话/);
    assert.equal(await outcome(pb, "new"), 1);
    await pb.click("[data-import-confirm]");
    await pb.locator("[data-imported]").waitFor();
    await pb.goto(`${b.url}#/customers/${id}`);
    await pb.locator(`h1[data-card="${id}"]`).waitFor();
    assert.equal(await text(pb, `h1[data-card="${id}"]`), "杭州鑫源食品有限公司");
    assert.equal(await pb.locator("dd[data-field=phone]").count(), 0, "no phone under 业务员");
    assert.equal(await pb.locator("dd[data-field=address]").count(), 0, "no address under 业务员");
    assert.match(await text(pb, "[data-contact]"), /李强.*采购经理/s);
    assert.equal(await pb.locator('a[href^="tel:139"]').count(), 0, "no mobile under 业务员");

    // 客服 with a passphrase: a wrong one is refused as such; the right one fills the card in.
    const svcFile = await exportBundle(pa, a.url, dir, { profile: "service", pass: "correct horse 1" });
    assert.ok(!(await readFile(svcFile, "utf8")).includes("杭州鑫源"), "an encrypted bundle does not show the names");
    await previewBundle(pb, b.url, svcFile, "wrong pass 123");
    assert.match(await text(pb, "[data-import] [data-problem]"), /密码不对/);
    await previewBundle(pb, b.url, svcFile, "correct horse 1");
    assert.equal(await outcome(pb, "updated"), 1);
    assert.equal(await pb.locator("[data-conflict]").count(), 0);
    await pb.click("[data-import-confirm]");
    await pb.locator("[data-imported]").waitFor();
    await pb.goto(`${b.url}#/customers/${id}`);
    await pb.locator(`h1[data-card="${id}"]`).waitFor();
    assert.equal(await fieldText(pb, "phone"), "0571-88886666");

    // Both edit: A the address, B the fax; both the payment terms.
    await editField(pa, a.url, id, "address", "杭州市滨江区江南大道 2 号");
    await editField(pa, a.url, id, "payment", "现金");
    await editField(pb, b.url, id, "fax", "0571-88886667");
    await editField(pb, b.url, id, "payment", "月结 30 天");

    // A → B: B sees one conflict (payment) with both values, and keeps its own.
    const aFile = await exportBundle(pa, a.url, dir, { profile: "service" });
    await previewBundle(pb, b.url, aFile);
    assert.equal(await pb.locator("[data-conflict]").count(), 1);
    const conflict = pb.locator("[data-conflict=payment]");
    assert.equal((await conflict.locator("[data-mine]").textContent()).trim(), "月结 30 天");
    assert.equal((await conflict.locator("[data-theirs]").textContent()).trim(), "现金");
    assert.ok(await conflict.locator("input[data-keep=mine]").isChecked(), "B's edit is the later: the default");
    await conflict.locator("input[data-keep=mine]").check();
    await pb.click("[data-import-confirm]");
    await pb.locator("[data-imported]").waitFor();

    // B → A: no conflict left (B had seen A's edits), both ends identical.
    const bFile = await exportBundle(pb, b.url, dir, { profile: "service" });
    await previewBundle(pa, a.url, bFile);
    assert.equal(await pa.locator("[data-conflict]").count(), 0);
    await pa.click("[data-import-confirm]");
    await pa.locator("[data-imported]").waitFor();
    for (const [page, url] of [[pa, a.url], [pb, b.url]]) {
      await page.goto(`${url}#/customers/${id}`);
      await page.locator(`h1[data-card="${id}"]`).waitFor();
      assert.equal(await fieldText(page, "address"), "杭州市滨江区江南大道 2 号");
      assert.equal(await fieldText(page, "fax"), "0571-88886667");
      assert.equal(await fieldText(page, "payment"), "月结 30 天");
    }
    const cardOf = (page) => page.locator("main").innerText();
    const [ca, cb] = [await cardOf(pa), await cardOf(pb)];
    const facts = (t) => t.split("\n").filter((l) => !/修改记录|导入|received|上一|下一/.test(l)).slice(0, 40).join("\n");
    assert.equal(facts(ca), facts(cb), "the two cards read the same");

    // The 借阅表 lists A's exports and its import, and exports as CSV.
    await pa.goto(`${a.url}#/handoff`);
    await pa.click("[data-tab=log]");
    await pa.locator("[data-log-line]").first().waitFor();
    assert.equal(await pa.locator("[data-log-line=export]").count(), 3);
    assert.equal(await pa.locator("[data-log-line=import]").count(), 1);
    const [csv] = await Promise.all([pa.waitForEvent("download"), pa.click("[data-log-csv]")]);
    assert.match(csv.suggestedFilename(), /^借阅表-.*\.csv$/);
  });
});

test("a card B typed in itself is merged into on import only when B says so", async () => {
  await twoDevices("dossier-bundles-", async ({ a, b, dir }) => {
    const [pa, pb] = [a.page, b.page];
    await openAs(a, "王芳");
    await openAs(b, "李强");
    const theirs = await newEnterprise(pa, a.url, { name: "杭州鑫源食品有限公司", phone: "0571-88886666", address: "杭州市西湖区文三路 1 号" });
    const mine = await newEnterprise(pb, b.url, { name: "鑫源食品", phone: "0571 8888 6666", fax: "0571-88886667" });
    const file = await exportBundle(pa, a.url, dir, { profile: "service" });

    // The preview lists the possible duplicate; keeping both is the default.
    await previewBundle(pb, b.url, file);
    const dup = pb.locator(`[data-dup="${theirs}"]`);
    await dup.waitFor();
    assert.ok(await dup.locator("input[data-keep-both]").isChecked(), "never merged unless chosen");
    await dup.locator(`input[data-merge-into="${mine}"]`).check();
    await pb.click("[data-import-confirm]");
    await pb.locator("[data-imported]").waitFor();
    assert.equal(await pb.getAttribute("[data-merged]", "data-merged"), "1");

    // One customer: B's card, with its own name and fax, the address filled in from A's.
    await pb.goto(`${b.url}#/customers`);
    await pb.waitForFunction(() => document.querySelector("[data-count]")?.textContent === "1");
    await pb.goto(`${b.url}#/customers/${mine}`);
    await pb.locator(`h1[data-card="${mine}"]`).waitFor();
    assert.equal(await text(pb, `h1[data-card="${mine}"]`), "鑫源食品");
    assert.equal(await fieldText(pb, "fax"), "0571-88886667");
    assert.equal(await fieldText(pb, "address"), "杭州市西湖区文三路 1 号");
    // A's card, opened on B, says where it went.
    await pb.goto(`${b.url}#/customers/${theirs}`);
    await pb.locator(`[data-merged-into="${mine}"]`).waitFor();

    // Back on A, the merge arrives: A's card points at B's, which holds A's address.
    const back = await exportBundle(pb, b.url, dir, { profile: "service" });
    await previewBundle(pa, a.url, back);
    await pa.click("[data-import-confirm]");
    await pa.locator("[data-imported]").waitFor();
    await pa.goto(`${a.url}#/customers/${mine}`);
    await pa.locator(`h1[data-card="${mine}"]`).waitFor();
    assert.equal(await fieldText(pa, "address"), "杭州市西湖区文三路 1 号");
    await pa.goto(`${a.url}#/customers/${theirs}`);
    await pa.locator(`[data-merged-into="${mine}"]`).waitFor();
  });
});

test("a 备份 bundle carries the original documents, byte for byte; a 客服 bundle does not", async () => {
  await twoDevices("dossier-bundles-", async ({ a, b, dir }) => {
    const [pa, pb] = [a.page, b.page];
    await openAs(a, "王芳");
    await openAs(b, "王芳");
    const id = await newEnterprise(pa, a.url, { name: "杭州鑫源食品有限公司" });
    const content = "%PDF-1.4 购销合同 contract " + "x".repeat(300_000);
    await pa.click("[data-add=document]");
    await pa.locator("[data-entry-form=document]").waitFor();
    await pa.selectOption("#field-e-kind", { index: 1 });
    await pa.setInputFiles("#entry-file", { name: "合同.pdf", mimeType: "application/pdf", buffer: Buffer.from(content) });
    await pa.click("[data-action=save-entry]");
    await pa.locator("[data-timeline] [data-kind=document]").waitFor();

    // 客服: the document's entry travels, its file does not.
    const svc = await exportBundle(pa, a.url, dir, { profile: "service" });
    assert.ok(!(await readFile(svc, "utf8")).includes('"files":['), "no original leaves under 客服");

    // 备份 (locked): the file travels and arrives whole.
    const backup = await exportBundle(pa, a.url, dir, { profile: "backup", pass: "backup pass 2026" });
    await previewBundle(pb, b.url, backup, "backup pass 2026");
    assert.match(await text(pb, "[data-contents]"), /附件（原件）1/);
    await pb.click("[data-import-confirm]");
    await pb.locator("[data-imported]").waitFor();
    await pb.goto(`${b.url}#/customers/${id}`);
    await pb.locator("[data-timeline] [data-kind=document]").waitFor();
    const [popup] = await Promise.all([pb.waitForEvent("popup"), pb.click("[data-timeline] [data-kind=document] button")]);
    const url = popup.url();
    assert.match(url, /^blob:/);
    const got = await pb.evaluate(async (u) => await (await fetch(u)).text(), url);
    await popup.close();
    assert.equal(got, content, "the file, byte for byte");
  });
});

test("a 备份 of a whole archive: pages handed on as stored and a page with a pending save, all imported", async () => {
  await twoDevices("dossier-bundles-", async ({ a, b, dir }) => {
    const [pa, pb] = [a.page, b.page];
    await openAs(b, "李强");
    const [sampleId] = await withSample(a, 2000, "王芳");
    // By grade (客户等级): the header names the scope and holds exactly the customers counted.
    await pa.goto(`${a.url}#/handoff`);
    await pa.click("[data-tab=export]");
    await pa.check("input[data-scope=grade]");
    await pa.selectOption("[data-grade]", "key");
    const inGrade = Number((await text(pa, "[data-scope-count]")).replace(/[^\d]/g, ""));
    assert.ok(inGrade > 0 && inGrade < 2000, `${inGrade} key customers`);
    await pa.check("input[data-profile=service]");
    await pa.uncheck("[data-lock]");
    const [g] = await Promise.all([pa.waitForEvent("download"), pa.click("[data-export-run]")]);
    const graded = join(dir, "grade.json");
    await g.saveAs(graded);
    const head = JSON.parse((await readFile(graded, "utf8")).split("\n")[0] + "]}").header;
    assert.equal(head.scope.kind, "grade");
    assert.match(head.scope.label, /客户等级：重要/);
    assert.equal(head.counts.customers, inGrade);
    // A save after the pages were written: its page goes the slow way, the others as stored.
    // A name like no sample name (no sample city is 拉萨): a random sample often holds a
    // "杭州鑫X食品…", one character from "杭州鑫源食品…", and then the save waits for 查重.
    const fresh = await newEnterprise(pa, a.url, { name: "拉萨雪域青稞酒坊" });
    const file = await exportBundle(pa, a.url, dir, { profile: "backup", pass: "backup pass 2026" });
    // The two pages the sample wrote were put together from their tallies, not read in wasm.
    const held = await pa.evaluate(() => performance.getEntriesByName("dossier:export-held").at(-1)?.detail?.count);
    assert.ok(held >= 2, `${held} pages put together from their tallies`);
    await previewBundle(pb, b.url, file, "backup pass 2026");
    assert.match(await text(pb, "[data-contents]"), /^客户 2001，/);
    assert.equal((await outcome(pb, "new")) + (await outcome(pb, "deleted")), 2001);
    await pb.click("[data-import-confirm]");
    await pb.locator("[data-imported]").waitFor({ timeout: 60_000 });
    for (const id of [sampleId, fresh]) {
      await pa.goto(`${a.url}#/customers/${id}`);
      await pa.locator(`h1[data-card="${id}"]`).waitFor();
      await pb.goto(`${b.url}#/customers/${id}`);
      await pb.locator(`h1[data-card="${id}"]`).waitFor();
      assert.equal(await text(pb, `h1[data-card="${id}"]`), await text(pa, `h1[data-card="${id}"]`));
      assert.equal(await pb.locator("[data-timeline] li").count(), await pa.locator("[data-timeline] li").count(), "the same file");
    }
  });
});

test("a manager's archive too large to hold at once goes into a new device part by part: every card, file and summary, after a reload too", async () => {
  await twoDevices("dossier-big-", async ({ a, b, dir }) => {
    const [pa, pb] = [a.page, b.page];
    await openAs(b, "李强");
    const ids = await withSample(a, 10000, "王芳");
    // Locked: the second reading opens the parts with the key the first one derived.
    const file = await exportBundle(pa, a.url, dir, { profile: "backup", pass: "big archive 2026" });
    await previewBundle(pb, b.url, file, "big archive 2026");
    await pb.locator("[data-streamed]").waitFor();
    assert.equal((await outcome(pb, "new")) + (await outcome(pb, "deleted")), 10000);
    await pb.click("[data-import-confirm]");
    await pb.locator("[data-imported]").waitFor({ timeout: 180_000 });
    assert.equal(await pb.getAttribute("[data-imported]", "data-imported"), "10000");
    const same = async () => {
      for (const id of ids) {
        await pa.goto(`${a.url}#/customers/${id}`);
        await pa.locator(`h1[data-card="${id}"]`).waitFor();
        await pb.goto(`${b.url}#/customers/${id}`);
        await pb.locator(`h1[data-card="${id}"]`).waitFor();
        assert.equal(await text(pb, `h1[data-card="${id}"]`), await text(pa, `h1[data-card="${id}"]`));
        assert.equal(await pb.locator("[data-timeline] li").count(), await pa.locator("[data-timeline] li").count(), "the same file");
      }
      // Every customer listed (from the summary pages), as on A.
      for (const [page, url] of [[pa, a.url], [pb, b.url]]) {
        await page.goto(`${url}#/customers`);
        await page.selectOption("#filter-owner", "");
        await page.locator("[data-count]").waitFor();
      }
      assert.equal(await text(pb, "[data-count]"), await text(pa, "[data-count]"));
    };
    await same();
    // Written for good: a reload reads it all back.
    await pb.reload();
    await appReady(pb);
    await same();
    await pb.goto(`${b.url}#/handoff`);
    await pb.click("[data-tab=log]");
    await pb.locator("[data-log-line=import]").waitFor();
    assert.equal(await pb.locator("[data-log-line=import]").count(), 1);
  });
});

test("a merged bundle whose 登记编号 repeat goes into a new device part by part, renumbered after every number it holds", async () => {
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const run = promisify(execFile);
  const cli = join(process.cwd(), "target/debug/dossier-cli");
  const dir = await mkdtemp(join(tmpdir(), "dossier-renumber-"));
  // Three reps' samples (each its own random seed: other ids, the same run of numbers), merged
  // on a laptop: more than 5,000 customers, many 登记编号 held twice.
  const apps = [await startApp(), await startApp(), await startApp()];
  const target = await startApp();
  try {
    const files = [];
    let listed = 0;
    for (const [i, app] of apps.entries()) {
      await withSample(app, 2000, ["王芳", "李强", "张伟"][i]);
      await app.page.selectOption("#filter-owner", "");
      listed += Number((await text(app.page, "[data-count]")).replace(/[^0-9]/g, ""));
      files.push(await exportBundle(app.page, app.url, dir, { profile: "backup" }));
    }
    const merged = join(dir, "merged.dossier.json");
    await run(cli, ["merge", ...files, "-o", merged]);
    const held = [...(await readFile(merged, "utf8")).matchAll(/"reg_no":"(KH-\d{4}-(\d{6}))"/g)];
    const top = Math.max(...held.map((m) => Number(m[2])));
    const pb = target.page;
    await openAs(target, "赵敏");
    await previewBundle(pb, target.url, merged);
    await pb.locator("[data-streamed]").waitFor();
    assert.equal((await outcome(pb, "new")) + (await outcome(pb, "deleted")), 6000);
    assert.ok(Number(await pb.getAttribute("[data-renumber]", "data-renumber")) > 0, "numbers held twice are to be renumbered");
    await pb.click("[data-import-confirm]");
    await pb.locator("[data-imported]").waitFor({ timeout: 180_000 });
    assert.equal(await pb.getAttribute("[data-imported]", "data-imported"), "6000");
    const pairs = [...(await text(pb, "[data-renumbered]")).matchAll(/(KH-\d{4}-\d{6}) → (KH-\d{4}-(\d{6}))/g)];
    assert.ok(pairs.length > 0);
    const fresh = new Set(pairs.map((p) => p[2]));
    assert.equal(fresh.size, pairs.length, "every new number once");
    for (const p of pairs) assert.ok(Number(p[3]) > top, `${p[2]} comes after every number of the bundle (${top})`);
    // Every customer is there, after a reload too; a renumbered card is found by its new number.
    await pb.reload();
    await appReady(pb);
    await pb.goto(`${target.url}#/customers`);
    await pb.selectOption("#filter-owner", "");
    await pb.locator("[data-count]").waitFor();
    assert.equal(Number((await text(pb, "[data-count]")).replace(/[^0-9]/g, "")), listed);
    await pb.fill("#customer-search", pairs[0][2]);
    await pb.locator("[data-row]").first().waitFor();
    assert.equal(await pb.locator("[data-row]").count(), 1);
  } finally {
    for (const app of [...apps, target]) await app.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("every bad file is refused with its own message and changes nothing", async () => {
  const dir = await mkdtemp(join(tmpdir(), "dossier-bad-"));
  // The storage estimate can be made to say the disk is nearly full (window.__tinyQuota).
  // (On the prototype: the app's binding calls it from there, not from the instance.)
  const init = () => {
    const proto = StorageManager.prototype;
    const real = proto.estimate;
    proto.estimate = function () { return window.__tinyQuota ? Promise.resolve({ usage: 9_999_000, quota: 10_000_000 }) : real.call(this); };
  };
  const app = await startApp({ init });
  const { page, url } = app;
  try {
    await openAs(app, "王芳");
    await page.goto(`${url}#/customers/new/individual`);
    await page.fill("#field-name", "张三");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    const good = await exportBundle(page, url, dir, { profile: "service" });
    const lines = (await readFile(good, "utf8")).split("\n");
    const write = async (name, content) => { const p = join(dir, name); await writeFile(p, content); return p; };
    const cases = [
      ["not-json.json", "名称,电话\n张三,138\n", /不是 JSON/],
      ["other.json", '{"hello": 1}\n', /不是客户档案的档案包/],
      ["newer.json", lines.join("\n").replace('"version":1,', '"version":9,'), /第 9 版格式/],
      ["tampered.json", lines.map((l, i) => (i === 1 ? l.replace("张三", "李四") : l)).join("\n"), /校验值不符/],
      ["cut.json", lines.slice(0, 2).join("\n").slice(0, -10), /不完整/],
      ["too-large.json", lines.map((l, i) => (i === 0 ? l.replace('"counts":{"customers":1,', '"counts":{"customers":100000,') : l)).join("\n"), /档案包太大：100,000 位客户/],
    ];
    for (const [name, content, message] of cases) {
      const path = await write(name, content);
      await pickBundle(page, url, path);
      if (await page.locator("[data-import-check]").count()) {
        await page.click("[data-import-check]");
        await page.locator("[data-import] [data-problem]").waitFor();
      }
      assert.match(await text(page, "[data-import] [data-problem]"), message, name);
      assert.equal(await page.locator("[data-preview]").count(), 0, `${name}: no preview`);
    }
    // A good bundle, but not enough free storage for it: refused before anything is written.
    await page.evaluate(() => { window.__tinyQuota = true; });
    await previewBundle(page, url, "tests/fixtures/bundle-v1.dossier.json");
    assert.equal(await outcome(page, "new"), 2);
    await page.click("[data-import-confirm]");
    await page.locator("[data-import] [data-problem]").waitFor();
    assert.match(await text(page, "[data-import] [data-problem]"), /存储空间不足：导入约需 [\d,.]+ MB，只剩 [\d,.]+ MB/);
    await page.evaluate(() => { window.__tinyQuota = false; });
    // Nothing was imported and nothing logged as imported.
    await page.click("[data-tab=log]");
    await page.locator("[data-log-line]").first().waitFor();
    assert.equal(await page.locator("[data-log-line=import]").count(), 0);
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("a locked bundle from the app opens and merges in dossier-cli, and the merge imports back", async () => {
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const run = promisify(execFile);
  // Built by `cargo test -p dossier-cli`, which scripts/test.sh runs before the browser tests.
  const cli = join(process.cwd(), "target/debug/dossier-cli");
  const dir = await mkdtemp(join(tmpdir(), "dossier-cli-"));
  const app = await startApp();
  const { page, url } = app;
  try {
    await openAs(app, "王芳");
    await page.goto(`${url}#/customers/new/individual`);
    await page.fill("#field-name", "赵六");
    await page.fill("#field-mobile", "13800138000");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    const locked = await exportBundle(page, url, dir, { profile: "service", pass: "cli round trip" });
    const passFile = join(dir, "pass.txt");
    await writeFile(passFile, "cli round trip\n");
    // WebCrypto's PBKDF2 and AES-GCM open in RustCrypto.
    const verified = await run(cli, ["verify", locked, "--passphrase-file", passFile]);
    assert.match(verified.stdout, /客户 customers 1/);
    const plain = join(dir, "plain.json");
    await run(cli, ["decrypt", locked, "-o", plain, "--passphrase-file", passFile]);
    assert.match(await readFile(plain, "utf8"), /赵六/);
    // Merged on the manager's laptop with the frozen fixture (two other customers) and locked again.
    const merged = join(dir, "merged.dossier.json");
    await run(cli, ["merge", plain, "tests/fixtures/bundle-v1.dossier.json", "-o", merged, "--encrypt-with", passFile]);
    await previewBundle(page, url, merged, "cli round trip");
    assert.equal(await outcome(page, "new"), 2, "the fixture's two customers are new here");
    assert.equal(await outcome(page, "unchanged"), 1, "赵六 came back unchanged");
    await page.click("[data-import-confirm]");
    await page.locator("[data-imported]").waitFor();
    assert.equal(await page.getAttribute("[data-imported]", "data-imported"), "2");
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("a lent copy: due date on the card and in the log, returned with the borrower's changes", async () => {
  await twoDevices("dossier-lent-", async ({ a, b, dir }) => {
    const [pa, pb] = [a.page, b.page];
    await openAs(a, "王芳");
    await openAs(b, "李强");
    // B's own customer, which the return must leave alone.
    await pb.goto(`${b.url}#/customers/new/individual`);
    await pb.fill("#field-name", "周八");
    await pb.click("[data-action=save]");
    await pb.locator("h1[data-card]").waitFor();
    const own = await pb.getAttribute("h1[data-card]", "data-card");
    await pa.goto(`${a.url}#/customers/new/individual`);
    await pa.fill("#field-name", "孙七");
    await pa.click("[data-action=save]");
    await pa.locator("h1[data-card]").waitFor();
    const id = await pa.getAttribute("h1[data-card]", "data-card");
    // Lent for two days, to 李强, approved by 张经理: the date comes from the page's own clock.
    const due = await pa.evaluate(() => { const d = new Date(Date.now() + 2 * 86400000); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`; });
    await pa.goto(`${a.url}#/handoff`);
    await pa.locator("[data-export]").waitFor();
    await pa.check("input[data-profile=service]");
    await pa.uncheck("[data-lock]");
    await pa.click("[data-export] details summary");
    await pa.fill("[data-field=borrower]", "李强");
    await pa.fill("[data-field=approver]", "张经理");
    await pa.fill("#ex-return", due);
    const [d] = await Promise.all([pa.waitForEvent("download"), pa.click("[data-export-run]")]);
    const lent = join(dir, "lent.json");
    await d.saveAs(lent);
    await pa.locator("[data-lent-due]").waitFor();
    assert.match(await text(pa, "[data-lent-due]"), new RegExp(`借出 ${due}`));

    await previewBundle(pb, b.url, lent);
    assert.match(await text(pb, "[data-lent]"), new RegExp(due));
    await pb.click("[data-import-confirm]");
    await pb.locator("[data-imported]").waitFor();
    await pb.goto(`${b.url}#/customers/${id}`);
    await pb.locator("[data-lent-copy]").waitFor();
    assert.match(await text(pb, "[data-lent-copy]"), new RegExp(`借阅副本：应于 ${due} 归还`));
    await editField(pb, b.url, id, "hobbies", "钓鱼");
    // 归还: the borrower's changes go back in a bundle; the line is marked returned.
    await pb.goto(`${b.url}#/handoff`);
    await pb.click("[data-tab=log]");
    const [back] = await Promise.all([pb.waitForEvent("download"), pb.click("[data-give-back]")]);
    const returned = join(dir, "returned.json");
    await back.saveAs(returned);
    await pb.locator("[data-log-line=import] [data-due]").filter({ hasText: "已归还" }).waitFor();
    // The lent copy is taken off B's device (not deleted: A keeps it), B's own customer stays,
    // also after a reload.
    assert.match(await text(pb, "[data-returned]"), /借阅的 1 位客户已从本机移除/);
    for (const again of [false, true]) {
      await pb.goto(`${b.url}#/customers/${id}`);
      if (again) await pb.reload();
      await pb.locator("[data-not-found]").waitFor();
      await pb.goto(`${b.url}#/customers/${own}`);
      await pb.locator(`h1[data-card="${own}"]`).waitFor();
    }
    assert.ok(!(await readFile(returned, "utf8")).includes('"deleted":true'), "the return carries no deletion");
    await previewBundle(pa, a.url, returned);
    assert.equal(await outcome(pa, "updated"), 1);
    await pa.click("[data-import-confirm]");
    await pa.locator("[data-imported]").waitFor();
    await pa.goto(`${a.url}#/customers/${id}`);
    await pa.locator(`h1[data-card="${id}"]`).waitFor();
    assert.equal(await fieldText(pa, "hobbies"), "钓鱼");
    // The lender's line is closed by the return.
    await pa.goto(`${a.url}#/handoff`);
    assert.equal(await pa.locator("[data-lent-due]").count(), 0, "nothing due any more");
    await pa.click("[data-tab=log]");
    await pa.locator("[data-log-line=export] [data-due]").filter({ hasText: "已归还" }).waitFor();
  });
});

test("离职继承: a leaving rep's customers go to another rep in one save and one bundle, the reason in each 负责人记录", async () => {
  await twoDevices("dossier-handover-", async ({ a, b, dir }) => {
    const [pa, pb] = [a.page, b.page];
    await withSample(a, 1000, "王芳");
    await pa.goto(`${a.url}#/handoff`);
    await pa.click("[data-tab=export]");
    await pa.locator("[data-handover-panel]").waitFor();
    // Two of the sample's reps: the one leaving and the one taking over.
    const reps = await pa.locator("select[data-handover=from] option").evaluateAll((os) => os.filter((o) => o.value).map((o) => [o.value, o.textContent]));
    const [[fromId, fromName], [toId, toName]] = reps.filter(([, name]) => name !== "王芳");
    // How many customers each owns, as the export's scope by owner counts them.
    await pa.check("input[data-scope=owner]");
    const owned = async (id) => {
      await pa.selectOption("[data-owner]", id);
      return Number((await text(pa, "[data-scope-count]")).replace(/[^\d]/g, ""));
    };
    const [leaving, taking] = [await owned(fromId), await owned(toId)];
    assert.ok(leaving > 0, `${fromName} owns ${leaving} customers`);

    // The same rep on both sides is refused, nothing saved.
    await pa.selectOption("select[data-handover=from]", fromId);
    await pa.selectOption("select[data-handover=to]", fromId);
    await pa.click("[data-handover-run]");
    assert.equal(await text(pa, "[data-handover-panel] [data-problem]"), "请选择两位不同的业务员。");
    assert.equal(await owned(fromId), leaving, "nothing handed over");

    await pa.selectOption("select[data-handover=to]", toId);
    const [download] = await Promise.all([pa.waitForEvent("download"), pa.click("[data-handover-run]")]);
    await pa.locator("[data-handover-done]").waitFor();
    assert.match(await text(pa, "[data-handover-done]"), new RegExp(`^已交接：${leaving} · 客户档案-`));
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);

    // One bundle: exactly the leaving rep's customers, each now owned by the taker, the reason
    // and both names in its scope, under 客服 (everything but originals).
    const bundle = JSON.parse(await readFile(file, "utf8"));
    assert.equal(bundle.header.scope.kind, "handover");
    assert.equal(bundle.header.scope.label, `离职继承：${fromName} → ${toName}`);
    assert.equal(bundle.header.counts.customers, leaving);
    const customers = bundle.parts.flatMap((p) => p.customers ?? []);
    assert.equal(customers.length, leaving);
    assert.deepEqual([...new Set(customers.map((c) => c.owner))], [toId], "every card owned by the taker");

    // On this device: the owners changed in one save, the reason in each card's 负责人记录.
    assert.equal(await owned(fromId), 0, "the leaving rep owns none");
    assert.equal(await owned(toId), taking + leaving, "the taker owns them all");
    const id = customers[0].id;
    await pa.goto(`${a.url}#/customers/${id}`);
    await pa.locator(`h1[data-card="${id}"]`).waitFor();
    assert.equal(await text(pa, "[data-owner]"), toName);
    assert.match(await text(pa, "[data-owner-history]"), /离职继承/);
    // The 借阅表 lists the hand-over.
    await pa.goto(`${a.url}#/handoff`);
    await pa.click("[data-tab=log]");
    await pa.locator("[data-log-line=export]").filter({ hasText: `离职继承：${fromName} → ${toName}` }).waitFor();

    // The taker's device imports the bundle: every card arrives, owned by the taker, with the reason.
    await openAs(b, toName);
    await previewBundle(pb, b.url, file);
    assert.equal(await outcome(pb, "new"), leaving);
    await pb.click("[data-import-confirm]");
    await pb.locator("[data-imported]").waitFor();
    await pb.goto(`${b.url}#/customers/${id}`);
    await pb.locator(`h1[data-card="${id}"]`).waitFor();
    assert.equal(await text(pb, "[data-owner]"), toName);
    assert.match(await text(pb, "[data-owner-history]"), /离职继承/);
  });
});

test("a custom profile: saved and reused, named in the header with what it leaves out; a dropped file; the 借阅表 filtered", async () => {
  await twoDevices("dossier-custom-", async ({ a, b, dir }) => {
    const [pa, pb] = [a.page, b.page];
    await openAs(a, "王芳");
    await openAs(b, "李强");
    const id = await newEnterprise(pa, a.url, { name: "杭州鑫源食品有限公司", phone: "0571-88886666", address: "杭州市西湖区文三路 1 号" });

    // The manager names a field list (name and phone only) and saves it on this device.
    await pa.goto(`${a.url}#/handoff`);
    await pa.click("[data-tab=export]");
    await pa.check("input[data-profile=custom]");
    await pa.locator("[data-custom-profile]").waitFor();
    await pa.fill("#ex-custom-name", "区域经理");
    for (const key of await pa.locator("[data-custom-profile] input[data-key]").evaluateAll((xs) => xs.filter((x) => x.checked).map((x) => x.dataset.key))) {
      await pa.uncheck(`[data-custom-profile] input[data-key="${key}"]`);
    }
    await pa.check('[data-custom-profile] input[data-key="name"]');
    await pa.check('[data-custom-profile] input[data-key="phone"]');
    await pa.click("[data-custom-profile] button");
    await pa.locator("[data-custom-profile] button", { hasText: "已保存" }).waitFor();

    // Reused after a reload: the name and the list come back as saved.
    await pa.reload();
    await appReady(pa);
    await pa.click("[data-tab=export]");
    await pa.check("input[data-profile=custom]");
    assert.equal(await pa.inputValue("#ex-custom-name"), "区域经理");
    const checked = await pa.locator("[data-custom-profile] input[data-key]").evaluateAll((xs) => xs.filter((x) => x.checked).map((x) => x.dataset.key));
    assert.deepEqual(checked.sort(), ["name", "phone"]);
    await pa.uncheck("[data-lock]");
    const [download] = await Promise.all([pa.waitForEvent("download"), pa.click("[data-export-run]")]);
    await pa.locator("[data-exported]").waitFor();
    const file = join(dir, "custom.dossier.json");
    await download.saveAs(file);
    const json = await readFile(file, "utf8");
    const header = JSON.parse(json).header;
    assert.equal(header.profile.code, "custom");
    assert.equal(header.profile.name, "区域经理");
    assert.ok(header.withheld.includes("address") && !header.withheld.includes("phone"), `withheld: ${header.withheld}`);
    assert.ok(json.includes("0571-88886666") && !json.includes("文三路"), "the phone goes, the address stays");

    // B drops the file on the import tab: the header names the profile and what it leaves out.
    await pb.goto(`${b.url}#/handoff`);
    await pb.click("[data-tab=import]");
    const bytes = (await readFile(file)).toString("base64");
    const dropped = await pb.evaluateHandle((b64) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], "custom.dossier.json", { type: "application/json" }));
      return dt;
    }, bytes);
    await pb.dispatchEvent(".drop-zone", "drop", { dataTransfer: dropped });
    await pb.locator("[data-bundle-header]").waitFor();
    assert.equal(await text(pb, "[data-profile-name]"), "区域经理");
    assert.match(await text(pb, "[data-header-withheld]"), /地址/);
    assert.ok(!(await text(pb, "[data-header-withheld]")).split("、").includes("电话"), "the phone is provided");
    await pb.click("[data-import-check]");
    await pb.locator("[data-preview]").waitFor();
    assert.equal(await outcome(pb, "new"), 1);
    await pb.click("[data-import-confirm]");
    await pb.locator("[data-imported]").waitFor();
    await pb.goto(`${b.url}#/customers/${id}`);
    await pb.locator(`h1[data-card="${id}"]`).waitFor();
    assert.equal(await fieldText(pb, "phone"), "0571-88886666");
    assert.equal(await pb.locator("dd[data-field=address]").count(), 0, "no address under 区域经理");

    // A's 借阅表: a second export, then filtered by words and by direction.
    await exportBundle(pa, a.url, dir, { profile: "rep" });
    await pa.click("[data-tab=log]");
    await pa.locator("[data-log-line]").nth(1).waitFor();
    assert.equal(await pa.locator("[data-log-line=export]").count(), 2);
    await pa.fill("[data-log-search]", "区域经理");
    await pa.waitForFunction(() => document.querySelectorAll("[data-log-line]").length === 1);
    assert.match(await text(pa, "[data-log-line]"), /区域经理/);
    await pa.fill("[data-log-search]", "");
    await pa.click("[data-log-filter=import]");
    await pa.locator("[data-log-empty]").waitFor();
    await pa.click("[data-log-filter=all]");
    await pa.locator("[data-log-line]").nth(1).waitFor();
  });
});

test("over http:// on a name other than this machine's (not a secure context) the 交接 page says why it cannot work; the rest of the app still saves", async () => {
  const app = await startApp({ host: "dossier.test" });
  const { page, url } = app;
  try {
    await page.goto(url);
    assert.equal(await page.evaluate(() => isSecureContext), false, "the harness serves an insecure context");
    await appReady(page);
    await chooseMe(page, "王芳");
    await newEnterprise(page, url, { name: "杭州鑫源食品有限公司" });

    const why = /此页面不是安全连接（https 或本机地址），浏览器不提供加密和校验功能/;
    await page.goto(`${url}#/handoff`);
    assert.match(await text(page, "[data-insecure]"), why);
    await page.click("[data-tab=export]");
    await page.check("input[data-profile=service]");
    await page.uncheck("[data-lock]");
    await page.click("[data-export-run]");
    assert.match(await text(page, "[data-export] [data-problem]"), why);
    // A bundle picked for import shows its header (plain JSON), and checking it is refused with
    // the same words: its digests need WebCrypto. Nothing is written.
    await page.click("[data-tab=import]");
    await page.setInputFiles("[data-import-file]", new URL("../fixtures/bundle-v1.dossier.json", import.meta.url).pathname);
    await page.locator("[data-bundle-header]").waitFor();
    await page.click("[data-import-check]");
    assert.match(await text(page, "[data-import] [data-problem]"), why);
    assert.equal(await page.locator("[data-preview]").count(), 0);
  } finally {
    await app.close();
  }
});
