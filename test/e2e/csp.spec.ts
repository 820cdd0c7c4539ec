import { expect, test } from '@playwright/test';
import { guardPage, mapPixels, openApp, distinctColours } from './helpers';

test('under its Content-Security-Policy the atlas loads, draws, computes, imports and exports without a violation', async ({
  page,
}) => {
  const guard = guardPage(page);
  // Collected before any script of the page runs, so a violation during start-up is caught too.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const refusals: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refusals.push(m.text());
  });
  await openApp(page);

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
  // Inline script is refused: the policy is in force, not only written down.
  const ranInline = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.head.append(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ranInline).toBe(false);
  // That refusal is the one violation expected; everything below must add none.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.length)).toBe(1);
  await page.evaluate(() => ((window as unknown as { __csp: string[] }).__csp.length = 0));
  // The probe's refusal is also logged as a console error; it is the only one so far.
  expect(guard.errors.every((e) => /inline script/.test(e))).toBe(true);
  guard.errors.length = 0;
  refusals.length = 0;

  // Draws: the map has its colours (MapLibre and its worker run).
  expect(distinctColours(await mapPixels(page))).toBeGreaterThan(20);
  // Computes: the matrix comes from the statistics worker.
  await page.getByRole('button', { name: 'Vergelijk lagen' }).click();
  await expect(page.locator('.matrix table')).toBeVisible();
  // Imports: a pasted table becomes a layer.
  await page.getByRole('button', { name: 'Importeren' }).click();
  await page.getByLabel(/plak een tabel/i).fill('gemeente,regio\nAmsterdam,Noord\nUtrecht,Midden');
  await page.getByRole('button', { name: 'Geplakte tabel lezen' }).click();
  await page.getByRole('button', { name: 'Laag toevoegen' }).click();
  await expect(page.locator('[data-layer^="eigen-"]')).toHaveCount(1);
  // Exports: PNG (an off-screen map, canvas, blob download) and SVG.
  await page.getByRole('button', { name: 'Exporteren', exact: true }).click();
  for (const name of [/^Download PNG/, /^Download SVG/]) {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 0 }),
      page.locator('section.export').getByRole('button', { name }).first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.(png|svg)$/);
  }

  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  expect(refusals).toEqual([]);
  expect(guard.errors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});
