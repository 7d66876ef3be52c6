// Service mode's strings: loaded with its screens, not before the first patient.
import en from '../../assets/locales/en.service.json';
import ru from '../../assets/locales/ru.service.json';
import { addStrings } from './i18n';

addStrings({ ru, en });
