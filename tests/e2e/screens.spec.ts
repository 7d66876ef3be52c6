// Every screen, portrait (1080×1920) and landscape (1920×1080), in normal,
// large-text and high-contrast modes: a screenshot for a person to look at
// (test-results/screens/<orientation>-<mode>/), axe-core with 0 violations,
// and the touch rules: nothing wider than the screen, every button at least
// 20 mm (76 px), the main action and the way out visible without scrolling,
// and the patient's checks of ./screen-checks.ts (hidden choices, broken words,
// large-text minimum, reach).
import Database from 'better-sqlite3';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { DEMO_PATIENT, startKioskUnderTest, TEST_SERVICE_PIN, TEST_VOLUNTEER_PIN, type KioskUnderTest } from '../kiosk-harness';
import { ptyPair } from '../serial-pty';
import { identify, openServiceEntry, pickFirstFreeSlot, pageTo, showSpecialty, specialtyCard, typePolicyOnKeypad, typeServicePin } from './kiosk-page';
import { applyMode, checkScreen, MODES, ORIENTATIONS } from './screen-step';


let kut: KioskUnderTest;

// A fresh kiosk per test: each walk books the same demo patient, and the
// booking policy allows one active booking per specialty.
test.beforeEach(async () => {
  kut = await startKioskUnderTest();
});

test.afterEach(async () => {
  await kut.kiosk.close();
});

