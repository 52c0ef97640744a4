// Open each HTML page in headless Chromium and report, as JSON on stdout:
//  - axe-core violations at WCAG 2.0/2.1 A and AA (and best practice),
//  - the print styles: break-after of every h2/h3 and break-inside of the warning box,
//  - whether each phone number stays on one line on a 320 px wide screen,
//  - when a job names a "pdf" path, the page printed by the browser (Letter) to it.
// Usage: node check_pages.mjs CHROMIUM JOBS.json, where JOBS.json is a list of
// {"file": "/abs/page.html", "phone": "(217) 555-0142" or "", "pdf": "/abs/out.pdf" or ""}.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [chromium, jobsFile] = process.argv.slice(2);
const jobs = JSON.parse(readFileSync(jobsFile, "utf8"));

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const results = {};
try {
  for (const { file, phone, pdf } of jobs) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1024, height: 800 });
    await page.goto("file://" + file, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const axe = await page.evaluate(async () => {
      const run = await window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      });
      return {
        violations: run.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length,
          help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) })),
        passes: run.passes.length,
      };
    });
    // Phone numbers on a small phone screen: every piece of a number on one line.
    await page.setViewport({ width: 320, height: 640 });
    const phoneLines = await page.evaluate((phone) => {
      // The page's text as one string, with where each text node starts in it: a number
      // may be split over several nodes (spans), so search the whole text, not one node.
      const nodes = [];
      let text = "";
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node, start: text.length });
        // Filled-in numbers carry no-break spaces (so they never wrap): compare with
        // plain spaces; the replacement keeps every offset.
        text += node.data.replace(/\u00a0/g, " ");
      }
      const locate = (offset) => {
        let i = nodes.length - 1;
        while (i > 0 && nodes[i].start > offset) i -= 1;
        return [nodes[i].node, offset - nodes[i].start];
      };
      const lines = [];
      for (let at = phone ? text.indexOf(phone) : -1; at >= 0; at = text.indexOf(phone, at + 1)) {
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + phone.length - 1));
        range.setEnd(range.endContainer, range.endOffset + 1);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        lines.push(new Set(rects.map((r) => Math.round(r.top))).size);
      }
      return lines;
    }, phone);
    await page.emulateMediaType("print");
    const print = await page.evaluate(() => ({
      headings: [...document.querySelectorAll("h2, h3")].map((h) => getComputedStyle(h).breakAfter),
      warning: [...document.querySelectorAll(".warning")].map((w) => getComputedStyle(w).breakInside),
    }));
    if (pdf) {
      await page.pdf({ path: pdf, format: "letter",
        printBackground: true, margin: { top: "0.6in", bottom: "0.6in", left: "0.6in", right: "0.6in" } });
    }
    results[file] = { ...axe, phoneLines, print };
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
