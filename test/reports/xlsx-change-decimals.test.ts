// report.xlsx's change formats take the decimals report.html gives the row, and where the page
// writes an end too near zero for three decimals as "+<0.001%", the workbook, whose number format
// cannot say "<", shows as many more digits as that end needs, up to six (s36f F10: "0.000%" at
// the end of a significant interval).
import { describe, expect, test } from 'vitest';
import { cellChangeDecimals, changeFormat } from '../../reports/xlsx.js';

describe("a workbook change's decimals", () => {
  test("the page's, one to three, where they show every figure that is not zero", () => {
    expect(cellChangeDecimals([-25.14, -26.87, -23.42])).toBe(1);
    expect(cellChangeDecimals([0.112, 0.086, 0.138])).toBe(2);
    expect(cellChangeDecimals([0.0213, 0.00247, 0.04])).toBe(3);
    expect(cellChangeDecimals([4.2])).toBe(1); // no interval
    expect(cellChangeDecimals([0, 0, 0])).toBe(1); // exactly no change
  });

  test('past three, the digits an end near zero needs, up to six', () => {
    expect(cellChangeDecimals([0.01, 0.0004, 0.02])).toBe(4); // +0.0004%, not +0.000%
    expect(cellChangeDecimals([0.00002, 0.00001, 0.00003])).toBe(5);
    expect(cellChangeDecimals([1e-9, 1e-10, 2e-9])).toBe(6); // no further: the cell holds the value
    expect(changeFormat('%', 4)).toBe('+0.0000%;-0.0000%;0.0000%');
  });
});
