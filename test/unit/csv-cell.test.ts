import { csvCell } from '../../src/findings/findings-export';

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', `"'+1"`],
    ['-2', `"'-2"`],
    ['@cmd', `"'@cmd"`],
    [null, ''],
    [3, '3'],
  ])('%p → %p', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});
