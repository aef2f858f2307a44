// The Kyrgyz personal identification number (PIN, INN) of a child: 14 digits,
// the sex digit (1 female, 2 male), the birth date DDMMYYYY, a 5-digit serial.
import { isValidDate } from '../log/instant';

export interface Pin {
  sex: 'female' | 'male';
  /** `YYYY-MM-DD` */
  birthDate: string;
  /** YYYYMMDD as a number, for range checks */
  birthKey: number;
  serial: string;
}

/**
 * The birth date of a valid PIN as YYYYMMDD, or -1 if the PIN is invalid.
 * The engine's hot path: no allocation.
 */
export function pinBirthKey(pin: string): number {
  if (pin.length !== 14) return -1;
  let d = 0,
    m = 0,
    y = 0;
  for (let i = 0; i < 14; i++) {
    const c = pin.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    if (i < 3) d = i === 0 ? 0 : d * 10 + c;
    else if (i < 5) m = m * 10 + c;
    else if (i < 9) y = y * 10 + c;
  }
  const sex = pin.charCodeAt(0) - 48;
  if ((sex !== 1 && sex !== 2) || !isValidDate(y, m, d)) return -1;
  return y * 10_000 + m * 100 + d;
}

export function parsePin(pin: string): Pin | null {
  const birthKey = pinBirthKey(pin);
  if (birthKey < 0) return null;
  return {
    sex: pin[0] === '1' ? 'female' : 'male',
    birthDate: `${pin.slice(5, 9)}-${pin.slice(3, 5)}-${pin.slice(1, 3)}`,
    birthKey,
    serial: pin.slice(9),
  };
}

export function isValidPin(pin: string): boolean {
  return parsePin(pin) !== null;
}
