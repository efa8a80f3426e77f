// 设置 of the rep's day (issue 15, "Settings for … cadences, reminder horizon, with clear
// refusals"): a box that is not a whole number is refused by what was typed, a number out of
// range by the core's message, and nothing is saved; a valid change (review A every 2 days,
// reminders 14 days ahead typed in full-width digits, 经办人 visits A customers 4 times a month)
// stays after a reload. The area table: a duplicate code refused, two areas saved, reordered,
// still in that order after a reload. At 800 px portrait nothing scrolls sideways.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, text } from "./harness.mjs";

test("设置: reviews, visit plan and reminders refuse by name and range, save and stay; the area table keeps its order", async () => {
  const app = await startApp();
  const { page, url } = app;
  const notWide = async (where) => assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 800), `${where} scrolls sideways at 800 px`);
  // The notice's text once it says `expected` (a second refusal replaces the first in place).
  const says = async (sel, expected) => {
    await page.waitForFunction(([s, e]) => document.querySelector(s)?.textContent.trim() === e, [sel, expected], { timeout: 5_000 })
      .catch(() => {});
    assert.equal(await text(page, sel), expected);
  };
  const focused = (id) => page.waitForFunction((i) => document.activeElement?.id === i, id, { timeout: 5_000 });
  const settings = async () => {
    await page.goto(`${url}#/settings`);
    await page.locator("[data-day-settings]").waitFor();
    await page.locator("[data-area-table]").waitFor();
  };
  try {
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.goto(url);
    await appReady(page);
    await settings();
    await notWide("设置");

    // The seeds' defaults.
    assert.equal(await page.inputValue("#prospect-scale"), "abcd");
    assert.equal(await page.inputValue("#review-a-n"), "1");
    assert.equal(await page.inputValue("#review-a-unit"), "d");
    assert.equal(await page.inputValue("#review-b-unit"), "w");
    assert.equal(await page.inputValue("#check-months"), "2");
    assert.equal(await page.inputValue("#resorts"), "2");
    assert.equal(await page.inputValue("#reminder-days"), "7");
    // 经办人 visits A customers 3 times a month; 科长 sees C customers when needed (no boxes).
    assert.equal(await page.inputValue("#plan-a-0-kind"), "per_month");
    assert.equal(await page.inputValue("#plan-a-0-min"), "3");
    assert.equal(await page.inputValue("#plan-a-0-max"), "3");
    assert.equal(await page.inputValue("#plan-c-2-kind"), "when_needed");
    assert.equal(await page.locator("#plan-c-2-min").count(), 0);
    // 总经理, A: once a year.
    assert.equal(await page.inputValue("#plan-a-5-kind"), "every_months");
    assert.equal(await page.inputValue("#plan-a-5-min"), "12");

    // Refused by name: "两" is not a whole number; the box is marked and has the focus.
    await page.fill("#check-months", "13");
    await page.fill("#reminder-days", "两");
    await page.click("[data-action=save-day-settings]");
    await says("[data-day-settings-problem]", "“两”不是整数");
    assert.equal(await page.getAttribute("#reminder-days", "aria-invalid"), "true");
    await focused("reminder-days");
    assert.equal(await page.locator("[data-day-settings-saved]").count(), 0);

    // Refused by range (GradingSettings::problems): the archive check is every 1–12 months.
    await page.fill("#reminder-days", "7");
    await page.click("[data-action=save-day-settings]");
    await says("[data-day-settings-problem]", "定期核查间隔应为 1–12 个月（现为 13）");
    assert.equal(await page.getAttribute("#check-months", "aria-invalid"), "true");
    assert.equal(await page.getAttribute("#reminder-days", "aria-invalid"), "false");
    await focused("check-months");
    assert.equal(await page.locator("[data-day-settings-saved]").count(), 0);
    // In English too.
    await page.click("#lang-en");
    await page.fill("#check-months", "13");
    await page.click("[data-action=save-day-settings]");
    await says("[data-day-settings-problem]", "the archive check is every 1–12 months (not 13)");
    await page.fill("#reminder-days", "two");
    await page.click("[data-action=save-day-settings]");
    await says("[data-day-settings-problem]", "“two” is not a whole number");
    await page.click("#lang-zh-CN");
    await notWide("设置, refused");

    // Nothing was saved.
    await page.reload();
    await appReady(page);
    await settings();
    assert.equal(await page.inputValue("#check-months"), "2");
    assert.equal(await page.inputValue("#reminder-days"), "7");
    assert.equal(await page.locator("[data-day-settings-problem]").count(), 0);

    // A valid change: review A every 2 days, reminders 14 days ahead (full-width digits),
    // 经办人 visits A customers 4 times a month (the most left empty: one number).
    await page.fill("#review-a-n", " 2 ");
    await page.selectOption("#review-a-unit", "d");
    await page.fill("#reminder-days", "１４");
    await page.selectOption("#plan-a-0-kind", "per_month");
    await page.fill("#plan-a-0-min", "4");
    await page.fill("#plan-a-0-max", "");
    await page.click("[data-action=save-day-settings]");
    await page.locator("[data-day-settings-saved]").waitFor();
    assert.equal(await page.locator("[data-day-settings-problem]").count(), 0);
    assert.equal(await page.locator("[data-day-settings] [aria-invalid=true]").count(), 0);

    await page.reload();
    await appReady(page);
    await settings();
    assert.equal(await page.inputValue("#review-a-n"), "2");
    assert.equal(await page.inputValue("#review-a-unit"), "d");
    assert.equal(await page.inputValue("#reminder-days"), "14");
    assert.equal(await page.inputValue("#plan-a-0-kind"), "per_month");
    assert.equal(await page.inputValue("#plan-a-0-min"), "4");
    assert.equal(await page.inputValue("#plan-a-0-max"), "4");
    // The window and cuts of the other panel are untouched.
    assert.equal(await page.inputValue("#grading-window"), "3");
    assert.equal(await page.inputValue("[data-cut='0']"), "80");

    // The area table: none yet; two rows, the second's code the first's in full-width lower case.
    const rows = page.locator("[data-area-table] [data-area]");
    const codes = () => page.locator("[data-area-table] [data-area] [data-area-field=code]").evaluateAll((es) => es.map((e) => e.value));
    const names = () => page.locator("[data-area-table] [data-area] [data-area-field=name]").evaluateAll((es) => es.map((e) => e.value));
    assert.equal(await rows.count(), 0);
    await page.click("[data-action=add-area]");
    await page.click("[data-action=add-area]");
    assert.equal(await rows.count(), 2);
    await rows.nth(0).locator("[data-area-field=group]").fill("一组");
    await rows.nth(0).locator("[data-area-field=code]").fill("1A");
    await rows.nth(0).locator("[data-area-field=name]").fill("城东");
    await rows.nth(1).locator("[data-area-field=group]").fill("二组");
    await rows.nth(1).locator("[data-area-field=code]").fill("１ａ");
    await rows.nth(1).locator("[data-area-field=name]").fill("城西");
    await rows.nth(1).locator("[data-area-field=bounds]").fill("西环路以西");
    await notWide("区域划分表");
    await page.click("[data-action=save-areas]");
    await says("[data-area-problem]", "区域代号“1A”重复");
    assert.equal(await rows.nth(1).locator("[data-area-field=code]").getAttribute("aria-invalid"), "true");
    assert.equal(await rows.nth(0).locator("[data-area-field=code]").getAttribute("aria-invalid"), "false");
    await page.waitForFunction(() => document.activeElement?.matches("[data-area]:nth-child(2) [data-area-field=code]"), null, { timeout: 5_000 });
    assert.equal(await page.locator("[data-areas-saved]").count(), 0);

    await rows.nth(1).locator("[data-area-field=code]").fill("2B");
    await page.click("[data-action=save-areas]");
    await page.locator("[data-areas-saved]").waitFor();
    assert.equal(await page.locator("[data-area-problem]").count(), 0);

    // Reordered: 2B first (the route goes west first), saved, kept after a reload.
    assert.ok(await rows.nth(0).locator("[data-action=area-up]").isDisabled(), "the first row cannot go up");
    assert.ok(await rows.nth(1).locator("[data-action=area-down]").isDisabled(), "the last row cannot go down");
    await rows.nth(1).locator("[data-action=area-up]").click();
    await page.waitForFunction(() => [...document.querySelectorAll("[data-area] [data-area-field=code]")].map((e) => e.value).join() === "2B,1A", null, { timeout: 5_000 })
      .catch(() => {});
    assert.deepEqual(await codes(), ["2B", "1A"]);
    // The moved row keeps the focus on its buttons (up is disabled now it is first).
    assert.ok(await page.waitForFunction(() => document.activeElement?.closest("[data-area]") === document.querySelector("[data-area]"), null, { timeout: 5_000 })
      .then(() => true, () => false), "the focus stays on the moved row");
    await page.click("[data-action=save-areas]");
    await page.locator("[data-areas-saved]").waitFor();
    await page.reload();
    await appReady(page);
    await settings();
    assert.deepEqual(await codes(), ["2B", "1A"]);
    assert.deepEqual(await names(), ["城西", "城东"]);
    assert.equal(await rows.nth(0).locator("[data-area-field=bounds]").inputValue(), "西环路以西");
    await notWide("设置, after the reload");

    // A row removed and another added blank: the blank one is dropped on saving.
    await rows.nth(1).locator("[data-action=remove-area]").click();
    await page.click("[data-action=add-area]");
    await page.click("[data-action=save-areas]");
    await page.locator("[data-areas-saved]").waitFor();
    assert.deepEqual(await codes(), ["2B"]);

    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
