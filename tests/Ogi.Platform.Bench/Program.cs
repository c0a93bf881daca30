using System.Globalization;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Testing;

// The platform exactly as `make run` starts it (its own durable embedded PostgreSQL, five processes, its timings).
var idleSeconds = int.Parse(Environment.GetEnvironmentVariable("OGI_BENCH_IDLE_SECONDS") ?? "20", CultureInfo.InvariantCulture);
await using var platform = await PlatformRun.StartAsync(databaseUrl: null, asMakeRunDoes: true);
Console.WriteLine($"platform ready; idling {idleSeconds} s before measuring memory");
await Task.Delay(TimeSpan.FromSeconds(idleSeconds));

foreach (var service in ServiceIdentity.All)
{
    var rss = platform.ResidentMiB(service);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle-rss {service.Name,-15} {rss,6:F1} MiB"));
    BenchResults.Record("memory", $"idle RSS, {service.Name}", rss, "MiB", "< 150 MiB", rss < 150, $"after {idleSeconds} s idle, VmRSS");
}

// SR-1 across processes: a document attached in intake → its review task visible in secrecy-review.
var linesBefore = platform.Output.Count;
var (p50, p99, count) = await Ogi.Platform.Bench.ReviewLatency.MeasureAsync(platform, int.Parse(Environment.GetEnvironmentVariable("OGI_BENCH_REVIEW_APPLICATIONS") ?? "200", CultureInfo.InvariantCulture));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"review-visible n={count} p50={p50:F1}ms p99={p99:F1}ms (AttachDocuments acknowledged → GetItem finds it in secrecy-review)"));
// What the services said went wrong while measuring (failed deliveries, retries): the usual cause of a long tail.
foreach (var line in platform.Output.Skip(linesBefore).Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("warn ", StringComparison.Ordinal) || l.Contains("Retry", StringComparison.Ordinal)).TakeLast(20))
{
    Console.WriteLine("  " + line);
}

BenchResults.Record("journey", "document attached → review task visible, p50", p50, "ms", "< 50 ms", p50 < 50, $"{count} attaches one after another, to applications registered beforehand; intake → relay → secrecy-review");
BenchResults.Record("journey", "document attached → review task visible, p99", p99, "ms", "< 250 ms", p99 < 250, $"{count} attaches one after another");

return 0;
