using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.AnnualReport;

/// <summary>One cell of table 三 that does not add up: where it is, what it holds, what the check expects.</summary>
public sealed record Table3Discrepancy(Table3Row Row, int Column, long Actual, long Expected, string Check)
{
    public string Cell => $"{Row.FullLabel} × {Table3Layout.ColumnLabel(Column)}";

    public override string ToString() => $"{Cell} is {Actual}; {Check} gives {Expected}";
}

/// <summary>
/// Table 三 — 收到和处理政府信息公开申请情况 (AS-8): the counts by row (<see cref="Table3Layout.Rows"/>) and column
/// (six applicant types and 总计). Built from application facts by <see cref="Table3Builder"/>, or taken as entered.
/// </summary>
public sealed class Table3
{
    private readonly long[,] _cells;

    private Table3(long[,] cells) => _cells = cells;

    /// <summary>Counts as entered (rows × 7 columns, in layout order); not checked here — <see cref="Check"/> says what breaks.</summary>
    public static Table3 FromCells(long[,] cells)
    {
        if (cells.GetLength(0) != Table3Layout.Rows.Count || cells.GetLength(1) != Table3Layout.ColumnCount)
        {
            throw new InvalidInputException("table3",
                $"table 三 has {Table3Layout.Rows.Count} rows × {Table3Layout.ColumnCount} columns, got {cells.GetLength(0)} × {cells.GetLength(1)}");
        }

        foreach (var row in Table3Layout.Rows)
        {
            for (var c = 0; c < Table3Layout.ColumnCount; c++)
            {
                if (cells[row.Index, c] < 0)
                {
                    throw new InvalidInputException("table3", $"{row.FullLabel} × {Table3Layout.ColumnLabel(c)} is negative");
                }
            }
        }

        return new Table3((long[,])cells.Clone());
    }

    internal static Table3 Own(long[,] cells) => new(cells);

    public long this[Table3Row row, int column] => _cells[row.Index, column];

    public long this[Table3Row row, ApplicantType column] => _cells[row.Index, (int)column];

    /// <summary>A copy of the counts, rows × 7 columns.</summary>
    public long[,] Cells() => (long[,])_cells.Clone();

    /// <summary>A copy with one cell changed (a staff correction); the check then tells whether it still holds.</summary>
    public Table3 With(Table3Row row, int column, long value)
    {
        var cells = Cells();
        cells[row.Index, column] = value;
        return FromCells(cells);
    }

    /// <summary>
    /// The checks the table must pass to be published (AS-8): each row's 总计 is the sum of the six types; （七）总计 is
    /// the sum of the outcome rows; and, printed on the national table, 一 + 二 = 三（七） + 四 in every column.
    /// </summary>
    public IReadOnlyList<Table3Discrepancy> Check()
    {
        var found = new List<Table3Discrepancy>();
        foreach (var row in Table3Layout.Rows)
        {
            long sum = 0;
            for (var c = 0; c < Table3Layout.TotalColumn; c++)
            {
                sum += _cells[row.Index, c];
            }

            if (sum != _cells[row.Index, Table3Layout.TotalColumn])
            {
                found.Add(new(row, Table3Layout.TotalColumn, _cells[row.Index, Table3Layout.TotalColumn], sum, "the sum of the six applicant types"));
            }
        }

        for (var c = 0; c < Table3Layout.ColumnCount; c++)
        {
            var outcomes = Table3Layout.OutcomeRows.Sum(r => _cells[r.Index, c]);
            var total = this[Table3Layout.Total, c];
            if (outcomes != total)
            {
                found.Add(new(Table3Layout.Total, c, total, outcomes, "the sum of the outcome rows （一）–（六）"));
            }

            // 四 is what remains of 一 + 二 once 三（七） is handled: the cell that breaks the equation is reported there.
            var carriedForward = this[Table3Layout.CarriedForward, c];
            var remaining = this[Table3Layout.NewThisYear, c] + this[Table3Layout.CarriedOver, c] - total;
            if (carriedForward != remaining)
            {
                found.Add(new(Table3Layout.CarriedForward, c, carriedForward, remaining, "一 + 二 − 三（七）"));
            }
        }

        return found;
    }
}
