// No one-tap loss of a customer (issue 18, point 2), on a portrait tablet: deleting a customer
// with an open order and money owed states them beside 删除 and asks; 取消 keeps it; 确认删除
// deletes; after a reload the 回收站 lists it with what its file holds; 恢复 brings it back with
// its file, still there after another reload; a customer with an empty file goes in one tap, with 撤销.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, assertInView, fillEntry, text } from "./harness.mjs";

const attr = (page, sel, name) => page.locator(sel).first().getAttribute(name);

// Orders are made here through one small function, so a change of the order form (a line-item
// grid) is adapted in one place.
async function addOrder(page, { no, product, qty, price }) {
  await page.click("[data-add=order]");
  await page.locator("[data-entry-form=order]").waitFor();
  await fillEntry(page, { no, lines: [[product, qty, price]], rep: "王伟", status: "open", cash: "true" });
  await page.locator("[data-orders] [data-order]").waitFor();
}

// Delivers `qty` of the first line of the first order: the receivable (money owed).
async function deliver(page, qty) {
  await page.click("[data-action=deliver]");
  await page.locator("[data-entry-form=delivery]").waitFor();
  await fillEntry(page, { lines: [qty] });
  await page.locator("[data-timeline] [data-kind=delivery]").waitFor();
}

async function newEnterprise(page, url, name, phone) {
  await page.goto(`${url}#/customers/new/enterprise`);
  await page.fill("#field-name", name);
  await page.fill("#field-phone", phone);
  await page.click("[data-action=save]");
  await page.locator("h1[data-card]").waitFor();
  return page.getAttribute("h1[data-card]", "data-card");
}

test("delete asks when the file holds money, the bin restores it after reloads, an empty file goes in one tap", async () => {
  const app = await startApp({ viewport: { width: 800, height: 1280 } });
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);

    // The bin starts empty, and says so.
    await page.goto(`${url}#/trash`);
    await page.locator("[data-trash-empty]").waitFor();

    // A customer with an open order of 10 × ¥50.00, 4 delivered: ¥200.00 owed, ¥300.00 to deliver.
    const id = await newEnterprise(page, url, "戊建材有限公司", "0571-88881234");
    await addOrder(page, { no: "HT-2026-031", product: "水泥", qty: 10, price: 50 });
    await deliver(page, 4);
    assert.equal(await attr(page, "[data-balance]", "data-balance"), "20000");

    // 删除 asks, beside the button, with the facts in view and the focus in the question.
    await page.click("[data-action=delete]");
    await assertInView(page, "[data-delete-confirm]");
    const facts = await text(page, "[data-delete-facts]");
    assert.match(facts, /1 笔未完成订单（未出货 ¥300\.00）/);
    assert.match(facts, /应收账款 ¥200\.00/);
    assert.match(facts, /档案共 2 条记录/);
    assert.match(facts, /删除后可在回收站恢复/);
    // 取消 keeps the customer as it was.
    await page.click("[data-action=cancel-delete]");
    assert.equal(await page.locator("[data-delete-confirm]").count(), 0);
    assert.equal(await page.locator("[data-action=restore]").count(), 0);
    assert.equal(await attr(page, "h1[data-card]", "data-card"), id);
    // 确认删除 deletes: the list, with 撤销 for now.
    await page.click("[data-action=delete]");
    await page.click("[data-action=confirm-delete]");
    await page.locator("[data-undo]").waitFor();

    // A reload ends 撤销; the bin, reached from the list, still has the customer.
    await page.reload();
    await appReady(page);
    await page.locator(".list-actions [data-go-trash]").waitFor();
    assert.equal(await page.locator("[data-undo]").count(), 0);
    await page.click(".list-actions [data-go-trash]");
    const row = page.locator(`[data-trash-row="${id}"]`);
    await row.waitFor();
    assert.equal(await row.locator("[data-trash-name]").textContent(), "戊建材有限公司");
    assert.match(await row.locator("[data-reg-no]").textContent(), /^KH-\d{4}-\d{6}$/);
    assert.match(await row.locator("[data-trash-when]").textContent(), /删除于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} · 本机/);
    const holds = await row.locator("[data-trash-holds]").textContent();
    assert.match(holds, /1 笔未完成订单/);
    assert.match(holds, /应收账款 ¥200\.00/);
    // Nothing sideways on a portrait tablet.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));

    // 恢复: the customer leaves the bin, which is empty again.
    await row.locator("[data-action=restore-bin]").click();
    await assertInView(page, "[data-restored]");
    await page.locator("[data-trash-empty]").waitFor();

    // After another reload the card is back with its file: the order, what is left, the balance.
    await page.reload();
    await appReady(page);
    await page.goto(`${url}#/customers/${id}`);
    await page.locator("h1[data-card]").waitFor();
    await page.locator("[data-orders] [data-order]").waitFor();
    assert.equal(await text(page, "[data-order] [data-remaining]"), "6");
    assert.equal(await attr(page, "[data-balance]", "data-balance"), "20000");
    assert.equal(await page.locator("[data-action=restore]").count(), 0);
    assert.match(await text(page, "[data-history]"), /从回收站恢复/);
    // Out of the bin for good.
    await page.goto(`${url}#/trash`);
    await page.locator("[data-trash-empty]").waitFor();

    // A customer with an empty file: one tap, no question, 撤销 on the list.
    const empty = await newEnterprise(page, url, "己商贸有限公司", "0571-88885678");
    await page.click("[data-action=delete]");
    await page.locator("[data-undo]").waitFor();
    assert.equal(await page.locator("[data-delete-confirm]").count(), 0);
    await page.click("[data-action=undo]");
    await page.waitForFunction(() => !document.querySelector("[data-undo]"));
    await page.goto(`${url}#/customers/${empty}`);
    await page.locator("a[data-action=edit]").waitFor();

    // Settings lead to the bin too.
    await page.goto(`${url}#/settings`);
    await page.click("[data-go-trash]");
    await page.locator("[data-trash-empty]").waitFor();
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
