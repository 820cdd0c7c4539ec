/**
 * Runtime parsers for the files in `public/data/` (manifest, layer files, municipalities topology),
 * shared by the browser app and the command-line interface. Each takes already-decoded JSON and the
 * file name, checks the structure field by field and returns the typed value, or throws a `DataError`
 * naming the file, the path inside it (e.g. `regions[3].members[0]`) and what is wrong.
 * Hand-written on purpose: the formats are small, and a schema library would be a dependency
 * for three functions. Pure: no I/O.
 */
import { DataError } from '../errors';
import type {
  CoverageRules,
  Domain,
  FormerChangeKind,
  FormerMunicipalitiesFile,
  FormerMunicipality,
  FormerStep,
  FormerTransfer,
  GeometryEntry,
  LayerEntry,
  LayerFile,
  LayerAgreement,
  LayerMeta,
  Layout2011,
  LocalizedText,
  Manifest,
  MunicipalityCode,
  MunicipalityTopology,
  Region,
  SourceInfo,
} from '../types';
import { MUNICIPALITIES_OBJECT } from '../types';
import { compareCodes as compare } from '../model/codes';

/** The thematic groups of layers (the domains of issue 11), in the order the layer catalogue shows them. */
export const DOMAINS: readonly Domain[] = [
  'eigen',
  'jeugd',
  'zorg-welzijn',
  'veiligheid',
  'werk-inkomen',
  'onderwijs',
  'fysiek',
  'bestuur',
];

/** Format tag of a manifest file. */
export const MANIFEST_FORMAT = 'samenwerkingsatlas/manifest@1';
/** Format tag of a layer file. */
export const LAYER_FORMAT = 'samenwerkingsatlas/layer@1';
/** Format tag of a former-gemeenten file. */
export const FORMER_FORMAT = 'samenwerkingsatlas/former-municipalities@1';

/** Every kind of change a former gemeente can have gone through (see `FormerChangeKind`). */
export const FORMER_CHANGE_KINDS: readonly FormerChangeKind[] = [
  'merger',
  'merger-kept-code',
  'light-merger',
  'absorbed',
  'split',
  'boundary-correction',
  'rename',
];

/** True for a valid calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Parse `manifest.json`. Checks every field of every geometry and layer entry, that ids are unique,
 * that file paths are relative (no `..`, no leading `/`) and that each layer's `geometryId` is listed.
 */
export function parseManifest(json: unknown, file: string): Manifest {
  const r = new Reader(file);
  const root = r.object(json, '');
  r.literal(root.format, 'format', MANIFEST_FORMAT);
  const geometries = r.array(root.geometries, 'geometries').map((value, i): GeometryEntry => {
    const path = `geometries[${i}]`;
    const o = r.object(value, path);
    const entry: GeometryEntry = {
      id: r.string(o.id, `${path}.id`),
      year: r.integer(o.year, `${path}.year`),
      file: r.relativePath(o.file, `${path}.file`),
      sha256: r.sha256(o.sha256, `${path}.sha256`),
      municipalityCount: r.count(o.municipalityCount, `${path}.municipalityCount`),
      source: r.source(o.source, `${path}.source`),
      inhabitantsDate: o.inhabitantsDate === null ? null : r.isoDate(o.inhabitantsDate, `${path}.inhabitantsDate`),
      inhabitantsSource:
        o.inhabitantsSource === null ? null : r.string(o.inhabitantsSource, `${path}.inhabitantsSource`),
    };
    if (o.former !== undefined) {
      const f = r.object(o.former, `${path}.former`);
      entry.former = {
        file: r.relativePath(f.file, `${path}.former.file`),
        sha256: r.sha256(f.sha256, `${path}.former.sha256`),
        count: r.count(f.count, `${path}.former.count`),
      };
    }
    return entry;
  });
  r.unique(
    geometries.map((g) => g.id),
    'geometries',
    'geometry id',
  );
  const geometryIds = new Set(geometries.map((g) => g.id));
  const layers = r.array(root.layers, 'layers').map((value, i): LayerEntry => {
    const path = `layers[${i}]`;
    const o = r.object(value, path);
    const geometryId = r.string(o.geometryId, `${path}.geometryId`);
    if (!geometryIds.has(geometryId)) r.fail(`${path}.geometryId`, `geometry "${geometryId}" is not in geometries`);
    const entry: LayerEntry = {
      id: r.string(o.id, `${path}.id`),
      file: r.relativePath(o.file, `${path}.file`),
      sha256: r.sha256(o.sha256, `${path}.sha256`),
      geometryId,
      regionCount: r.count(o.regionCount, `${path}.regionCount`),
      coveredCount: r.count(o.coveredCount, `${path}.coveredCount`),
    };
    if (o.kind !== undefined) entry.kind = r.string(o.kind, `${path}.kind`);
    if (o.name !== undefined) entry.name = r.localized(o.name, `${path}.name`);
    if (o.color !== undefined) entry.color = r.colour(o.color, `${path}.color`);
    return entry;
  });
  r.unique(
    layers.map((l) => l.id),
    'layers',
    'layer id',
  );
  return { format: MANIFEST_FORMAT, geometries, layers };
}

