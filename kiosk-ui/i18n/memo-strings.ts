// The памятка notice's strings: loaded with the notice, after the first tap on
// «Распечатать памятку», not before the first patient.
import en from '../../assets/locales/en.memo.json';
import ru from '../../assets/locales/ru.memo.json';
import { addStrings } from './i18n';

addStrings({ ru, en });
