// Times in the operator's time zone, always labelled with it. The zone is an IANA id (Europe/Berlin).

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';

export function isZone(zone) {
  try {
    Intl.DateTimeFormat([], { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map();
function format(zone, options) {
  const key = `${zone}|${JSON.stringify(options)}`;
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options }));
  return formats.get(key);
}

/** "07:42" in the zone. */
export const zoneClock = (iso, zone) => format(zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** "Mon 23 Nov, 07:42" in the zone. */
export const zoneDateTime = (iso, zone) =>
  format(zone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** "07:42" today, "yesterday 21:10", or the day for anything older ("23 Nov"), in the zone. */
export function zoneWhen(iso, zone, now = new Date()) {
  const day = (d) => format(zone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const then = new Date(iso);
  if (day(then) === day(now)) return zoneClock(iso, zone);
  if (day(then) === day(new Date(now.getTime() - 86400000))) return `yesterday ${zoneClock(iso, zone)}`;
  return format(zone, { day: 'numeric', month: 'short' }).format(then);
}

/** Minutes the zone is ahead of UTC at `instant`. */
function offsetMinutes(instant, zone) {
  const parts = Object.fromEntries(format(zone, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(instant).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** Yesterday at `hhmm` ("18:00") in the zone, as an instant. */
export function yesterdayAt(hhmm, zone, now = new Date()) {
  const [hour, minute] = hhmm.split(':').map(Number);
  const today = Object.fromEntries(format(zone, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+today.year, +today.month - 1, +today.day - 1, hour, minute);
  let instant = new Date(wall - offsetMinutes(new Date(wall), zone) * 60000);
  // Once more from the first guess: the offset may differ between the guess and the answer around a DST change.
  instant = new Date(wall - offsetMinutes(instant, zone) * 60000);
  return instant;
}

/** "2 h 05 min", "35 min", "3 d 4 h". */
export function span(seconds) {
  const minutes = Math.max(0, Math.round(seconds / 60));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
