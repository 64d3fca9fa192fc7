// What counts as a date in our files: a day that exists on the calendar (2024-02-29, never 2024-02-30).
import { z } from 'zod';

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when `text` starts with `YYYY-MM-DD` naming a real calendar day (leap years included). */
export function isCalendarDay(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (!(month >= 1 && month <= 12 && day >= 1)) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS[month - 1]!);
}

/** A policy date (a waiver's expiry, a threshold): `YYYY-MM-DD`, a real calendar day. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2027-01-31')
  .refine(isCalendarDay, 'must be a real date like 2027-01-31');
