/** The outcome summary a manual task carries while it waits for its owner. Kept in English in the
 *  task row and the API (as every engine summary); staff pages say it in the reader's language,
 *  recognising it by this exact text (rows written before the pages translated it included). */
export function manualWaitingSummary(owner: string): string {
  return `Waiting for ${owner} to do this by hand and record the outcome.`;
}
