// The volunteer dialog's strings: loaded with the dialog, not before the first patient.
import en from '../../assets/locales/en.assistance.json';
import ru from '../../assets/locales/ru.assistance.json';
import { addStrings } from './i18n';

addStrings({ ru, en });
