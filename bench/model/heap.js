// @ts-check
// A binary min-heap: the event queue (by time) and the ready list (by merge-list position) both need one.

/** @template T */
export class MinHeap {
  /** @param {(a: T, b: T) => number} compare */
  constructor(compare) {
    /** @type {T[]} */
    this.items = [];
    this.compare = compare;
  }

  get size() {
    return this.items.length;
  }

  /** @param {T} item */
  push(item) {
    this.items.push(item);
    let child = this.items.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.less(child, parent)) break;
      this.swap(child, parent);
      child = parent;
    }
  }

  /** @returns {T | undefined} */
  pop() {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < items.length && this.less(left, smallest)) smallest = left;
      if (right < items.length && this.less(right, smallest)) smallest = right;
      if (smallest === parent) return top;
      this.swap(smallest, parent);
      parent = smallest;
    }
  }

  /** @param {number} a @param {number} b */
  less(a, b) {
    return this.compare(/** @type {T} */ (this.items[a]), /** @type {T} */ (this.items[b])) < 0;
  }

  /** @param {number} a @param {number} b */
  swap(a, b) {
    const items = this.items;
    [items[a], items[b]] = [/** @type {T} */ (items[b]), /** @type {T} */ (items[a])];
  }
}
