// Words for JSON-like values, so every message about a wrong value reads the same way.

/** A JSON object (what a task or its meta must be), as opposed to an array or null, which are objects too. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "an array", "a number", "null", ... for messages like `expected a JSON object, found an array`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** A value from a file, quoted for a message and cut short: it may be long, or made to look like something else. */
export function quoteForMessage(value: string): string {
  const json = JSON.stringify(value);
  return json.length > 42 ? `${json.slice(0, 40)}…"` : json;
}

/** A message ending in a full stop, so another sentence can follow it ("… copy it again. Nothing was changed."). */
export function asSentence(message: string): string {
  return /[.!?…]$/.test(message) ? message : `${message}.`;
}