for (const { name: orientation, viewport } of ORIENTATIONS) {
  for (const mode of MODES) {
    const folder = `${orientation}-${mode}`;
    test.describe(folder, () => {
      test.use({ viewport });
      // A walk checks some twenty screens letter by letter and with axe: more than the default minute on a busy machine.
      test.describe.configure({ timeout: 480_000 });

      test(`every screen of a booking fits, is touchable and accessible (${folder})`, async ({ page }) => {
        // Fourteen screens, each with axe and its help open: more than the default minute on a shared machine.
        test.setTimeout(180_000);
        await page.goto(kut.kiosk.url);
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
        await applyMode(page, mode);
        await checkScreen(page, folder, mode, '01-attract');
        await page.getByRole('button', { name: 'Помощь' }).tap();
        await expect(page.getByRole('dialog')).toBeVisible();
        await checkScreen(page, folder, mode, '01b-help');
        await page.getByRole('button', { name: 'Понятно' }).tap();

        // The памятка from the attract screen: "did not print" (paper out), then "take it".
        kut.kiosk.virtualPrinter!.setFault('paper-out');
        await page.getByRole('button', { name: 'Распечатать памятку' }).tap();
        await expect(page.getByText('Принтер сейчас не печатает: закончилась бумага.')).toBeVisible();
        await checkScreen(page, folder, mode, '01c-attract-memo-failed');
        await page.getByRole('button', { name: 'Хорошо' }).tap();
        kut.kiosk.virtualPrinter!.setFault('none');
        await page.getByRole('button', { name: 'Распечатать памятку' }).tap();
        await expect(page.getByText('Памятка напечатана — возьмите её')).toBeVisible();
        await checkScreen(page, folder, mode, '01d-attract-memo-printed');
        await page.getByRole('button', { name: 'Хорошо' }).tap();

        await page.getByRole('button', { name: 'Начать' }).tap();
        await typePolicyOnKeypad(page, DEMO_PATIENT.policy.slice(0, 7));
        await checkScreen(page, folder, mode, '02-identify');
        await typePolicyOnKeypad(page, DEMO_PATIENT.policy.slice(7, 15) + '1');
        await expect(page.getByRole('alert')).toBeVisible();
        await checkScreen(page, folder, mode, '03-identify-check-digit-error');
        // The other kinds of number: a temporary certificate, an old-style series and number on the letter keypad.
        await page.getByRole('button', { name: /^Временное свидетельство/ }).tap();
        await typePolicyOnKeypad(page, '57031');
        await checkScreen(page, folder, mode, '03b-identify-temporary');
        await page.getByRole('button', { name: /^Полис старого образца/ }).tap();
        for (const letter of 'ЯБ') await page.getByRole('button', { name: `Буква ${letter}`, exact: true }).tap();
        await page.getByRole('button', { name: 'Пробел' }).tap();
        await typePolicyOnKeypad(page, '572');
        await checkScreen(page, folder, mode, '03c-identify-old-style');
        await page.getByRole('button', { name: /^Полис ОМС/ }).tap();
        await page.getByRole('button', { name: 'Очистить' }).tap();
        await typePolicyOnKeypad(page, DEMO_PATIENT.policy);
        await page.getByRole('button', { name: 'Продолжить' }).tap();
        await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible();
        await checkScreen(page, folder, mode, '04-confirm-identity');
        await page.getByRole('button', { name: 'Да, это я' }).tap();
        await expect(page.getByRole('heading', { name: 'К какому врачу записаться?' })).toBeVisible();
        await checkScreen(page, folder, mode, '05-specialty');

        await page.getByRole('button', { name: /^Терапевт участковый/ }).tap();
        await expect(page.getByRole('group', { name: 'Время' })).toBeVisible();
        await checkScreen(page, folder, mode, '06-slot');
        await page.getByRole('button', { name: 'Назад', exact: true }).tap();

        await pickFirstFreeSlot(page, 'Хирург');
        await checkScreen(page, folder, mode, '07-review');

        await page.getByRole('button', { name: 'Записаться' }).tap();
        await expect(page.getByText('Возьмите талон из принтера')).toBeVisible();
        await checkScreen(page, folder, mode, '08-done-printed');
        await page.getByRole('button', { name: 'Готово' }).tap();

        kut.kiosk.virtualPrinter!.setFault('paper-out');
        try {
          await applyMode(page, mode);
          await identify(page, DEMO_PATIENT.policy);
          await pickFirstFreeSlot(page, 'Офтальмолог');
          await expect(page.getByText('Принтер сейчас не печатает')).toBeVisible({ timeout: 10_000 });
          await checkScreen(page, folder, mode, '09-review-printer-down');
          await page.getByRole('button', { name: 'Записаться' }).tap();
          await expect(page.getByText('Талон не напечатался')).toBeVisible();
          await checkScreen(page, folder, mode, '10-done-not-printed');
          await page.getByRole('button', { name: 'Готово' }).tap();
        } finally {
          kut.kiosk.virtualPrinter!.setFault('none');
        }
      });

      test(`my appointments, cancelling, no free time and the waiting list (${folder})`, async ({ page }) => {
        // The clinic's ЛОР has nothing free: the no-slots branch.
        const db = new Database(kut.dbPath);
        db.prepare(`DELETE FROM slots WHERE doctor_id IN (SELECT id FROM doctors WHERE specialty_code = 'otolaryngologist')`).run();
        db.close();
        await page.goto(kut.kiosk.url);
        await applyMode(page, mode);
        await identify(page, DEMO_PATIENT.policy);
        await showSpecialty(page, 'Хирург');
        await specialtyCard(page, 'Хирург').getByRole('button', { name: /^Записаться на/ }).tap();
        await page.getByRole('button', { name: 'Записаться', exact: true }).tap();
        await page.getByRole('button', { name: 'Записаться к другому врачу' }).tap();
        await showSpecialty(page, 'Хирург');
        await expect(specialtyCard(page, 'Хирург')).toContainText('Вы уже записаны');
        await checkScreen(page, folder, mode, '13-specialty-after-booking');

        await page.getByRole('button', { name: 'Мои записи' }).tap();
        await expect(page.locator('.appointment')).toHaveCount(1);
        await checkScreen(page, folder, mode, '14-my-appointments');
        await page.getByRole('button', { name: 'Отменить' }).tap();
        await expect(page.getByRole('heading', { name: 'Отменить запись?' })).toBeVisible();
        await checkScreen(page, folder, mode, '15-confirm-cancel');
        await page.getByRole('button', { name: 'Да, отменить' }).tap();
        await expect(page.getByText('Запись отменена.')).toBeVisible();
        await checkScreen(page, folder, mode, '16-cancelled');
        await page.getByRole('button', { name: 'Назад', exact: true }).tap();

        await showSpecialty(page, 'Оториноларинголог');
        await specialtyCard(page, 'Оториноларинголог').getByRole('button').first().tap();
        await expect(page.getByRole('button', { name: 'Встать в лист ожидания' })).toBeVisible();
        await checkScreen(page, folder, mode, '17-no-slots');
        await page.getByRole('button', { name: 'Встать в лист ожидания' }).tap();
        await expect(page.getByRole('heading', { name: 'Вы в листе ожидания' })).toBeVisible();
        // The number the registry will call, from the patient's record, masked: enough to recognise, not to copy.
        await expect(page.getByText('Позвоним на номер из вашей карты: +7 9•• •••-••-67')).toBeVisible();
        await checkScreen(page, folder, mode, '18-waiting-list');
      });

      test(`the idle question and the dead-end screen offer a way on (${folder})`, async ({ page }) => {
        await page.clock.install();
        // The scheduler outage is simulated at the narrowest seam: one HTTP answer.
        await page.route('**/api/specialties', (route) =>
          route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { kind: 'unavailable', cause: 'timeout' } }) }),
        );
        await page.goto(kut.kiosk.url);
        await applyMode(page, mode);
        await page.getByRole('button', { name: 'Начать' }).tap();
        await page.clock.fastForward(61_000);
        await expect(page.getByRole('alertdialog', { name: 'Нужно больше времени?' })).toBeVisible();
        await checkScreen(page, folder, mode, '11-idle-question');
        await page.getByRole('button', { name: 'Да, продолжить' }).tap();
        await expect(page.getByRole('alertdialog')).toHaveCount(0);

        await typePolicyOnKeypad(page, DEMO_PATIENT.policy);
        await page.getByRole('button', { name: 'Продолжить' }).tap();
        await page.getByRole('button', { name: 'Да, это я' }).tap();
        await expect(page.getByText('Расписание поликлиники сейчас недоступно')).toBeVisible();
        await checkScreen(page, folder, mode, '12-failed');
        await page.getByRole('button', { name: 'Позвать волонтёра' }).tap();
        await expect(page.getByRole('dialog', { name: 'Мы позвали волонтёра, подождите здесь' })).toBeVisible();
        await checkScreen(page, folder, mode, '12b-assistance');
        await page.getByRole('button', { name: 'Закрыть' }).tap();
        await page.getByRole('button', { name: 'Начать заново' }).tap();
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
      });

      test(`leaving a request while the schedule is down (${folder})`, async ({ page }) => {
        // Seven screens, each checked with axe (and its help in normal mode): more than the default minute on a busy machine.
        test.setTimeout(150_000);
        // The outage as the UI meets it (one HTTP answer, as above); the request itself goes to the real outbox.
        await page.route('**/api/sessions', (route) =>
          route.request().method() === 'POST'
            ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { kind: 'unavailable', cause: 'timeout' } }) })
            : route.continue(),
        );
        await page.goto(kut.kiosk.url);
        await applyMode(page, mode);
        await page.getByRole('button', { name: 'Начать' }).tap();
        await typePolicyOnKeypad(page, DEMO_PATIENT.policy);
        await page.getByRole('button', { name: 'Продолжить' }).tap();
        await expect(page.getByRole('button', { name: 'Оставить заявку' })).toBeVisible();
        await checkScreen(page, folder, mode, '30-failed-with-request');
        await page.getByRole('button', { name: 'Оставить заявку' }).tap();
        await expect(page.getByRole('heading', { name: 'К какому врачу?' })).toBeVisible();
        await checkScreen(page, folder, mode, '31-request-specialty');
        await pageTo(page, page.getByRole('button', { name: /^Хирург/ }));
        await page.getByRole('button', { name: /^Хирург/ }).first().tap();
        await expect(page.getByRole('heading', { name: 'Что случилось?' })).toBeVisible();
        await checkScreen(page, folder, mode, '32-request-claim');
        await page.getByRole('button', { name: 'Нет свободного времени' }).tap();
        await typePolicyOnKeypad(page, '4');
        await expect(page.getByRole('alert')).toContainText('начинается с 9');
        await checkScreen(page, folder, mode, '33-request-phone-not-mobile');
        await typePolicyOnKeypad(page, '916123');
        await page.getByRole('button', { name: 'Отправить заявку' }).tap();
        await expect(page.getByRole('alert')).toContainText('не хватает 4 цифр');
        await checkScreen(page, folder, mode, '34-request-phone-too-short');
        await typePolicyOnKeypad(page, '4567');
        await expect(page.getByTestId('phone-display')).toHaveText('+7 916 123-45-67');
        await checkScreen(page, folder, mode, '35-request-phone-complete');
        await page.getByRole('button', { name: 'Отправить заявку' }).tap();
        await expect(page.getByRole('heading', { name: 'Заявка принята' })).toBeVisible();
        await checkScreen(page, folder, mode, '36-request-accepted');
        await page.getByRole('button', { name: 'Готово' }).tap();
        await expect(page.getByRole('button', { name: 'Начать' })).toBeVisible();
      });

      test(`identification: the card/QR hint, the birth-date step, «не найден», «Это вы?» (${folder})`, async ({ page }) => {
        // Six screens, each with axe and its help: longer than one screen's walk.
        test.setTimeout(150_000);
        // A serial scanner on a pseudo-terminal (the hint shows only while one is open), and the birth date asked.
        const pty = await ptyPair();
        const asking = await startKioskUnderTest({ identification: { askBirthDate: true }, cardReader: { enabled: false }, scanners: [`serial://${pty.a}`] });
        try {
          await page.clock.setFixedTime(new Date('2026-12-03T09:00:00Z'));
          await page.goto(asking.kiosk.url);
          await applyMode(page, mode);
          await page.getByRole('button', { name: 'Начать' }).tap();
          await expect(page.getByTestId('device-hint')).toBeVisible();
          await checkScreen(page, folder, mode, '19-identify-device-hint');
          await typePolicyOnKeypad(page, DEMO_PATIENT.policy);
          await page.getByRole('button', { name: 'Продолжить' }).tap();
          await typePolicyOnKeypad(page, '1310');
          await checkScreen(page, folder, mode, '20-birth-date');
          await typePolicyOnKeypad(page, '209');
          await expect(page.getByRole('alert')).toBeVisible();
          await checkScreen(page, folder, mode, '21-birth-date-future');
          for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Стереть' }).tap();
          await typePolicyOnKeypad(page, '1978');
          await page.getByRole('button', { name: 'Продолжить' }).tap();
          await expect(page.getByRole('button', { name: 'Исправить номер' })).toBeVisible();
          await checkScreen(page, folder, mode, '22-identify-not-found');
          await page.getByRole('button', { name: 'Исправить номер' }).tap();
          await page.getByRole('button', { name: 'Продолжить' }).tap();
          await page.getByRole('button', { name: 'Стереть' }).tap();
          await typePolicyOnKeypad(page, '9');
          await page.getByRole('button', { name: 'Продолжить' }).tap();
          await expect(page.getByRole('heading', { name: 'Это вы?' })).toBeVisible();
          await checkScreen(page, folder, mode, '23-confirm-identity-birth-date');
          await page.getByRole('button', { name: 'Нет, это не я' }).tap();
          // What an N3 hub answers a typed number: an id, no name. One HTTP answer stands in for it; the screen must not invent a name.
          await page.route('**/api/sessions', (route) =>
            route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: { sessionId: 'n3', patient: { displayName: null, birthYear: 1979, policyLast4: '6380' } } }) }),
          );
          await typePolicyOnKeypad(page, DEMO_PATIENT.policy);
          await page.getByRole('button', { name: 'Продолжить' }).tap();
          await typePolicyOnKeypad(page, '13101979');
          await page.getByRole('button', { name: 'Продолжить' }).tap();
          await expect(page.locator('.identity-card')).toContainText('Дата рождения: 13.10.1979');
          await expect(page.locator('.identity-card')).not.toContainText(DEMO_PATIENT.surname);
          await checkScreen(page, folder, mode, '24-confirm-identity-no-name');
        } finally {
          await asking.kiosk.close();
          pty.close();
        }
      });
    });
  }
}

