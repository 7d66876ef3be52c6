// Reading the clinic from FHIR: PractitionerRole (specialty, room as location,
// district extension) + Practitioner (name) + Location (room) + Schedule (actor
// = the PractitionerRole) become the kiosk's directory; Slot searches on those
// schedules become free slots. The directory is reused for `directoryTtlMs`
// (slots need it to name their doctor); slots are read afresh every time.
import { ok } from '../../contract/result';
import type { ClinicDirectory, Doctor, FreeSlotCount, Slot, SlotQuery, Specialty } from '../scheduler-port';
import { instant, nowLocal, type FhirContext } from './fhir-context';
import type { Deadline } from './fhir-http';
import { fullName, isOpen, toSlot, type KnownDoctors } from './fhir-mapping';
import {
  extensionValue,
  idOf,
  locationSchema,
  practitionerRoleSchema,
  practitionerSchema,
  scheduleSchema,
  slotSchema,
  type FhirPractitionerRole,
  type FhirSlot,
} from './fhir-resources';
import { search, searchChunked, type Outcome } from './fhir-search';

const MAX_PAGES = 40;
/** A first-free-slot search reads one page this long before reading them all. */
const FIRST_PAGE = 20;

export interface DirectoryState extends KnownDoctors {
  readonly directory: ClinicDirectory;
  readonly schedulesOfDoctor: ReadonlyMap<string, readonly string[]>;
  readonly fetchedAt: number;
}

export interface FhirDirectoryOptions {
  /** `Organization/<id>`: only this clinic's PractitionerRoles are read. */
  readonly organization: string | null;
  readonly districtExtension: string;
  readonly ttlMs: number;
}

export class FhirDirectory {
  private state: DirectoryState | null = null;
  private loading: Promise<Outcome<DirectoryState>> | null = null;

  constructor(
    private readonly ctx: FhirContext,
    private readonly options: FhirDirectoryOptions,
  ) {}

  /** The last directory read, if any (no I/O). */
  get cached(): DirectoryState | null {
    return this.state;
  }

  /** The directory, read again when older than the TTL (or always, with `force`); one read at a time. */
  async load(d: Deadline, options: { force: boolean } = { force: false }): Promise<Outcome<DirectoryState>> {
    const current = this.state;
    if (!options.force && current && performance.now() - current.fetchedAt < this.options.ttlMs) return ok(current);
    if (!this.loading) {
      this.loading = this.fetch(d).finally(() => {
        this.loading = null;
      });
    }
    const loaded = await this.loading;
    if (loaded.ok) this.state = loaded.value;
    return loaded;
  }

  async freeSlots(d: Deadline, state: DirectoryState, query: SlotQuery, options: { first: boolean }): Promise<Outcome<Slot[]>> {
    const { ctx } = this;
    const wanted = query.doctorIds ? new Set(query.doctorIds) : null;
    const doctors = state.directory.doctors.filter(
      (doc) => (query.specialtyCode === undefined || doc.specialtyCode === query.specialtyCode) && (!wanted || wanted.has(doc.id)),
    );
    const schedules = doctors.flatMap((doc) => state.schedulesOfDoctor.get(doc.id) ?? []).map((id) => `Schedule/${id}`);
    if (schedules.length === 0) return ok([]);
    const localNow = nowLocal(ctx);
    const nowMs = ctx.now().getTime();
    // Never offer what has started: the window opens after the current minute at the earliest.
    const lower = query.from > localNow ? `ge${instant(ctx, query.from)}` : `gt${instant(ctx, localNow)}`;
    const params: Record<string, string | string[]> = {
      status: 'free,busy-tentative',
      start: [lower, `lt${instant(ctx, query.to)}`],
      _sort: 'start',
    };
    const read = async (count?: number) =>
      searchChunked(ctx.http, d, 'Slot', 'schedule', schedules, { ...params, ...(count ? { _count: String(count) } : {}) }, slotSchema, {
        pages: count ? 1 : MAX_PAGES,
      });

    let found = await read(options.first ? FIRST_PAGE : undefined);
    if (!found.ok) return found;
    const toOffer = (list: FhirSlot[]) =>
      list
        .filter((s) => isOpen(s, nowMs))
        .map((s) => toSlot(state, s, ctx.timeZone))
        .filter((s): s is Slot => s !== null && s.start > localNow && s.start >= query.from && s.start < query.to)
        .sort((a, b) => a.start.localeCompare(b.start) || a.doctor.fullName.localeCompare(b.doctor.fullName, 'ru'));
    let offered = toOffer(found.value);
    if (options.first && offered.length === 0 && found.value.length >= FIRST_PAGE) {
      // Only held slots on the first page: read them all.
      found = await read();
      if (!found.ok) return found;
      offered = toOffer(found.value);
    }
    return ok(options.first ? offered.slice(0, 1) : offered);
  }

