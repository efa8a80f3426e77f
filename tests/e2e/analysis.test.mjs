// 客户分析 and the account's life (issue 17), on a 10" tablet in portrait (800 px). The dates come
// from the page's own clock: the analysis period is the whole months before the page's today.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, appReady, addEntry, fillEntry, openMore, text } from "./harness.mjs";

/** Days of last month (by the page's clock) and today, as 年-月-日. */
async function pageDays(page) {
  return page.evaluate(() => {
    const ymd = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    const last = (n) => { const d = new Date(); d.setDate(1); d.setMonth(d.getMonth() - 1); d.setDate(n); return ymd(d); };
    const d = new Date(); d.setDate(1); d.setMonth(d.getMonth() - 1);
    return { d1: last(1), d10: last(10), d15: last(15), d20: last(20), d25: last(25), today: ymd(new Date()),
      lastMonth: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}` };
  });
}

const notWide = async (page, where) =>
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 800), `${where} scrolls sideways at 800 px`);

test("分析 of a small archive: composition shares that add up, sales vs collections, a CSV that opens with Chinese intact", async () => {
  const app = await startApp({ viewport: { width: 800, height: 1280 } });
  const { page, url } = app;
  const dir = await mkdtemp(join(tmpdir(), "dossier-csv-"));
  try {
    await page.goto(url);
    await appReady(page);
    const days = await pageDays(page);
    // 甲 (国营) ¥8,000 delivered and paid last month; 乙 (国营) ¥2,000 delivered, ¥1,500 paid;
    // 丙 (股份公司) nothing.
    for (const [name, nature, qty] of [["甲商贸有限公司", "state", 8], ["乙商贸有限公司", "state", 2], ["丙商贸有限公司", "joint_stock", 0]]) {
      await page.goto(`${url}#/customers/new/enterprise`);
      await page.fill("#field-name", name);
      await page.selectOption("#field-nature", nature);
      await page.fill("#field-first_trade", days.d1);
      await page.click("[data-action=save]");
      await page.locator("h1[data-card]").waitFor();
      if (!qty) continue;
      await addEntry(page, "order", { no: `HT-${qty}`, date: days.d10, lines: [["货品", qty, 1000]], rep: "王伟", status: "open", cash: "true" });
      await page.locator("[data-orders] [data-order]").waitFor();
      await page.click("[data-action=deliver]");
      await page.locator("[data-entry-form=delivery]").waitFor();
      await fillEntry(page, { date: days.d15, lines: [qty] });
      await page.locator("[data-timeline] [data-kind=delivery]").waitFor();
      await addEntry(page, "payment", { date: days.d20, amount: qty === 8 ? "8000" : "1500" });
      await page.locator("[data-timeline] [data-kind=payment]").waitFor();
    }

    await page.goto(`${url}#/analysis`);
    // 客户构成 by 性质: 2 国营 and 1 股份公司 of 3, shares that add up to exactly 100 %.
    const nature = page.locator("[data-share-table=nature]");
    await nature.waitFor();
    const rows = async (table) => table.locator("[data-share-row]").evaluateAll((rs) =>
      rs.map((r) => [r.querySelector("th").textContent.trim(), r.querySelector("[data-count]").dataset.count, r.querySelector("[data-share-bp]").dataset.shareBp]));
    assert.deepEqual(await rows(nature), [["国营", "2", "6667"], ["股份公司", "1", "3333"]]);
    assert.match(await text(page, "[data-share-table=nature] [data-share-total]"), /3.*100 %/);

    // 销售构成 by customer: ¥8,000 and ¥2,000 of ¥10,000 → 80 % and 20 %.
    const byCustomer = page.locator("[data-share-table=sales-customer]");
    await byCustomer.waitFor();
    assert.deepEqual(await rows(byCustomer), [["甲商贸有限公司", "1", "8000"], ["乙商贸有限公司", "1", "2000"]]);
    assert.deepEqual(await byCustomer.locator("[data-fen]").evaluateAll((c) => c.map((x) => x.dataset.fen)), ["800000", "200000"]);
    assert.match(await text(page, "[data-share-table=sales-customer] [data-share-total]"), /10,000\.00\s*100 %/);
    assert.match(await text(page, "[data-share-table=sales-customer] [data-share-row] [data-share-bp]"), /^80(\.00)? %$/);

    // 销售与回款: last month ¥10,000 sold, ¥9,500 collected: 95 %, within 90–110 %, balanced.
    const month = page.locator(`[data-series-table] tr[data-month="${days.lastMonth}"]`);
    await month.waitFor();
    assert.equal(await month.locator("[data-sales]").getAttribute("data-sales"), "1000000");
    assert.equal(await month.locator("[data-collected]").getAttribute("data-collected"), "950000");
    assert.equal(await page.getAttribute("[data-balance]", "data-balance"), "balanced");
    assert.equal(await page.getAttribute("[data-balance]", "data-balance-rate"), "9500");
    await notWide(page, "分析");

    // 导出 CSV: a file named for the table and the day, UTF-8 with a BOM, the Chinese intact.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("[data-share=sales-customer] [data-action=csv]"),
    ]);
    assert.equal(download.suggestedFilename(), `客户分析-销售构成-客户-${days.today}.csv`);
    const path = join(dir, "sales.csv");
    await download.saveAs(path);
    const bytes = await readFile(path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "a UTF-8 byte order mark");
    const lines = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3)).trim().split(/\r?\n/);
    assert.equal(lines.length, 3, "a header and two customers");
    assert.match(lines[0], /^客户,/);
    assert.match(lines[1], /^甲商贸有限公司,1,/);
    assert.match(lines[1], /8000\.00|8,000\.00/);
    assert.match(lines[2], /^乙商贸有限公司,/);

    // Printing shows the analysis, not the app's navigation.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("nav")).display), "none");
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector("[data-share-table=nature]")).display), "none");
    await page.emulateMedia({ media: "screen" });
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("交易开始调查书 before trade, 综合评价 kept with its date, 中止交易; starts and stops counted on 分析", async () => {
  const app = await startApp({ viewport: { width: 800, height: 1280 } });
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    const days = await pageDays(page);
    // A prospect developed since last month.
    await page.goto(`${url}#/customers/new/enterprise`);
    await page.fill("#field-name", "丁商贸有限公司");
    await openMore(page);
    await page.fill("#field-developed", days.d1);
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    const panel = page.locator("[data-trade-panel]");
    await panel.locator("[data-trade-state=none]").waitFor();

    // 转为现有客户 without a 调查书: refused, said in the section, nothing changes.
    await page.click("[data-action=make-current]");
    assert.match(await text(page, "[data-trade-error]"), /交易开始调查书/);
    assert.equal(await page.locator("[data-stage=current]").count(), 0);

    // The 调查书 filled in and endorsed by the head of unit: waiting for the chairman.
    await page.click("[data-action=trade-start]");
    await page.locator("[data-entry-form=trade_start]").waitFor();
    await fillEntry(page, { date: days.d10, by: "王伟", goods: "五金配件，月供两次", head: "李科长", head_on: days.d15 });
    await panel.locator("[data-trade-state=waiting]").waitFor();
    assert.match(await text(page, "[data-trade-waiting]"), /董事长/);
    await page.click("[data-action=make-current]");
    assert.match(await text(page, "[data-trade-error]"), /交易开始调查书/);

    // A chairman's approval before the endorsement is refused beside its box.
    await page.click("[data-action=trade-start-edit]");
    await page.locator("[data-entry-form=trade_start]").waitFor();
    await fillEntry(page, { chair: "张董事长", chair_on: days.d10 });
    await page.locator("#field-e-chair_on-error").waitFor();
    assert.match(await text(page, "#field-e-chair_on-error"), /\S/);
    await fillEntry(page, { chair_on: days.d20 });
    await panel.locator("[data-trade-state=approved]").waitFor();
    assert.match(await text(page, "[data-trade-state=approved] [data-trade-approved]"), /张董事长/);

    // Approved: 转为现有客户 goes through.
    await page.click("[data-action=make-current]");
    await page.locator("[data-stage=current]").waitFor();
    assert.equal(await page.locator("[data-trade-error]").count(), 0);
    await notWide(page, "客户卡");

    // 综合评价表: starts with today, this device's rep and what the archive knows; kept with its date.
    await page.click("[data-action=evaluation-toggle]");
    await page.click("[data-action=evaluation-new]");
    await page.locator("[data-evaluation-form]").waitFor();
    assert.equal(await page.inputValue("#field-ev-date"), days.today);
    assert.notEqual(await page.inputValue("#field-ev-basic-data"), "", "the 客户资料 column starts from the card");
    await page.fill("#field-ev-basic-comment", "经营稳定，付款及时");
    await page.fill("#field-ev-delays-measures", "每月对账一次");
    if (!(await page.inputValue("#field-ev-by"))) await page.fill("#field-ev-by", "赵经理");
    await page.click("[data-action=evaluation-save]");
    await page.locator("[data-eval-saved]").waitFor();
    const shown = page.locator("[data-eval-shown]");
    await shown.waitFor();
    assert.equal(await text(page, "[data-eval-shown] [data-eval-row=basic] [data-eval-cell=comment]"), "经营稳定，付款及时");
    assert.equal(await text(page, "[data-eval-shown] [data-eval-row=delays] [data-eval-cell=measures]"), "每月对账一次");
    assert.match(await text(page, "[data-eval-meta]"), new RegExp(days.today));
    assert.match(await text(page, "[data-eval-summary]"), new RegExp(days.today));

    // 中止交易 last month: reason, the documents kept, who; the card moves to 旧客户.
    await page.click("[data-action=move-former]");
    await page.locator("[data-close-form]").waitFor();
    await page.fill("#field-stop-date", days.d25);
    await page.fill("#field-stop-reason", "客户停业");
    await page.fill("#field-stop-kept", "合同原件存档案室");
    await page.fill("#field-stop-by", "王伟");
    await page.click("[data-action=close-account]");
    await page.locator("[data-stage=former]").waitFor();
    assert.equal(await text(page, "[data-trade-stop] [data-stop-date]"), days.d25);
    // Its record is in the file, and changes only with the trade panel.
    await page.locator("[data-timeline] [data-kind=trade_stop]").waitFor();
    assert.equal(await page.locator("[data-timeline] [data-kind=trade_stop] [data-action=edit-entry]").count(), 0);
    assert.equal(await page.locator("[data-timeline] [data-kind=trade_stop] [data-action=delete-entry]").count(), 0);

    // Still there after a reload.
    await page.reload();
    await appReady(page);
    await page.locator("[data-stage=former]").waitFor();
    await page.click("[data-action=evaluation-toggle]");
    await page.locator("[data-eval-shown] [data-eval-row=basic]").waitFor();

    // 交易开始与中止 on 分析: one start (the chairman's approval) and one stop, last month.
    await page.goto(`${url}#/analysis`);
    const month = page.locator(`[data-accounts-table] tr[data-month="${days.lastMonth}"]`);
    await month.waitFor();
    assert.equal(await month.locator("[data-started]").getAttribute("data-started"), "1");
    assert.equal(await month.locator("[data-stopped]").getAttribute("data-stopped"), "1");
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
