// 客户信用管理 end to end (issue 16), on a 10" tablet in portrait: a manager sets the manager
// passphrase; a customer gets an approved limit of ¥100,000; an order of ¥90,000 passes (exactly
// the 90 % warning level), the next ¥10,000 warns (exactly 100 %), one more yuan is blocked and
// saved only as 信用冻结; a wrong passphrase releases nothing; the manager's passphrase releases
// it with a reason, logged on the card and in the file, still there after a reload; 信用 lists the
// customer with its limit and exposure.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, fillOrderLines, text } from "./harness.mjs";

const PASS = "经理口令 2026";

/** Opens the order form, types `yuan` as one line, and returns the live check's verdict before
 *  saving; then saves and waits for the form to close. */
async function order(page, no, yuan) {
  await page.click("[data-add=order]");
  await page.locator("[data-entry-form=order]").waitFor();
  await page.fill("#field-e-no", no);
  await fillOrderLines(page, [["货品", 1, yuan]]);
  await page.fill("#field-e-rep", "王伟");
  await page.selectOption("#field-e-status", "open");
  const check = page.locator("[data-credit-check]");
  await check.waitFor();
  const verdict = await check.getAttribute("data-credit-check");
  const said = await check.textContent();
  await page.click("[data-action=save-entry]");
  await page.locator("[data-entry-form=order]").waitFor({ state: "detached" });
  return { verdict, said };
}

