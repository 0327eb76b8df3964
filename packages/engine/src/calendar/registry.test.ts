import { describe, expect, it } from 'vitest';
import { CalendarHorizonError, CalendarOverlayError, UnknownCalendarError } from './errors.js';
import { CalendarRegistry, defaultCalendarRegistry, getCalendar } from './registry.js';

const registry = defaultCalendarRegistry();

describe('calendar registry', () => {
  it('has the mainland and 广西 calendars', () => {
    expect(registry.names()).toEqual(['CN', 'CN-GX']);
    expect(getCalendar('CN-GX').base).toBe('CN');
  });

  it('throws a typed error naming the known calendars for an unknown name', () => {
    expect(() => registry.getCalendar('CN-XX')).toThrow(UnknownCalendarError);
    expect(() => registry.getCalendar('CN-XX')).toThrow(/Known calendars: CN, CN-GX/);
  });

  it('gives 广西 壮族三月三 (lunar 3/3–3/4) off on top of the mainland calendar', () => {
    const gx = registry.getCalendar('CN-GX');
    const cn = registry.getCalendar('CN');
    // 2025: lunar 3/3 is Monday 31 March.
    expect(cn.isWorkingDay('2025-03-31')).toBe(true);
    expect(gx.isWorkingDay('2025-03-31')).toBe(false);
    expect(gx.isWorkingDay('2025-04-01')).toBe(false);
    expect(gx.dayName('2025-03-31')).toBe('壮族三月三');
    expect(gx.workingDaysBetween('2025-03-28', '2025-04-02')).toBe(
      cn.workingDaysBetween('2025-03-28', '2025-04-02') - 2,
    );
    // Every other day is the same as the mainland's.
    for (let d = '2025-01-01'; d <= '2025-12-31'; d = cn.addNaturalDays(d, 1)) {
      if (gx.dayName(d) !== '壮族三月三') expect(gx.isWorkingDay(d), d).toBe(cn.isWorkingDay(d));
    }
  });
});

describe('overlays from JSON', () => {
  const overlay = {
    name: 'CN-GX-NN',
    extends: 'CN-GX',
    description: '南宁市',
    holidays: { '2026-03-02': '地方节日' },
    workdays: ['2026-03-07'],
  };

  it('derives a calendar from JSON text and leaves the original registry alone', () => {
    const next = registry.withOverlay(JSON.stringify(overlay), 'nn.json');
    const nn = next.getCalendar('CN-GX-NN');
    expect(nn.isWorkingDay('2026-03-02')).toBe(false);
    expect(nn.isWorkingDay('2026-03-07')).toBe(true);
    expect(nn.isWorkingDay('2026-04-20')).toBe(false); // inherited 三月三
    expect(nn.description).toBe('南宁市');
    expect(registry.has('CN-GX-NN')).toBe(false);
  });

  it('extends the horizon when the overlay declares a later last year', () => {
    const next = registry.withOverlay({
      name: 'CN-2027',
      extends: 'CN',
      lastYear: 2027,
      holidays: ['2027-01-01'],
    });
    const calendar = next.getCalendar('CN-2027');
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });

  const bad: [string, unknown, RegExp][] = [
    ['not JSON', '{"name": ', /not valid JSON/],
    ['not an object', '[1]', /must be a JSON object/],
    ['unknown field', { ...overlay, holiday: [] }, /unknown field 'holiday'/],
    ['bad name', { ...overlay, name: '' }, /name must be/],
    ['no base', { name: 'X' }, /extends must name/],
    ['bad date in list', { ...overlay, workdays: ['2026-02-30'] }, /workdays\[0\] is "2026-02-30"/],
    ['bad date key', { ...overlay, holidays: { tomorrow: 'x' } }, /holidays has key "tomorrow"/],
    ['name not a string', { ...overlay, holidays: { '2026-03-02': 1 } }, /must be the day's name/],
    ['both lists', { ...overlay, workdays: ['2026-03-02'] }, /both in holidays and in workdays/],
    ['outside the years', { ...overlay, holidays: ['2027-05-01'] }, /outside its years 2004–2026/],
    ['lastYear not integer', { ...overlay, lastYear: '2027' }, /lastYear must be an integer/],
    ['bad zone', { ...overlay, zone: 'Nowhere/City' }, /not an IANA time zone/],
  ];
  it.each(bad)('refuses %s with a typed error saying what is wrong', (_, value, message) => {
    const run = () => registry.withOverlay(value);
    expect(run).toThrow(CalendarOverlayError);
    expect(run).toThrow(message);
  });

  it('amends a calendar in place when the overlay carries its name: next year before the package has it', () => {
    const amended = registry.withOverlay({
      name: 'CN',
      extends: 'CN',
      lastYear: 2027,
      holidays: { '2027-01-01': '元旦' },
    });
    expect(amended.names()).toEqual(registry.names());
    const cn = amended.getCalendar('CN');
    expect(cn.lastYear).toBe(2027);
    // 2026-12-31 is a Thursday; 2027-01-01 (Friday) is the overlay's holiday, then a weekend.
    expect(cn.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(() => registry.getCalendar('CN').addWorkingDays('2026-12-31', 1)).toThrow(CalendarHorizonError);
    // CN-GX was derived from the old CN and keeps its own horizon.
    expect(amended.getCalendar('CN-GX').lastYear).toBe(registry.getCalendar('CN-GX').lastYear);
  });

  it('refuses an overlay on an unknown calendar', () => {
    expect(() => registry.withOverlay({ name: 'A', extends: 'NOPE' })).toThrow(UnknownCalendarError);
  });

  it('builds registries from calendars', () => {
    const only = new CalendarRegistry([registry.getCalendar('CN')]);
    expect(only.names()).toEqual(['CN']);
    expect(only.with(registry.getCalendar('CN-GX')).names()).toEqual(['CN', 'CN-GX']);
  });
});
