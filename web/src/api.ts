// Thin client for the Dyad API; errors carry the problem details' title and detail.

export interface Actor { text: string | null; name: string | null; code: string | null; country: string | null; role: string | null; why: string | null }
export interface Place { name: string; country: string | null; lat: number | null; lon: number | null }
export interface DyadEvent {
  id: number; doc: string; sentence_index: number; sentence: string; source: Actor; target: Actor | null;
  cameo: string; root: string; quad: number; goldstein: number; plover: string | null; date: string | null;
  location: Place | null; negated: boolean; modality: string;
  offsets: { source: [number, number] | null; predicate: [number, number] | null; target: [number, number] | null };
  entry: string | null; confidence: number;
}
export interface Mark { kind: string; start: number; end: number; event: number }
export interface Bucket { period: string; total: number; quad1: number; quad2: number; quad3: number; quad4: number; mean_goldstein: number }
export interface Pair { source: string; target: string; count: number; cooperation: number; conflict: number; mean_goldstein: number }

export class ApiError extends Error {
  constructor(public status: number, message: string) { super(message); }
}

export async function get<T>(path: string, params?: URLSearchParams): Promise<T> {
  const url = params && [...params.keys()].length ? `${path}?${params}` : path;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      const errors = problem.errors ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${(v as string[]).join(' ')}`).join('; ') : '';
      message = [problem.title, problem.detail, errors].filter(Boolean).join(' — ');
    } catch { /* not JSON: keep the status line */ }
    throw new ApiError(response.status, message);
  }
  return response.json() as Promise<T>;
}

/** Short names for the twenty CAMEO root codes, for labels and facets. */
export const ROOTS: Record<string, string> = {
  '01': 'Public statement', '02': 'Appeal', '03': 'Intent to cooperate', '04': 'Consult', '05': 'Diplomatic cooperation',
  '06': 'Material cooperation', '07': 'Provide aid', '08': 'Yield', '09': 'Investigate', '10': 'Demand',
  '11': 'Disapprove', '12': 'Reject', '13': 'Threaten', '14': 'Protest', '15': 'Force posture',
  '16': 'Reduce relations', '17': 'Coerce', '18': 'Assault', '19': 'Fight', '20': 'Mass violence',
};

export const QUADS: Record<string, string> = {
  '1': 'Verbal cooperation', '2': 'Material cooperation', '3': 'Verbal conflict', '4': 'Material conflict',
};
