// The simple picture beside each step's help text: a few flat shapes, drawn in
// the kiosk's own colours (so large-text and high-contrast modes recolour them),
// bundled with the help (no images to fetch). Decorative: the text says it all.

type Picture = 'card' | 'person' | 'doctor' | 'calendar' | 'check' | 'ticket' | 'desk';

/** Which picture explains which screen; a screen not listed gets the help desk. */
const PICTURE_OF: Readonly<Record<string, Picture>> = {
  attract: 'card',
  identify: 'card',
  otherPolicy: 'card',
  confirmIdentity: 'person',
  birthDate: 'calendar',
  specialty: 'doctor',
  slot: 'calendar',
  noSlots: 'calendar',
  waitingList: 'calendar',
  request: 'calendar',
  appointments: 'calendar',
  confirmCancel: 'calendar',
  review: 'check',
  done: 'ticket',
  checkIn: 'ticket',
};

const ink = { fill: 'none', stroke: 'var(--ink)', 'stroke-width': 5, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;
const accent = { fill: 'var(--blue)' } as const;

function Shapes({ picture }: { readonly picture: Picture }) {
  switch (picture) {
    case 'card': // the OMS policy with its 16 digits, and a finger pointing at it
      return (
        <>
          <rect x="14" y="30" width="132" height="84" rx="10" {...ink} />
          <rect x="14" y="46" width="132" height="14" {...accent} />
          {[0, 1, 2, 3].map((i) => (
            <rect key={i} x={26 + i * 30} y="80" width="22" height="10" rx="3" fill="var(--ink)" />
          ))}
          <path d="M150 150 v-40 a8 8 0 0 1 16 0 v22 l14 4 a8 8 0 0 1 6 10 l-6 24 h-30 z" {...ink} />
        </>
      );
    case 'person': // «это я»: a person and a tick
      return (
        <>
          <circle cx="70" cy="50" r="22" {...ink} />
          <path d="M28 140 c4-36 22-52 42-52 s38 16 42 52" {...ink} />
          <circle cx="150" cy="110" r="26" {...accent} />
          <path d="M138 110 l9 9 l16-18" fill="none" stroke="var(--paper)" stroke-width="6" stroke-linecap="round" stroke-linejoin="round" />
        </>
      );
    case 'doctor': // a doctor with a stethoscope and a cross
      return (
        <>
          <circle cx="90" cy="46" r="24" {...ink} />
          <path d="M44 150 c4-40 24-58 46-58 s42 18 46 58" {...ink} />
          <path d="M74 96 v20 a14 14 0 0 0 28 0 v-20" {...ink} />
          <rect x="132" y="24" width="40" height="40" rx="8" {...accent} />
          <path d="M152 32 v24 M140 44 h24" stroke="var(--paper)" stroke-width="6" stroke-linecap="round" />
        </>
      );
    case 'calendar': // a month with one day picked, and a clock
      return (
        <>
          <rect x="14" y="26" width="120" height="110" rx="10" {...ink} />
          <path d="M14 54 h120 M44 16 v20 M104 16 v20" {...ink} />
          {[0, 1, 2].map((row) =>
            [0, 1, 2].map((col) => (
              <rect key={`${row}${col}`} x={28 + col * 34} y={66 + row * 22} width="22" height="14" rx="3" fill={row === 1 && col === 1 ? 'var(--blue)' : 'var(--line)'} />
            )),
          )}
          <circle cx="150" cy="120" r="32" fill="var(--paper)" stroke="var(--ink)" stroke-width="5" />
          <path d="M150 102 v18 l12 8" {...ink} />
        </>
      );
    case 'check': // the summary read through, then confirmed
      return (
        <>
          <rect x="26" y="18" width="110" height="140" rx="10" {...ink} />
          {[0, 1, 2, 3].map((i) => (
            <path key={i} d={`M44 ${48 + i * 26} h74`} {...ink} />
          ))}
          <circle cx="148" cy="132" r="26" {...accent} />
          <path d="M136 132 l9 9 l16-18" fill="none" stroke="var(--paper)" stroke-width="6" stroke-linecap="round" stroke-linejoin="round" />
        </>
      );
    case 'ticket': // the printer and the ticket coming out of it
      return (
        <>
          <rect x="20" y="70" width="150" height="60" rx="10" {...ink} />
          <path d="M50 70 v-48 h90 v48" fill="var(--paper)" stroke="var(--ink)" stroke-width="5" stroke-linejoin="round" />
          <path d="M66 40 h58 M66 56 h40" {...ink} />
          <circle cx="148" cy="100" r="8" {...accent} />
          <path d="M60 130 v24 h70 v-24" {...ink} />
        </>
      );
    case 'desk': // someone at the desk, waving: a person can help
      return (
        <>
          <circle cx="86" cy="44" r="22" {...ink} />
          <path d="M46 120 c4-30 20-44 40-44 s36 14 40 44" {...ink} />
          <path d="M126 84 l22-30" {...ink} />
          <rect x="10" y="120" width="160" height="16" rx="4" {...accent} />
        </>
      );
  }
}

export function HelpPicture({ screen }: { readonly screen: string }) {
  return (
    <svg class="help-picture" viewBox="0 0 190 170" aria-hidden="true" focusable="false">
      <Shapes picture={PICTURE_OF[screen] ?? 'desk'} />
    </svg>
  );
}