// Issue 17, items 1, 5, 13 and 14, in both orientations and all three modes: the done screen whose ticket did
// not print (the idle question over it, then «Напечатать ещё раз» once paper is back), training mode's attract
// card and demo cards, and service mode (its panel with «Последние ошибки», and the lockout that says when entry reopens).
for (const { name: orientation, viewport } of ORIENTATIONS) {
  for (const mode of MODES) {
    const folder = `${orientation}-${mode}`;
    test.describe(`${folder}, issue 17`, () => {
      test.use({ viewport });

      test(`a ticket that did not print stays, asks, and prints again (${folder})`, async ({ page }) => {
        test.setTimeout(120_000);
        await page.clock.install();
        kut.kiosk.virtualPrinter!.setFault('paper-out');
        await page.goto(kut.kiosk.url);
        await applyMode(page, mode);
        await identify(page, DEMO_PATIENT.policy);
        await pickFirstFreeSlot(page, 'Офтальмолог');
        await expect(page.getByText('Принтер сейчас не печатает')).toBeVisible({ timeout: 10_000 });
        await page.getByRole('button', { name: 'Записаться без бумажного талона' }).tap();
        await expect(page.getByTestId('ticket-not-required')).toBeVisible();
        await page.clock.fastForward(61_000);
        await expect(page.getByRole('alertdialog', { name: 'Нужно больше времени?' })).toBeVisible();
        await checkScreen(page, folder, mode, '10c-done-not-printed-idle-question');
        await page.getByRole('button', { name: 'Да, продолжить' }).tap();
        kut.kiosk.virtualPrinter!.setFault('none');
        await expect(page.getByTestId('printer-state')).toHaveText(/Принтер готов/, { timeout: 15_000 });
        await checkScreen(page, folder, mode, '10d-done-printer-back');
        await page.getByRole('button', { name: 'Напечатать ещё раз' }).tap();
        await expect(page.getByText('Возьмите талон из принтера')).toBeVisible();
        await checkScreen(page, folder, mode, '10e-done-reprinted');
      });

      test(`training: the attract card, the demo cards, the service panel and its lockout (${folder})`, async ({ page }) => {
        // Three 3-second presses on the hidden corner and the help checks of four screens.
        test.setTimeout(150_000);
        await openServiceEntry(page, kut.kiosk.url);
        await typeServicePin(page, TEST_VOLUNTEER_PIN);
        await expect(page.getByTestId('training-card')).toBeVisible();
        await applyMode(page, mode);
        await checkScreen(page, folder, mode, '19-training-attract');
        await page.getByRole('button', { name: 'Начать' }).tap();
        await page.getByRole('button', { name: 'Учебная карта' }).tap();
        await expect(page.getByRole('dialog', { name: 'Чью учебную карту вставить?' })).toBeVisible();
        // The dialog over the identify screen: its own layout is that screen's check (02-identify), so here the picture and axe.
        await page.screenshot({ path: `test-results/screens/${folder}/20-training-demo-cards.png` });
        const demoAxe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
        expect((await demoAxe.analyze()).violations.map((v) => v.id), '20-training-demo-cards: axe').toEqual([]);
        await page.getByRole('button', { name: 'Закрыть' }).tap();
        await page.getByRole('button', { name: 'В начало', exact: true }).tap();

        await openServiceEntry(page, kut.kiosk.url);
        await applyMode(page, mode);
        await typeServicePin(page, TEST_SERVICE_PIN);
        await expect(page.getByRole('heading', { name: 'Сервисный режим', exact: true })).toBeVisible();
        await checkScreen(page, folder, mode, '21-service-panel');
        await page.getByRole('button', { name: 'Выйти', exact: true }).tap();

        await openServiceEntry(page, kut.kiosk.url);
        await applyMode(page, mode);
        for (let attempt = 1; attempt <= 5; attempt++) await typeServicePin(page, '00000000');
        await expect(page.getByRole('alert')).toContainText('Вход откроется в');
        await checkScreen(page, folder, mode, '22-service-locked');
      });
    });
  }
}
