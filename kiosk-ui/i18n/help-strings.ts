// Each screen's help text: loaded with the help dialog (its first «Помощь», or its
// preload after the first screen), not before the first screen paints
// (tests/integration/ui-bundle-size.test.ts). The «Помощь» button's own label stays in ru.json.
import en from '../../assets/locales/en.help.json';
import ru from '../../assets/locales/ru.help.json';
import { addStrings } from './i18n';

addStrings({ ru, en });
