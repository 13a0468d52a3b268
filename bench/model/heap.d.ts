/** @template T */
export class MinHeap<T> {
  /** @param {(a: T, b: T) => number} compare */
  constructor(compare: (a: T, b: T) => number);
  /** @type {T[]} */
  items: T[];
  compare: (a: T, b: T) => number;
  get size(): number;
  /** @param {T} item */
  push(item: T): void;
  /** @returns {T | undefined} */
  pop(): T | undefined;
  /** @param {number} a @param {number} b */
  less(a: number, b: number): boolean;
  /** @param {number} a @param {number} b */
  swap(a: number, b: number): void;
}
