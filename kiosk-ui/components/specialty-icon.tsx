// A picture for each specialty, bundled with the kiosk (no CDN): many patients
// find «the eye» faster than the word «Офтальмолог».
import child from '../../assets/icons/specialties/child.svg?raw';
import doctor from '../../assets/icons/specialties/doctor.svg?raw';
import ear from '../../assets/icons/specialties/ear.svg?raw';
import eye from '../../assets/icons/specialties/eye.svg?raw';
import lungs from '../../assets/icons/specialties/lungs.svg?raw';
import mind from '../../assets/icons/specialties/mind.svg?raw';
import scalpel from '../../assets/icons/specialties/scalpel.svg?raw';
import stethoscope from '../../assets/icons/specialties/stethoscope.svg?raw';
import tooth from '../../assets/icons/specialties/tooth.svg?raw';
import woman from '../../assets/icons/specialties/woman.svg?raw';

/** Specialty codes (config/demo-clinic.json and booking.md's list) by the words they contain. */
const ICONS: readonly (readonly [RegExp, string])[] = [
  [/ophthalm/, eye],
  [/dent|stomat/, tooth],
  [/otolaryng|^ent$/, ear],
  [/surgeon|surgery/, scalpel],
  [/pediatr|child/, child],
  [/phthisi/, lungs],
  [/gyn|obstet/, woman],
  [/psych|narco/, mind],
  [/therap|gp|general/, stethoscope],
];

export function SpecialtyIcon({ code }: { readonly code: string }) {
  const svg = ICONS.find(([pattern]) => pattern.test(code))?.[1] ?? doctor;
  return <span class="specialty-icon" aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />;
}
