import { expect, test } from '@playwright/test';
import { builtData } from './data-points';

test('a broken gemeente geometry file shows the error state naming the file', async ({ page }) => {
  const { geometry } = builtData();
  await page.route(`**/data/${geometry.file}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"type": "Topology", "arcs": [' }),
  );
  await page.goto('./');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('De atlas kon niet worden geladen');
  await expect(alert).toContainText(geometry.file);
  await expect(alert).toContainText('JSON');
  await expect(alert.getByRole('button', { name: 'Opnieuw proberen' })).toBeVisible();
});

test('a missing manifest shows the error state with the HTTP status', async ({ page }) => {
  await page.route('**/data/manifest.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText('manifest.json');
  await expect(page.getByRole('alert')).toContainText('404');
});

test('one broken layer file is reported and the other layers still work', async ({ page }) => {
  const { manifest } = builtData();
  const entry = manifest.layers.find((l) => l.id === 'ggd-2025')!;
  await page.route(`**/data/${entry.file}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"format":"samenwerkingsatlas/layer@1"}' }),
  );
  await page.goto('./');
  await expect(page.locator('.map[data-map-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.layer-error')).toContainText('ggd-2025');
  await expect(page.locator('[data-layer="ggd-2025"]')).toHaveCount(0);
  await expect(page.locator('[data-layer="jeugdregio-2025"]')).toHaveCount(1);
});

test('the retry button loads the atlas once the file is back', async ({ page }) => {
  let broken = true;
  await page.route('**/data/manifest.json', (route) =>
    broken ? route.fulfill({ status: 500, body: '' }) : route.continue(),
  );
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText('500');
  broken = false;
  await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await expect(page.locator('.map[data-map-ready="true"]')).toBeVisible({ timeout: 30_000 });
});
