// An individual with a long history: 首次交易日期 on the card lets the rep record a visit from
// before the card was created, and a visit from before that date is still refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, assertInView } from "./harness.mjs";

test("an individual's 首次交易日期 opens the file to earlier entries", async () => {
  const app = await startApp();
  const { page, url } = app;
  try {
    await page.goto(url);
    await appReady(page);
    await page.goto(`${url}#/customers/new/individual`);
    assert.equal((await page.locator("label[for=field-first_trade]").textContent()).trim(), "首次交易日期");
    await page.fill("#field-name", "钱老板");
    await page.fill("#field-mobile", "13912345670");
    await page.fill("#field-first_trade", "2019-03-08");
    await page.click("[data-action=save]");
    await page.locator("h1[data-card]").waitFor();

    const visit = async (date) => {
      await page.click("[data-add=visit]");
      await page.locator("[data-entry-form=visit]").waitFor();
      await page.fill("#field-e-actual", date);
      await page.fill("#field-e-rep", "王伟");
      await page.click("[data-action=save-entry]");
    };
    // Before 首次交易日期: refused, beside the field, nothing saved.
    await visit("2019-01-02");
    await page.locator("[data-form-message]").waitFor();
    await assertInView(page, "#field-e-actual");
    assert.ok((await page.locator("#field-e-actual-error").textContent()).includes("2019-03-08"));
    assert.equal(await page.locator("[data-timeline] [data-kind=visit]").count(), 0);
    await page.click("[data-entry-form] button:not([type=submit]):not([data-action])");
    // Years before the card was made, after 首次交易日期: kept.
    await visit("2020-06-15");
    await page.locator("[data-timeline] [data-kind=visit]").waitFor();
    assert.match(await page.locator("[data-timeline] [data-kind=visit] time").textContent(), /2020-06-15/);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
