/** "1 row", "3 rows": a count with its noun (the plural given when it is not the noun + s). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
