// The tablet audit (issue 18): on an 800×1280 touch tablet and a 1280×800 one, with the sample archive loaded,
// every page and tab is checked for what a rep's finger and eye need: nothing scrolls sideways,
// every control is at least 44×44 px, no emoji (drawn as empty boxes where no emoji font
// exists), and no serious or critical axe-core accessibility violation. Then the customer form:
// the 查重 refusal in view after 保存, 更多资料 closed until needed, this device's rep preselected.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, assertInView, text } from "./harness.mjs";

const TABLET = { viewport: { width: 800, height: 1280 }, hasTouch: true };
// The issue's two sizes: the audit and the long form run at both (landscape: the nav and the save
// bar take height from an 800 px screen).
const SIZES = [["800×1280 portrait", TABLET], ["1280×800 landscape", { viewport: { width: 1280, height: 800 }, hasTouch: true }]];

/** Nothing (the bottom nav, the sticky save bar) lies over the element's middle: a tap there reaches it. */
async function assertUncovered(page, selector) {
  const hit = await page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) return "missing";
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
    return top && (el === top || el.contains(top) || top.contains(el)) ? "" : `${top?.tagName.toLowerCase()}.${top?.className} over it at ${Math.round(r.top)} px`;
  }, selector);
  assert.equal(hit, "", `${selector} is covered: ${hit}`);
}
const AXE = new URL("../../node_modules/axe-core/axe.min.js", import.meta.url).pathname;

/** What the page does wrong for a finger on a tablet; empty lists when nothing. */
async function measure(page) {
  return page.evaluate(() => {
    const shown = (el) => {
      if (el.closest("[hidden], [aria-hidden=true], .visually-hidden")) return false;
      const s = getComputedStyle(el);
      if (s.display === "none" || s.visibility === "hidden" || Number(s.opacity) === 0) return false;
      const r = el.getBoundingClientRect();
      // Off-screen on purpose (the skip link until focused) or not laid out.
      return r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth + 2000;
    };
    const describe = (el, r) => {
      const what = (el.getAttribute("aria-label") || el.textContent || el.value || el.id || "").trim().replace(/\s+/g, " ").slice(0, 30);
      const data = [...el.attributes].filter((a) => a.name.startsWith("data-") || a.name === "id").map((a) => `[${a.name}${a.value ? `=${a.value}` : ""}]`).join("");
      return `${el.tagName.toLowerCase()}${el.type ? `[type=${el.type}]` : ""}${data} "${what}" ${Math.round(r.width)}×${Math.round(r.height)}`;
    };
    const small = [];
    for (const el of document.querySelectorAll("button, a[href], input, select, textarea, summary, [role=button], [role=tab]")) {
      if (!shown(el) || el.disabled && el.matches("[data-pager-hidden]")) continue;
      // A checkbox or radio is tapped through its label: the label is the target.
      let target = el;
      if (el.matches("input[type=checkbox], input[type=radio]")) target = el.closest("label") || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el;
      const r = target.getBoundingClientRect();
      if (r.width < 43.5 || r.height < 43.5) small.push(describe(el, r));
    }
    const emoji = document.body.innerText.match(/\p{Extended_Pictographic}/gu) || [];
    // A native date box shows the device's own format (mm/dd/yyyy); dates are typed as 年-月-日.
    const nativeDates = [...document.querySelectorAll("input[type=date]")].filter(shown).map((e) => e.id || e.className);
    return { docWidth: document.documentElement.scrollWidth, viewport: innerWidth, small, emoji: [...new Set(emoji)], nativeDates };
  });
}