/**
 * Parse a layer file (`layers/<id>.json`). Checks the metadata (id = `<kind>-<year>`, known domain,
 * ISO reference date, hex colour, …) and the regions: unique non-empty codes, non-empty names,
 * at least one member each, no member twice in a region, and no gemeente in two regions unless
 * `coverage.allowsMultiMembership`.
 * @returns the layer with regions sorted by code and members sorted.
 */
export function parseLayerFile(json: unknown, file: string): LayerFile {
  const r = new Reader(file);
  const root = r.object(json, '');
  r.literal(root.format, 'format', LAYER_FORMAT);
  const meta = r.layerMeta(root.meta, 'meta');
  const regions = r.array(root.regions, 'regions').map((value, i): Region => {
    const path = `regions[${i}]`;
    const o = r.object(value, path);
    const members = r.array(o.members, `${path}.members`).map((m, j) => r.string(m, `${path}.members[${j}]`));
    if (members.length === 0) r.fail(`${path}.members`, 'a region needs at least one gemeente');
    r.unique(members, `${path}.members`, 'member');
    const region: Region = {
      code: r.string(o.code, `${path}.code`),
      name: r.string(o.name, `${path}.name`),
      members: [...members].sort(compare),
    };
    if (o.note !== undefined) region.note = r.string(o.note, `${path}.note`);
    return region;
  });
  r.unique(
    regions.map((g) => g.code),
    'regions',
    'region code',
  );
  if (!meta.coverage.allowsMultiMembership) {
    const regionOf = new Map<MunicipalityCode, string>();
    for (const region of regions) {
      for (const code of region.members) {
        const other = regionOf.get(code);
        if (other !== undefined) {
          r.fail(
            'regions',
            `gemeente ${code} is in regions ${other} and ${region.code}, but the layer allows one region per gemeente`,
          );
        }
        regionOf.set(code, region.code);
      }
    }
  }
  return { format: LAYER_FORMAT, meta, regions: regions.sort((a, b) => compare(a.code, b.code)) };
}

/**
 * Parse a municipalities topology (`municipalities-<year>.topo.json`): a TopoJSON `Topology` with
 * object `municipalities`, a GeometryCollection of Polygon/MultiPolygon geometries, each with a unique
 * string `id` (GM code), properties `name`, `areaKm2` (finite, ≥ 0), `inhabitants` (integer ≥ 0 or null) and
 * optionally `parts` (GM codes in increasing order, at least one), and arc indices that exist in `arcs`.
 * Other objects in the topology are allowed and ignored.
 */
