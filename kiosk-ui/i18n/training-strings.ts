// Training mode's own strings (the attract card, the demo cards' notes): loaded with those parts, so a
// kiosk that is never in training mode never loads them before its first patient.
import en from '../../assets/locales/en.training.json';
import ru from '../../assets/locales/ru.training.json';
import { addStrings } from './i18n';

addStrings({ ru, en });