test("an approved limit; orders pass, warn and are held by credit; a manager releases one with the passphrase, logged", async () => {
  const app = await startApp({ viewport: { width: 800, height: 1280 } });
  const { page, url } = app;
  const notWide = async (where) => assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 800), `${where} scrolls sideways at 800 px`);
  try {
    await page.goto(url);
    await appReady(page);

    // 设置 → 信用管理: a short passphrase is refused, then one is set (only its hash kept).
    await page.goto(`${url}#/settings`);
    await page.locator("[data-credit-settings]").waitFor();
    assert.equal(await page.getAttribute("[data-manager-pass]", "data-manager-pass"), "none");
    await page.fill("#manager-pass", "短");
    await page.fill("#manager-pass-again", "短");
    await page.click("[data-action=set-manager-pass]");
    await page.locator("[data-pass-result=error]").waitFor();
    assert.match(await text(page, "[data-pass-result]"), /至少 8 个字符/);
    await page.fill("#manager-pass", PASS);
    await page.fill("#manager-pass-again", PASS);
    await page.click("[data-action=set-manager-pass]");
    await page.locator("[data-pass-result=ok]").waitFor({ timeout: 30_000 });
    const stored = await page.evaluate(() => localStorage.getItem("dossier.manager-pass"));
    assert.ok(stored && !stored.includes("2026") && JSON.parse(stored).iterations >= 600000, "a salted slow hash, never the passphrase");
    await notWide("设置");

    // A customer with an approved limit of ¥100,000 (set by hand, with the note it needs).
    await page.goto(`${url}#/customers/new/enterprise`);
    await page.fill("#field-name", "信达五金商行");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    const id = await page.getAttribute("h1[data-card]", "data-card");
    await page.locator("[data-credit-panel]").waitFor();
    assert.equal(await page.getAttribute("[data-limit-in-force]", "data-limit-in-force"), "");
    await page.fill("#limit-manual", "100000");
    await page.fill("#limit-by", "赵经理");
    await page.click("[data-action=approve-limit]");
    // No note: refused, nothing approved.
    await page.locator("[data-approve-error]").waitFor();
    assert.match(await text(page, "[data-approve-error]"), /注明理由/);
    assert.equal(await page.getAttribute("[data-limit-in-force]", "data-limit-in-force"), "");
    await page.fill("#limit-note", "年度核定");
    await page.click("[data-action=approve-limit]");
    await page.waitForFunction(() => document.querySelector("[data-limit-in-force]")?.getAttribute("data-limit-in-force") === "10000000");
    assert.equal(await page.locator("[data-approval]").count(), 1);

    // ¥90,000: exactly the 90 % warning level passes; ¥10,000 more is exactly the limit: warns.
    const first = await order(page, "HT-1", "90000");
    assert.equal(first.verdict, "pass", first.said);
    const second = await order(page, "HT-2", "10000");
    assert.equal(second.verdict, "warn", second.said);
    assert.match(second.said, /预警/);
    // One yuan more is above the limit: blocked, with what would make it pass.
    const third = await order(page, "HT-3", "1");
    assert.equal(third.verdict, "block", third.said);
    assert.match(third.said, /把信用限度提高到 ¥100,001|改为现款交易/);
    assert.match(third.said, /信用冻结/);
    await page.locator("li[data-held-order][data-status=blocked]").waitFor();
    assert.equal(await page.locator("li[data-held-order][data-status=blocked]").count(), 1);
    const held = await page.getAttribute("li[data-held-order]", "data-held-order");
    assert.match(await text(page, `[data-timeline] [data-entry="${held}"]`), /信用冻结/);
    await notWide("客户卡");

    // A wrong passphrase releases nothing.
    await page.fill("#release-by", "赵经理");
    await page.fill("#release-reason", "老客户，月底回款");
    await page.fill("#release-pass", "不是经理口令");
    await page.click("[data-action=release]");
    await page.locator("[data-release-error]").waitFor({ timeout: 30_000 });
    assert.match(await text(page, "[data-release-error]"), /经理口令不对/);
    assert.equal(await page.locator("li[data-held-order][data-status=blocked]").count(), 1);
    // The manager's passphrase releases it: the order goes out, the release is logged.
    await page.fill("#release-pass", PASS);
    await page.click("[data-action=release]");
    await page.locator(`li[data-held-order="${held}"][data-status=open]`).waitFor({ timeout: 30_000 });
    await page.locator("[data-release]").waitFor();
    assert.match(await text(page, "[data-release]"), /赵经理/);
    assert.match(await text(page, "[data-release]"), /老客户，月底回款/);
    assert.match(await text(page, `[data-timeline] [data-entry="${held}"]`), /待出货/);
    assert.match(await text(page, "[data-timeline] [data-kind=credit]"), /放行|信用/);

    // A review with a payment sign is an urgent report: it waits for the superior's instruction.
    await page.check("input[data-sign=p_missed]");
    await page.fill("#inv-by", "王伟");
    await page.click("[data-action=save-investigation]");
    await page.locator("[data-urgent]").waitFor();
    assert.match(await text(page, "[data-urgent]"), /上司的明确指示/);
    await page.locator("[data-investigation][data-waiting=true]").waitFor();
    await page.fill("#instruct-by", "赵经理");
    await page.fill("#instruct-text", "暂停赊销，月底前收回欠款");
    await page.click("[data-action=instruct]");
    await page.locator("[data-investigation][data-waiting=false] [data-instruction]").waitFor();
    assert.match(await text(page, "[data-instruction]"), /暂停赊销，月底前收回欠款 · 赵经理/);

    // Written for good.
    await page.reload();
    await appReady(page);
    await page.goto(`${url}#/customers/${id}`);
    await page.locator("[data-release]").waitFor();
    assert.equal(await page.locator("li[data-held-order][data-status=blocked]").count(), 0);
    assert.equal(await page.getAttribute("[data-limit-in-force]", "data-limit-in-force"), "10000000");

    // The printable 客户信用调查报告: the limit, the methods, the release; nothing but the report
    // when printed.
    await page.click("a[data-action=credit-report]");
    await page.locator("[data-credit-report]").waitFor();
    assert.match(await text(page, "[data-credit-report]"), /信达五金商行/);
    assert.match(await text(page, "[data-credit-report]"), /100,000/);
    assert.match(await text(page, "[data-credit-report]"), /老客户，月底回款/);
    assert.equal(await page.locator("[data-report-method]").count(), 5);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator("nav a[data-route]").first().isVisible(), false, "no navigation on paper");
    await page.emulateMedia({ media: "screen" });

    // 信用: the customer with its limit and its exposure (the three orders, ¥100,001).
    await page.goto(`${url}#/credit`);
    const row = page.locator(`tr[data-credit-row="${id}"]`);
    await row.waitFor();
    assert.equal(await row.locator("[data-limit]").getAttribute("data-limit"), "10000000");
    assert.equal(await row.locator("[data-exposure]").getAttribute("data-exposure"), "10000100");
    assert.match(await row.locator("[data-flags]").getAttribute("data-flags"), /\S/);
    await notWide("信用");

    // The check's numbers: a word is refused by name and nothing is kept; a number is kept.
    await page.goto(`${url}#/settings`);
    await page.fill("#credit-warning", "九十");
    await page.click("[data-action=save-credit-settings]");
    assert.match(await text(page, "[data-credit-settings-problem]"), /预警线“九十”不是有效的百分数/);
    assert.equal(await page.evaluate(() => localStorage.getItem("dossier.credit")), null);
    await page.fill("#credit-warning", "95");
    await page.click("[data-action=save-credit-settings]");
    await page.locator("[data-credit-settings-saved]").waitFor();
    await page.reload();
    await appReady(page);
    await page.locator("#credit-warning").waitFor();
    assert.equal(await page.inputValue("#credit-warning"), "95");
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("信用资料 feeds the five methods: a refusal beside its box, 销售额测定法 with its working approved as the limit; a countermeasure recorded", async () => {
  const app = await startApp({ viewport: { width: 800, height: 1280 } });
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await page.goto(`${url}#/customers/new/enterprise`);
    await page.fill("#field-name", "恒泰建材商行");
    await page.click("[data-action=save]");
    await page.locator("[data-credit-panel]").waitFor();
    // Before any figure, 销售额测定法 says what it needs.
    assert.equal(await page.getAttribute("[data-method=sales] [data-method-amount]", "data-method-amount"), "");
    await page.fill("#cp-monthly_purchases", "1000000");
    await page.fill("#cp-our_share", "30");
    await page.fill("#cp-credit_period", "2");
    await page.fill("#cp-by", "王伟");
    // Zero suppliers: refused beside the box, nothing recorded.
    await page.fill("#cp-suppliers", "0");
    await page.click("[data-action=save-credit-info]");
    await page.locator("[data-problem=suppliers]").waitFor();
    assert.equal(await page.getAttribute("[data-method=sales] [data-method-amount]", "data-method-amount"), "");
    await page.fill("#cp-suppliers", "");
    await page.click("[data-action=save-credit-info]");
    await page.waitForFunction(() => document.querySelector("[data-method=sales] [data-method-amount]")?.getAttribute("data-method-amount") === "60000000");
    assert.match(await text(page, "[data-method=sales]"), /¥1,000,000 × 30 % × 2 个月 = ¥600,000/);
    // Approved from the method: the limit in force is its result.
    await page.click("[data-method=sales] [data-action=approve-method]");
    await page.fill("#limit-by", "赵经理");
    await page.click("[data-action=approve-limit]");
    await page.waitForFunction(() => document.querySelector("[data-limit-in-force]")?.getAttribute("data-limit-in-force") === "60000000");
    assert.match(await text(page, "[data-approval]"), /销售额测定法/);
    // 对策: recorded with who and why.
    await page.selectOption("#cm-measure", "deposit");
    await page.fill("#cm-by", "赵经理");
    await page.fill("#cm-note", "保证金 ¥20,000");
    await page.click("[data-action=take-countermeasure]");
    await page.locator("[data-countermeasure=deposit]").waitFor();
    assert.match(await text(page, "[data-countermeasure=deposit]"), /增加信用保证金 · 赵经理 · 保证金 ¥20,000/);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
