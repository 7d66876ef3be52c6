// СНИЛС: the personal insurance number a Russian doctor is identified by in
// regional registries (`123-456-789 64`). Nine digits and a two-digit check.

/** The check number of a 9-digit SNILS body (numbers up to 001-001-998 have none; returned as computed anyway). */
export function snilsCheck(body9: string): string {
  if (!/^\d{9}$/.test(body9)) throw new RangeError('a SNILS body is 9 digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body9[i]) * (9 - i);
  const check = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101 === 100 ? 0 : sum % 101;
  return String(check).padStart(2, '0');
}

/** Digits only: `123-456-789 64` → `12345678964`. */
export function normalizeSnils(s: string): string {
  return s.replace(/[\s-]/g, '');
}

export function isValidSnils(s: string): boolean {
  const digits = normalizeSnils(s);
  if (!/^\d{11}$/.test(digits)) return false;
  const body = digits.slice(0, 9);
  if (Number(body) <= 1001998) return false; // below the range that carries a check
  return snilsCheck(body) === digits.slice(9);
}

/** `12345678964` → `123-456-789 64` */
export function formatSnils(s: string): string {
  const d = normalizeSnils(s);
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9, 11)}`;
}
