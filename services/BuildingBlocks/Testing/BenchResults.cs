using System.Text.Json;

namespace Ogi.BuildingBlocks.Testing;

/// <summary>
/// One figure a benchmark measured, appended as a JSON line to $OGI_BENCH_RESULTS (make bench sets it); the report
/// step (tests/bench/report.mjs) prints them as one table and writes docs/performance.md. Figures, not assertions.
/// </summary>
public static class BenchResults
{
    public static void Record(string group, string metric, double value, string unit, string goal = "", bool? met = null, string detail = "")
    {
        if (Environment.GetEnvironmentVariable("OGI_BENCH_RESULTS") is not { Length: > 0 } path)
        {
            return;
        }

        var line = JsonSerializer.Serialize(new { group, metric, value = Math.Round(value, 2), unit, goal, met, detail });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.AppendAllText(path, line + "\n");
    }
}
