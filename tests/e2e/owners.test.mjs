// Owners and 查重 on save end to end: the device's rep chosen on first start, a second card with
// an existing phone refused with a link to the first, a similar name warned and saved anyway, an
// owner change (reason required) in 负责人记录, "my customers" as the default list, tel: links
// with copy, previous / next on the card, delete without a confirmation but with undo, reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, assertInView, text } from "./harness.mjs";

const count = (page, n) => page.waitForFunction((n) => document.querySelector("[data-count]")?.textContent === String(n), n);

async function newEnterprise(page, url, fields) {
  await page.goto(`${url}#/customers/new/enterprise`);
  for (const [id, value] of Object.entries(fields)) await page.fill(`#field-${id}`, value);
  await page.click("[data-action=save]");
}

test("owner, duplicate phone refused, similar name warned, owner history, list, phones, prev/next", async () => {
  const app = await startApp();
  const { page, url } = app;
  await app.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url).origin });
  try {
    await page.goto(url);
    await appReady(page);

    // First start: whose device is this? Adding a rep makes it the device's rep.
    await page.locator("[data-me-prompt]").waitFor();
    await page.click("[data-action=add-me]");
    assert.match(await text(page, "[data-me-prompt] [role=alert]"), /请填写业务员姓名/, "a name is required");
    await page.fill("#me-name", "王伟");
    await page.click("[data-action=add-me]");
    await page.locator("[data-me-prompt]").waitFor({ state: "detached" });

    // A first card: owned by the device's rep, recorded in 负责人记录; its phones call and copy.
    await page.goto(`${url}#/customers/new/enterprise`);
    assert.equal(await page.locator("#status-owner option:checked").textContent(), "王伟", "new cards default to my rep");
    await page.fill("#field-name", "杭州鑫源食品有限公司");
    await page.fill("#field-phone", "0571-88886666");
    await page.click("[data-action=add-contact]");
    await page.fill("#field-c0-name", "李强");
    await page.fill("#field-c0-mobile", "139 1234 5678");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();
    const firstId = await page.getAttribute("h1[data-card]", "data-card");
    assert.equal(await text(page, "[data-owner]"), "王伟");
    assert.match(await text(page, "[data-owner-history]"), /首次指定：王伟/);
    assert.equal(await page.locator('a[href="tel:057188886666"]').count(), 1, "the card phone is a tel: link");
    assert.equal(await page.locator('a[href="tel:13912345678"]').count(), 1, "the contact's mobile is a tel: link");
    await page.locator("[data-field=phone] [data-action=copy-phone]").click();
    await page.waitForFunction(() => document.querySelector("[data-field=phone] [data-action=copy-phone]")?.textContent === "已复制");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), "0571-88886666");

    // The same mobile, written differently, on a new card: refused, with a link to the first.
    await page.goto(`${url}#/customers/new/individual`);
    await page.fill("#field-name", "张三");
    await page.fill("#field-mobile", "+86 139-1234-5678");
    await page.fill("#field-office_phone", "0571 8888 6666");
    await page.click("[data-action=save]");
    await page.locator("[data-dup-block]").waitFor();
    await assertInView(page, "[data-dup-block]");
    assert.match(await text(page, "[data-dup-block]"), /该号码已属于其他客户，未保存/);
    assert.match(await text(page, "[data-dup-block]"), /杭州鑫源食品有限公司.*KH-\d{4}-\d{6}.*王伟/);
    assert.match(await text(page, "[data-dup-block]"), /电话 0571-88886666、13912345678/, "both numbers, as the other card has them");
    assert.equal(await page.locator("[data-action=save-anyway]").count(), 0, "a taken phone cannot be overridden");
    assert.match(page.url(), /#\/customers\/new\/individual$/, "nothing was created");
    page.once("dialog", (d) => d.accept()); // leaving the filled form asks first
    await page.click(`[data-dup-link="${firstId}"]`);
    await page.locator(`h1[data-card="${firstId}"]`).waitFor();

    // A very similar name (公司 vs 厂): a warning the user can override.
    await newEnterprise(page, url, { name: "杭州鑫源食品厂", phone: "0571-87654321" });
    await page.locator("[data-dup-warn]").waitFor();
    await assertInView(page, "[data-dup-warn]");
    assert.match(await text(page, "[data-dup-warn]"), /名称非常相似/);
    assert.match(page.url(), /#\/customers\/new\/enterprise$/, "not saved before the user confirms");
    await page.click("[data-action=save-anyway]");
    await page.locator("h1[data-card]").waitFor();
    const secondId = await page.getAttribute("h1[data-card]", "data-card");
    assert.notEqual(secondId, firstId);

    // Another rep in settings; the owner change needs a reason and shows in 负责人记录.
    await page.goto(`${url}#/settings`);
    await page.fill("#rep-name", "李娜");
    await page.fill("#rep-area", "华东");
    await page.click("[data-action=save-rep]");
    await page.locator("[data-rep] >> text=李娜").waitFor();
    assert.match(await text(page, "[data-reps]"), /王伟 · 本机业务员/);
    await page.goto(`${url}#/customers/${secondId}`);
    await page.click("[data-action=change-owner]");
    await page.selectOption("#owner-to", { label: "李娜" });
    await page.click("[data-action=confirm-owner]");
    assert.match(await text(page, "[data-owner-panel] [role=alert]"), /需要填写原因/);
    await page.fill("#owner-reason", "片区调整");
    await page.click("[data-action=confirm-owner]");
    await page.waitForFunction(() => document.querySelectorAll("[data-owner-history] li").length === 2);
    assert.equal(await text(page, "[data-owner]"), "李娜");
    assert.match(await text(page, "[data-owner-history] li"), /王伟 → 李娜.*经办：王伟.*片区调整/, "newest first");
    // The former owner stays on as a collaborator (协作人).
    await page.click("[data-action=edit-collaborators]");
    await page.locator("[data-collaborators-form] label:has-text('王伟') input").check();
    await page.click("[data-action=save-collaborators]");
    await page.locator("[data-collaborators]").waitFor();
    assert.equal(await text(page, "[data-collaborators]"), "王伟");

    // The list opens on "my customers"; all customers on request.
    await page.goto(`${url}#/customers`);
    await count(page, 1);
    assert.equal(await page.locator("#filter-owner option:checked").textContent(), "我的客户");
    await page.selectOption("#filter-owner", "");
    await count(page, 2);
    await page.selectOption("#filter-owner", { label: "李娜" });
    await count(page, 1);
    assert.equal(await text(page, "[data-row] a[data-open]"), "杭州鑫源食品厂");
    await page.selectOption("#filter-owner", "");
    await count(page, 2);

    // Previous / next walk the list as shown; ← / → too.
    await page.locator("[data-row] a[data-open]").first().click();
    await page.locator(`h1[data-card="${firstId}"]`).waitFor();
    assert.equal(await text(page, "[data-list-place]"), "1 / 2");
    assert.equal(await page.locator("[data-action=prev]").isDisabled(), true);
    await page.click("[data-action=next]");
    await page.locator(`h1[data-card="${secondId}"]`).waitFor();
    assert.equal(await text(page, "[data-list-place]"), "2 / 2");
    await page.keyboard.press("ArrowLeft");
    await page.locator(`h1[data-card="${firstId}"]`).waitFor();

    // Delete: no confirmation, undo instead.
    await page.goto(`${url}#/customers/${secondId}`);
    await page.click("[data-action=delete]");
    await page.locator("[data-undo]").waitFor();
    await count(page, 1);
    await page.click("[data-action=undo]");
    await count(page, 2);

    // Reload: the device's rep, the owners and their history are all still there.
    await page.reload();
    await appReady(page);
    await count(page, 1);
    assert.equal(await page.locator("[data-me-prompt]").count(), 0, "the device's rep is remembered");
    await page.goto(`${url}#/customers/${secondId}`);
    await page.locator("[data-owner-history]").waitFor();
    assert.equal(await page.locator("[data-owner-history] li").count(), 2);
    assert.equal(await text(page, "[data-owner]"), "李娜");
    assert.equal(await text(page, "[data-collaborators]"), "王伟");
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
