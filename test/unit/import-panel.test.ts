/**
 * The import panel rendered on the server (svelte/server), so its text can be checked in Node: labels,
 * the user's layers, and hostile names shown as text, never as markup. Interaction (choosing a file,
 * the preview) needs a browser and is left to the end-to-end tests of the wired app.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ImportPanel from '../../src/components/ImportPanel.svelte';
import { importText } from '../../src/lib/import/import-file';
import { importAtlas, importContext, FORMER } from '../fixtures/import-atlas';

const HOSTILE = '<img src=x onerror=alert(1)>';
const noop = () => {};

function renderPanel(lang: 'nl' | 'en', names: string[]) {
  const context = importContext();
  const userLayers = names.map(
    (name, i) => importText(`gemeente;regio\nUtrecht;${HOSTILE}${i}\n`, `${name}.csv`, context).layer!,
  );
  return render(ImportPanel, {
    props: {
      atlas: importAtlas(),
      former: FORMER,
      lang,
      userLayers,
      onadd: noop,
      onrename: noop,
      ondelete: noop,
      onexport: noop,
      today: '2025-06-01',
    },
  }).body;
}

describe('ImportPanel (server render)', () => {
  it('labels the file input and the paste field, and states the size limit', () => {
    const html = renderPanel('nl', []);
    expect(html).toMatch(/<label for="[^"]+-file"[^>]*>Kies een bestand \(CSV, JSON of GeoJSON\)<\/label>/);
    expect(html).toContain('accept=".csv,.txt,.tsv,.json,.geojson');
    expect(html).toMatch(/<label for="[^"]+-paste"[^>]*>Of plak een tabel/);
    expect(html).toContain('tot 5 MB');
    expect(html).toContain('Nog geen eigen lagen.');
  });

  it('lists the user’s layers with rename, export and delete', () => {
    const html = renderPanel('en', ['Alpha', 'Beta']);
    expect(html.match(/<span class="name[^"]*">/g)).toHaveLength(2);
    for (const label of ['Rename', 'Export as JSON', 'Delete']) {
      expect(html.split(`>${label}</button>`)).toHaveLength(3);
    }
  });

  it('shows a hostile layer name as text, never as markup', () => {
    const html = renderPanel('nl', [HOSTILE]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
  });
});
