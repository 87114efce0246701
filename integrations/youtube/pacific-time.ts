// YouTube's daily quota resets at midnight Pacific time (platforms.md §4.4).
const PACIFIC = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function pacificParts(date: Date): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of PACIFIC.formatToParts(date)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return parts;
}

/** The Pacific calendar day of an instant, 'YYYY-MM-DD'. */
export function pacificDay(date: Date): string {
  const { year, month, day } = pacificParts(date);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Seconds from `date` to the next midnight in America/Los_Angeles (at least 1). */
export function secondsUntilPacificMidnight(date: Date): number {
  const { hour, minute, second } = pacificParts(date);
  return Math.max(1, 86_400 - (hour * 3600 + minute * 60 + second));
}
