// 今日 end to end (issue 15): a rep's customers graded and placed on the route; the day's list in
// route order at 800 px portrait, a visit recorded in one tap from the list (prefilled with today
// and this device's rep), after which the item leaves; the manager's view counts it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, chooseMe, text } from "./harness.mjs";

test("今日 lists the day's visits in route order; 记拜访 records one prefilled and the item leaves", async () => {
  const app = await startApp();
  const { page, url } = app;
  const notWide = async (where) => assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 800), `${where} scrolls sideways at 800 px`);
  try {
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.goto(url);
    await appReady(page);
    await chooseMe(page, "王伟");
    // Made in this order; the route (区域代号, 路序) says 丙 (1A-1), 甲 (1A-2), 乙 (2B-1).
    const ids = {};
    for (const [name, area, seq] of [["甲商行", "1A", "2"], ["乙商行", "2b", "1"], ["丙商行", "1a", "1"]]) {
      await page.goto(`${url}#/customers/new/enterprise`);
      await page.fill("#field-name", name);
      await page.click("[data-action=save]");
      await page.locator("h1[data-card]").waitFor();
      ids[name] = await page.getAttribute("h1[data-card]", "data-card");
      await page.click("[data-action=grade]");
      await page.fill("#grade-area", area);
      await page.fill("#grade-seq", seq);
      await page.click("[data-action=save-grades]");
      await page.waitForFunction((a) => document.querySelector("dd[data-route]")?.textContent.startsWith(a), area.toUpperCase());
    }
    // 重新分级: no sales yet, so all three are C; the plan (经办人, C: once a month) wants a visit now.
    await page.goto(`${url}#/analysis`);
    await page.click("[data-action=regrade]");
    await page.waitForFunction(() => document.querySelector("[data-regraded]")?.dataset.regraded === "3");

    await page.goto(`${url}#/today`);
    await page.locator("[data-section=due]").waitFor();
    await notWide("今日");
    const order = () => page.locator("[data-section=due] [data-item][data-kind=plan_visit]").evaluateAll((els) => els.map((e) => e.dataset.customer));
    assert.deepEqual(await order(), [ids["丙商行"], ids["甲商行"], ids["乙商行"]], "route order: 1A-1, 1A-2, 2B-1");
    assert.equal(await text(page, "[data-count-kind=plan_visit] strong"), "3");
    assert.match(await text(page, `[data-customer="${ids["甲商行"]}"] [data-item-what]`), /按计划拜访/);

    // One tap opens the visit, prefilled with this device's rep and today (by the page's clock).
    const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`; });
    await page.click(`[data-customer="${ids["甲商行"]}"] [data-action=record-visit]`);
    const form = page.locator(`[data-customer="${ids["甲商行"]}"] [data-quick-visit]`);
    await form.waitFor();
    assert.match(await form.locator("p.muted").textContent(), new RegExp(`王伟 · ${today}`));
    // The form opens where the finger is.
    const box = await form.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 1280, "the visit form is on screen");
    await form.locator("[data-action=save-visit]").click();
    await page.locator(`[data-section=due] [data-customer="${ids["甲商行"]}"]`).waitFor({ state: "detached" });
    assert.deepEqual(await order(), [ids["丙商行"], ids["乙商行"]]);
    assert.equal(await text(page, "[data-count-kind=plan_visit] strong"), "2");

    // The visit is in 甲's file, made today by 王伟.
    await page.goto(`${url}#/customers/${ids["甲商行"]}`);
    await page.locator("[data-timeline] [data-kind=visit]").waitFor();
    assert.match(await text(page, "[data-timeline] [data-kind=visit]"), /王伟/);

    // 经理视图: 王伟's three customers, all C, one visit made this week.
    await page.goto(`${url}#/today`);
    await page.click("[data-tab=manager]");
    await page.locator("[data-rep-row]").first().waitFor();
    await notWide("经理视图");
    const row = page.locator("[data-rep-row]").filter({ hasText: "王伟" });
    assert.equal(await row.locator("[data-rep-customers]").textContent(), "3");
    assert.equal(await row.locator("[data-rep-sales]").textContent(), "C 3");
    assert.match(await row.locator("[data-rep-week]").textContent(), /^1 \/ /);
  } finally {
    await app.close();
  }
});

test("今日 on a manager's archive: each section shows its first 200 items and more on request", async () => {
  const app = await startApp({ viewport: { width: 800, height: 1280 } });
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await page.selectOption("#sample-size", "2000");
    await page.click("[data-action=load-sample]");
    await page.locator("[data-count]").waitFor({ timeout: 120_000 });
    await page.goto(`${url}#/today`);
    await page.locator("[data-section]").first().waitFor();
    // The fullest section (every customer: no rep is chosen on this device).
    const counts = await page.locator("[data-section]").evaluateAll((ss) => ss.map((s) => [s.dataset.section, Number(s.querySelector("[data-section-count]").textContent)]));
    const [name, n] = counts.sort((a, b) => b[1] - a[1])[0];
    assert.ok(n > 200, `a section with more than 200 items (${JSON.stringify(counts)})`);
    const section = page.locator(`[data-section=${name}]`);
    assert.equal(await section.locator("li[data-item]").count(), 200);
    assert.equal(await section.locator("[data-action=today-more]").getAttribute("data-rest"), String(n - 200));
    await section.locator("[data-action=today-more]").click();
    await page.waitForFunction(([s, want]) => document.querySelectorAll(`[data-section=${s}] li[data-item]`).length === want, [name, Math.min(n, 700)]);
    assert.equal(await section.locator("[data-action=today-more]").count(), n > 700 ? 1 : 0);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
