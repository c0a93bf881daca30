using System.Globalization;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Testing;

// The platform exactly as `make run` starts it (its own durable embedded PostgreSQL, five processes).
var idleSeconds = int.Parse(Environment.GetEnvironmentVariable("OGI_BENCH_IDLE_SECONDS") ?? "20", CultureInfo.InvariantCulture);
await using var platform = await PlatformRun.StartAsync(databaseUrl: null);
Console.WriteLine($"platform ready; idling {idleSeconds} s before measuring memory");
await Task.Delay(TimeSpan.FromSeconds(idleSeconds));

foreach (var service in ServiceIdentity.All)
{
    var rss = platform.ResidentMiB(service);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle-rss {service.Name,-15} {rss,6:F1} MiB"));
    BenchResults.Record("memory", $"idle RSS, {service.Name}", rss, "MiB", "< 150 MiB", rss < 150, $"after {idleSeconds} s idle, VmRSS");
}

return 0;
