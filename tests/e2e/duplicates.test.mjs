// 查重 end to end: two cards of one customer (names that normalise to the same, different phones),
// a visit on the newer one; the tool finds them, and merging the newer into the older takes the
// chosen phone, moves the visit, records the merge, leaves a deleted card behind, and all of it
// is still so after a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady, text } from "./harness.mjs";

const attr = (page, sel, name) => page.locator(sel).first().getAttribute(name);

async function createEnterprise(page, url, fields, { similar = false } = {}) {
  await page.goto(`${url}#/customers/new/enterprise`);
  for (const [id, value] of Object.entries(fields)) await page.fill(`#field-${id}`, value);
  await page.click("[data-action=save]");
  // A very similar name is a warning the user overrides: that is how the duplicate gets planted.
  if (similar) await page.click("[data-action=save-anyway]");
  await page.locator("h1[data-card]").waitFor();
  return attr(page, "h1[data-card]", "data-card");
}

async function addVisit(page) {
  await page.click("[data-add=visit]");
  await page.locator("[data-entry-form=visit]").waitFor();
  await page.fill("#field-e-rep", "王伟");
  await page.fill("#field-e-purpose", "品尝新品");
  await page.click("[data-action=save-entry]");
  await page.locator("[data-timeline] li[data-kind=visit]").waitFor();
}

async function listCount(page, url, expected) {
  await page.goto(`${url}#/customers`);
  await page.waitForFunction((n) => document.querySelector("[data-count]")?.textContent === n, String(expected));
}

test("查重 finds a planted duplicate and merges it", async () => {
  const app = await startApp();
  const { page, url, errors } = app;
  try {
    await page.goto(url);
    await appReady(page);

    const idA = await createEnterprise(page, url, { name: "杭州鑫源食品有限公司", phone: "0571-88886666", address: "杭州市西湖区文三路1号" });
    // "…厂" and "…有限公司" both normalise to 杭州鑫源食品.
    const idB = await createEnterprise(page, url, { name: "杭州鑫源食品厂", phone: "0571-88887777", address: "杭州市西湖区文三路100号" }, { similar: true });
    assert.notEqual(idA, idB);
    await addVisit(page);
    await listCount(page, url, 2);

    // Open 查重 from the list (or by its address until the list has the button).
    if (await page.locator("[data-action=duplicates]").count()) await page.click("[data-action=duplicates]");
    else await page.goto(`${url}#/customers/duplicates`);
    const cluster = page.locator(`[data-dup-cluster]:has([data-dup-member="${idA}"]):has([data-dup-member="${idB}"])`);
    await cluster.waitFor();
    assert.equal(await attr(page, "[data-dup-count]", "data-dup-count"), "1");
    assert.equal(await cluster.locator("[data-dup-member]").count(), 2);
    assert.match(await cluster.locator("[data-dup-reason=name]").textContent(), /名称相同.*杭州鑫源食品/);
    assert.match(await cluster.locator(`[data-dup-member="${idA}"]`).textContent(), /0571-88886666/);
    // The filter: no phone match here.
    await page.click("[data-dup-filter=phone]");
    assert.equal(await page.locator("[data-dup-cluster]").count(), 0);
    // The empty list says which match hides the cluster; 清除筛选 shows it again.
    await page.locator("[data-why-empty]").waitFor();
    assert.equal(await text(page, "[data-why-empty] [data-why-filters]"), "筛选：匹配依据 电话");
    await page.click("[data-why-empty] [data-action=clear-filters]");
    await cluster.waitFor();
    assert.equal(await page.locator("[data-why-empty]").count(), 0);
    await page.click("[data-dup-filter=name]");
    await cluster.waitFor();

    // Merge: the older card A survives by default; take B's phone, keep A's name and address.
    await cluster.locator("[data-action=merge]").click();
    const form = page.locator("[data-merge-form]");
    await form.waitFor();
    assert.equal(await attr(page, "[data-merge-survivor]", "data-merge-survivor"), idA);
    assert.equal(await attr(page, "[data-merge-other]", "data-merge-other"), idB);
    assert.equal(await text(page, "[data-merge-entries]"), "1");
    for (const key of ["name", "phone", "address"]) {
      assert.equal(await form.locator(`[data-conflict=${key}]`).count(), 1, `conflict on ${key}`);
      assert.equal(await page.isChecked(`#merge-${key}-s`), true, `${key} starts on the card to keep`);
    }
    assert.match(await text(page, "[data-conflict=phone] label[for=merge-phone-o]"), /0571-88887777/);
    await page.click("label[for=merge-phone-o]");
    assert.equal(await page.isChecked("#merge-phone-o"), true);
    assert.equal(await page.isChecked("#merge-phone-s"), false);
    await page.click("[data-action=confirm-merge]");
    await page.waitForURL((u) => u.hash === `#/customers/${idA}`);
    await page.locator(`h1[data-card="${idA}"]`).waitFor();

    const checkMerged = async () => {
      await page.goto(`${url}#/customers/${idA}`);
      await page.locator(`h1[data-card="${idA}"]`).waitFor();
      await page.locator("[data-timeline] li").first().waitFor();
      assert.equal(await text(page, "h1[data-card]"), "杭州鑫源食品有限公司");
      assert.match(await text(page, "[data-field=phone]"), /0571-88887777/, "the chosen phone from B");
      assert.doesNotMatch(await text(page, "[data-field=phone]"), /0571-88886666/);
      assert.match(await text(page, "[data-field=address]"), /文三路1号/, "A's address kept");
      assert.equal(await page.locator("[data-timeline] li[data-kind=visit]").count(), 1, "B's visit moved to A");
      assert.match(await text(page, "[data-history]"), /合并/);
      // B's address shows it as deleted, merged into A, with a link there.
      await page.goto(`${url}#/customers/${idB}`);
      await page.locator(`h1[data-card="${idB}"]`).waitFor();
      assert.match(await text(page, ".banner-error"), /已删除.*已合并到：杭州鑫源食品有限公司/);
      assert.equal(await attr(page, "[data-merged-into]", "data-merged-into"), idA);
      await listCount(page, url, 1);
      // Nothing left to merge.
      await page.goto(`${url}#/customers/duplicates`);
      await page.locator("[data-dup-count]").waitFor({ state: "attached" });
      assert.equal(await attr(page, "[data-dup-count]", "data-dup-count"), "0");
      assert.match(await page.locator(".empty-state").textContent(), /未发现重复客户/);
    };
    await checkMerged();
    await page.reload();
    await appReady(page);
    await checkMerged();
    assert.deepEqual(errors, []);
  } finally {
    await app.close();
  }
});
