// Orders as line items (issue 18) on a 10" tablet in portrait: the device's rep set up first;
// the first visit's 经办人 prefilled with that rep; a visit without its date refused with the
// date in view and focused; an order typed as two products in the grid (numeric keypads, amounts
// computed and grouped), its number suggested from this archive's sequence, a bad cell refused
// beside the cell; a delivery beyond what is left refused beside the product; one product partly
// delivered: the order shows 部分出货 and its detail what is left per product and every payment
// that paid it (one applied automatically, oldest due first) with what is paid and still owed;
// a second delivery form offers what is left; the next order's number and product names follow.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, chooseMe, addEntry, assertInView, fillDeliveryLines, fillOrderLines, text } from "./harness.mjs";

const notWide = async (page, where) =>
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${where} scrolls sideways at 800 px`);

test("an order as line items, partly delivered, with what is left per product; the visit's date refused in view; the rep prefilled", async () => {
  const app = await startApp({ viewport: { width: 800, height: 1280 } });
  const { page, url, errors } = app;
  try {
    await page.goto(url);
    await appReady(page);
    // This device's rep, as on a first start.
    await chooseMe(page, "王伟");
    const { today, year } = await page.evaluate(() => {
      const d = new Date();
      const p = (n) => String(n).padStart(2, "0");
      return { today: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, year: d.getFullYear() };
    });

    await page.goto(`${url}#/customers/new/enterprise`);
    await page.fill("#field-name", "戊建材有限公司");
    await page.fill("#field-phone", "0571-88887777");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();

    // The first visit: 经办人 is this device's rep; saved without its date, the date field is
    // shown above the sticky save bar and focused, with its message beside it.
    await page.click("[data-add=visit]");
    await page.locator("[data-entry-form=visit]").waitFor();
    assert.equal(await page.inputValue("#field-e-rep"), "王伟", "the first visit's rep is this device's rep");
    await page.fill("#field-e-actual", "");
    await page.click("[data-action=save-entry]");
    await assertInView(page, "#field-e-actual");
    assert.match(await text(page, "#field-e-actual-error"), /日期/);
    assert.equal(await page.locator("[data-timeline] [data-kind=visit]").count(), 0, "nothing saved");
    await page.fill("#field-e-actual", today);
    await page.click("[data-action=save-entry]");
    await page.locator("[data-timeline] [data-kind=visit]").waitFor();

    // The order form: the number suggested, the rep and today filled in, lines as a grid.
    await page.click("[data-add=order]");
    await page.locator("[data-entry-form=order]").waitFor();
    assert.equal(await page.inputValue("#field-e-no"), `DD-${year}-0001`, "the first order number of the year");
    assert.equal(await page.inputValue("#field-e-rep"), "王伟");
    await fillOrderLines(page, [["水泥", 10, 50, "吨"], ["砂石", "x", "1200.5", "车"]]);
    const row0 = "[data-order-lines] [data-line-row='0']";
    const row1 = "[data-order-lines] [data-line-row='1']";
    assert.equal(await page.getAttribute(`${row0} [data-cell=qty] input`, "inputmode"), "numeric", "a numeric keypad for quantities");
    assert.equal(await page.getAttribute(`${row0} [data-cell=price] input`, "inputmode"), "decimal", "a decimal keypad for prices");
    assert.equal(await text(page, `${row0} [data-line-amount]`), "500.00");
    await notWide(page, "the order form");
    // A quantity that is not a number: refused beside its cell, which takes the focus in view.
    await page.click("[data-action=save-entry]");
    await assertInView(page, `${row1} [data-cell=qty] input`);
    assert.match(await text(page, `${row1} [data-cell=qty] .field-error`), /整数|数字/);
    assert.equal(await text(page, `${row0} [data-cell=qty] .field-error`), "", "the good row has no error");
    await page.fill(`${row1} [data-cell=qty] input`, "4");
    assert.equal(await text(page, `${row1} [data-line-amount]`), "4,802.00", "amounts grouped");
    assert.equal(await text(page, "[data-lines-total]"), "5,302.00");
    // Rows come and go: a third row added then removed.
    await page.click("[data-action=add-line]");
    assert.equal(await page.locator("[data-order-lines] [data-line-row]").count(), 3);
    const remove = page.locator("[data-order-lines] [data-line-row='2'] [data-action=remove-line]");
    const box = await remove.boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `remove button ${box.width}×${box.height}`);
    await remove.click();
    assert.equal(await page.locator("[data-order-lines] [data-line-row]").count(), 2);
    // 现款交易: no credit limit is needed (docs/credit.md).
    await page.setChecked("#field-e-cash", true);
    await page.click("[data-action=save-entry]");
    await page.locator("[data-entry-form=order]").waitFor({ state: "detached" });
    const order = page.locator("[data-orders] [data-order]");
    await order.waitFor();
    assert.equal(await order.getAttribute("data-state"), "open");
    assert.equal(await text(page, "[data-order] [data-remaining]"), "14");

    // Delivery: each product with what is left, prefilled; more than is left is refused beside it.
    await page.click("[data-action=deliver]");
    await page.locator("[data-entry-form=delivery]").waitFor();
    const line = (i) => `[data-entry-form=delivery] [data-delivery-line='${i}']`;
    assert.equal(await page.inputValue(`${line(0)} input`), "10");
    assert.equal(await page.inputValue(`${line(1)} input`), "4");
    assert.equal(await page.getAttribute(`${line(0)} input`, "inputmode"), "numeric");
    await fillDeliveryLines(page, [11, null]);
    await page.click("[data-action=save-entry]");
    await assertInView(page, `${line(0)} input`);
    assert.match(await text(page, `${line(0)} .field-error`), /还剩 10/);
    assert.equal(await page.locator("[data-timeline] [data-kind=delivery]").count(), 0, "nothing saved");
    // 6 of 10 吨 水泥 and 1 of 4 车 砂石 go out.
    await fillDeliveryLines(page, [6, 1]);
    await page.click("[data-action=save-entry]");
    await page.locator("[data-timeline] [data-kind=delivery]").waitFor();
    assert.equal(await order.getAttribute("data-state"), "partly");
    assert.equal(await text(page, "[data-order] [data-order-state]"), "部分出货");
    assert.equal(await text(page, "[data-order] [data-remaining]"), "7");

    // A payment, applied oldest first.
    await addEntry(page, "payment", { amount: "1000" });
    await page.locator("[data-timeline] [data-kind=payment]").waitFor();

    // The order detail: lines with what is left per product, the delivery, what was paid.
    await page.click("[data-action=order-detail]");
    const detail = page.locator("[data-order-detail]");
    await detail.waitFor();
    assert.equal(await detail.getAttribute("data-state"), "partly");
    assert.equal(await page.getAttribute("[data-detail-line='0']", "data-left"), "4");
    assert.equal(await page.getAttribute("[data-detail-line='1']", "data-left"), "3");
    assert.match(await text(page, "[data-detail-line='0']"), /水泥\s*吨\s*10\s*¥50\.00\s*¥500\.00\s*6\s*4/);
    const delivered = await text(page, "[data-detail-deliveries] tbody tr");
    assert.match(delivered, /水泥 6吨、砂石 1车/);
    assert.match(delivered, /¥1,500\.50/);
    assert.equal(await page.getAttribute("[data-detail-settled]", "data-detail-settled"), "100000");
    // The payment named no delivery: the ledger applied it automatically, and the detail lists it
    // with its date, the part it paid here and how, then the order's paid and owed totals.
    const paid = page.locator("[data-detail-payments] tbody [data-detail-payment]");
    assert.equal(await paid.count(), 1, "the automatically applied payment is listed");
    assert.equal(await paid.getAttribute("data-how"), "auto");
    assert.equal(await paid.getAttribute("data-fen"), "100000");
    const paidRow = await paid.innerText();
    assert.match(paidRow, new RegExp(`${today}\\s+回款\\s+¥1,000\\.00\\s+自动冲抵`), paidRow);
    assert.equal(await page.getAttribute("[data-detail-paid]", "data-detail-paid"), "100000");
    assert.equal(await page.getAttribute("[data-detail-owed]", "data-detail-owed"), "50050");
    assert.match(await text(page, "[data-detail-totals]"), /本单已回款 ¥1,000\.00\s*本单尚欠 ¥500\.50/);
    await notWide(page, "the order detail");
    // Tapping again closes it.
    await page.click("[data-action=order-detail]");
    await detail.waitFor({ state: "detached" });

    // A second delivery starts at what is left of each product.
    await page.click("[data-action=deliver]");
    await page.locator("[data-entry-form=delivery]").waitFor();
    assert.equal(await page.inputValue(`${line(0)} input`), "4");
    assert.equal(await page.inputValue(`${line(1)} input`), "3");
    assert.equal(await text(page, `${line(0)} [data-remaining-qty]`), "4");
    await page.click("[data-entry-form=delivery] .form-actions button[type=button]");
    await page.locator("[data-entry-form=delivery]").waitFor({ state: "detached" });

    // The next order: the next number, and the products already ordered offered as the rep types.
    await page.click("[data-add=order]");
    await page.locator("[data-entry-form=order]").waitFor();
    assert.equal(await page.inputValue("#field-e-no"), `DD-${year}-0002`);
    const offered = await page.locator("#order-products option").evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(offered.slice(0, 2), ["水泥", "砂石"]);
    assert.equal(await page.getAttribute(`${row0} [data-cell=product] input`, "list"), "order-products");
    assert.deepEqual(errors, [], "no page errors");
  } finally {
    await app.close();
  }
});
