// The page's one door to the service: the public JSON API, same origin, JSON in and out.
// Every problem+json answer (RFC 9457) becomes an ApiError whose message a person can read.

/** An API answer that was not a success, with what the problem document said. */
export class ApiError extends Error {
  constructor(status, problem, path) {
    super(describeProblem(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
    this.path = path;
  }

  /** The per-field problems of a 422 (`errors: [{index, field, message}]`), if any. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

function describeProblem(status, problem) {
  if (!problem || typeof problem !== 'object') return `The service answered ${status}.`;
  const title = problem.title || `Error ${status}`;
  let text = problem.detail ? `${title}: ${problem.detail}` : `${title}.`;
  if (Array.isArray(problem.errors) && problem.errors.length) {
    text += ' ' + problem.errors.map((e) => `${e.field ?? 'input'} ${e.message ?? ''}`.trim()).join('; ');
  }
  return text;
}

/**
 * Sends one request; answers the decoded JSON body, or throws an ApiError.
 * @param {string} path e.g. '/users/42'
 * @param {{method?: string, body?: any, token?: string, query?: Record<string, any>}} options
 */
export async function api(path, { method = 'GET', body, token, query } = {}) {
  let url = path;
  if (query) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
    }
    const text = params.toString();
    if (text) url += '?' + text;
  }
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'The service could not be reached. Is it running?' }, path);
  }
  const type = response.headers.get('Content-Type') || '';
  const decoded = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, decoded, path);
  return decoded;
}
