/**
 * Purposes of keyed random draws. A draw is (seed, replication, group key, SR index in group,
 * purpose, index): adding a purpose never shifts another's values. Never renumber these.
 */
export const PURPOSE = {
  /** u for the activation instant (index 0). */
  place: 1,
  /** u for the number of DLMS commands of the SR (index 0). */
  dlms: 2,
  /** u < share ⇒ the device cannot be reached all day (index 0). */
  unreachable: 3,
  /** u < success probability of attempt k (index k). */
  wanSuccess: 4,
  /** round trip per DLMS command of attempt k (index k). */
  wanLatency: 5,
  /** u < probability of "Data Not Available" (index 0). */
  dataNotAvailable: 6,
  /** exponential gaps of a discrete baseline stream (key = capacity, index = arrival number). */
  baselineGap: 7,
} as const;
