/** The one way the dashboard talks to the Tandem API: JSON in, JSON out, typed errors. */

/** An API failure with a message that is safe and meant to be shown to the user. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; field?: unknown };
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'You are not signed in.',
  403: 'Your role does not allow this.',
  404: 'Not found.',
  413: 'The file is too large for one upload.',
};

export type QueryValue = string | number | boolean | null | undefined;

/** `/api` + path + query string; null, undefined and empty values are left out. */
export function apiUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody | undefined;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy's HTML error page, for example): fall back to a generic message.
  }
  const error = body?.error;
  const message =
    typeof error?.message === 'string' && error.message
      ? error.message
      : (FALLBACK_MESSAGES[response.status] ?? `The server answered ${response.status}. Please try again.`);
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  const field = typeof error?.field === 'string' ? error.field : undefined;
  return new ApiError(response.status, code, message, field);
}

let onUnauthorized: (() => void) | null = null;

/** Called on every 401 except a failed sign-in (web/lib/auth.tsx sends the user to /login). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** Sends one request and parses the JSON answer; every failure becomes an ApiError. */
export async function apiFetch<T>(url: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      ...init,
      headers: { Accept: 'application/json', ...init.headers },
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(
      0,
      'network',
      'Could not reach the Tandem server. Check your connection and try again.',
    );
  }
  if (response.status === 401 && !url.startsWith('/api/auth/login')) onUnauthorized?.();
  if (!response.ok) throw await toApiError(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(
      response.status,
      'bad_response',
      'The server sent an answer the dashboard cannot read.',
    );
  }
}

export function apiGet<T>(
  path: string,
  query: Record<string, QueryValue> = {},
  signal?: AbortSignal,
): Promise<T> {
  return apiFetch<T>(apiUrl(path, query), { signal });
}

/** The message to show for any error caught around an API call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}
