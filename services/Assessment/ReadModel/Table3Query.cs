using Microsoft.EntityFrameworkCore;
using Ogi.Assessment.Domain.AnnualReport;
using Ogi.Assessment.Persistence;

namespace Ogi.Assessment.ReadModel;

/// <summary>
/// Table 三 for an agency and year from the handlers' counts (AS-8): 一 = received in the year; 三 = replies in the
/// year by outcome row; 二 = received before the year less replied before it; 四 = 一 + 二 − 三（七）. One indexed
/// range read of at most (years × 22 × 6) rows, independent of the number of applications.
/// </summary>
public static class Table3Query
{
    private sealed record Sum(bool Before, short Row, short ApplicantType, long Count);

    public static async Task<Table3> ComputeAsync(AssessmentDbContext db, string agencyCode, int year, CancellationToken ct)
    {
        var sums = await db.Database.SqlQuery<Sum>($"""
            SELECT year < {year} AS "Before", row AS "Row", applicant_type AS "ApplicantType", sum(count)::bigint AS "Count"
            FROM assessment.table3_counts
            WHERE agency_code = {agencyCode} AND year <= {year}
            GROUP BY 1, 2, 3
            """).ToListAsync(ct);
        return Assemble(sums.Select(s => (s.Before, (int)s.Row, (int)s.ApplicantType, s.Count)));
    }

    /// <summary>
    /// Recomputes every agency's counts from the application rows, as the handlers would have kept them (an operator's
    /// repair after restoring the read model, and how the benchmark loads a million applications). Run it while no
    /// events are being handled: it replaces the counts in one transaction.
    /// </summary>
    public static async Task RebuildCountsAsync(AssessmentDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM assessment.table3_counts;
            INSERT INTO assessment.table3_counts (agency_code, year, row, applicant_type, count)
            SELECT agency_code, date_part('year', received_on)::int, {(short)Table3Layout.NewThisYear.Index}, applicant_type, count(*)
            FROM assessment.application_facts WHERE received_on IS NOT NULL
            GROUP BY 1, 2, 4
            UNION ALL
            SELECT agency_code, date_part('year', replied_on)::int, outcome_row, applicant_type, count(*)
            FROM assessment.application_facts WHERE replied_on IS NOT NULL
            GROUP BY 1, 2, 3, 4;
            """, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The table from (before the year?, row, column, count) sums as described above.</summary>
    public static Table3 Assemble(IEnumerable<(bool Before, int Row, int Column, long Count)> sums)
    {
        var cells = new long[Table3Layout.Rows.Count, Table3Layout.ColumnCount];
        var receivedBefore = new long[Table3Layout.TotalColumn];
        var repliedBefore = new long[Table3Layout.TotalColumn];
        foreach (var (before, row, column, count) in sums)
        {
            if (before)
            {
                (row == Table3Layout.NewThisYear.Index ? receivedBefore : repliedBefore)[column] += count;
            }
            else
            {
                cells[row, column] += count;
                if (row != Table3Layout.NewThisYear.Index)
                {
                    cells[Table3Layout.Total.Index, column] += count;
                }
            }
        }

        for (var c = 0; c < Table3Layout.TotalColumn; c++)
        {
            cells[Table3Layout.CarriedOver.Index, c] = receivedBefore[c] - repliedBefore[c];
            cells[Table3Layout.CarriedForward.Index, c] = cells[Table3Layout.NewThisYear.Index, c] + cells[Table3Layout.CarriedOver.Index, c]
                - cells[Table3Layout.Total.Index, c];
        }

        foreach (var row in Table3Layout.Rows)
        {
            long sum = 0;
            for (var c = 0; c < Table3Layout.TotalColumn; c++)
            {
                sum += cells[row.Index, c];
            }

            cells[row.Index, Table3Layout.TotalColumn] = sum;
        }

        return Table3.FromCells(cells);
    }
}
