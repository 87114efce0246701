/**
 * Graph API field expansion, as Instagram accepts it in `fields=`:
 * `id,username,media.limit(50){id,caption,comments.limit(5){id,hidden}}`. Modifiers (`.limit(n)`, ...) and a
 * sub-selection in braces may follow a field name in either order.
 */
export interface FieldRequest {
  name: string;
  /** `.name(argument)` modifiers, e.g. { limit: '50' }. */
  modifiers: Record<string, string>;
  /** The braces' selection; null when none was given (the node's default fields apply). */
  fields: FieldRequest[] | null;
}

export class FieldSyntaxError extends Error {}

export function parseFields(spec: string): FieldRequest[] {
  const parser = new FieldParser(spec);
  const fields = parser.list();
  parser.expectEnd();
  return fields;
}

class FieldParser {
  private position = 0;

  constructor(private readonly text: string) {}

  list(): FieldRequest[] {
    const fields: FieldRequest[] = [];
    do {
      this.skipSpaces();
      if (this.peek() === '}' || this.atEnd()) break;
      fields.push(this.field());
      this.skipSpaces();
    } while (this.take(','));
    return fields;
  }

  expectEnd(): void {
    this.skipSpaces();
    if (!this.atEnd()) throw new FieldSyntaxError(`unexpected '${this.peek()}' at ${this.position}`);
  }

  private field(): FieldRequest {
    const request: FieldRequest = { name: this.name(), modifiers: {}, fields: null };
    for (;;) {
      if (this.take('.')) {
        const modifier = this.name();
        if (!this.take('(')) throw new FieldSyntaxError(`expected '(' after .${modifier}`);
        const end = this.text.indexOf(')', this.position);
        if (end < 0) throw new FieldSyntaxError(`unclosed .${modifier}(`);
        request.modifiers[modifier] = this.text.slice(this.position, end).trim();
        this.position = end + 1;
      } else if (this.take('{')) {
        request.fields = this.list();
        if (!this.take('}')) throw new FieldSyntaxError(`unclosed '{' after ${request.name}`);
      } else {
        return request;
      }
    }
  }

  private name(): string {
    this.skipSpaces();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.position));
    if (!match) throw new FieldSyntaxError(`expected a field name at ${this.position}`);
    this.position += match[0].length;
    return match[0];
  }

  private take(character: string): boolean {
    this.skipSpaces();
    if (this.peek() !== character) return false;
    this.position += 1;
    return true;
  }

  private peek(): string {
    return this.text[this.position] ?? '';
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }

  private skipSpaces(): void {
    while (this.peek() === ' ') this.position += 1;
  }
}

/** Back to `fields=` syntax, for the `next` links of nested edges. */
export function formatFields(fields: readonly FieldRequest[]): string {
  return fields
    .map((field) => {
      const modifiers = Object.entries(field.modifiers)
        .map(([name, argument]) => `.${name}(${argument})`)
        .join('');
      return field.name + modifiers + (field.fields ? `{${formatFields(field.fields)}}` : '');
    })
    .join(',');
}
