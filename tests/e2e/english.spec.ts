// English that a foreigner can use (issue 17, item 10): a whole booking in English, and on every screen no
// Cyrillic text is left but the names of people (the patient, the doctors) and of the clinic. Specialty names
// and every other string come from the English locale by code (`specialty.ophthalmologist`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PATIENT, REPO_ROOT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest;

test.beforeEach(async () => {
  kut = await startKioskUnderTest();
});

test.afterEach(async () => {
  await kut.kiosk.close();
});

async function typeInEnglish(page: Page, digits: string): Promise<void> {
  for (const digit of digits) await page.getByRole('button', { name: `Digit ${digit}`, exact: true }).tap({ timeout: 5000 });
}

/** «Петрова Анна Сергеевна» and «Петрова А. С.»: how a doctor's name appears on screen. */
function doctorNames(): string[] {
  const clinic = JSON.parse(readFileSync(join(REPO_ROOT, 'config/demo-clinic.json'), 'utf8')) as { doctors: { fullName: string }[] };
  return clinic.doctors.flatMap(({ fullName }) => {
    const [surname = '', ...rest] = fullName.split(' ');
    return [fullName, `${surname} ${rest.map((part) => `${part[0]}.`).join(' ')}`];
  });
}

/** The screen's visible text, without the names it may show in Russian: what is left must have no Cyrillic. */
async function cyrillicLeft(page: Page): Promise<string[]> {
  const allowed = [kut.config.clinic.name, kut.config.clinic.address, DEMO_PATIENT.display, ...doctorNames()].sort((a, b) => b.length - a.length);
  let text = await page.locator('body').innerText();
  for (const name of allowed) text = text.replaceAll(name, '');
  return text.split('\n').filter((line) => /[\u0400-\u04FF]/.test(line));
}

test('a booking in English shows no Russian but the names of people and of the clinic', async ({ page }) => {
  await page.goto(kut.kiosk.url);
  await page.getByRole('button', { name: 'English' }).tap();
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  // The language names are the one place both languages stand side by side, each in its own.
  expect((await cyrillicLeft(page)).filter((line) => line !== 'Русский')).toEqual([]);

  await page.getByRole('button', { name: 'Start' }).tap();
  await typeInEnglish(page, DEMO_PATIENT.policy.slice(0, 5));
  expect(await cyrillicLeft(page), 'identify').toEqual([]);
  await typeInEnglish(page, DEMO_PATIENT.policy.slice(5));
  await page.getByRole('button', { name: 'Continue' }).tap();
  await expect(page.getByRole('heading', { name: 'Is this you?' })).toBeVisible();
  expect(await cyrillicLeft(page), 'is this you').toEqual([]);
  await page.getByRole('button', { name: 'Yes, this is me' }).tap();

  await expect(page.getByRole('button', { name: /^Ophthalmologist \(eye doctor\)/ })).toBeVisible();
  expect(await cyrillicLeft(page), 'specialties').toEqual([]);
  await page.getByRole('button', { name: /^Ophthalmologist \(eye doctor\)/ }).tap();
  const firstTime = page.getByRole('group', { name: 'Time' }).getByRole('button').first();
  await expect(firstTime).toBeVisible();
  expect(await cyrillicLeft(page), 'times').toEqual([]);
  await firstTime.tap();

  await expect(page.getByRole('heading', { name: 'Check your appointment' })).toBeVisible();
  await expect(page.locator('.summary')).toContainText('Ophthalmologist (eye doctor)');
  expect(await cyrillicLeft(page), 'review').toEqual([]);
  await page.getByRole('button', { name: 'Book', exact: true }).tap();
  await expect(page.getByText('Take your ticket from the printer')).toBeVisible();
  expect(await cyrillicLeft(page), 'done').toEqual([]);
});
