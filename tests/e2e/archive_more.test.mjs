// The rest of the archive issue end to end: list filters by tier, tag and region; the
// unsaved-changes prompt on a nav link, on 取消 and on the back button; English form labels and
// messages; and the prompt when a form is saved over a change made in another tab.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, text } from "./harness.mjs";

const count = (page, n) => page.waitForFunction((n) => document.querySelector("[data-count]")?.textContent === String(n), n, { timeout: 10_000 });

async function create(page, url, kind, { name, phone, tier = "", region = "", tags = [] }) {
  await page.goto(`${url}#/customers/new/${kind}`);
  await page.fill("#field-name", name);
  await page.fill(kind === "individual" ? "#field-mobile" : "#field-phone", phone);
  if (tier) await page.selectOption("#status-tier", tier);
  if (region) await page.fill("#status-region", region);
  for (const tag of tags) await page.check(`label.check:has-text("${tag}") input`);
  await page.click("[data-action=save]");
  await page.locator("h1[data-card]").waitFor();
}

test("filters by kind, tier, tag and region, and sorts", async () => {
  const app = await startApp();
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await page.locator("[data-action=load-sample]").waitFor();
    await create(page, url, "individual", { name: "甲客户", phone: "13800000001", tier: "key", region: "华东", tags: ["VIP"] });
    await create(page, url, "enterprise", { name: "乙贸易公司", phone: "021-62345678", tier: "ordinary", region: "华北", tags: ["有望"] });
    await create(page, url, "individual", { name: "丙客户", phone: "13800000003", region: "华东" });

    await page.goto(url + "#/customers");
    await count(page, 3);
    await page.selectOption("#filter-tier", "key");
    await count(page, 1);
    assert.equal(await text(page, "[data-row] a[data-open]"), "甲客户");
    await page.selectOption("#filter-tier", "");
    await page.selectOption("#filter-tag", "hot");
    await count(page, 1);
    assert.equal(await text(page, "[data-row] a[data-open]"), "乙贸易公司");
    await page.selectOption("#filter-tag", "");
    await page.selectOption("#filter-region", "华东");
    await count(page, 2);
    await page.selectOption("#filter-kind", "ent");
    await count(page, 0);
    await page.locator(".no-match").waitFor();
    await page.selectOption("#filter-kind", "ind");
    await count(page, 2);
    // Search combines with the filters.
    await page.fill("#customer-search", "丙");
    await count(page, 1);
    await page.fill("#customer-search", "");
    await page.selectOption("#filter-region", "");
    await page.selectOption("#filter-kind", "");
    await count(page, 3);

    // Name sort by pinyin, then reversed: 丙 bǐng < 甲 jiǎ < 乙 yǐ (by code point it would be
    // 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532).
    const names = () => page.locator("[data-row] a[data-open]").allTextContents();
    await page.click("button[data-sort=Name]");
    await page.waitForFunction(() => document.querySelector("[data-row] a[data-open]")?.textContent === "丙客户");
    assert.deepEqual(await names(), ["丙客户", "甲客户", "乙贸易公司"]);
    await page.click("button[data-sort=Name]");
    await page.waitForFunction(() => document.querySelector("[data-row] a[data-open]")?.textContent === "乙贸易公司");
    assert.deepEqual(await names(), ["乙贸易公司", "甲客户", "丙客户"]);
    assert.equal(await page.getAttribute("[role=columnheader]:has(button[data-sort=Name])", "aria-sort"), "descending");
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("leaving a dirty form asks first: nav link, cancel and the back button", async () => {
  const app = await startApp();
  const { page, url } = app;
  const asked = [];
  let answer = false;
  page.on("dialog", async (d) => {
    asked.push(d.type() === "beforeunload" ? "beforeunload" : d.message());
    await (answer ? d.accept() : d.dismiss());
  });
  try {
    await page.goto(url + "#/customers");
    await appReady(page);
    await page.locator("[data-action=load-sample]").waitFor();

    // A clean form leaves without a question.
    await page.click("a[data-action=new-individual]");
    await page.locator("#field-name").waitFor();
    await page.click("nav a[data-route=customers]");
    await page.locator("[data-action=load-sample]").waitFor();
    assert.deepEqual(asked, []);

    await page.click("a[data-action=new-individual]");
    await page.fill("#field-name", "未保存的客户");
    await page.click("nav a[data-route=today]");
    assert.deepEqual(asked, ["有未保存的修改，确定离开吗？"], "asked once on the nav link");
    assert.match(page.url(), /#\/customers\/new\/individual$/, "stayed on the form");

    // The back button: the address goes back to the form and the typed name is still there.
    await page.goBack();
    await page.waitForFunction(() => location.hash === "#/customers/new/individual");
    assert.equal(asked.length, 2, "asked on back");
    assert.equal(await page.inputValue("#field-name"), "未保存的客户");

    // 取消, answered yes: leaves, and nothing was saved.
    answer = true;
    await page.click("a:has-text('取消')");
    await page.locator("[data-action=load-sample]").waitFor();
    assert.equal(asked.length, 3);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("English labels and messages on the form; a stale save asks reload or overwrite", async () => {
  const app = await startApp();
  const { page, url, context } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await page.click("[data-lang=en]");
    await page.click("a[data-action=new-enterprise]");
    assert.equal(await text(page, "label[for=field-name]"), "Customer name *");
    assert.equal(await text(page, "label[for=field-phone]"), "Phone");
    await page.click("[data-action=save]");
    assert.equal(await text(page, "#field-name-error"), "Required", "beside its field, the label is not repeated");
    await page.fill("#field-name", "Acme Trading");
    await page.fill("#field-phone", "12345");
    await page.click("[data-action=save]");
    assert.match(await text(page, "#field-phone-error"), /^Not a valid number/);
    await page.fill("#field-phone", "021-62345678");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    const cardUrl = page.url();

    // Open the edit form here, change the card in a second tab, then save here.
    await page.click("a[data-action=edit]");
    await page.fill("#field-address", "Shanghai, Nanjing West Road 1");
    const other = await context.newPage();
    await other.goto(cardUrl);
    await other.click("a[data-action=edit]");
    await other.fill("#field-address", "Shanghai, Huaihai Road 9");
    await other.click("[data-action=save]");
    await other.locator("[data-field=address]").waitFor();
    await other.close();

    await page.click("[data-action=save]");
    await page.locator("[data-conflict]").waitFor();
    assert.match(await text(page, "[data-conflict]"), /changed in another tab/);
    assert.match(page.url(), /\/edit$/, "not saved over the other change");
    await page.click("[data-action=overwrite]");
    await page.locator("[data-field=address]").waitFor();
    assert.equal(await text(page, "[data-field=address]"), "Shanghai, Nanjing West Road 1");
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
