// The page's layout at a phone's width: the panels stack below the editor
// instead of squeezing beside it (docs/screenshots/narrow.png shows it).
import { expect, inject, test } from "vitest";
import { pagePerTest } from "./browser";

const session = pagePerTest({ timeoutMs: 20_000 });

test("at 420 px wide the threads panel sits below the editor, within the screen's width", async () => {
  const { page } = session;
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(`${inject("baseUrl")}?scenario=abba-deadlock`);
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor();
  const editor = (await page.getByTestId("editor").boundingBox())!;
  const threads = (await page.getByTestId("threads-panel").boundingBox())!;
  expect(threads.y).toBeGreaterThan(editor.y + editor.height - 1);
  expect(threads.x + threads.width).toBeLessThanOrEqual(420);
  expect(session.pageErrors).toEqual([]);
});