export function parseMunicipalityTopology(json: unknown, file: string): MunicipalityTopology {
  const r = new Reader(file);
  const root = r.object(json, '');
  r.literal(root.type, 'type', 'Topology');
  const arcs = r.array(root.arcs, 'arcs');
  arcs.forEach((arc, i) => {
    const points = r.array(arc, `arcs[${i}]`);
    if (points.length < 2) r.fail(`arcs[${i}]`, 'an arc needs at least two positions');
    points.forEach((p, j) => r.position(p, `arcs[${i}][${j}]`));
  });
  if (root.transform !== undefined) {
    const t = r.object(root.transform, 'transform');
    r.position(t.scale, 'transform.scale');
    r.position(t.translate, 'transform.translate');
  }
  const objects = r.object(root.objects, 'objects');
  const collectionPath = `objects.${MUNICIPALITIES_OBJECT}`;
  if (objects[MUNICIPALITIES_OBJECT] === undefined) r.fail(collectionPath, 'missing (the gemeenten object)');
  const collection = r.object(objects[MUNICIPALITIES_OBJECT], collectionPath);
  r.literal(collection.type, `${collectionPath}.type`, 'GeometryCollection');
  const ids: string[] = [];
  r.array(collection.geometries, `${collectionPath}.geometries`).forEach((value, i) => {
    const path = `${collectionPath}.geometries[${i}]`;
    const g = r.object(value, path);
    const id = r.string(g.id, `${path}.id`);
    ids.push(id);
    const at = `${path} (${id})`;
    const rings =
      g.type === 'Polygon'
        ? r.array(g.arcs, `${at}.arcs`)
        : g.type === 'MultiPolygon'
          ? r.array(g.arcs, `${at}.arcs`).flatMap((polygon, j) => r.array(polygon, `${at}.arcs[${j}]`))
          : r.fail(`${at}.type`, `expected "Polygon" or "MultiPolygon", got ${describe(g.type)}`);
    if (rings.length === 0) r.fail(`${at}.arcs`, 'no rings');
    rings.forEach((ring, j) => {
      const indices = r.array(ring, `${at}.arcs ring ${j}`);
      if (indices.length === 0) r.fail(`${at}.arcs ring ${j}`, 'empty ring');
      for (const index of indices) {
        // TopoJSON writes a reversed arc i as ~i (= -i - 1).
        if (!Number.isInteger(index) || (index as number) >= arcs.length || ~(index as number) >= arcs.length) {
          r.fail(`${at}.arcs ring ${j}`, `arc index ${describe(index)} does not exist (${arcs.length} arcs)`);
        }
      }
    });
    const p = r.object(g.properties, `${at}.properties`);
    r.string(p.name, `${at}.properties.name`);
    const area = r.number(p.areaKm2, `${at}.properties.areaKm2`);
    if (area < 0) r.fail(`${at}.properties.areaKm2`, `negative area ${area}`);
    if (p.inhabitants !== null) r.count(p.inhabitants, `${at}.properties.inhabitants`);
    if (p.parts !== undefined) r.parts(p.parts, `${at}.properties.parts`);
  });
  r.unique(ids, `${collectionPath}.geometries`, 'gemeente id');
  // Every field the type promises has been checked above.
  return json as MunicipalityTopology;
}

/**
 * Parse a former-gemeenten file (`former-municipalities-<year>.json`) against the gemeente codes of
 * its geometry: every former code is unique, looks like a GM code and is not a current gemeente; every
 * transfer has a current receiver, an ISO date, a known kind, an area share in (0, 1] and a source;
 * `via` steps (if any) name former gemeenten with ISO dates.
 * @returns the file with gemeenten sorted by code and transfers by date, largest share, code.
 */
