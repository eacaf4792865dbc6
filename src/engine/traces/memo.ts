// What the views work out from a trace is kept with the trace (a WeakMap: it goes when the trace
// goes), so the panels that show the same numbers, and the task that works them out before a
// panel mounts, share one computation: on a trace of 250,000 tokens each is 5 to 30 ms of
// main-thread work. Kept results are shared: callers read them and never write to them.

const kept = new WeakMap<object, Map<string, unknown>>();
/** results kept per trace or layer: the views ask for a few settings at a time */
const PER_OWNER = 32;

/** `make()`'s result for `owner` and `key`, worked out once. */
export function memo<V>(owner: object, key: string, make: () => V): V {
  let mine = kept.get(owner);
  if (!mine) kept.set(owner, (mine = new Map()));
  if (mine.has(key)) return mine.get(key) as V;
  const value = make();
  if (mine.size >= PER_OWNER) mine.delete(mine.keys().next().value as string);
  mine.set(key, value);
  return value;
}