async function axeSerious(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    if (!r.passes.length) return ["axe-core checked nothing"];
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 6).map((n) => n.target.join(" ")).join(" | ")}${v.nodes.length > 6 ? ` … ${v.nodes.length} in all` : ""}`);
  });
}

/** Every rule on the page shown now; problems are collected so one run lists them all. */
async function audit(page, name, problems) {
  await page.waitForTimeout(300); // let lazy parts (the list's rows, charts) settle
  const m = await measure(page);
  if (m.docWidth > m.viewport) problems.push(`${name}: the page is ${m.docWidth} px wide on a ${m.viewport} px screen`);
  if (m.small.length) problems.push(`${name}: targets under 44×44 px:\n    ${m.small.join("\n    ")}`);
  if (m.emoji.length) problems.push(`${name}: emoji in the text: ${m.emoji.join(" ")}`);
  if (m.nativeDates.length) problems.push(`${name}: native date boxes: ${m.nativeDates.join(" ")}`);
  const axe = await axeSerious(page);
  if (axe.length) problems.push(`${name}: axe-core:\n    ${axe.join("\n    ")}`);
}

async function open(page, url, hash, ready) {
  await page.goto(`${url}${hash}`);
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
}

for (const [size, options] of SIZES) {
test(`every page on a ${size} touch tablet: no sideways scroll, 44 px targets, no emoji, no serious axe violation`, async () => {
  const app = await startApp(options);
  const { page, url } = app;
  const problems = [];
  try {
    await page.goto(url);
    await appReady(page);
    await page.locator("[data-action=load-sample]").click();
    await page.locator("[data-count]").waitFor({ timeout: 120_000 });
    // The card with the fullest file (orders, notes, complaints…): the most to check.
    const ids = await page.evaluate(async () => [...document.querySelectorAll("a[data-open]")].map((a) => a.getAttribute("href").split("/").pop()));
    const id = ids[0];
    assert.ok(id, "the sample archive lists a customer");

    await audit(page, "客户 (list)", problems);
    // Nothing found: the banner saying why, with its ways out, passes the same rules.
    await page.fill("#customer-search", "不存在的客户xyz");
    await page.selectOption("#filter-kind", "ind");
    await page.locator("[data-why-empty] [data-action=clear-filters]").waitFor();
    await audit(page, "客户 (list) · 无结果", problems);
    await page.click("[data-why-empty] [data-action=clear-filters]");
    await page.click("[data-why-empty] [data-action=clear-search]");
    await page.locator("[data-why-empty]").waitFor({ state: "detached" });
    await open(page, url, "#/today", "h1");
    await audit(page, "今日", problems);
    await page.click("[data-tab=manager]");
    await page.waitForTimeout(300);
    await audit(page, "今日 · manager view", problems);
    await open(page, url, `#/customers/${id}`, "h1[data-card]");
    await audit(page, "客户资料卡", problems);
    // An order's detail opened (lines, deliveries, every payment): the first listed card with an order.
    let detailSeen = false;
    for (const other of ids.slice(0, 12)) {
      await open(page, url, `#/customers/${other}`, "h1[data-card]");
      await page.waitForTimeout(200);
      const button = page.locator("[data-action=order-detail]").first();
      if (!(await button.count())) continue;
      await button.click();
      await page.locator("[data-order-detail]").waitFor();
      await audit(page, "客户资料卡 · 订单详情", problems);
      detailSeen = true;
      break;
    }
    assert.ok(detailSeen, "a sample card with an order");
    await open(page, url, `#/customers/${id}/edit`, "form.edit");
    await audit(page, "编辑客户", problems);
    await open(page, url, "#/customers/new/enterprise", "form.edit");
    await audit(page, "新建企业客户", problems);
    await open(page, url, "#/customers/new/individual", "form.edit");
    await audit(page, "新建个人客户", problems);
    await open(page, url, "#/customers/duplicates", "h1");
    await audit(page, "查重", problems);
    await open(page, url, `#/customers/${id}/credit-report`, "h1");
    await audit(page, "信用调查报告", problems);
    await open(page, url, "#/complaints", "h1");
    await audit(page, "客户投诉", problems);
    await open(page, url, "#/credit", "h1");
    await audit(page, "信用", problems);
    await page.click("[data-tab=aging]");
    await page.waitForTimeout(300);
    await audit(page, "信用 · 应收账款", problems);
    await open(page, url, "#/handoff", "h1");
    for (const tab of await page.locator("[role=tab][data-tab]").evaluateAll((ts) => ts.map((t) => t.dataset.tab))) {
      await page.click(`[role=tab][data-tab="${tab}"]`);
      await page.waitForTimeout(200);
      await audit(page, `交接 · ${tab}`, problems);
    }
    await open(page, url, "#/analysis", "h1");
    await page.locator("[data-section]").first().waitFor({ timeout: 60_000 }).catch(() => {});
    await audit(page, "分析", problems);
    await open(page, url, "#/settings", "h1");
    await audit(page, "设置", problems);

    // The English UI has no Chinese-only punctuation of its own (the sample's data is Chinese,
    // so only the full-width colon, which no sample value holds, is looked for).
    await page.click("button[data-lang=en]");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    for (const [name, hash, ready] of [["card", `#/customers/${id}`, "h1[data-card]"], ["new enterprise", "#/customers/new/enterprise", "form.edit"],
      ["today", "#/today", "h1"], ["credit", "#/credit", "h1"], ["complaints", "#/complaints", "h1"], ["settings", "#/settings", "h1"], ["analysis", "#/analysis", "h1"]]) {
      await open(page, url, hash, ready);
      await page.waitForTimeout(300);
      const colons = await page.evaluate(() => {
        const out = [];
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walk.nextNode()) if (walk.currentNode.textContent.includes("：")) out.push(walk.currentNode.parentElement.textContent.trim().slice(0, 60));
        return out;
      });
      if (colons.length) problems.push(`English ${name}: full-width colon in ${JSON.stringify(colons)}`);
    }
    assert.deepEqual(app.errors, [], "no script errors");
  } finally {
    await app.close();
  }
  assert.equal(problems.length, 0, `tablet audit (${size}):\n${problems.join("\n")}`);
});

