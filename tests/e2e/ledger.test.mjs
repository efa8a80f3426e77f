// The customer's file end to end: a visit, an order, a delivery beyond the order refused, the
// delivery, a partial payment, a payment above the balance that needs confirming, the aging
// table of 信用 → 应收账款 with its totals row and drill-down, a document too large refused and a
// small one kept, then a reload that shows the same.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, addEntry, fillDeliveryLines, text } from "./harness.mjs";

const attr = (page, sel, name) => page.locator(sel).first().getAttribute(name);


test("visit, order, delivery, partial payment, aging, document, reload", async () => {
  const app = await startApp();
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await page.goto(`${url}#/customers/new/enterprise`);
    await page.fill("#field-name", "丁建材有限公司");
    await page.fill("#field-phone", "0571-88886666");
    assert.equal((await page.locator("label[for=field-credit_days]").textContent()).trim(), "账期（天）");
    await page.fill("#field-credit_days", "45");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    assert.match(await text(page, "[data-file]"), /还没有记录/);

    // A visit (today, in person by default).
    await addEntry(page, "visit", { rep: "王伟", purpose: "介绍新品" });
    await page.locator("[data-timeline] [data-kind=visit]").waitFor();
    assert.equal(await page.locator("[data-entry-form]").count(), 0, "the form closes after saving");

    // An order of 10 × ¥50.
    await addEntry(page, "order", { no: "HT-2026-001", lines: [["水泥", 10, 50]], rep: "王伟", status: "open", cash: "true" });
    await page.locator("[data-orders] [data-order]").waitFor();
    assert.equal(await text(page, "[data-order] [data-remaining]"), "10");

    // Delivering more than ordered is refused with a message, and saves nothing.
    await page.click("[data-action=deliver]");
    await page.locator("[data-entry-form=delivery]").waitFor();
    assert.equal(await page.inputValue("[data-delivery-line] input"), "10", "prefilled with what is left to deliver");
    await fillDeliveryLines(page, [11]);
    await page.click("[data-action=save-entry]");
    await page.locator("[data-form-message]").waitFor();
    // The message sits beside the product's line and says how many are left.
    assert.match(await text(page, "[data-delivery-line] .field-error"), /10/);
    assert.equal(await page.locator("[data-timeline] [data-kind=delivery]").count(), 0);

    // The real delivery: ¥500 receivable.
    await fillDeliveryLines(page, [10]);
    await page.click("[data-action=save-entry]");
    await page.locator("[data-timeline] [data-kind=delivery]").waitFor();
    assert.equal(await attr(page, "[data-balance]", "data-balance"), "50000");
    assert.equal(await text(page, "[data-order] [data-remaining]"), "0");
    // Due 45 days after delivery: the card's 账期, not the default 30.
    const due = new Date();
    due.setDate(due.getDate() + 45);
    const ymd = `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, "0")}-${String(due.getDate()).padStart(2, "0")}`;
    assert.equal(await text(page, "[data-receivable] td:nth-child(2)"), ymd);

    // A payment above what is owed needs confirming; nothing is saved until then.
    await addEntry(page, "payment", { amount: "5000" });
    await page.locator("[data-action=confirm-amount]").waitFor();
    assert.equal(await page.locator("[data-timeline] [data-kind=payment]").count(), 0);
    await page.click("[data-entry-form] button:not([type=submit]):not([data-action])");

    // A partial payment: ¥200 of ¥500.
    await addEntry(page, "payment", { amount: "200" });
    await page.locator("[data-timeline] [data-kind=payment]").waitFor();
    assert.equal(await attr(page, "[data-balance]", "data-balance"), "30000");
    assert.equal(await page.locator("[data-receivables] tbody tr").count(), 1);

    // 信用 → 应收账款: the customer's row, the totals row, drill-down.
    await page.click("nav a[href$='#/credit']");
    // 信用总览 is the first tab now: open 应收账款.
    await page.locator("[data-tab=aging]").waitFor();
    assert.equal(await text(page, "[data-tab=aging]"), "应收账款");
    await page.click("[data-tab=aging]");
    await page.locator("[data-aging]").waitFor();
    const headers = await page.locator("[data-aging] thead th").allTextContents();
    assert.deepEqual(headers.map((h) => h.trim()), ["客户", "未到期", "1–30 天", "31–60 天", "61–90 天", "90 天以上", "合计"]);
    assert.equal(await text(page, "[data-aging] tbody tr [data-total]"), "300.00");
    assert.equal(await text(page, "[data-totals] [data-bucket=not_due]"), "300.00");
    assert.equal(await text(page, "[data-totals] [data-total]"), "300.00");
    await page.click("[data-aging] tbody a");
    await page.locator("h1[data-card]").waitFor();
    assert.equal(await text(page, "h1[data-card]"), "丁建材有限公司");

    // Documents: over the size limit is refused with a message; a small PDF is kept.
    await page.click("[data-add=document]");
    await page.locator("[data-entry-form=document]").waitFor();
    await page.selectOption("#field-e-kind", { index: 1 });
    await page.setInputFiles("#entry-file", { name: "big.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(11 * 1024 * 1024, 1) });
    await page.click("[data-action=save-entry]");
    await page.waitForFunction(() => document.querySelector("[data-file-error]")?.textContent.includes("10"));
    assert.equal(await page.locator("[data-timeline] [data-kind=document]").count(), 0);
    await page.setInputFiles("#entry-file", { name: "营业执照.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 licence") });
    await page.click("[data-action=save-entry]");
    await page.locator("[data-timeline] [data-kind=document]").waitFor();

    // The timeline filters by category.
    await page.click("[data-filter=payment]");
    assert.equal(await page.locator("[data-timeline] li").count(), 1);
    await page.click("[data-filter=all]");
    assert.equal(await page.locator("[data-timeline] li").count(), 5);

    // Reload: everything as left, the file's blob included.
    await page.reload();
    await page.locator("[data-timeline] li").first().waitFor();
    assert.equal(await page.locator("[data-timeline] li").count(), 5);
    assert.equal(await attr(page, "[data-balance]", "data-balance"), "30000");
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("[data-timeline] [data-kind=document] button")]);
    assert.match(popup.url(), /^blob:/);
    await popup.close();
  } finally {
    await app.close();
  }
});
