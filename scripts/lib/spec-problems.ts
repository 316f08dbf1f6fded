/** One problem of a spec, with its place: the operation it concerns (when one does) and a JSON pointer into the document. */
export interface SpecProblem {
  /** `GET /api/v3/get-profile (getProfile)`, or undefined for a problem outside any operation. */
  operation?: string;
  /** `#/paths/~1api~1v3~1get-profile/get/parameters/0`: where to look in the spec. */
  pointer: string;
  message: string;
}

/** Every problem found in one pass over a spec, thrown together so a run names them all, not only the first. */
export class SpecProblemsError extends Error {
  readonly problems: readonly SpecProblem[];
  constructor(specLabel: string, problems: readonly SpecProblem[]) {
    const lines = problems.map((problem) => `  - ${problem.operation ? `${problem.operation}: ` : ''}${problem.message} (at ${problem.pointer})`);
    super(`${specLabel} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
    this.name = 'SpecProblemsError';
    this.problems = problems;
  }
}

/** `['paths', '/api/v3/x', 'get']` → `#/paths/~1api~1v3~1x/get` (RFC 6901 escaping). */
export function pointer(...segments: (string | number)[]): string {
  return '#' + segments.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Appends a segment to a pointer. */
export function child(base: string, ...segments: (string | number)[]): string {
  return base + pointer(...segments).slice(1);
}

/** Collects problems while a pass goes on. */
export class ProblemLog {
  readonly problems: SpecProblem[] = [];
  report(pointer: string, message: string, operation?: string): void {
    if (!this.problems.some((problem) => problem.pointer === pointer && problem.message === message)) this.problems.push({ operation, pointer, message });
  }
  /** Throws every problem collected so far, if any. */
  throwIfAny(specLabel: string): void {
    if (this.problems.length) throw new SpecProblemsError(specLabel, this.problems);
  }
}
