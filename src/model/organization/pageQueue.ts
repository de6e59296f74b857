/**
 * The loader's queue of lists waiting for a page: new lists join at the back, a list's next page (or
 * a rate-limited retry) goes to the front. An array's shift and unshift move every element, and at
 * 2,000 projects the queue holds ~20,000 lists: a profile of bench figure 6a showed the loader's
 * `pump` spending seconds of CPU in them, time the requests waited for a free slot. Here every
 * operation is O(1): the front is a stack (the last unshifted comes out first, as with `unshift`),
 * the back an array read from a moving head.
 */
export class PageQueue<T> {
  private front: T[] = [];
  private back: T[] = [];
  private head = 0;

  get length(): number {
    return this.front.length + this.back.length - this.head;
  }

  /** At the back, after everything queued. */
  push(item: T): void {
    this.back.push(item);
  }

  /** At the front, before everything queued. */
  unshift(item: T): void {
    this.front.push(item);
  }

  /** The front item, or undefined when empty. */
  shift(): T | undefined {
    if (this.front.length > 0) return this.front.pop();
    if (this.head >= this.back.length) return undefined;
    const item = this.back[this.head];
    this.back[this.head++] = undefined as T; // let it be collected
    if (this.head > 1024 && this.head * 2 > this.back.length) {
      this.back = this.back.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.front = [];
    this.back = [];
    this.head = 0;
  }
}
