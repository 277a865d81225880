// The search page's date fields: days typed as Vietnamese readers write them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { typedDay } from "../../theme/static/js/search-page.js";

test("a day typed day first, with slashes, dots or dashes, is read as that day", () => {
  assert.equal(typedDay("01/05/2024"), "2024-05-01");
  assert.equal(typedDay(" 1/5/2024 "), "2024-05-01");
  assert.equal(typedDay("31.12.2021"), "2021-12-31");
  assert.equal(typedDay("29-02-2024"), "2024-02-29");
  assert.equal(typedDay("2024-05-01"), "2024-05-01");
});

test("an empty field is no filter; a day the calendar has not is refused", () => {
  assert.equal(typedDay(""), "");
  assert.equal(typedDay("31/02/2021"), null);
  assert.equal(typedDay("29/02/2023"), null);
  assert.equal(typedDay("05/13/2024"), null);
  assert.equal(typedDay("hôm qua"), null);
  assert.equal(typedDay("2024-13-01"), null);
});
