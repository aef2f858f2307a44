// A failed call reaches the user as a sentence: an engine refusal by its reason,
// anything else by its error code; main's English message is never the text.
import { beforeAll, describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { resources } from '../../renderer/src/i18n/resources';
import { describeError } from '../../renderer/src/i18n/describeError';
import { ERROR_CODES } from '../../shared/ipc/contract';

let t: TFunction;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: 'ru',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  t = instance.t;
});

describe('describeError', () => {
  it('names an engine refusal by its reason', () => {
    const text = describeError(t, {
      code: 'refused',
      reason: 'no_free_seats',
      message: 'refused: no_free_seats',
    });
    expect(text).toBe(resources.ru.translation.reason.no_free_seats);
  });

  it('falls back to the error code when a refusal carries a reason the engine does not have', () => {
    const text = describeError(t, {
      code: 'refused',
      reason: 'store_exists',
      message: 'a real district already exists',
    });
    expect(text).toBe(resources.ru.translation.error.refused);
  });

  it.each(ERROR_CODES)('translates the %s error code', (code) => {
    const text = describeError(t, { code, message: 'english detail from main' });
    expect(text).toBe(resources.ru.translation.error[code]);
    expect(text).not.toContain('english detail');
  });
});

describe('describeError: sign-in backoff', () => {
  it.each(['ky', 'ru', 'en'] as const)('says how many seconds to wait, in %s', async (lng) => {
    const instance = i18next.createInstance();
    await instance.init({
      resources,
      lng,
      fallbackLng: false,
      interpolation: { escapeValue: false },
    });
    const text = describeError(instance.t, {
      code: 'refused',
      reason: 'too_many_attempts',
      retryAfterSeconds: 16,
      message: 'x',
    });
    expect(text).toContain('16');
    expect(text).toBe(resources[lng].translation.auth.tooManyAttempts.replace('{{seconds}}', '16'));
  });
});
