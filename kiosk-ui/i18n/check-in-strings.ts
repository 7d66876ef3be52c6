// The check-in screen's strings (and its help): loaded with the screen, after the first
// «Отметиться о приходе» or ticket scan, not before the first patient.
import en from '../../assets/locales/en.check-in.json';
import ru from '../../assets/locales/ru.check-in.json';
import { addStrings } from './i18n';

addStrings({ ru, en });
