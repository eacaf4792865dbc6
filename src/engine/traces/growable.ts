// Typed arrays that grow by doubling, so a parser appends numbers per token without an object per
// token: 100 MB of JSON lines end as a few flat buffers.

type TypedCtor<A> = { new (length: number): A };

class Growable<A extends Int32Array | Float32Array | Float64Array | Uint16Array> {
  private data: A;
  length = 0;

  constructor(
    private readonly ctor: TypedCtor<A>,
    capacity = 256,
  ) {
    this.data = new ctor(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Appends a whole typed array (a Megatron record's indices). */
  pushAll(values: ArrayLike<number>): void {
    if (this.length + values.length > this.data.length) this.grow(this.length + values.length);
    (this.data as unknown as { set(a: ArrayLike<number>, o: number): void }).set(values, this.length);
    this.length += values.length;
  }

  private grow(needed: number): void {
    let capacity = this.data.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new this.ctor(capacity);
    (next as unknown as { set(a: A): void }).set(this.data);
    this.data = next;
  }

  /** The values, in a buffer of exactly their length (copied once, so no slack is transferred). */
  done(): A {
    return (this.data as unknown as { slice(a: number, b: number): A }).slice(0, this.length);
  }
}

export class GrowableInt32 extends Growable<Int32Array> {
  constructor(capacity?: number) {
    super(Int32Array, capacity);
  }
}
export class GrowableFloat32 extends Growable<Float32Array> {
  constructor(capacity?: number) {
    super(Float32Array, capacity);
  }
}
export class GrowableFloat64 extends Growable<Float64Array> {
  constructor(capacity?: number) {
    super(Float64Array, capacity);
  }
}
export class GrowableUint16 extends Growable<Uint16Array> {
  constructor(capacity?: number) {
    super(Uint16Array, capacity);
  }
}
