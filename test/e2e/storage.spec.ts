import { expect, test, type Page } from '@playwright/test';
import { guardPage, openApp } from './helpers';

/** Import a pasted table as a layer named `name`, through the import panel as a person does. */
async function importTable(page: Page, name: string, table: string): Promise<void> {
  // The panel stays open after an import; the button would close it.
  if (!(await page.locator('section.import').isVisible())) {
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
  }
  await page.getByLabel(/plak een tabel/i).fill(table);
  await page.getByRole('button', { name: 'Geplakte tabel lezen' }).click();
  await page.getByLabel('Naam van de laag').fill(name);
  await page.getByRole('button', { name: 'Laag toevoegen' }).click();
  await expect(page.locator('section.domain [data-layer^="eigen-"]', { hasText: name })).toHaveCount(1);
}

const ownRows = (page: Page) => page.locator('section.domain [data-layer^="eigen-"]');

test('clearing the browser’s storage mid-session loses no layer: the app saves again what it holds and says so', async ({
  page,
}) => {
  const guard = guardPage(page);
  await openApp(page);
  await importTable(page, 'Noord en Midden', 'gemeente,regio\nAmsterdam,Noord\nUtrecht,Midden');
  // The site's storage is cleared (by the user, a privacy tool or the browser) while the atlas is open.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('samenwerkingsatlas');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );
  await importTable(page, 'Oost en West', 'gemeente,regio\nEnschede,Oost\nLeiden,West');
  await expect(page.locator('.notice')).toContainText('opnieuw bewaard');
  await page.reload();
  await expect(page.locator('.map[data-map-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await expect(ownRows(page)).toHaveCount(2);
  expect(guard.errors).toEqual([]);
});

test('two tabs see each other’s new layer, and a layer deleted in one is not saved back by the other', async ({
  context,
}) => {
  const [first, second] = [await context.newPage(), await context.newPage()];
  await openApp(first);
  await openApp(second);
  await importTable(first, 'Gedeeld', 'gemeente,regio\nAmsterdam,Noord\nUtrecht,Midden');
  await expect(ownRows(second)).toHaveCount(1);
  await expect(ownRows(second)).toContainText('Gedeeld');
  // Deleted in the second tab (import panel: delete), gone from the first, and gone after a reload of either.
  await second.getByRole('button', { name: 'Importeren', exact: true }).click();
  await second.getByRole('button', { name: 'Verwijderen' }).first().click();
  await second.locator('.confirm').getByRole('button', { name: 'Verwijderen' }).click();
  await expect(ownRows(second)).toHaveCount(0);
  await expect(ownRows(first)).toHaveCount(0);
  await first.reload();
  await expect(first.locator('.map[data-map-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await expect(ownRows(first)).toHaveCount(0);
});
