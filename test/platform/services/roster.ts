// Course rosters behind NRPS. Every change bumps a version so the `differences` link can
// return just what changed since a previous sync (adds, role changes, Inactive, Deleted).
export type MemberStatus = 'Active' | 'Inactive' | 'Deleted';

export interface Membership {
  courseId: string;
  userSub: string;
  /** Context roles (membership vocabulary), as NRPS reports them. */
  roles: string[];
  status: MemberStatus;
  /** Roster version of the last change to this membership (0 = seeded). */
  version: number;
}

export class Roster {
  /** Current version; a differences link carries the version it was issued at. */
  version = 0;
  private readonly courses = new Map<string, Map<string, Membership>>();

  /** Seeds without counting as a change (initial state of the LMS). */
  seed(courseId: string, userSub: string, roles: string[]): void {
    this.forCourse(courseId).set(userSub, { courseId, userSub, roles: [...roles], status: 'Active', version: 0 });
  }

  /** Adds a member, or re-activates a deleted/inactive one with these roles. */
  add(courseId: string, userSub: string, roles: string[]): Membership {
    const m: Membership = { courseId, userSub, roles: [...roles], status: 'Active', version: ++this.version };
    this.forCourse(courseId).set(userSub, m);
    return m;
  }

  setStatus(courseId: string, userSub: string, status: MemberStatus): Membership {
    const m = this.require(courseId, userSub);
    Object.assign(m, { status, version: ++this.version });
    return m;
  }

  setRoles(courseId: string, userSub: string, roles: string[]): Membership {
    const m = this.require(courseId, userSub);
    Object.assign(m, { roles: [...roles], version: ++this.version });
    return m;
  }

  get(courseId: string, userSub: string): Membership | undefined {
    return this.courses.get(courseId)?.get(userSub);
  }

  /** The roster as a full sync sees it: Active and Inactive members, not deleted ones. */
  current(courseId: string): Membership[] {
    return [...(this.courses.get(courseId)?.values() ?? [])].filter((m) => m.status !== 'Deleted');
  }

  /** Memberships changed after `version`, deleted ones included (status Deleted). */
  changedSince(courseId: string, version: number): Membership[] {
    return [...(this.courses.get(courseId)?.values() ?? [])].filter((m) => m.version > version);
  }

  /**
   * Scores are accepted for enrolled (Active or Inactive) members. A course with no roster
   * at all (added ad hoc by a test) grades any known user, so older tests keep working.
   */
  canBeGraded(courseId: string, userSub: string): boolean {
    const course = this.courses.get(courseId);
    if (!course || course.size === 0) return true;
    const m = course.get(userSub);
    return m !== undefined && m.status !== 'Deleted';
  }

  private forCourse(courseId: string): Map<string, Membership> {
    let c = this.courses.get(courseId);
    if (!c) this.courses.set(courseId, (c = new Map()));
    return c;
  }

  private require(courseId: string, userSub: string): Membership {
    const m = this.get(courseId, userSub);
    if (!m) throw new Error(`"${userSub}" is not a member of course "${courseId}"`);
    return m;
  }
}
