using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Ogi.BuildingBlocks.EmbeddedPostgres;

namespace Ogi.Platform.Tests;

/// <summary>
/// `make run`'s launcher as a user meets it: every service up, a crashed service started again,
/// and a stop that leaves no process and no PostgreSQL cluster behind.
/// </summary>
public sealed partial class LocalPlatformTests
{
    private static readonly string[] Assemblies = ["Ogi.Intake.dll", "Ogi.SecrecyReview.dll", "Ogi.Coordination.dll", "Ogi.Assessment.dll", "Ogi.Accountability.dll"];

    [Fact]
    public async Task Starts_every_service_restarts_a_crashed_one_and_stops_leaving_nothing_behind()
    {
        var basePort = FreePortRange(Assemblies.Length);
        var lines = new ConcurrentQueue<string>();
        using var launcher = StartLauncher(basePort, lines);
        try
        {
            await WaitForAsync(() => lines.Any(l => l.Contains("ready in", StringComparison.Ordinal)), TimeSpan.FromSeconds(120), lines);
            for (var i = 0; i < Assemblies.Length; i++)
            {
                Assert.True(await IsListeningAsync(basePort + i), $"port {basePort + i} is not listening");
            }

            var children = ChildServices(launcher.Id);
            Assert.Equal(Assemblies.Length, children.Count);

            // A service that dies is started again.
            var intake = children.Single(c => c.CommandLine.Contains("Ogi.Intake.dll", StringComparison.Ordinal));
            Process.GetProcessById(intake.Pid).Kill();
            await WaitForAsync(() => lines.Any(l => l.Contains("intake", StringComparison.Ordinal) && l.Contains("restarting", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), lines);
            await WaitForAsync(() => ChildServices(launcher.Id).Any(c => c.CommandLine.Contains("Ogi.Intake.dll", StringComparison.Ordinal) && c.Pid != intake.Pid), TimeSpan.FromSeconds(30), lines);
            await WaitForAsync(() => IsListeningAsync(basePort).GetAwaiter().GetResult(), TimeSpan.FromSeconds(60), lines);

            var cluster = lines.Select(l => ClusterLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            var servicePids = ChildServices(launcher.Id).Select(c => c.Pid).ToList();

            // Stop as Ctrl+C or `kill` would (both cancel the same token in the launcher).
            Terminate(launcher.Id);
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await launcher.WaitForExitAsync(exit.Token);

            Assert.Equal(0, launcher.ExitCode);
            Assert.All(servicePids, pid => Assert.False(IsAlive(pid), $"service process {pid} is still running"));
            if (cluster is not null)
            {
                Assert.False(Directory.Exists(cluster), $"cluster {cluster} was not removed");
                Assert.DoesNotContain(AllCommandLines(), c => c.Contains(cluster, StringComparison.Ordinal));
            }
        }
        finally
        {
            if (!launcher.HasExited)
            {
                launcher.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex(@"postgres: started on \S+ in \d+ ms \((.+)\)")]
    private static partial Regex ClusterLine();

    private static Process StartLauncher(int basePort, ConcurrentQueue<string> lines)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var exe = Path.Combine(RepositoryRoot.Find(), "services", "Platform", "bin", configuration, "net10.0", "Ogi.Platform");
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--base-port");
        start.ArgumentList.Add(basePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, ConcurrentQueue<string> lines)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail("timed out; launcher output:\n" + string.Join('\n', lines.TakeLast(40)));
            }

            await Task.Delay(200);
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A run of free ports, probed from a random start so parallel runs do not collide.</summary>
    private static int FreePortRange(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = Random.Shared.Next(20000, 30000);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException("no free port range found");

        static bool IsFree(int port)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }

    private static List<(int Pid, string CommandLine)> ChildServices(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == parent)
            .Select(pid => (pid, CommandLine(pid)))
            .Where(c => Assemblies.Any(a => c.Item2.Contains(a, StringComparison.Ordinal)))
            .ToList();

    private static IEnumerable<string> AllCommandLines() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(CommandLine);

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private static void Terminate(int pid) => Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
}