  private async fetch(d: Deadline): Promise<Outcome<DirectoryState>> {
    const { http, codes } = this.ctx;
    const roleQuery: Record<string, string> = { active: 'true' };
    if (this.options.organization) roleQuery.organization = this.options.organization;
    const roles = await search(http, d, 'PractitionerRole', roleQuery, practitionerRoleSchema);
    if (!roles.ok) return roles;

    const kioskRoles = roles.value
      .map((role) => ({ role, specialty: codes.ofRole(role) }))
      .filter((r): r is { role: FhirPractitionerRole; specialty: Specialty } => r.specialty !== null);
    const practitionerIds = unique(kioskRoles.map((r) => idOf(r.role.practitioner, 'Practitioner')));
    const locationIds = unique(kioskRoles.filter((r) => !r.role.location?.[0]?.display).map((r) => idOf(r.role.location?.[0], 'Location')));
    const roleIds = kioskRoles.map((r) => r.role.id);

    const [practitioners, locations, schedules] = await Promise.all([
      searchChunked(http, d, 'Practitioner', '_id', practitionerIds, {}, practitionerSchema),
      searchChunked(http, d, 'Location', '_id', locationIds, {}, locationSchema),
      searchChunked(http, d, 'Schedule', 'actor', roleIds.map((id) => `PractitionerRole/${id}`), {}, scheduleSchema),
    ]);
    if (!practitioners.ok) return practitioners;
    if (!locations.ok) return locations;
    if (!schedules.ok) return schedules;
    const nameOf = new Map(practitioners.value.map((p) => [p.id, fullName(p.name)]));
    const roomOf = new Map(locations.value.map((l) => [l.id, l.name ?? '']));

    const doctors: Doctor[] = kioskRoles.map(({ role, specialty }) => {
      const practitionerId = idOf(role.practitioner, 'Practitioner');
      const location = role.location?.[0];
      return {
        id: role.id,
        fullName: (practitionerId ? nameOf.get(practitionerId) : undefined) ?? role.practitioner?.display ?? '',
        specialtyCode: specialty.code,
        room: location?.display ?? roomOf.get(idOf(location, 'Location') ?? '') ?? '',
        district: extensionValue(role, this.options.districtExtension),
      };
    });
    const specialties = new Map<string, Specialty>();
    for (const r of kioskRoles) if (!specialties.has(r.specialty.code)) specialties.set(r.specialty.code, r.specialty);

    const doctorOfSchedule = new Map<string, string>();
    const schedulesOfDoctor = new Map<string, string[]>();
    const roleSet = new Set(roleIds);
    for (const s of schedules.value) {
      const doctorId = s.actor.map((a) => idOf(a, 'PractitionerRole')).find((id) => id !== null && roleSet.has(id));
      if (!doctorId) continue;
      doctorOfSchedule.set(s.id, doctorId);
      schedulesOfDoctor.set(doctorId, [...(schedulesOfDoctor.get(doctorId) ?? []), s.id]);
    }
    const byName = (a: Doctor, b: Doctor) => a.fullName.localeCompare(b.fullName, 'ru');
    const sortedSpecialties = [...specialties.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    const order = new Map(sortedSpecialties.map((s, i) => [s.code, i]));
    return ok({
      directory: {
        specialties: sortedSpecialties,
        doctors: [...doctors].sort((a, b) => (order.get(a.specialtyCode) ?? 0) - (order.get(b.specialtyCode) ?? 0) || byName(a, b)),
      },
      doctors: new Map(doctors.map((doc) => [doc.id, doc])),
      specialties,
      doctorOfSchedule,
      schedulesOfDoctor,
      fetchedAt: performance.now(),
    });
  }
}

/** Free slots per doctor and day, in the order of their first slot. */
export function countByDoctorAndDay(slots: readonly Slot[]): FreeSlotCount[] {
  const counts = new Map<string, { doctorId: string; date: string; count: number; first: string }>();
  for (const s of slots) {
    const key = `${s.doctor.id}|${s.start.slice(0, 10)}`;
    const c = counts.get(key);
    if (c) c.count++;
    else counts.set(key, { doctorId: s.doctor.id, date: s.start.slice(0, 10), count: 1, first: s.start });
  }
  return [...counts.values()].sort((a, b) => a.date.localeCompare(b.date) || a.first.localeCompare(b.first));
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}
