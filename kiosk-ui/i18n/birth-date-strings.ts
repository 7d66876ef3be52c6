// The strings of the birth-date step (and of what follows it: «не найден» with a
// date, the date on «Это вы?»): loaded with that screen, only where the kiosk asks.
import en from '../../assets/locales/en.birth-date.json';
import ru from '../../assets/locales/ru.birth-date.json';
import { addStrings } from './i18n';

addStrings({ ru, en });
