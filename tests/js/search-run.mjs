// Runs queries on a built portal's static index, as the search page does, for the pytest suite:
//   node tests/js/search-run.mjs OUTPUT_FOLDER '[{"q": "học tập", "unit": "...", ...}, ...]'
// prints, for each query, the items ranked (number and score), the files read and their bytes
// gzip-compressed (0 for a file that does not exist).
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
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
    const file = `${output}${path.split("?")[0]}`;
    const text = existsSync(file) ? readFileSync(file, "utf8") : null;
    requests.push([path.split("?")[0], text == null ? 0 : gzipSync(text, { level: 6 }).length]);
    return text == null ? null : JSON.parse(text);
  });
  const state = { unit: "", type: "", topic: "", from: "", to: "", ...query };
  const found = await index.search(query.q, filtersOf(state, manifest), query.from_rank || 0, query.count || 10);
  answers.push({ results: found.results.map((r) => [r.doc, r.score]), more: found.more, requests });
}
process.stdout.write(JSON.stringify(answers));
