import assert from "node:assert/strict";
import { test } from "node:test";
import { isoDay, pageDay } from "../../theme/static/js/date-picker.js";

test("the calendar opens on the archive's day, month or year", () => {
  assert.equal(isoDay(pageDay("/luu-tru/2021/11/19/")), "2021-11-19");
  assert.equal(isoDay(pageDay("/luu-tru/2021/11/")), "2021-11-01");
  assert.equal(isoDay(pageDay("/luu-tru/2019/")), "2019-12-01");
});

test("on an item, the calendar opens on the item's month", () => {
  assert.equal(isoDay(pageDay("/tin-tuc/2019/bai/", "2019-05-16T08:30:00+07:00")), "2019-05-16");
});

test("elsewhere there is no page day: the newest month is shown", () => {
  assert.equal(pageDay("/don-vi/huyen-a/", null), null);
  assert.equal(pageDay("/luu-tru/2021/13/"), null);
});
