// The customer archive end to end: create both kinds with people, invalid phone refused, edit,
// search, move to former through 中止交易, delete and undo, reload and find everything as left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, assertInView, text } from "./harness.mjs";


async function openFromList(page, query, name) {
  await page.goto(page.url().replace(/#.*$/, "") + "#/customers");
  await page.fill("#customer-search", query);
  await page.locator(`a[data-open]:has-text("${name}")`).click();
  await page.locator("h1[data-card]").waitFor();
}

test("create, validate, edit, search, former, delete, undo, reload", async () => {
  const app = await startApp();
  const { page } = app;
  try {
    await page.goto(app.url);
    await appReady(page);
    await page.locator("[data-action=load-sample]").waitFor();

    // Enterprise with a bad phone: refused with a message next to the field, nothing saved.
    await page.click("a[data-action=new-enterprise]");
    await page.fill("#field-name", "上海测试贸易有限公司");
    assert.equal(await page.locator("label[for=field-name]").textContent().then((s) => s.trim()), "客户名称 *");
    await page.fill("#field-phone", "12345");
    await page.click("[data-action=add-contact]");
    await page.fill("#field-c0-name", "王经理");
    await page.fill("#field-c0-mobile", "13912345678");
    await page.click("[data-action=save]");
    const phoneError = await text(page, "#field-phone-error");
    assert.match(phoneError, /^号码格式不对/, "beside its field, without repeating the label");
    assert.equal(await page.getAttribute("#field-phone", "aria-invalid"), "true");
    await assertInView(page, "#field-phone");
    assert.match(page.url(), /#\/customers\/new\/enterprise$/, "stayed on the form");
    await page.fill("#field-phone", "021-62345678");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    assert.equal(await text(page, "h1[data-card]"), "上海测试贸易有限公司");
    assert.equal(await text(page, "[data-action=print]"), "打印", "print says so in words");
    assert.equal(await page.locator("[data-action=print] svg.icon").count(), 1);
    assert.match(await text(page, "[data-reg-no]"), /^KH-\d{4}-\d{6}$/);
    assert.equal(await page.locator("[data-contact=王经理]").count(), 1);

    // Individual.
    await page.goto(app.url + "#/customers/new/individual");
    await page.fill("#field-name", "李明");
    await page.fill("#field-mobile", "138 0013 8000");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    assert.equal(await text(page, "h1[data-card]"), "李明");

    // Search by the contact's phone digits finds the enterprise; count shows.
    await page.goto(app.url + "#/customers");
    await page.fill("#customer-search", "1391234");
    await page.waitForFunction(() => document.querySelector("[data-count]")?.textContent === "1");
    assert.equal(await page.locator("[data-row] a[data-open]").first().textContent(), "上海测试贸易有限公司");

    // Edit the address; history records it.
    await openFromList(page, "测试贸易", "上海测试贸易有限公司");
    await page.click("a[data-action=edit]");
    await page.fill("#field-address", "上海市静安区南京西路100号");
    await page.click("[data-action=save]");
    await page.locator("[data-field=address]").waitFor();
    assert.equal(await text(page, "[data-field=address]"), "上海市静安区南京西路100号");
    assert.match(await text(page, "[data-history]"), /修改/);

    // 转为旧客户 is 中止交易 (seed 004): the reason, the original documents kept and who handled
    // it are required, each refused beside its box; the date starts as today.
    await page.click("[data-action=move-former]");
    await page.locator("[data-close-form]").waitFor();
    assert.match(await page.inputValue("#field-stop-date"), /^\d{4}-\d{2}-\d{2}$/);
    await page.click("[data-action=close-account]");
    assert.match(await text(page, "#field-stop-reason-error"), /必填/);
    assert.match(await text(page, "#field-stop-kept-error"), /必填/);
    await assertInView(page, "#field-stop-reason");
    assert.equal(await page.locator("[data-stage=former]").count(), 0, "nothing saved");
    await page.fill("#field-stop-reason", "客户转行");
    await page.fill("#field-stop-kept", "合同与对账单原件存财务科");
    await page.fill("#field-stop-by", "王伟");
    await page.click("[data-action=close-account]");
    await page.locator("[data-stage=former]").waitFor();
    assert.equal(await text(page, "[data-former-reason]"), "客户转行");
    assert.equal(await text(page, "[data-stop-kept]"), "合同与对账单原件存财务科");

    // Delete (no confirmation: it can be undone), then undo.
    await openFromList(page, "李明", "李明");
    const liId = await page.getAttribute("h1[data-card]", "data-card");
    await page.click("[data-action=delete]");
    await page.locator("[data-undo]").waitFor();
    await page.fill("#customer-search", "");
    await page.waitForFunction(() => document.querySelector("[data-count]")?.textContent === "1");
    await page.click("[data-action=undo]");
    await page.waitForFunction(() => document.querySelector("[data-count]")?.textContent === "2");

    // A deleted card opened by its address is read-only: no 编辑 and no stage change, but 撤销.
    await page.goto(`${app.url}#/customers/${liId}`);
    await page.locator("[data-action=delete]").click();
    await page.locator("[data-undo]").waitFor();
    await page.goto(`${app.url}#/customers/${liId}`);
    await page.locator("[data-action=restore]").waitFor();
    assert.equal(await page.locator("[data-action=edit]").count(), 0);
    assert.equal(await page.locator("[data-action=make-current], [data-action=move-former]").count(), 0);
    await page.click("[data-action=restore]");
    await page.locator("a[data-action=edit]").waitFor();
    assert.equal(await page.locator("[data-action=restore]").count(), 0);
    await page.goto(`${app.url}#/customers`);
    await page.waitForFunction(() => document.querySelector("[data-count]")?.textContent === "2");

    // Reload: everything as left.
    await page.reload();
    await appReady(page);
    await page.locator("[data-count]").waitFor();
    assert.equal(await text(page, "[data-count]"), "2");
    await openFromList(page, "南京西路", "上海测试贸易有限公司");
    assert.equal(await text(page, "[data-field=address]"), "上海市静安区南京西路100号");
    assert.equal(await text(page, "[data-stage]"), "旧客户");
    assert.equal(await page.locator("[data-contact=王经理]").count(), 1);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("sample archive loads, lists only visible rows, and a second tab sees edits", async () => {
  const app = await startApp();
  const { page, context } = app;
  try {
    await page.goto(app.url);
    await appReady(page);
    await page.selectOption("#sample-size", "1000");
    await page.click("[data-action=load-sample]");
    await page.locator("[data-count]").waitFor({ timeout: 60_000 });
    assert.equal(await text(page, "[data-count]"), "1000");
    const rendered = await page.locator("[data-row]").count();
    assert.ok(rendered > 5 && rendered < 100, `virtualised: ${rendered} rows in the DOM`);

    // A second tab edits a card; the first learns of it without reloading.
    const other = await context.newPage();
    await other.goto(app.url);
    await other.locator("[data-count]").waitFor();
    const first = other.locator("[data-row] a[data-open]").first();
    await first.click();
    await other.click("a[data-action=edit]");
    // A name like no sample name: "<name>（改）" can be very like another sample customer's
    // name, and then the save waits for the rep to confirm (查重).
    const renamed = "第二标签页改名测试户";
    await other.fill("#field-name", renamed);
    await other.click("[data-action=save]");
    await other.locator("h1[data-card]").waitFor();
    await page.fill("#customer-search", renamed);
    await page.waitForFunction(() => document.querySelector("[data-count]")?.textContent === "1", null, { timeout: 10_000 });
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
