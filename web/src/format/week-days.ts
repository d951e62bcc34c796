/** Days of the week as the API writes them (`mon`…`sun`), in words. */

const WEEKDAY_WORDS: Record<string, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};
const WEEK = Object.keys(WEEKDAY_WORDS);

/** "Mon–Fri", "Mon, Wed, Fri", "every day": consecutive days read as a range. */
export function describeDays(days: readonly string[]): string {
  const sorted = WEEK.filter((day) => days.includes(day));
  if (sorted.length === 7) return 'every day';
  const runs: string[][] = [];
  for (const day of sorted) {
    const last = runs.at(-1);
    if (last && WEEK.indexOf(day) === WEEK.indexOf(last.at(-1) as string) + 1) last.push(day);
    else runs.push([day]);
  }
  return runs
    .map((run) =>
      run.length >= 3
        ? `${WEEKDAY_WORDS[run[0] as string]}–${WEEKDAY_WORDS[run.at(-1) as string]}`
        : run.map((day) => WEEKDAY_WORDS[day]).join(', '),
    )
    .join(', ');
}
