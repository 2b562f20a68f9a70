// Linear-time orderings for the datalek precompute: stable counting sorts over small
// integer keys (municipality, person, user indices) instead of comparison sorts or large Maps.

/**
 * Distinct (municipality, member) pairs with the earliest time of each, ordered by
 * (municipality, member): two stable counting sorts, then one pass over the runs.
 */
export function firstPerPair(
  municipality: readonly number[],
  member: readonly number[],
  time: readonly number[],
  municipalityCount: number,
  memberCount: number,
): { municipality: Int32Array; member: Int32Array; first: Float64Array } {
  const order = countingSort(municipality, municipalityCount, countingSort(member, memberCount, identity(member.length)));
  const pairMunicipality: number[] = [];
  const pairMember: number[] = [];
  const pairFirst: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const view = order[i];
    const last = pairFirst.length - 1;
    if (last >= 0 && pairMunicipality[last] === municipality[view] && pairMember[last] === member[view]) {
      if (time[view] < pairFirst[last]) pairFirst[last] = time[view];
    } else {
      pairMunicipality.push(municipality[view]);
      pairMember.push(member[view]);
      pairFirst.push(time[view]);
    }
  }
  return { municipality: Int32Array.from(pairMunicipality), member: Int32Array.from(pairMember), first: Float64Array.from(pairFirst) };
}

export function identity(count: number): Int32Array {
  const result = new Int32Array(count);
  for (let i = 0; i < count; i++) result[i] = i;
  return result;
}

/** Stable counting sort of `order` by `keys[order[i]]`, keys in [0, range). */
export function countingSort(keys: ArrayLike<number>, range: number, order: Int32Array): Int32Array {
  const counts = new Int32Array(range + 1);
  for (let i = 0; i < order.length; i++) counts[keys[order[i]] + 1] += 1;
  for (let k = 0; k < range; k++) counts[k + 1] += counts[k];
  const sorted = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const key = keys[order[i]];
    sorted[counts[key]] = order[i];
    counts[key] += 1;
  }
  return sorted;
}

/**
 * Order by (municipality, person, start): two stable counting sorts, then the runs of one
 * person at one municipality (a handful of signals) by start.
 */
export function sortByMunicipalityPersonStart(
  municipality: readonly number[],
  person: readonly number[],
  start: readonly number[],
  municipalityCount: number,
  personCount: number,
): Int32Array {
  const byPerson = countingSort(person, personCount, identity(person.length));
  const order = countingSort(municipality, municipalityCount, byPerson);
  let runStart = 0;
  for (let i = 1; i <= order.length; i++) {
    const ends =
      i === order.length || municipality[order[i]] !== municipality[order[runStart]] || person[order[i]] !== person[order[runStart]];
    if (!ends) continue;
    if (i - runStart > 16) {
      const run = Array.from(order.subarray(runStart, i)).sort((a, b) => start[a] - start[b]);
      order.set(run, runStart);
      runStart = i;
      continue;
    }
    for (let j = runStart + 1; j < i; j++) {
      const moving = order[j];
      let k = j - 1;
      while (k >= runStart && start[order[k]] > start[moving]) {
        order[k + 1] = order[k];
        k--;
      }
      order[k + 1] = moving;
    }
    runStart = i;
  }
  return order;
}
