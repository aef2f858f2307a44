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

export function parsePin(pin: string): Pin | null {
  if (pin.length !== 14) return null;
  for (let i = 0; i < 14; i++) {
    const c = pin.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const sexDigit = pin.charCodeAt(0) - 48;
  if (sexDigit !== 1 && sexDigit !== 2) return null;
  const d = +pin.slice(1, 3), m = +pin.slice(3, 5), y = +pin.slice(5, 9);
  if (!isValidDate(y, m, d)) return null;
  return {
    sex: sexDigit === 1 ? 'female' : 'male',
    birthDate: `${pin.slice(5, 9)}-${pin.slice(3, 5)}-${pin.slice(1, 3)}`,
    birthKey: y * 10_000 + m * 100 + d,
    serial: pin.slice(9),
  };
}

export function isValidPin(pin: string): boolean {
  return parsePin(pin) !== null;
}
