// «Отметиться о приходе» end to end in Chromium, on the embedded scheduler and on
// the FHIR adapter against a FHIR server on loopback: by the keypad (identify,
// «Это вы?», the arrival recorded), and by the QR of the patient's own ticket
// typed in by a keyboard-wedge scanner; a forged QR and another clinic's, each
// with its plain answer. The slip comes out of the virtual printer (TCP).
import { expect, test } from '@playwright/test';
import { ticketCode } from '../../device-bridge/check-in/ticket-code';
import { DEMO_PATIENT } from '../kiosk-harness';
import { bookToday, scanUntil, slipsOf, SMIRNOV, startCheckInKiosk } from './check-in-kiosk';
import { typePolicyOnKeypad } from './kiosk-page';

for (const backend of ['embedded', 'fhir'] as const) {
  test.describe(`check-in on arrival (${backend})`, () => {
    test('by the keypad: «Отметиться о приходе», the policy, «Это вы?», and the arrival is recorded with a slip', async ({ page }) => {
      const kut = await startCheckInKiosk(backend);
      try {
        const booked = await bookToday(kut.kiosk, DEMO_PATIENT.policy);
        await page.goto(kut.kiosk.url);
        await page.getByRole('button', { name: /Отметиться о приходе/ }).tap();
        await expect(page.getByRole('heading', { name: 'Введите номер полиса ОМС' })).toBeVisible();
        await typePolicyOnKeypad(page, DEMO_PATIENT.policy);
        await page.getByRole('button', { name: 'Продолжить' }).tap();
        await page.getByRole('button', { name: 'Да, это я' }).tap();
        await expect(page.getByRole('heading', { name: 'Вы отметились' })).toBeVisible();
        await expect(page.getByTestId('check-in-where')).toContainText(`Кабинет ${booked.room}`);
        await expect(page.getByTestId('check-in-where')).toContainText(booked.time);
        await expect(page.getByText('Вас пригласят. Подождите у кабинета.')).toBeVisible();
        await expect.poll(() => slipsOf(kut.kiosk).length).toBe(1);
        expect(slipsOf(kut.kiosk)[0]!.lines.join('\n')).toContain(`Кабинет ${booked.room}, ${booked.time}`);
        await page.getByRole('button', { name: 'Готово' }).tap();
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
      } finally {
        await kut.close();
      }
    });

    test('by the ticket QR through a keyboard-wedge scanner, no typing; a forged QR, another clinic\'s and a too early one are told apart', async ({ page }) => {
      const kut = await startCheckInKiosk(backend);
      try {
        const booked = await bookToday(kut.kiosk, DEMO_PATIENT.policy);
        // Смирнов's district doctor sees patients from 14:00 on Mondays
        const afternoon = await bookToday(kut.kiosk, SMIRNOV);
        expect(booked.code).toMatch(/^\d+$/);
        await page.goto(kut.kiosk.url);
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();

        const forged = booked.code.slice(0, -1) + (booked.code.endsWith('7') ? '8' : '7');
        await scanUntil(page, forged, page.getByRole('heading', { name: 'Талон не прошёл проверку' }));
        await page.getByRole('button', { name: 'Готово' }).tap();
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();

        const elsewhere = ticketCode({ clinic: 'ГБУЗ «Городская поликлиника № 7»', secret: 'their-own' }, 'З-2611-0001')!;
        await scanUntil(page, elsewhere, page.getByRole('heading', { name: 'Талон другой поликлиники' }));
        await page.getByRole('button', { name: 'Готово' }).tap();
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
        expect(slipsOf(kut.kiosk)).toHaveLength(0);

        await scanUntil(page, afternoon.code, page.getByRole('heading', { name: 'Пока рано отмечаться' }));
        await expect(page.getByText(`Ваш приём в ${afternoon.time}. Отметиться можно с`)).toBeVisible();
        await page.getByRole('button', { name: 'Готово' }).tap();
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();

        await scanUntil(page, booked.code, page.getByRole('heading', { name: 'Вы отметились' }));
        await expect(page.getByTestId('check-in-where')).toContainText(`Кабинет ${booked.room}`);
        // no name on screen: the QR identified the booking, not the person
        await expect(page.locator('body')).not.toContainText(DEMO_PATIENT.surname);
        await expect.poll(() => slipsOf(kut.kiosk).length).toBe(1);
      } finally {
        await kut.close();
      }
    });
  });
}
