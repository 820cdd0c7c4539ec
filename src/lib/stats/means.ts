/**
 * The three means every per-gemeente figure is reported with: plain, by area and by inhabitants (over the
 * gemeenten whose inhabitants are known, counting those left out). Pure; used by congruence.ts and
 * multi-congruence.ts, which add one value per gemeente of the topology index.
 */
import type { TopologyIndex } from '../model/topology-index';

/** The means of the values added, null where nothing was added (or no weight). */
export interface WeightedMeans {
  mean: number | null;
  meanByArea: number | null;
  /** Over gemeenten with known inhabitants only; null when none is known. */
  meanByInhabitants: number | null;
  /** Gemeenten added whose inhabitants are not known, left out of `meanByInhabitants`. */
  unknownInhabitantsCount: number;
}

/** Adds one value per gemeente (by its number in `index`) and gives the three means. */
export class MeansAccumulator {
  private count = 0;
  private sum = 0;
  private areaSum = 0;
  private areaTotal = 0;
  private peopleSum = 0;
  private peopleTotal = 0;
  private unknownInhabitantsCount = 0;

  constructor(private readonly index: Pick<TopologyIndex, 'areaKm2' | 'inhabitants'>) {}

  /** The value of gemeente number `n`. */
  add(n: number, value: number): void {
    this.count++;
    this.sum += value;
    const areaKm2 = this.index.areaKm2[n]!;
    this.areaSum += areaKm2 * value;
    this.areaTotal += areaKm2;
    const people = this.index.inhabitants[n]!;
    if (Number.isNaN(people)) this.unknownInhabitantsCount++;
    else {
      this.peopleSum += people * value;
      this.peopleTotal += people;
    }
  }

  means(): WeightedMeans {
    return {
      mean: this.count > 0 ? this.sum / this.count : null,
      meanByArea: this.areaTotal > 0 ? this.areaSum / this.areaTotal : null,
      meanByInhabitants: this.peopleTotal > 0 ? this.peopleSum / this.peopleTotal : null,
      unknownInhabitantsCount: this.unknownInhabitantsCount,
    };
  }
}
