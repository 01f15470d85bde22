// An EPUB as web-based readers show it: epub.js (the engine of many web and app readers) in
// headless Chromium, on a phone's screen. Loads the XHTML as epub.js does (as HTML, in an iframe),
// opens TARGET (a file of the book, with a fragment), saves a screenshot, and prints as JSON the
// computed font size of the body's paragraphs and of each note shown, so a test can tell a note
// from body text.
//
//   node epubjs-view.mjs CHROMIUM BOOK.epub SHOT.png TARGET
import { readFileSync } from "node:fs";
import puppeteer from "puppeteer-core";

const [executablePath, bookPath, shotPath, target] = process.argv.slice(2);
const SCREEN = { width: 390, height: 844 };
const modules = new URL("node_modules/", import.meta.url);

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  // A test machine's container has no user namespaces for Chromium's sandbox.
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage();
  await page.setViewport(SCREEN);
  await page.setContent(
    `<!DOCTYPE html><html><body style="margin:0"><div id="viewer"></div></body></html>`,
  );
  for (const script of ["jszip/dist/jszip.min.js", "epubjs/dist/epub.min.js"]) {
    await page.addScriptTag({ path: new URL(script, modules).pathname });
  }
  const book = readFileSync(bookPath).toString("base64");
  const seen = await page.evaluate(
    async (data, target, screen) => {
      const rendition = ePub(data, { encoding: "base64" }).renderTo("viewer", screen);
      const rendered = new Promise((resolve) => rendition.on("rendered", (_, view) => resolve(view)));
      await rendition.display(target);
      const view = await rendered;
      const doc = view.document;
      const size = (node) => parseFloat(view.window.getComputedStyle(node).fontSize);
      const body = [...doc.querySelectorAll("p")].filter((p) => !p.closest("aside"));
      return {
        file: view.section.href,
        body: body.map(size),
        notes: [...doc.querySelectorAll("aside")].map((aside) => ({
          id: aside.id,
          size: size(aside.querySelector("p") ?? aside),
        })),
      };
    },
    book,
    target,
    SCREEN,
  );
  await page.screenshot({ path: shotPath });
  console.log(JSON.stringify(seen));
} finally {
  await browser.close();
}
