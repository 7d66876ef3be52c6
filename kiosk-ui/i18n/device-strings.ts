// The card/QR hint's strings (components/device-hint.tsx): loaded with it, only where a reader or scanner is ready.
import en from '../../assets/locales/en.devices.json';
import ru from '../../assets/locales/ru.devices.json';
import { addStrings } from './i18n';

addStrings({ ru, en });
