// Editing and deleting entries of a customer's file from the card: an edit is checked like an
// add; a delete that would orphan money history (an order with deliveries) is refused; a delete
// can be undone; what is left survives a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, chooseMe, assertInView, addEntry, fillEntry, text } from "./harness.mjs";

const attr = (page, sel, name) => page.locator(sel).first().getAttribute(name);



const row = (page, kind) => page.locator(`[data-timeline] [data-kind=${kind}]`);

test("entries are edited with the same checks, deleted with undo, and an order in use stays", async () => {
  const app = await startApp();
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await page.goto(`${url}#/customers/new/enterprise`);
    await page.fill("#field-name", "戊五金商行");
    await page.fill("#field-phone", "0571-87776666");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();

    // A visit, then an edit of it: the form opens filled in, and the change shows.
    await addEntry(page, "visit", { rep: "王伟", purpose: "介绍新品" });
    await row(page, "visit").waitFor();
    await row(page, "visit").locator("[data-action=edit-entry]").click();
    await page.locator("[data-entry-form=visit][data-editing]").waitFor();
    assert.equal(await page.inputValue("#field-e-purpose"), "介绍新品");
    assert.equal(await text(page, "[data-entry-form] h2"), "编辑 · 拜访");
    await fillEntry(page, { purpose: "回访报价" });
    await page.waitForFunction(() => document.querySelector("[data-timeline] [data-kind=visit]")?.textContent.includes("回访报价"));
    assert.equal(await row(page, "visit").count(), 1, "edited in place, not added");

    // Order 10 × ¥50, delivered in full; a payment of ¥200.
    await addEntry(page, "order", { no: "HT-2026-009", lines: [["螺丝", 10, 50]], rep: "王伟", status: "open", cash: "true" });
    await page.locator("[data-orders] [data-order]").waitFor();
    await page.click("[data-action=deliver]");
    await page.locator("[data-entry-form=delivery]").waitFor();
    await page.click("[data-action=save-entry]");
    await row(page, "delivery").waitFor();
    await addEntry(page, "payment", { amount: "200" });
    await row(page, "payment").waitFor();
    assert.equal(await attr(page, "[data-balance]", "data-balance"), "30000");

    // Editing the payment is checked like adding one: an amount that does not read is refused
    // beside the field, and nothing changes.
    await row(page, "payment").locator("[data-action=edit-entry]").click();
    await page.locator("[data-entry-form=payment][data-editing]").waitFor();
    assert.equal(await page.inputValue("#field-e-amount"), "200.00");
    await fillEntry(page, { amount: "两百" });
    await page.locator("#field-e-amount[aria-invalid=true]").waitFor();
    await assertInView(page, "#field-e-amount");
    assert.equal(await attr(page, "[data-balance]", "data-balance"), "30000");
    // ¥350 instead of ¥200: the balance follows.
    await fillEntry(page, { amount: "350" });
    await page.waitForFunction(() => document.querySelector("[data-balance]")?.dataset.balance === "15000");
    assert.equal(await row(page, "payment").count(), 1);

    // The order has a delivery: deleting it is refused, and says why.
    await row(page, "order").locator("[data-action=delete-entry]").click();
    await page.waitForFunction(() => /引用这一条/.test(document.querySelector("[data-file] [role=alert]")?.textContent ?? ""));
    assert.equal(await row(page, "order").count(), 1);

    // Deleting the visit: gone at once, with an undo that brings it back.
    await row(page, "visit").locator("[data-action=delete-entry]").click();
    await page.locator("[data-entry-undo]").waitFor();
    assert.match(await text(page, "[data-entry-undo]"), /已删除记录：拜访 \d{4}-\d{2}-\d{2}/);
    assert.equal(await row(page, "visit").count(), 0);
    await page.click("[data-action=undo-entry]");
    await row(page, "visit").waitFor();
    assert.match(await text(page, "[data-timeline] [data-kind=visit]"), /回访报价/, "back as it was");
    assert.equal(await page.locator("[data-entry-undo]").count(), 0);

    // Payment first, then delivery, then the order can go; the balance follows each step.
    await row(page, "payment").locator("[data-action=delete-entry]").click();
    await page.waitForFunction(() => document.querySelector("[data-balance]")?.dataset.balance === "50000");
    await row(page, "delivery").locator("[data-action=delete-entry]").click();
    await page.waitForFunction(() => !document.querySelector("[data-timeline] [data-kind=delivery]"));
    await row(page, "order").locator("[data-action=delete-entry]").click();
    await page.waitForFunction(() => !document.querySelector("[data-timeline] [data-kind=order]"));

    // Reload: the visit (edited, deleted, restored) stays; the deleted three stay deleted.
    await page.reload();
    await row(page, "visit").waitFor();
    assert.match(await text(page, "[data-timeline] [data-kind=visit]"), /回访报价/);
    assert.equal(await page.locator("[data-timeline] li").count(), 1);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("an entry's rep is this device's rep by default, linked by id, and shown by the name they have now", async () => {
  const app = await startApp();
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await chooseMe(page, "王伟");
    await page.goto(`${url}#/customers/new/enterprise`);
    await page.fill("#field-name", "己建材商行");
    await page.fill("#field-phone", "0571-86665555");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    const card = page.url();

    // The visit form fills in the device's rep; someone not on the list is kept as written.
    await page.click("[data-add=visit]");
    await page.locator("[data-entry-form=visit]").waitFor();
    assert.equal(await page.inputValue("#field-e-rep"), "王伟");
    await fillEntry(page, { purpose: "送样品" });
    await row(page, "visit").waitFor();
    await addEntry(page, "visit", { rep: "临时工小赵", purpose: "补送发票" });
    await page.waitForFunction(() => document.querySelectorAll("[data-timeline] [data-kind=visit]").length === 2);

    // The rep is renamed in settings: the linked visit follows, the other keeps its name.
    await page.goto(`${url}#/settings`);
    await page.locator("[data-rep]:has-text('王伟') [data-action=edit-rep]").click();
    await page.fill("#rep-name", "王伟东");
    await page.click("[data-action=save-rep]");
    await page.locator("[data-rep] >> text=王伟东").waitFor();
    await page.goto(card);
    await row(page, "visit").first().waitFor();
    const visits = await page.locator("[data-timeline] [data-kind=visit]").allTextContents();
    assert.ok(visits.some((v) => v.includes("王伟东") && v.includes("送样品")), visits.join(" / "));
    assert.ok(visits.some((v) => v.includes("临时工小赵") && v.includes("补送发票")), visits.join(" / "));
    // Editing the linked visit shows the rep's name now, and saving keeps the link.
    await page.locator("[data-timeline] [data-kind=visit]:has-text('送样品') [data-action=edit-entry]").click();
    assert.equal(await page.inputValue("#field-e-rep"), "王伟东");
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
