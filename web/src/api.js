// The HTTP API client: the token from sessionStorage as a bearer token,
// JSON in and out, errors turned into ApiError with the server's message.
// A 401 forgets the token and sends the user back to the sign-in page.

const TOKEN_KEY = 'chokepoint.token';

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

async function errorFrom(response) {
  let code = 'http_' + response.status;
  let message = response.statusText || 'request failed';
  try {
    const text = await response.text();
    try {
      const body = JSON.parse(text);
      if (body && body.error) {
        code = body.error.code || code;
        message = body.error.message || message;
      }
    } catch {
      if (text.trim()) message = text.trim().slice(0, 300);
    }
  } catch {
    // keep the status text
  }
  return new ApiError(response.status, code, `${message} (HTTP ${response.status})`);
}

// request('GET', '/v1/lists') or request('POST', '/v1/screen', {json: {...}})
// or request('POST', '/v1/check?format=...', {body: text, contentType: ...}).
export async function request(method, path, options = {}) {
  const headers = { Accept: 'application/json' };
  const token = options.token ?? getToken();
  if (token) headers.Authorization = 'Bearer ' + token;
  let body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers['Content-Type'] = options.contentType || 'application/octet-stream';
    body = options.body;
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, signal: options.signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The server cannot be reached: ' + e.message);
  }
  if (response.status === 401 && !options.noRedirect) {
    setToken('');
    onUnauthorized();
    throw await errorFrom(response);
  }
  if (!response.ok) throw await errorFrom(response);
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) return response.json();
  return response.text();
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, json, options = {}) => request('POST', path, { ...options, json });

// Query string from an object, leaving out empty values.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}