export function parseFormerMunicipalities(
  json: unknown,
  file: string,
  codes: ReadonlySet<MunicipalityCode>,
): FormerMunicipalitiesFile {
  const r = new Reader(file);
  const root = r.object(json, '');
  r.literal(root.format, 'format', FORMER_FORMAT);
  const kind = (value: unknown, path: string): FormerChangeKind => {
    if (!FORMER_CHANGE_KINDS.includes(value as FormerChangeKind)) {
      r.fail(path, `expected one of ${FORMER_CHANGE_KINDS.join(', ')}, got ${describe(value)}`);
    }
    return value as FormerChangeKind;
  };
  const gmCode = (value: unknown, path: string): MunicipalityCode => r.gmCode(value, path);
  const municipalities = r.array(root.municipalities, 'municipalities').map((value, i): FormerMunicipality => {
    const o = r.object(value, `municipalities[${i}]`);
    const code = gmCode(o.code, `municipalities[${i}].code`);
    const path = `municipalities[${i}] (${code})`;
    if (codes.has(code)) r.fail(`${path}.code`, `${code} is a current gemeente, not a former one`);
    const transfers = r.array(o.transfers, `${path}.transfers`).map((t, j): FormerTransfer => {
      const at = `${path}.transfers[${j}]`;
      const to = r.object(t, at);
      const receiver = gmCode(to.code, `${at}.code`);
      if (!codes.has(receiver)) r.fail(`${at}.code`, `receiver ${receiver} is not a gemeente of the geometry`);
      const share = r.number(to.areaShare, `${at}.areaShare`);
      if (!(share > 0 && share <= 1)) r.fail(`${at}.areaShare`, `expected a share in (0, 1], got ${share}`);
      const transfer: FormerTransfer = {
        code: receiver,
        date: r.isoDate(to.date, `${at}.date`),
        kind: kind(to.kind, `${at}.kind`),
        areaShare: share,
        source: r.string(to.source, `${at}.source`),
      };
      if (to.via !== undefined) {
        const via = r.array(to.via, `${at}.via`).map((v, k): FormerStep => {
          const step = r.object(v, `${at}.via[${k}]`);
          return {
            code: gmCode(step.code, `${at}.via[${k}].code`),
            name: r.string(step.name, `${at}.via[${k}].name`),
            date: r.isoDate(step.date, `${at}.via[${k}].date`),
            kind: kind(step.kind, `${at}.via[${k}].kind`),
            source: r.string(step.source, `${at}.via[${k}].source`),
          };
        });
        if (via.length === 0) r.fail(`${at}.via`, 'empty (omit it for a direct transfer)');
        transfer.via = via;
      }
      return transfer;
    });
    if (transfers.length === 0) r.fail(`${path}.transfers`, 'a former gemeente needs at least one transfer');
    return { code, name: r.string(o.name, `${path}.name`), transfers: transfers.sort(compareTransfers) };
  });
  r.unique(
    municipalities.map((m) => m.code),
    'municipalities',
    'former gemeente code',
  );
  return {
    format: FORMER_FORMAT,
    geometryId: r.string(root.geometryId, 'geometryId'),
    source: r.source(root.source, 'source'),
    municipalities: municipalities.sort((a, b) => compare(a.code, b.code)),
  };
}

/** Order of a former gemeente's transfers: by date, then largest share first, then receiver code. */
export function compareTransfers(a: FormerTransfer, b: FormerTransfer): number {
  return compare(a.date, b.date) || b.areaShare - a.areaShare || compare(a.code, b.code);
}

/**
 * Check a parsed layer against the gemeente codes of its topology: every member code must exist,
 * and a layer that claims full coverage must contain every gemeente.
 * Throws `DataError` naming `file` and listing all offending codes.
 */
