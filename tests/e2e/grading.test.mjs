// 销售等级 end to end (issue 15): three customers with deliveries last month, graded by the
// seed's Pareto rule (A up to 80 %, B up to 95 %, C the rest) from the list's summaries; the
// grade and how it came about on each card, the grade in the list. The dates come from the
// page's own clock (the window is the whole months before today's), never the runner's day.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, addEntry, fillEntry, text } from "./harness.mjs";

/** A new enterprise trading since last month with `qty` × ¥1,000 ordered and delivered last
 * month (dates by the page's clock, so the window is the page's); returns its id. */
async function customerWithSales(page, url, name, qty) {
  const [ordered, delivered, since] = await page.evaluate(() => {
    const day = (n) => { const d = new Date(); d.setDate(1); d.setMonth(d.getMonth() - 1); d.setDate(n); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`; };
    return [day(10), day(15), day(1)];
  });
  await page.goto(`${url}#/customers/new/enterprise`);
  await page.fill("#field-name", name);
  // Trading since last month (the file's dates may not be before the customer existed).
  await page.fill("#field-first_trade", since);
  await page.click("[data-action=save]");
  await page.locator("h1[data-card]").waitFor();
  const id = await page.getAttribute("h1[data-card]", "data-card");
  if (qty) {
    await addEntry(page, "order", { no: `HT-${qty}`, date: ordered, lines: [["货品", qty, 1000]], rep: "王伟", status: "open", cash: "true" });
    await page.locator("[data-orders] [data-order]").waitFor();
    await page.click("[data-action=deliver]");
    await page.locator("[data-entry-form=delivery]").waitFor();
    await fillEntry(page, { date: delivered, lines: [qty] });
    await page.locator("[data-timeline] [data-kind=delivery]").waitFor();
  }
  return id;
}

test("销售等级 on the card, the list and 分析: 80 % exactly is A, the next B, no sales C; settings cut otherwise", async () => {
  const app = await startApp();
  const { page, url } = app;
  // A 10" tablet, portrait: nothing may scroll sideways.
  const notWide = async (where) => assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 800), `${where} scrolls sideways at 800 px`);
  try {
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.goto(url);
    await appReady(page);
    // Days of last month, by the page's clock.
    const ids = {};
    // ¥8,000, ¥2,000 and nothing: 甲 ends exactly on 80 % (A), 乙 starts there (B), 丙 has none (C).
    for (const [name, qty] of [["甲商贸有限公司", 8], ["乙商贸有限公司", 2], ["丙商贸有限公司", 0]]) {
      ids[name] = await customerWithSales(page, url, name, qty);
    }
    const expected = { "甲商贸有限公司": ["A", /近3个月月均 ¥2,666\.67 · 第1名\/3 · 累计 80 %/], "乙商贸有限公司": ["B", /近3个月月均 ¥666\.67 · 第2名\/3 · 累计 100 %/], "丙商贸有限公司": ["C", /期内无销售/] };
    for (const [name, [grade, why]] of Object.entries(expected)) {
      await page.goto(`${url}#/customers/${ids[name]}`);
      await page.locator(`h1[data-card="${ids[name]}"]`).waitFor();
      assert.equal(await page.getAttribute("dd[data-sales-grade]", "data-sales-grade"), grade, name);
      assert.match(await text(page, "[data-sales-why]"), why, name);
      // The window is named: the three whole months before this one.
      assert.match(await text(page, "[data-sales-why]"), /\d{4}-\d{2} 至 \d{4}-\d{2}（近3个月）/);
    }
    await page.goto(`${url}#/customers`);
    await page.locator("[data-count]").waitFor();
    await notWide("客户列表");
    for (const [name, [grade]] of Object.entries(expected)) {
      assert.equal(await text(page, `[data-row="${ids[name]}"] .c-grade`), grade, `${name} in the list`);
    }
    // Filtered by grade: B alone, then all again.
    await page.selectOption("#filter-grade", "B");
    await page.waitForFunction(() => document.querySelector("[data-count]")?.textContent === "1");
    assert.equal(await page.locator(`[data-row="${ids["乙商贸有限公司"]}"]`).count(), 1);
    await page.selectOption("#filter-grade", "");
    await page.waitForFunction(() => document.querySelector("[data-count]")?.textContent === "3");
    // The Pareto chart on 分析: a bar per customer with sales, coloured by grade, the
    // cumulative line, the cuts; customers and share of sales per grade.
    await page.goto(`${url}#/analysis`);
    await page.locator("[data-pareto-chart]").waitFor();
    await notWide("分析");
    assert.deepEqual(await page.locator("[data-pareto-chart] rect").evaluateAll((rs) => rs.map((r) => r.dataset.grade)), ["A", "B"]);
    assert.equal(await page.locator("[data-pareto-chart] [data-cumulative]").count(), 1);
    assert.equal(await page.locator("[data-pareto-chart] .cut").count(), 2, "the 80 % and 95 % cuts");
    for (const [grade, n, share] of [["A", "1", "80 %"], ["B", "1", "20 %"], ["C", "1", "0 %"]]) {
      assert.equal(await text(page, `[data-band=${grade}] [data-band-count]`), n);
      assert.equal(await text(page, `[data-band=${grade}] td:last-child`), share);
    }
    // 等级分布: one customer in each grade.
    const dist = await page.locator("[data-distribution] [data-grade-chart]").first().locator("[data-dist-grade]").evaluateAll((gs) => gs.map((g) => [g.dataset.distGrade, g.dataset.distCount]));
    assert.deepEqual(dist, [["A", "1"], ["B", "1"], ["C", "1"]]);
    assert.match(await text(page, "[data-distribution] [data-dist-grade=A]"), /1 位 · 33 %/);
    assert.match(await text(page, "[data-pareto-window]"), /（近3个月） · 按累计占比划分（80 % \/ 95 %） · 销售额合计 ¥10,000\.00/);
    // Settings: a bad cut is refused by what was typed, and nothing changes; 等级标准额 of
    // ¥3,000 and ¥500 a month make 甲 (¥2,666.67) a B.
    await page.goto(`${url}#/settings`);
    await page.locator("[data-grading-settings]").waitFor();
    await notWide("设置");
    await page.fill("[data-cut='0']", "95");
    await page.fill("[data-cut='1']", "80");
    await page.click("[data-action=save-grading]");
    assert.equal(await text(page, "[data-grading-problem]"), "95 % 必须小于 80 %：上一级的界线应在前");
    await page.fill("[data-cut='0']", "八十");
    await page.click("[data-action=save-grading]");
    assert.equal(await text(page, "[data-grading-problem]"), "“八十”不是有效的数字（最多两位小数）");
    await page.check("[data-cut-mode=threshold]");
    await page.fill("[data-cut='0']", "3,000");
    await page.fill("[data-cut='1']", "500");
    await page.click("[data-action=save-grading]");
    await page.locator("[data-grading-saved]").waitFor();
    await page.goto(`${url}#/customers/${ids["甲商贸有限公司"]}`);
    await page.locator(`h1[data-card="${ids["甲商贸有限公司"]}"]`).waitFor();
    assert.equal(await page.getAttribute("dd[data-sales-grade]", "data-sales-grade"), "B");
    // Kept after a reload; the defaults come back with one tap.
    await page.reload();
    await appReady(page);
    await page.goto(`${url}#/settings`);
    assert.equal(await page.inputValue("[data-cut='0']"), "3,000");
    await page.click("[data-action=reset-grading]");
    assert.equal(await page.inputValue("[data-cut='0']"), "80");
    await page.goto(`${url}#/customers/${ids["甲商贸有限公司"]}`);
    await page.locator(`h1[data-card="${ids["甲商贸有限公司"]}"]`).waitFor();
    assert.equal(await page.getAttribute("dd[data-sales-grade]", "data-sales-grade"), "A");
  } finally {
    await app.close();
  }
});

test("分级 on a card: MAN suggests the prospect grade, another needs a reason; 重新分级 stores 销售等级 with its history", async () => {
  const app = await startApp();
  const { page, url } = app;
  try {
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.goto(url);
    await appReady(page);
    const ids = {};
    for (const [name, qty] of [["甲商贸有限公司", 8], ["乙商贸有限公司", 0]]) {
      ids[name] = await customerWithSales(page, url, name, qty);
    }
    const card = async (name) => {
      await page.goto(`${url}#/customers/${ids[name]}`);
      await page.locator(`h1[data-card="${ids[name]}"]`).waitFor();
      await page.locator("[data-grades]").waitFor();
    };
    // Before a regrade the card says the stored grade is behind.
    await card("甲商贸有限公司");
    assert.equal(await page.getAttribute("dd[data-sales-grade]", "data-sales-grade"), "A");
    assert.match(await text(page, "[data-sales-stored]"), /档案记录为 —，待重新分级/);
    // 重新分级 on 分析: what changed, counted.
    await page.goto(`${url}#/analysis`);
    await page.click("[data-action=regrade]");
    await page.waitForFunction(() => document.querySelector("[data-regraded]")?.dataset.regraded === "2");
    const summary = await text(page, "[data-regraded]");
    assert.match(summary, /^已重新分级（\d{4}-\d{2} 至 \d{4}-\d{2}（近3个月））：/);
    assert.match(summary, /1 位客户 无 → A/);
    assert.match(summary, /1 位客户 无 → C/);
    // Again: nothing moves.
    await page.click("[data-action=regrade]");
    await page.waitForFunction(() => document.querySelector("[data-regraded]")?.dataset.regraded === "0");
    await card("甲商贸有限公司");
    assert.equal(await page.locator("[data-sales-stored]").count(), 0);
    assert.match(await text(page, "[data-grade-history]"), /销售等级 无 → A级（自动计算：近3个月月均 ¥2,666\.67 · 第1名\/2 · 累计 100 %）/);

    // MAN: money and authority, no need (M-A-n) → B suggested, saved as computed.
    await page.click("[data-action=grade]");
    await page.check("#man-on");
    await page.check("#man-m");
    await page.check("#man-a");
    assert.match(await text(page, "[data-man-suggestion]"), /建议等级：B级（M-A-n：/);
    await page.fill("#grade-area", "1a");
    await page.fill("#grade-seq", "2");
    await page.click("[data-action=save-grades]");
    await page.locator("[data-action=grade]").waitFor();
    assert.equal(await page.getAttribute("dd[data-prospect-grade]", "data-prospect-grade"), "b");
    // What B means (seed 004): readiness, visits, expected purchase, the next review (weekly).
    assert.match(await text(page, "dd[data-prospect-grade]"), /^B级 · 条件不完全具备，但值得拜访 · 访问：隔周 1 次 · 预计购买：2–3 个月内 · 下次复核 \d{4}-\d{2}-\d{2}$/);
    assert.equal(await page.getAttribute("dd[data-man]", "data-man"), "M-A-n");
    assert.equal(await text(page, "dd[data-route]"), "1A · 路序 2");
    assert.match(await text(page, "[data-grade-history]"), /准客户等级 无 → B级（自动计算：MAN M-A-n 建议 B级）/);
    assert.match(await text(page, "dd[data-reviewed]"), /^\d{4}-\d{2}-\d{2}$/);

    // A: not what MAN suggests, so a reason is asked for, beside the field, and nothing is saved.
    await page.click("[data-action=grade]");
    await page.selectOption("#grade-prospect", "a");
    await page.click("[data-action=save-grades]");
    await page.locator("[data-grades-problem=grade-reason]").waitFor();
    assert.equal(await text(page, "[data-grades-problem]"), "所选准客户等级与 MAN 建议不同，请填写原因");
    // The field to fix gets the focus (after the render that marks it).
    await page.waitForFunction(() => document.activeElement?.id === "grade-reason", null, { timeout: 5000 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 800), true);
    await page.fill("#grade-reason", "下月招标，已约见总经理");
    await page.click("[data-action=save-grades]");
    await page.locator("[data-action=grade]").waitFor();
    assert.equal(await page.getAttribute("dd[data-prospect-grade]", "data-prospect-grade"), "a");
    assert.match(await text(page, "[data-grade-history]"), /准客户等级 B级 → A级（手动设定：下月招标，已约见总经理）/);

    // Kept in the archive: after a reload, the same.
    await page.reload();
    await appReady(page);
    await card("甲商贸有限公司");
    assert.equal(await page.getAttribute("dd[data-prospect-grade]", "data-prospect-grade"), "a");
    assert.equal(await page.locator("[data-grade-history] [data-grade-change]").count(), 4, "销售等级, MAN, 准客户等级 twice");
    // The list filters by 准客户等级: 甲 alone is A.
    await page.goto(`${url}#/customers`);
    await page.locator("[data-count]").waitFor();
    await page.selectOption("#filter-prospect", "a");
    await page.waitForFunction(() => document.querySelector("[data-count]")?.textContent === "1");
    assert.equal(await page.locator(`[data-row="${ids["甲商贸有限公司"]}"]`).count(), 1);
  } finally {
    await app.close();
  }
});
