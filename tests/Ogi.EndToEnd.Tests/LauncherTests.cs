using System.Text.RegularExpressions;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Testing;

namespace Ogi.EndToEnd.Tests;

/// <summary>`make run` as a user meets it on a fresh machine: its own embedded PostgreSQL, five services, and a stop that leaves nothing behind.</summary>
public sealed partial class LauncherTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Starts_every_service_on_its_own_cluster_and_a_stop_leaves_no_process_and_no_cluster(string signal)
    {
        await using var platform = await PlatformRun.StartAsync(databaseUrl: null);
        var services = platform.ServiceProcesses();
        Assert.Equal(ServiceIdentity.All.Count, services.Count);
        Assert.Contains(platform.Output, l => l.Contains("ready in", StringComparison.Ordinal));
        // Started beside a make run, on other ports: the hints it prints point at those ports.
        Assert.Contains(platform.Output, l => l.Contains($"./ogi --base-port {platform.BasePort} health", StringComparison.Ordinal));
        Assert.Contains(platform.Output, l => l.Contains($"grpcurl -plaintext 127.0.0.1:{platform.BasePort} list", StringComparison.Ordinal));
        var cluster = platform.Output.Select(l => ClusterLine().Match(l)).First(m => m.Success).Groups[1].Value;
        Assert.True(Directory.Exists(cluster));

        Assert.Equal(0, await platform.StopAsync(signal));

        Assert.All(services, s => Assert.True(s.Process.HasExited, $"service process {s.Process.Id} is still running"));
        Assert.False(Directory.Exists(cluster), $"cluster {cluster} was not removed");
        Assert.DoesNotContain(Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? PlatformRun.CommandLine(pid) : ""),
            c => c.Contains(cluster, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"postgres: started on \S+ in \d+ ms \((.+)\)")]
    private static partial Regex ClusterLine();
}
