// «Оставить заявку»'s strings: loaded with its screens (screens/request-screens.tsx), not before the first patient.
// The two the failed and no-slots screens show (request.leave, request.offer) stay in the first-paint strings.
import en from '../../assets/locales/en.request.json';
import ru from '../../assets/locales/ru.request.json';
import { addStrings } from './i18n';

addStrings({ ru, en });
