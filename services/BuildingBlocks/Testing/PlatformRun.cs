using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using Ogi.BuildingBlocks.EmbeddedPostgres;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.BuildingBlocks.Hosting;

namespace Ogi.BuildingBlocks.Testing;

/// <summary>
/// The platform exactly as <c>make run</c> starts it — the launcher process, which migrates and starts the five
/// services as their own processes with direct event delivery — on free consecutive ports, on the given database
/// (or, without one, on the launcher's own embedded cluster), exporting traces to an OTLP endpoint when given.
/// </summary>
public sealed class PlatformRun : IAsyncDisposable
{
    private static readonly string[] Folders = ["Intake", "SecrecyReview", "Coordination", "Assessment", "Accountability"];

    private readonly Process _launcher;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PlatformRun(Process launcher, int basePort)
    {
        _launcher = launcher;
        BasePort = basePort;
    }

    public int BasePort { get; }

    /// <summary>Everything the launcher printed (its own lines and the services', prefixed by name).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <param name="asMakeRunDoes">Keep the launcher's own timings (the benchmarks measure what an operator runs); tests
    /// instead shorten the readiness, relay and monitor intervals so they finish quickly.</param>
    public static async Task<PlatformRun> StartAsync(string? databaseUrl, string? otlpEndpoint = null, bool asMakeRunDoes = false)
    {
        var root = RepositoryRoot.Find();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var launcherPath = Path.Combine(root, "services", "Platform", "bin", configuration, "net10.0", "Ogi.Platform.dll");
        var basePort = FreePortRange(ServiceIdentity.All.Count);
        // Started as a terminal starts make run, with Ctrl+C's signal at its default: a shell without job control (a
        // script, CI) starts its background commands with SIGINT ignored, children inherit that, and the runtime then
        // never delivers SIGINT to the launcher. env (coreutils) resets it and execs, so the pid stays the launcher's.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", launcherPath, "run", "--base-port", basePort.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        // With a database the launcher starts no cluster of its own; the services inherit the rest.
        if (databaseUrl is not null)
        {
            start.Environment[PostgresServer.DatabaseUrlVariable] = databaseUrl;
        }

        if (!asMakeRunDoes)
        {
            start.Environment["OGI_Readiness__IntervalSeconds"] = "0.5";
            start.Environment["OGI_Events__PollIntervalMs"] = "200";
            start.Environment["OGI_Intake__Monitor__IntervalSeconds"] = "1";
            // A delivery to a hung peer (the fault tests SIGSTOP one) holds up the relay's round for this long.
            start.Environment["OGI_Events__DeliveryTimeoutMs"] = "3000";
        }

        if (otlpEndpoint is not null)
        {
            start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
            start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            start.Environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        }

        var run = new PlatformRun(new Process { StartInfo = start, EnableRaisingEvents = true }, basePort);
        run._launcher.OutputDataReceived += (_, e) => run.Record(e.Data);
        run._launcher.ErrorDataReceived += (_, e) => run.Record(e.Data);
        run._launcher.Exited += (_, _) => run._ready.TrySetException(new InvalidOperationException("The launcher exited before the platform was ready:\n" + string.Join('\n', run.Output)));
        run._launcher.Start();
        run._launcher.BeginOutputReadLine();
        run._launcher.BeginErrorReadLine();
        try
        {
            // Generous: on a loaded two-core machine five services JIT and migrate at once.
            await run._ready.Task.WaitAsync(TimeSpan.FromSeconds(240));
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        return run;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line.Contains("ready in", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    public string Address(ServiceIdentity service) => $"http://127.0.0.1:{BasePort + ServiceIdentity.All.ToList().IndexOf(service)}";

    public GrpcChannel Channel(ServiceIdentity service) => GrpcChannel.ForAddress(Address(service));

    /// <summary>The running process of <paramref name="service"/> (a child of the launcher).</summary>
    public Process ServiceProcess(ServiceIdentity service)
    {
        var dll = $"Ogi.{Folders[ServiceIdentity.All.ToList().IndexOf(service)]}.dll";
        return ServiceProcesses().FirstOrDefault(p => p.CommandLine.Contains(dll, StringComparison.Ordinal)).Process
            ?? throw new InvalidOperationException($"No running process of {service.Name}");
    }

    /// <summary>The launcher's running service processes (not their migrate steps).</summary>
    public IReadOnlyList<(Process Process, string CommandLine)> ServiceProcesses() =>
        Children(_launcher.Id)
            .Select(pid => (pid, CommandLine: CommandLine(pid)))
            .Where(c => Folders.Any(f => c.CommandLine.Contains($"Ogi.{f}.dll", StringComparison.Ordinal)) && !c.CommandLine.Contains("migrate", StringComparison.Ordinal))
            .Select(c => (Process.GetProcessById(c.pid), c.CommandLine))
            .ToList();

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Resident memory of a service process, in MiB (/proc/&lt;pid&gt;/status VmRSS).</summary>
    public double ResidentMiB(ServiceIdentity service)
    {
        var line = File.ReadLines($"/proc/{ServiceProcess(service).Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    public async Task<HealthCheckResponse.Types.ServingStatus?> HealthAsync(ServiceIdentity service)
    {
        using var channel = Channel(service);
        try
        {
            return (await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2))).Status;
        }
        catch (RpcException)
        {
            return null;
        }
    }

    /// <summary>Waits until the service answers health with <paramref name="status"/>.</summary>
    public async Task WaitForHealthAsync(ServiceIdentity service, HealthCheckResponse.Types.ServingStatus status, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (await HealthAsync(service) != status)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{service.Name} did not report {status}; last output:\n" + string.Join('\n', Output.TakeLast(30)));
            }

            await Task.Delay(100);
        }
    }

    private static IEnumerable<int> Children(int pid) =>
        Directory.Exists($"/proc/{pid}/task")
            ? Directory.GetDirectories($"/proc/{pid}/task")
                .Select(task => Path.Combine(task, "children"))
                .Where(File.Exists)
                .SelectMany(file => File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(int.Parse)
                .Distinct()
                .ToList()
            : [];

    private static int FreePortRange(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = Random.Shared.Next(20_000, 40_000);
            var listeners = new List<TcpListener>();
            try
            {
                for (var port = first; port < first + count; port++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    listeners.Add(listener);
                }

                return first;
            }
            catch (SocketException)
            {
                // Taken; try another range.
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }

        throw new InvalidOperationException("No free range of ports on loopback");
    }

    /// <summary>Stops the launcher with <paramref name="signal"/> (INT as Ctrl+C, TERM as kill) and returns its exit code.</summary>
    public async Task<int> StopAsync(string signal = "INT")
    {
        if (!_launcher.HasExited)
        {
            Process.Start("kill", [$"-{signal}", _launcher.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _launcher.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _launcher.Kill(entireProcessTree: true);
                await _launcher.WaitForExitAsync();
            }
        }

        return _launcher.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _launcher.Dispose();
    }
}
