// Runs axe-core's WCAG 2.1 A/AA rules on HTML files in headless Chromium, in
// screen and in print media, and prints one line per file and medium:
//   axe: <file> [screen]: 0 violations (31 rules passed, 2 incomplete)
// then the details of every violation. Exits 1 if there is any.
//
// AXE_TOOLS=DIR node check.mjs CHROMIUM FILE.html...
// where DIR holds the npm packages of package.json (scripts/axe-check installs them).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";

const tools = process.env.AXE_TOOLS;
if (!tools) {
  console.error("check.mjs: AXE_TOOLS must name the folder with axe-core and puppeteer-core");
  process.exit(2);
}
const require = createRequire(`${tools}/package.json`);
const puppeteer = require("puppeteer-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const [chromium, ...files] = process.argv.slice(2);
if (!chromium || files.length === 0) {
  console.error("usage: node check.mjs CHROMIUM FILE.html...");
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  // No sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
let total = 0;
const details = [];
try {
  for (const file of files) {
    const page = await browser.newPage();
    // The exports forbid every script in their Content Security Policy; axe
    // has to run in the page all the same.
    await page.setBypassCSP(true);
    // A typical laptop window; the print medium is laid out at this width too.
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    for (const media of ["screen", "print"]) {
      await page.emulateMediaType(media);
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
        TAGS,
      );
      const count = result.violations.reduce((n, v) => n + v.nodes.length, 0);
      total += count;
      console.log(
        `axe: ${basename(file)} [${media}]: ${count} violations ` +
          `(${result.violations.length} rules failed, ${result.passes.length} passed, ${result.incomplete.length} incomplete)`,
      );
      for (const v of result.violations) {
        for (const node of v.nodes) {
          details.push(`  ${basename(file)} [${media}] ${v.id} (${v.impact}): ${v.help}\n    at ${node.target.join(" ")}\n    ${node.failureSummary?.replace(/\n/g, "\n    ")}`);
        }
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
if (details.length > 0) {
  console.log("violations:");
  console.log(details.join("\n"));
}
console.log(`axe: ${files.length} files, ${total} violations in all`);
process.exit(total === 0 ? 0 : 1);