test(`customer form on a ${size} tablet: owner preselected, 更多资料 closed until an error in it, 查重 refusal in view`, async () => {
  const app = await startApp(options);
  const height = options.viewport.height;
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await page.locator("[data-action=load-sample]").waitFor();
    // This device's rep, added from the first-start prompt: the answer says who it is now.
    await page.fill("#me-name", "王伟");
    await page.click("[data-action=add-me]");
    await page.locator("[data-me-confirmed]").waitFor();
    assert.equal(await text(page, "[data-me-confirmed]"), "本机业务员：王伟");
    // Adding another rep in 设置 says so too, without changing this device's rep.
    await page.goto(`${url}#/settings`);
    await page.fill("#rep-name", "李娜");
    await page.click("[data-action=save-rep]");
    await page.locator("[data-rep-added]").waitFor();
    assert.equal(await text(page, "[data-rep-added]"), "已添加业务员：李娜");
    assert.match(await text(page, "[data-reps]"), /王伟 · 本机业务员/);

    // Opened cold (a reload on the form's address): the owner it will save is shown.
    await page.goto(`${url}#/customers/new/enterprise`);
    await page.reload();
    await page.locator("form.edit").waitFor();
    await page.waitForFunction(() => document.querySelector("#status-owner")?.selectedOptions[0]?.textContent === "王伟");

    // The common fields first; the rest closed behind 更多资料.
    const more = page.locator("details[data-more]");
    assert.equal(await more.getAttribute("open"), null, "更多资料 is closed on a new card");
    assert.ok(await page.locator("#field-name").isVisible());
    assert.ok(await page.locator("#field-phone").isVisible());
    assert.ok(await page.locator("[data-action=add-contact]").isVisible(), "人员 among the first fields");
    assert.equal(await page.locator("#field-postcode").isVisible(), false, "邮编 is behind 更多资料");
    const peopleTop = await page.locator("[data-action=add-contact]").evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(peopleTop < height * 2, `人员 near the top of the form (at ${peopleTop} px)`);

    // An error in a hidden field opens 更多资料 and focuses that field; the message does not repeat its label.
    await page.fill("#field-name", "平板测试贸易有限公司");
    await page.fill("#field-phone", "0571-88886666");
    await more.locator("summary").click();
    await page.fill("#field-postcode", "12");
    await more.locator("summary").click();
    assert.equal(await more.getAttribute("open"), null);
    await page.click("[data-action=save]");
    await page.waitForFunction(() => document.querySelector("details[data-more]")?.open);
    await assertInView(page, "#field-postcode");
    // Neither the sticky save bar nor the nav lies over the field or its message.
    await assertUncovered(page, "#field-postcode");
    await assertUncovered(page, "#field-postcode-error");
    const err = await text(page, "#field-postcode-error");
    assert.ok(err.length > 0 && !err.startsWith("邮编："), `the message beside 邮编 does not repeat its label: ${err}`);
    await page.fill("#field-postcode", "310000");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    const firstId = await page.getAttribute("h1[data-card]", "data-card");
    assert.equal(await text(page, "[data-owner]"), "王伟");
    // The card: identity and phones before the file.
    const order = await page.evaluate(() => ["[data-field=phone]", "[data-file]"].map((s) => document.querySelector(s)?.getBoundingClientRect().top));
    assert.ok(order[0] < order[1], `phones above the file (${order})`);

    // The same phone on a new card, the form scrolled to the top: the refusal is seen after 保存.
    await page.goto(`${url}#/customers/new/enterprise`);
    await page.fill("#field-name", "另一家贸易公司");
    await page.fill("#field-phone", "0571 8888 6666");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click("[data-action=save]");
    await page.locator("[data-dup-block]").waitFor();
    await assertInView(page, "[data-dup-block]");
    await assertUncovered(page, "[data-dup-block]");
    assert.match(await text(page, "[data-dup-block]"), /该号码已属于其他客户，未保存/);
    assert.ok(await page.locator(`[data-dup-block] [data-dup-link="${firstId}"]`).count() === 1);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
}

test("editing a card with values behind 更多资料 opens it", async () => {
  const app = await startApp(TABLET);
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await page.goto(`${url}#/customers/new/enterprise`);
    await page.fill("#field-name", "更多资料测试有限公司");
    await page.fill("#field-phone", "0571-88887777");
    await page.locator("details[data-more] summary").click();
    await page.fill("#field-postcode", "310000");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    await page.click("[data-action=edit]");
    await page.locator("form.edit").waitFor();
    assert.equal(await page.locator("details[data-more]").getAttribute("open"), "", "open when the card has values there");
    assert.equal(await page.inputValue("#field-postcode"), "310000");
  } finally {
    await app.close();
  }
});

