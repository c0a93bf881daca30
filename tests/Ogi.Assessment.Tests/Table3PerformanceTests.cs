using System.Diagnostics;
using Ogi.Assessment.Domain.AnnualReport;
using Xunit.Abstractions;

namespace Ogi.Assessment.Tests;

/// <summary>AS-8 sanity figure: table 三 over 1M application facts in memory (the database benchmark comes later).</summary>
public class Table3PerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void AS8_table_3_over_a_million_application_facts_in_memory()
    {
        const int count = 1_000_000;
        var random = new Random(2025);
        var reasonsOf = Enum.GetValues<ReplyOutcome>()
            .Select(o => Enum.GetValues<OutcomeReason>().Where(r => r.Outcome() == o).ToArray()).ToArray();
        var facts = new ApplicationFact[count];
        for (var i = 0; i < count; i++)
        {
            var received = new DateOnly(2024, 10, 1).AddDays(random.Next(0, 456)); // 2024-10-01 … 2025-12-30
            DateOnly? replied = random.Next(10) == 0 ? null : received.AddDays(random.Next(1, 40));
            var outcome = replied is null ? (ReplyOutcome?)null : (ReplyOutcome)random.Next(6);
            OutcomeReason? reason = outcome is { } o && o.NeedsReason() ? reasonsOf[(int)o][random.Next(reasonsOf[(int)o].Length)] : null;
            facts[i] = new ApplicationFact(Guid.NewGuid(), (ApplicantType)random.Next(6), received, replied, outcome, reason);
        }

        // The first run includes JIT warm-up; the second is the steady figure.
        var cold = Stopwatch.StartNew();
        Table3Builder.Build(2025, facts);
        cold.Stop();
        var clock = Stopwatch.StartNew();
        var table = Table3Builder.Build(2025, facts);
        clock.Stop();

        output.WriteLine($"table 三 over {count:N0} application facts: {cold.ElapsedMilliseconds} ms cold, {clock.ElapsedMilliseconds} ms warm");
        Console.WriteLine($"ogi-bench assessment.table3.in_memory facts={count} cold_ms={cold.ElapsedMilliseconds} warm_ms={clock.ElapsedMilliseconds}");
        var counted = facts.Count(f => f.ReceivedOn.Year <= 2025 && !(f.RepliedOn?.Year < 2025));
        Assert.Empty(table.Check());
        Assert.Equal(counted, table[Table3Layout.NewThisYear, Table3Layout.TotalColumn] + table[Table3Layout.CarriedOver, Table3Layout.TotalColumn]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"in-memory table 三 took {clock.Elapsed}");
    }
}
