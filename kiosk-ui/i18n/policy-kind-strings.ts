// The strings of the identify screen for a temporary certificate or an old-style
// policy (and its letter keypad): loaded with that screen, not before the first patient.
import en from '../../assets/locales/en.policy-kinds.json';
import ru from '../../assets/locales/ru.policy-kinds.json';
import { addStrings } from './i18n';

addStrings({ ru, en });
