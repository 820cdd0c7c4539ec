/**
 * The document's language and title follow the app: `<html lang>` is the interface language (for screen
 * readers and hyphenation), and the title names the selected gemeente, so a tab or a bookmark says what it
 * shows. Writes through a narrow interface, so it runs in Node with a fake document.
 */
import type { AppState } from './app-state.svelte';

/** The parts of the document this module writes. */
export interface DocumentLike {
  title: string;
  documentElement: { lang: string };
}

/** Keeps the document's language and title in step with `app`. Call each `write…` from one `$effect`. */
export class DocumentHead {
  private readonly app: AppState;
  private readonly doc: DocumentLike;

  /** "Gemeente · Samenwerkingsatlas" while a gemeente is selected, else the app's name. */
  title = $derived.by(() => {
    const code = this.app.selectedMunicipality;
    const name = code ? this.app.atlas?.municipalitiesByCode.get(code)?.name : null;
    return name ? `${name} · ${this.app.t('appTitle')}` : this.app.t('appTitle');
  });

  constructor(app: AppState, doc: DocumentLike = document) {
    this.app = app;
    this.doc = doc;
  }

  writeLang(): void {
    this.doc.documentElement.lang = this.app.lang;
  }

  writeTitle(): void {
    this.doc.title = this.title;
  }
}
