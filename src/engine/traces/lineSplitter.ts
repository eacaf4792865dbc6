// Splits text arriving in chunks into lines, so a file is read a piece at a time and a line may
// straddle two chunks. Lines end at \n; a \r before it is dropped (Windows line ends).

export type LineSink = (text: string, line: number, terminated: boolean) => void;

export class LineSplitter {
  private rest = '';
  private lineNo = 0;

  constructor(private readonly sink: LineSink) {}

  push(chunk: string): void {
    let start = 0;
    let text = chunk;
    if (this.rest) {
      text = this.rest + chunk;
      this.rest = '';
    }
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.sink(text.slice(start, end), ++this.lineNo, true);
      start = nl + 1;
    }
    this.rest = start < text.length ? text.slice(start) : '';
  }

  /** The last line, when the file does not end with a newline. */
  finish(): void {
    if (this.rest) {
      const text = this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest;
      this.rest = '';
      this.sink(text, ++this.lineNo, false);
    }
  }

  /** Lines seen so far. */
  get lines(): number {
    return this.lineNo;
  }
}
