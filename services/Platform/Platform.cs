using System.Diagnostics;
using System.Security.Cryptography;
using Grpc.Health.V1;
using Npgsql;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.BuildingBlocks.EmbeddedPostgres;
using Ogi.BuildingBlocks.Hosting;

namespace Ogi.Platform;

/// <summary>
/// `make run`: a private PostgreSQL, every service's migrate step, then every service as its own
/// process with events delivered directly (no sidecar), until Ctrl+C stops it all.
/// </summary>
internal sealed class LocalPlatform(ConsoleOutput output, int? basePort)
{
    private static readonly Dictionary<ServiceIdentity, string> Folders = new()
    {
        [ServiceIdentity.Intake] = "Intake",
        [ServiceIdentity.SecrecyReview] = "SecrecyReview",
        [ServiceIdentity.Coordination] = "Coordination",
        [ServiceIdentity.Assessment] = "Assessment",
        [ServiceIdentity.Accountability] = "Accountability",
    };

    /// <summary>How long a service may take to report SERVING (first start JITs and migrates five services at once).</summary>
    private static readonly TimeSpan ServingTimeout = TimeSpan.FromSeconds(180);

    public async Task<int> RunAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var root = RepositoryRoot.Find();
        await using var postgres = await PostgresServer.StartAsync(new EmbeddedPostgresOptions
        {
            RootDirectory = RepositoryRoot.BuildDirectory("run"),
            Name = "platform",
            Durable = true,
            Log = new LineWriter(output.Say),
        }, stop);

        var processes = ServiceIdentity.All.Select(s => new ServiceProcess(s, AssemblyPath(root, s), Environment(s, postgres.AdminConnectionString), output)).ToList();
        output.Say($"launcher pid {System.Environment.ProcessId}");
        var demoDatabaseFile = DemoDatabaseFile(postgres.AdminConnectionString);
        try
        {
            output.Say("migrating: " + string.Join(", ", processes.Select(p => p.Service.Name)));
            await Task.WhenAll(processes.Select(p => p.MigrateAsync(stop)));

            foreach (var process in processes)
            {
                process.Start();
            }

            await Task.WhenAll(processes.Select(p => WaitUntilServingAsync(p.Service, stop)));
            PrintWelcome(clock.Elapsed);
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            output.Say("stopping…");
        }
        finally
        {
            await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask()));
            if (demoDatabaseFile is not null)
            {
                File.Delete(demoDatabaseFile);
            }
        }

        output.Say("stopped; the embedded PostgreSQL is removed");
        return 0;
    }

    /// <summary>
    /// make demo lets a second application's deadline pass by moving its receipt back in intake's database (the API
    /// refuses a receipt before submission, INT-2): on the default ports the launcher leaves the connection for it,
    /// readable by this user only, removed on stop. Runs on other ports (tests) leave nothing.
    /// </summary>
    private string? DemoDatabaseFile(string adminConnectionString)
    {
        if (basePort is not null)
        {
            return null;
        }

        var path = RepositoryRoot.BuildDirectory("run", "database-url");
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, adminConnectionString);
        return path;
    }

    private static string AssemblyPath(string root, ServiceIdentity service)
    {
        // The launcher is built with the same configuration as the services (make build).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var folder = Folders[service];
        var path = Path.Combine(root, "services", folder, "bin", configuration, "net10.0", $"Ogi.{folder}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run `make build` first.");
    }

    /// <summary>The fixed default ports, or consecutive ports from --base-port (tests run beside a make run).</summary>
    private int Port(ServiceIdentity service) =>
        basePort is { } first ? first + ServiceIdentity.All.ToList().IndexOf(service) : service.DefaultPort;

    private Dictionary<string, string> Environment(ServiceIdentity service, string adminConnectionString)
    {
        var role = new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Username = service.Role,
            Password = RandomNumberGenerator.GetHexString(24, lowercase: true),
        }.ConnectionString;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["OGI_Database__ConnectionString"] = role,
            ["OGI_Database__AdminConnectionString"] = adminConnectionString,
            ["OGI_Grpc__Port"] = Port(service).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OGI_Grpc__BindAddress"] = "127.0.0.1",
            ["OGI_Events__Mode"] = "direct",
            ["OGI_Logging__Format"] = "plain",
            ["OGI_Supervisor__Pid"] = System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        // INT-10: a deadline monitor pass every 5 s instead of 60 s, so make demo's breach shows within seconds;
        // a value in the launcher's own environment (tests pass 1) wins.
        if (System.Environment.GetEnvironmentVariable("OGI_Intake__Monitor__IntervalSeconds") is null)
        {
            environment["OGI_Intake__Monitor__IntervalSeconds"] = "5";
        }
        foreach (var peer in ServiceIdentity.All)
        {
            environment[$"OGI_Events__Peers__{peer.Name}"] = $"http://127.0.0.1:{Port(peer)}";
        }

        return environment;
    }

    /// <summary>Waits for the service's gRPC health to say SERVING: listening, database reachable, migrations applied.</summary>
    private async Task WaitUntilServingAsync(ServiceIdentity service, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(ServingTimeout);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Port(service)}");
        var health = new Health.HealthClient(channel);
        while (true)
        {
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: timeout.Token);
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException) when (!timeout.IsCancellationRequested)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                throw new TimeoutException($"{service.Name} was not SERVING on {Port(service)} within {ServingTimeout.TotalSeconds:0} s");
            }

            try
            {
                await Task.Delay(200, timeout.Token);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                throw new TimeoutException($"{service.Name} was not SERVING on {Port(service)} within {ServingTimeout.TotalSeconds:0} s");
            }
        }
    }

    private void PrintWelcome(TimeSpan elapsed)
    {
        output.Say($"ready in {elapsed.TotalSeconds:0.0} s");
        foreach (var service in ServiceIdentity.All)
        {
            output.Say($"  {service.Name,-15} h2c://127.0.0.1:{Port(service)}");
        }

        var intake = Port(ServiceIdentity.Intake);
        // Started on other ports, the CLI needs to be told where intake is (the others follow it).
        var ogi = intake == ServiceIdentity.Intake.DefaultPort ? "./ogi" : $"./ogi --base-port {intake}";
        output.Say($"every service reports SERVING on grpc.health.v1.Health; reflection is on (grpcurl -plaintext 127.0.0.1:{intake} list)");
        output.Say("next, in another terminal:");
        output.Say($"  {ogi} health                         every service's health");
        output.Say("  make demo                            one application's journey through all five services, step by step");
        output.Say("  export OGI_TOKEN=$(./ogi token --person clerk-1 --agency 11640402MB00000071 --role clerk)");
        output.Say($"  {ogi} --help                         applications, reviews, coordination, assessment, complaints, decisions");
        output.Say($"  {ogi} decisions follow --token $(./ogi token --county county-1 --agency 11640402MB00000071)");
        output.Say("Ctrl+C stops every service and removes the embedded PostgreSQL.");
    }

    /// <summary>Adapts the embedded PostgreSQL's progress lines to the prefixed console.</summary>
    private sealed class LineWriter(Action<string> line) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value) => line(value ?? "");
    }
}
