// The customer list and the 信用 page in a rep's hands, on an 800×1280 portrait tablet: why the
// list is empty said at its top with the way out, pinyin and several-word search, the whole row
// opens the card, the scroll position kept when coming back, a phone shown in full; 信用 no
// wider than the screen, blanks instead of 0.00, an owner filter; no other page wider either.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, chooseMe, assertInView, text } from "./harness.mjs";

const VIEWPORT = { width: 800, height: 1280 };
const NAME = "成都长城川兴酒厂";
const PHONE = "0755-12345678";

const count = (page) => page.locator("[data-count]").textContent().then(Number);
const docWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);

async function search(page, q) {
  await page.fill("#customer-search", q);
  // The list follows the input synchronously; wait for the rendered rows to settle.
  await page.waitForFunction((v) => document.querySelector("#customer-search")?.value === v, q);
}

test("list at 800×1280: empty explained at the top, pinyin search, row tap, scroll kept, phone in full; 信用 fits", async () => {
  const app = await startApp({ viewport: VIEWPORT });
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);

    // This device's rep: the list's default filter becomes 我的客户.
    await chooseMe(page, "王伟");

    // The sample archive belongs to other reps: the list is empty under 我的客户, and says so at
    // its top, with 显示全部客户 in view.
    await page.selectOption("#sample-size", "1000");
    await page.click("[data-action=load-sample]");
    await page.locator("[data-why-empty]").waitFor({ timeout: 120_000 });
    assert.equal(await count(page), 0);
    const why = await text(page, "[data-why-empty]");
    assert.match(why, /我的客户/, "names the filter");
    const hidden = Number(why.match(/隐藏了 (\d+) 位客户/)?.[1]);
    assert.equal(hidden, 1000, `says how many it hides: ${why}`);
    await assertInView(page, "[data-why-empty] [data-action=all-owners]", { focused: false });
    const box = await page.locator("[data-why-empty] [data-action=all-owners]").boundingBox();
    assert.ok(box.y + box.height <= VIEWPORT.height - 60, "above the bottom nav");
    assert.ok(box.height >= 44, "a finger-sized button");
    await page.click("[data-why-empty] [data-action=all-owners]");
    await page.waitForFunction(() => Number(document.querySelector("[data-count]")?.textContent) === 1000);
    assert.equal(await page.locator("[data-why-empty]").count(), 0);

    // A card of my own with a 4-digit area code.
    await page.goto(`${url}#/customers/new/enterprise`);
    await page.fill("#field-name", NAME);
    await page.fill("#field-phone", PHONE);
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    const id = await page.getAttribute("h1[data-card]", "data-card");
    await page.goto(`${url}#/customers`);
    await page.locator("#customer-search").waitFor();

    // Pinyin initials, full pinyin, several words in any order; a scattered short key does not.
    const row = page.locator(`[data-row="${id}"]`);
    // (Selective queries: the list renders only the rows on screen, and the sample has other 成都 names.)
    for (const q of ["cdcx", "chengdu chuanxing", "chengduchangcheng", "CDCCCX", "川兴 酒厂", "酒厂 川兴", "chuanxing 酒厂", "zhangchengchuan"]) {
      await search(page, q);
      await row.waitFor({ timeout: 5_000 }).catch(() => { throw new Error(`"${q}" should find ${NAME}`); });
    }
    for (const q of ["cj", "川兴 不存在", "gdu"]) {
      await search(page, q);
      await page.waitForFunction((s) => !document.querySelector(s), `[data-row="${id}"]`);
    }

    // The phone in full, its cell not overflowing; the name not clipped by its cell.
    await search(page, "成都长城");
    await row.waitFor();
    assert.equal(await text(page, `[data-row="${id}"] .c-phone`), PHONE);
    const phoneFits = await page.$eval(`[data-row="${id}"] .c-phone`, (el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().width > 0);
    assert.ok(phoneFits, "the phone is not cut off");
    const name = await page.$eval(`[data-row="${id}"] .c-name a`, (el) => [el.scrollWidth <= el.clientWidth + 1, getComputedStyle(el).textOverflow]);
    assert.deepEqual(name, [true, "ellipsis"], "a short name is whole; a long one would end in …");

    // Tapping the row outside the name's text opens the card.
    const rb = await row.boundingBox();
    const nb = await page.locator(`[data-row="${id}"] .c-name a`).boundingBox();
    const phoneBox = await page.locator(`[data-row="${id}"] .c-phone`).boundingBox();
    assert.ok(phoneBox.x > nb.x + nb.width || rb.x < nb.x, "there is row outside the name");
    await page.mouse.click(phoneBox.x + phoneBox.width / 2, rb.y + rb.height / 2);
    await page.locator(`h1[data-card="${id}"]`).waitFor();
    await page.goBack();

    // Scroll a long list down, open a card from there, come back: the same rows.
    await search(page, "");
    await page.waitForFunction(() => Number(document.querySelector("[data-count]")?.textContent) === 1001);
    await page.$eval(".vlist", (el) => { el.scrollTop = 20_000; });
    await page.waitForFunction(() => document.querySelector(".vlist").scrollTop > 19_000);
    await page.waitForTimeout(200);
    const before = await page.evaluate(() => [document.querySelector(".vlist").scrollTop, scrollY]);
    // A row in the middle of the scroller, tapped on its registration number.
    const target = await page.evaluate(() => {
      const list = document.querySelector(".vlist").getBoundingClientRect();
      const mid = (list.top + list.bottom) / 2;
      const r = [...document.querySelectorAll(".vlist [data-row]")].find((e) => {
        const b = e.getBoundingClientRect();
        return b.top <= mid && b.bottom >= mid;
      });
      const c = r.querySelector(".c-reg").getBoundingClientRect();
      return { id: r.dataset.row, x: c.left + 5, y: c.top + c.height / 2 };
    });
    await page.mouse.click(target.x, target.y);
    await page.locator(`h1[data-card="${target.id}"]`).waitFor();
    await page.goBack();
    await page.locator(".vlist [data-row]").first().waitFor();
    await page.waitForFunction(([top, y]) => Math.abs(document.querySelector(".vlist").scrollTop - top) <= 4 && Math.abs(scrollY - y) <= 4, before, { timeout: 5_000 })
      .catch(async () => {
        const after = await page.evaluate(() => [document.querySelector(".vlist").scrollTop, scrollY]);
        throw new Error(`scroll not kept: before ${before}, after ${after}`);
      });
    assert.equal(await page.locator(`.vlist [data-row="${target.id}"]`).count(), 1, "the opened row is still there");

    // 信用: no sideways scroll, blanks instead of 0.00, an owner filter that narrows.
    await page.goto(`${url}#/credit`);
    await page.locator("[data-credit-overview]").waitFor();
    assert.ok((await docWidth(page)) <= VIEWPORT.width, `信用总览 fits: ${await docWidth(page)}`);
    const allRows = await page.locator("[data-credit-row]").count();
    assert.ok(allRows > 0);
    await page.click("[data-tab=aging]");
    await page.locator("[data-aging]").waitFor();
    assert.ok((await docWidth(page)) <= VIEWPORT.width, `应收账款 fits: ${await docWidth(page)}`);
    const cells = await page.locator("[data-aging] td").allTextContents();
    assert.ok(cells.length > 0);
    assert.equal(cells.filter((c) => c.trim() === "0.00").length, 0, "no 0.00 filler cells");
    assert.ok(cells.some((c) => c.trim() === ""), "empty buckets are blank");
    const agingAll = await page.locator("[data-aging] tbody tr").count();
    // Pick a rep from the owner filter (after 全部, 我的客户 and 无负责人).
    const reps = await page.$$eval("#credit-owner option", (os) => os.map((o) => o.value).filter((v) => v && v !== "-"));
    const other = reps.find((v) => v !== reps[0]) ?? reps[0];
    await page.selectOption("#credit-owner", other);
    await page.waitForFunction((n) => document.querySelectorAll("[data-aging] tbody tr").length < n || document.querySelector("[data-no-receivables]"), agingAll);
    const agingMine = await page.locator("[data-aging] tbody tr").count();
    assert.ok(agingMine < agingAll, `the owner filter narrows 应收账款: ${agingMine} < ${agingAll}`);
    await page.click("[data-tab=overview]");
    await page.locator("[data-credit-overview], [data-credit-page] .empty-state").first().waitFor();
    assert.ok((await page.locator("[data-credit-row]").count()) < allRows, "and 信用总览");
    assert.ok((await docWidth(page)) <= VIEWPORT.width);
    // Under 我的客户 (this device's rep has no receivables): said at the top, with the way back.
    await page.click("[data-tab=aging]");
    const mine = await page.$eval("#credit-owner", (s) => [...s.options].find((o) => o.textContent === "我的客户")?.value);
    await page.selectOption("#credit-owner", mine);
    await page.locator("[data-no-receivables][data-why-empty]").waitFor();
    assert.equal(await text(page, "[data-why-empty] [data-why-filters]"), "筛选：负责人 我的客户");
    await assertInView(page, "[data-why-empty] [data-action=all-owners]", { focused: false });
    await page.click("[data-why-empty] [data-action=all-owners]");
    await page.waitForFunction((n) => document.querySelectorAll("[data-aging] tbody tr").length === n, agingAll);
    assert.equal(await page.inputValue("#credit-owner"), "");

    // The other pages with wide tables: none wider than the screen.
    for (const route of ["#/today", "#/analysis", "#/settings", "#/handoff", "#/complaints", "#/customers", `#/customers/${id}`]) {
      await page.goto(url + route);
      await page.locator("main h1, #main h1").first().waitFor();
      await page.waitForTimeout(300);
      const w = await docWidth(page);
      assert.ok(w <= VIEWPORT.width, `${route} is ${w} px wide on an ${VIEWPORT.width} px screen`);
    }
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("an empty list at 800×1280 says why at its top — the search, each filter — and one tap brings the customers back", async () => {
  const app = await startApp({ viewport: VIEWPORT, hasTouch: true });
  const { page, url } = app;
  const why = "[data-why-empty]";
  // Seen without scrolling: inside the screen and above the bottom nav.
  const seen = async (sel) => {
    const box = await page.locator(sel).boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= VIEWPORT.height - 60, `${sel} in view above the nav: ${JSON.stringify(box)}`);
    assert.ok(box.height >= 44, `${sel} is finger-sized`);
  };
  const countIs = (n) => page.waitForFunction((n) => Number(document.querySelector("[data-count]")?.textContent) === n, n);
  try {
    await page.goto(url);
    await appReady(page);
    // No rep on this device: the owner filter is off, only the search and filters hide anyone.
    await page.click("[data-action=load-sample]");
    await page.locator("[data-count]").waitFor({ timeout: 120_000 });
    const all = await count(page);
    assert.ok(all > 0);

    // Search: the words are named, 清除搜索 brings everyone back.
    await search(page, "不存在的客户xyz");
    await page.locator(why).waitFor();
    assert.equal(await text(page, `${why} [data-why]`), "搜索“不存在的客户xyz”没有找到客户。");
    assert.equal(await page.locator(`${why} [data-why-filters]`).count(), 0, "no filter is named when none is on");
    assert.equal(await page.locator(`${why} [data-action=clear-filters]`).count(), 0);
    await seen(`${why} [data-action=clear-search]`);
    await page.tap(`${why} [data-action=clear-search]`);
    await countIs(all);
    assert.equal(await page.inputValue("#customer-search"), "");
    assert.equal(await page.locator(why).count(), 0);

    // Filters only: a kind and a region no customer has together, both named.
    const regions = await page.$$eval("#filter-region option", (os) => os.map((o) => o.value).filter(Boolean));
    let found = null;
    for (const kind of ["ind", "ent"]) {
      await page.selectOption("#filter-kind", kind);
      for (const region of regions) {
        await page.selectOption("#filter-region", region);
        if ((await count(page)) === 0) { found = { kind, region }; break; }
      }
      if (found) break;
    }
    assert.ok(found, "the sample has a kind missing from some region");
    await page.locator(why).waitFor();
    const kindLabel = found.kind === "ind" ? "个人客户" : "企业客户";
    assert.equal(await text(page, `${why} [data-why]`), "没有符合筛选条件的客户。");
    assert.equal(await text(page, `${why} [data-why-filters]`), `筛选：类型 ${kindLabel}、区域 ${found.region}`);
    assert.equal(await page.locator(`${why} [data-action=clear-search]`).count(), 0);
    await seen(`${why} [data-action=clear-filters]`);
    await page.tap(`${why} [data-action=clear-filters]`);
    await countIs(all);
    assert.equal(await page.inputValue("#filter-kind"), "", "the kind select shows it is cleared");
    assert.equal(await page.inputValue("#filter-region"), "");

    // Search and a filter together: a company searched under 个人客户. Both named; 清除筛选
    // brings the company back and keeps the search.
    const company = await page.evaluate(() => [...document.querySelectorAll("[data-row]")].find((r) => r.querySelector(".c-kind")?.textContent === "企业客户")?.querySelector("a[data-open]")?.textContent);
    assert.ok(company, "the sample lists a company");
    await search(page, company);
    await page.selectOption("#filter-kind", "ind");
    await page.locator(why).waitFor();
    assert.match(await text(page, `${why} [data-why]`), new RegExp(`^搜索“${company}”找到 [1-9]\\d* 位客户，但都不符合筛选条件。$`));
    assert.equal(await text(page, `${why} [data-why-filters]`), "筛选：类型 个人客户");
    await seen(`${why} [data-action=clear-filters]`);
    await seen(`${why} [data-action=clear-search]`);
    await page.tap(`${why} [data-action=clear-filters]`);
    await page.waitForFunction(() => Number(document.querySelector("[data-count]")?.textContent) > 0);
    assert.ok((await page.locator("a[data-open]").allTextContents()).includes(company), "the company is back");
    assert.equal(await page.inputValue("#customer-search"), company, "the search is kept");
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
