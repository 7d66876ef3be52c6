// The narrator's own strings: loaded with speech mode (accessibility/), not before the first patient.
import en from '../../assets/locales/en.speech.json';
import ru from '../../assets/locales/ru.speech.json';
import { addStrings } from './i18n';

addStrings({ ru, en });
