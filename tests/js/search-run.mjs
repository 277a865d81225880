// Runs queries on a built portal's static index, as the search page does, for the pytest suite:
//   node tests/js/search-run.mjs OUTPUT_FOLDER '[{"q": "học tập", "unit": "...", ...}, ...]'
// prints, for each query, the items ranked (number and score), the files read and their bytes
// (gzip-compressed, as they are stored).
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { SearchIndex } from "../../theme/static/js/search-engine.js";
import { filtersOf } from "../../theme/static/js/search-page.js";

const [output, queries] = process.argv.slice(2);
const page = readFileSync(`${output}/tim-kiem/index.html`, "utf8");
const attribute = page.match(/data-manifest="([^"]*)"/)[1];
const manifest = JSON.parse(attribute.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(n))
  .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
const answers = [];
for (const query of JSON.parse(queries)) {
  const requests = [];
  const index = new SearchIndex(manifest, async (path) => {
    const data = readFileSync(`${output}${path}`);
    requests.push([path, data.length]);
    return JSON.parse(gunzipSync(data).toString("utf8"));
  });
  const state = { unit: "", type: "", topic: "", from: "", to: "", ...query };
  const found = await index.search(query.q, filtersOf(state, manifest), query.from_rank || 0, query.count || 10);
  answers.push({ results: found.results.map((r) => [r.doc, r.score]), more: found.more, requests });
}
process.stdout.write(JSON.stringify(answers));