test("the card on a tablet: people and phones before the file, timeline parts apart, amounts grouped, tables as tables, pager at the foot", async () => {
  const app = await startApp(TABLET);
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await page.locator("[data-action=load-sample]").click();
    await page.locator("[data-count]").waitFor({ timeout: 120_000 });
    // An enterprise of the sample (they have 注册资金 and 经营品种及比重) with people.
    const href = await page.evaluate(() => [...document.querySelectorAll("a[data-open]")].find((a) => /公司$/.test(a.textContent))?.getAttribute("href"));
    assert.ok(href, "the sample lists a company");
    await page.goto(`${url}${href}`);
    await page.locator("h1[data-card]").waitFor();
    const top = (sel) => page.evaluate((s) => document.querySelector(s)?.getBoundingClientRect().top ?? null, sel);
    const [phone, people, file] = [await top("[data-field=phone]"), await top("[data-contact], [data-empty-section]"), await top("[data-file]")];
    assert.ok(phone !== null && file !== null && phone < file, `the card's phone above the file (${phone} < ${file})`);
    assert.ok(people !== null && people < file, `people above the file (${people} < ${file})`);
    assert.equal(await page.locator("[data-field=phone] a[href^='tel:']").count(), 1, "the phone calls");

    assert.match(await text(page, "[data-field=registered_capital]"), /^\d{1,3}(,\d{3})+\.\d{2}$/, "amounts grouped");
    const table = page.locator("[data-field=products] table");
    assert.equal(await table.count(), 1, "经营品种及比重 is a table");
    assert.ok((await table.locator("th").allTextContents()).length >= 2);
    assert.doesNotMatch(await text(page, "[data-field=products]"), /\|/, "no pipe text");

    // Each part of a timeline line in its own place, with room between them.
    const lines = await page.locator("[data-timeline] > li").evaluateAll((lis) => lis.map((li) => {
      const boxes = [li.querySelector("time"), li.querySelector(".tag"), ...li.querySelectorAll(".t-part")].filter(Boolean).map((e) => e.getBoundingClientRect());
      let tight = 0;
      for (let i = 1; i < boxes.length; i++) {
        const [a, b] = [boxes[i - 1], boxes[i]];
        if (Math.abs(a.top - b.top) < 4 && b.left - a.right < 6) tight++;
      }
      return { parts: li.querySelectorAll(".t-part").length, tight, right: Math.max(...boxes.map((r) => r.right)) };
    }));
    assert.ok(lines.length > 0, "the sample card has a file");
    assert.ok(lines.some((l) => l.parts >= 2), "an entry shows its parts separately");
    assert.deepEqual(lines.filter((l) => l.tight > 0), [], "no two parts run together");
    assert.ok(lines.every((l) => l.right <= 800), "timeline lines fit the screen");

    // 上一个 / 下一个 at the foot of the card too.
    assert.equal(await page.locator("[data-action=prev-bottom]").count(), 1);
    const which = (await page.locator("[data-action=next-bottom]").isDisabled()) ? "prev-bottom" : "next-bottom";
    const next = page.locator(`[data-action=${which}]`);
    await next.scrollIntoViewIfNeeded();
    await next.click();
    await page.waitForFunction((h) => location.hash !== h, href.slice(href.indexOf("#")));
    await page.locator("h1[data-card]").waitFor();
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
