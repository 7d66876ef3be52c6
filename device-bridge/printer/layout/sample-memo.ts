// A memo with fixed text, for the golden-byte tests: the default text in
// config/kiosk.defaults.json may be reworded; these bytes may not change unnoticed.
import type { MemoData } from './memo-data';

export const SAMPLE_MEMO: MemoData = {
  clinicName: 'ГБУЗ «Городская поликлиника № 5»',
  clinicAddress: 'г. Москва, ул. Ленина, д. 10',
  keepWhole: ['+7 (495) 123-45-67'],
  title: 'Как записаться к врачу через инфомат',
  sections: [
    {
      heading: 'Запись за 3 шага',
      lines: ['1. Нажмите «Начать» и введите номер полиса ОМС — 16 цифр.', '2. Выберите врача, день и время.', '3. Возьмите талон.'],
    },
    { heading: 'Что взять с собой', lines: ['- полис ОМС;', '- паспорт.'] },
    { heading: 'Как отменить запись', lines: ['По телефону: +7 (495) 123-45-67.'] },
  ],
};