export function checkLayerAgainstTopology(layer: LayerFile, codes: ReadonlySet<MunicipalityCode>, file: string): void {
  const problems: string[] = [];
  const covered = new Set<MunicipalityCode>();
  for (const region of layer.regions) {
    for (const code of region.members) {
      covered.add(code);
      if (!codes.has(code)) problems.push(`region ${region.code}: gemeente ${code} is not in the topology`);
    }
  }
  if (layer.meta.coverage.isComplete) {
    const missing = [...codes].filter((code) => !covered.has(code)).sort(compare);
    if (missing.length > 0) {
      problems.push(
        `the layer claims full coverage but has no region for ${missing.length} gemeente(n): ${missing.join(', ')}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new DataError(
      `${file}: layer ${layer.meta.id} does not match the topology:\n  ${problems.join('\n  ')}`,
      file,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** Field checks that throw `DataError` with the file and the path of the field. */
class Reader {
  constructor(private readonly file: string) {}

  fail(path: string, message: string): never {
    throw new DataError(`${this.file}: ${path === '' ? '' : `${path}: `}${message}`, this.file);
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `expected an object, got ${describe(value)}`);
    }
    return value as Record<string, unknown>;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `expected an array, got ${describe(value)}`);
    return value;
  }

  /** A non-empty string. */
  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, `expected a string, got ${describe(value)}`);
    if (value.trim() === '') this.fail(path, 'empty text');
    return value;
  }

  number(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.fail(path, `expected a number, got ${describe(value)}`);
    return value;
  }

  integer(value: unknown, path: string): number {
    const n = this.number(value, path);
    if (!Number.isSafeInteger(n)) this.fail(path, `expected a whole number, got ${n}`);
    return n;
  }

  count(value: unknown, path: string): number {
    const n = this.integer(value, path);
    if (n < 0) this.fail(path, `expected a count (≥ 0), got ${n}`);
    return n;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, `expected true or false, got ${describe(value)}`);
    return value;
  }

  literal<T extends string>(value: unknown, path: string, expected: T): T {
    if (value !== expected) this.fail(path, `expected "${expected}", got ${describe(value)}`);
    return expected;
  }

  position(value: unknown, path: string): void {
    const p = this.array(value, path);
    if (p.length < 2 || p.some((n) => typeof n !== 'number' || !Number.isFinite(n))) {
      this.fail(path, 'expected a position (two or more numbers)');
    }
  }

  isoDate(value: unknown, path: string): string {
    const s = this.string(value, path);
    if (!isIsoDate(s)) this.fail(path, `expected a date YYYY-MM-DD, got ${describe(s)}`);
    return s;
  }

  sha256(value: unknown, path: string): string {
    const s = this.string(value, path);
    if (!/^[0-9a-f]{64}$/.test(s)) this.fail(path, `expected a SHA-256 (64 lower-case hex digits), got ${describe(s)}`);
    return s;
  }

  /** A CBS gemeente code `GMnnnn`. */
  gmCode(value: unknown, path: string): MunicipalityCode {
    const code = this.string(value, path);
    if (!/^GM\d{4}$/.test(code)) this.fail(path, `expected a gemeente code GMnnnn, got ${describe(code)}`);
    return code;
  }

  /** A gemeente's `parts`: at least one GM code, in increasing (code-unit) order, none twice. */
  parts(value: unknown, path: string): MunicipalityCode[] {
    const codes = this.array(value, path).map((v, i) => this.gmCode(v, `${path}[${i}]`));
    if (codes.length === 0) this.fail(path, 'expected at least one gemeente code');
    codes.forEach((code, i) => {
      const previous = codes[i - 1];
      if (previous !== undefined && compare(previous, code) >= 0) {
        this.fail(`${path}[${i}]`, `expected codes in increasing order without repeats, got ${code} after ${previous}`);
      }
    });
    return codes;
  }

  /** A path relative to the manifest's folder, without `..` segments, so it cannot point elsewhere. */
  relativePath(value: unknown, path: string): string {
    const s = this.string(value, path);
    if (s.startsWith('/') || s.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(s) || s.split('/').includes('..')) {
      this.fail(path, `expected a relative path inside the data folder, got ${describe(s)}`);
    }
    return s;
  }

  unique(values: readonly string[], path: string, what: string): void {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) this.fail(path, `${what} ${describe(v)} appears twice`);
      seen.add(v);
    }
  }

  localized(value: unknown, path: string): LocalizedText {
    const o = this.object(value, path);
    return { nl: this.string(o.nl, `${path}.nl`), en: this.string(o.en, `${path}.en`) };
  }

  source(value: unknown, path: string): SourceInfo {
    const o = this.object(value, path);
    const source: SourceInfo = {
      citation: this.string(o.citation, `${path}.citation`),
      licence: this.string(o.licence, `${path}.licence`),
      referenceDate: this.isoDate(o.referenceDate, `${path}.referenceDate`),
    };
    if (o.url !== undefined) source.url = this.string(o.url, `${path}.url`);
    return source;
  }

  coverage(value: unknown, path: string): CoverageRules {
    const o = this.object(value, path);
    return {
      isComplete: this.boolean(o.isComplete, `${path}.isComplete`),
      allowsMultiMembership: this.boolean(o.allowsMultiMembership, `${path}.allowsMultiMembership`),
    };
  }

  /** Table cells of the 2011 study may be blank, so these strings may be empty. */
  layout2011(value: unknown, path: string): Layout2011 {
    const o = this.object(value, path);
    const cell = (key: string): string => {
      const v = o[key];
      if (typeof v !== 'string') this.fail(`${path}.${key}`, `expected a string, got ${describe(v)}`);
      return v;
    };
    return {
      layoutName: this.string(o.layoutName, `${path}.layoutName`),
      regionCount: cell('regionCount'),
      hasNationalCoverage: cell('hasNationalCoverage'),
      since: cell('since'),
      isCooperationImposed: cell('isCooperationImposed'),
      isLayoutImposed: cell('isLayoutImposed'),
      legalBasis: cell('legalBasis'),
      citation: this.string(o.citation, `${path}.citation`),
    };
  }

  /** A layer's `alsoIn`: `agrees` is true exactly when there are no differences. */
  agreement(value: unknown, path: string): LayerAgreement {
    const o = this.object(value, path);
    const source = this.source(o.source, `${path}.source`);
    const agrees = this.boolean(o.agrees, `${path}.agrees`);
    const differences = this.array(o.differences, `${path}.differences`).map((d, i) =>
      this.string(d, `${path}.differences[${i}]`),
    );
    if (agrees !== (differences.length === 0)) {
      this.fail(
        `${path}.agrees`,
        agrees ? `true, but ${differences.length} difference(s) are listed` : 'false, but no difference is listed',
      );
    }
    return { source, agrees, differences };
  }

  /** A CSS colour `#rrggbb`. */
  colour(value: unknown, path: string): string {
    const color = this.string(value, path);
    if (!/^#[0-9a-fA-F]{6}$/.test(color)) this.fail(path, `expected a colour #rrggbb, got ${describe(color)}`);
    return color;
  }

  layerMeta(value: unknown, path: string): LayerMeta {
    const o = this.object(value, path);
    const id = this.string(o.id, `${path}.id`);
    const kind = this.string(o.kind, `${path}.kind`);
    const year = this.integer(o.year, `${path}.year`);
    if (id !== `${kind}-${year}`)
      this.fail(`${path}.id`, `expected "${kind}-${year}" (kind-year), got ${describe(id)}`);
    const domain = o.domain;
    if (!DOMAINS.includes(domain as Domain)) {
      this.fail(`${path}.domain`, `expected one of ${DOMAINS.join(', ')}, got ${describe(domain)}`);
    }
    const color = this.colour(o.color, `${path}.color`);
    const meta: LayerMeta = {
      id,
      kind,
      year,
      geometryId: this.string(o.geometryId, `${path}.geometryId`),
      domain: domain as Domain,
      name: this.localized(o.name, `${path}.name`),
      regionNoun: this.localized(o.regionNoun, `${path}.regionNoun`),
      description: this.localized(o.description, `${path}.description`),
      source: this.source(o.source, `${path}.source`),
      coverage: this.coverage(o.coverage, `${path}.coverage`),
      color,
      isDefaultVisible: this.boolean(o.isDefaultVisible, `${path}.isDefaultVisible`),
    };
    if (o.dash !== undefined) {
      const dash = this.array(o.dash, `${path}.dash`).map((d, i) => this.number(d, `${path}.dash[${i}]`));
      if (dash.length === 0 || dash.some((d) => d < 0)) this.fail(`${path}.dash`, 'expected non-negative dash lengths');
      meta.dash = dash;
    }
    if (o.layout2011 !== undefined) meta.layout2011 = this.layout2011(o.layout2011, `${path}.layout2011`);
    if (o.alsoIn !== undefined) meta.alsoIn = this.agreement(o.alsoIn, `${path}.alsoIn`);
    return meta;
  }
}
