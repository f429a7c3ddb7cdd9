// Tests read JSON answers whose shape they assert themselves; `any` keeps those reads terse.
export {};
declare global {
  interface Response {
    json(): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  }
}
