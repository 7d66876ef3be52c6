// Strings of rare screens, loaded with them rather than before the first patient: the done screen when the
// ticket did not print (screens/done-not-printed.tsx, and the idle question over it, which only that done
// screen lives long enough to see) and the waiting list's phone (screens/waiting-list-screen.tsx).
import en from '../../assets/locales/en.not-printed.json';
import ru from '../../assets/locales/ru.not-printed.json';
import { addStrings } from './i18n';

addStrings({ ru, en });
