using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Ogi.BuildingBlocks.EmbeddedPostgres;

/// <summary>
/// The PostgreSQL the platform runs on when nothing else is configured: <c>OGI_DATABASE_URL</c> when
/// set, otherwise a private cluster from the Debian binaries in a folder under the build output,
/// started on a free loopback port and removed again on dispose. One piece of code for
/// <c>make run</c> and the tests.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Environment variable naming an existing server (URL or Npgsql keyword form).</summary>
    public const string DatabaseUrlVariable = "OGI_DATABASE_URL";

    private const string SuperUser = "postgres";
    private const string OwnerPidFile = "owner.pid";

    private readonly string? _clusterDirectory;
    private readonly PostgresBinaries? _binaries;
    private readonly TextWriter _log;
    private int _disposed;

    private PostgresServer(string adminConnectionString, string? clusterDirectory, PostgresBinaries? binaries, TextWriter log)
    {
        AdminConnectionString = adminConnectionString;
        _clusterDirectory = clusterDirectory;
        _binaries = binaries;
        _log = log;
    }

    /// <summary>A superuser connection to the server's database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when this process started (and will remove) the cluster.</summary>
    public bool IsEmbedded => _clusterDirectory is not null;

    /// <summary>
    /// Uses <c>OGI_DATABASE_URL</c> when set; otherwise starts a private cluster under
    /// <paramref name="options"/>.<see cref="EmbeddedPostgresOptions.RootDirectory"/>.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(EmbeddedPostgresOptions options, CancellationToken cancellationToken = default)
    {
        var log = options.Log ?? TextWriter.Null;
        var url = Environment.GetEnvironmentVariable(DatabaseUrlVariable);
        if (!string.IsNullOrWhiteSpace(url))
        {
            log.WriteLine($"postgres: using {DatabaseUrlVariable}");
            return new PostgresServer(DatabaseUrl.ToNpgsql(url), null, null, log);
        }

        var binaries = PostgresBinaries.Locate(log);
        Directory.CreateDirectory(options.RootDirectory);
        RemoveAbandonedClusters(options.RootDirectory, binaries, log);

        var stopwatch = Stopwatch.StartNew();
        var cluster = Path.Combine(options.RootDirectory, $"{options.Name}-{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}");
        Directory.CreateDirectory(cluster);
        File.WriteAllText(Path.Combine(cluster, OwnerPidFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var password = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var passwordFile = Path.Combine(cluster, "pwfile");
        await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken);
        var data = Path.Combine(cluster, "data");
        ProcessRunner.GiveToPostgresUser(cluster);

        // Local socket connections are trusted (only the cluster's owner can reach its private socket
        // folder); TCP on loopback needs the password, as a real deployment would.
        await ProcessRunner.RunAsPostgresAsync(binaries.Tool("initdb"),
            ["-D", data, "-U", SuperUser, "--pwfile", passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
             "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], cancellationToken);
        File.Delete(passwordFile);

        var settings = new List<string>
        {
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{cluster}'",
            "max_connections = 300",
            "shared_buffers = '128MB'",
        };
        if (!options.Durable)
        {
            // Tests trade durability for speed; `make run` keeps the defaults.
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }

        // Settings live in a file inside the data folder so a restart (fault tests) keeps the same port.
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), "\ninclude_if_exists = 'ogi.conf'\n", cancellationToken);
        int port = 0;
        for (var attempt = 1; ; attempt++)
        {
            port = FreeLoopbackPort();
            await File.WriteAllLinesAsync(Path.Combine(data, "ogi.conf"), settings.Append($"port = {port}"), cancellationToken);
            ProcessRunner.GiveToPostgresUser(data);
            try
            {
                await StartClusterAsync(binaries, cluster, cancellationToken);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between probing and binding: try another.
                log.WriteLine($"postgres: port {port} was taken, retrying");
            }
        }

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = SuperUser,
            Password = password,
            Database = "postgres",
            Pooling = true,
            MaxPoolSize = 50,
        }.ConnectionString;
        log.WriteLine($"postgres: started on 127.0.0.1:{port} in {stopwatch.ElapsedMilliseconds} ms ({cluster})");
        return new PostgresServer(admin, cluster, binaries, log);
    }

    /// <summary>Stops the server immediately (for fault tests) without removing its data.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        _binaries is null || _clusterDirectory is null
            ? throw new InvalidOperationException("An external server is not ours to stop.")
            : ProcessRunner.RunAsPostgresAsync(_binaries.Tool("pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], cancellationToken);

    /// <summary>Starts a server stopped by <see cref="StopAsync"/> again on the same port.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) =>
        _binaries is null || _clusterDirectory is null
            ? throw new InvalidOperationException("An external server is not ours to start.")
            : StartClusterAsync(_binaries, _clusterDirectory, cancellationToken);

    private static Task StartClusterAsync(PostgresBinaries binaries, string cluster, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsPostgresAsync(binaries.Tool("pg_ctl"),
            ["-D", Path.Combine(cluster, "data"), "-l", Path.Combine(cluster, "postgres.log"), "-w", "-t", "60", "start"], cancellationToken);

    private string DataDirectory => Path.Combine(_clusterDirectory!, "data");

    /// <summary>Creates a database (for a test that wants its own) and returns a superuser connection to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1 || _clusterDirectory is null || _binaries is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await StopAndRemoveAsync(_clusterDirectory, _binaries, _log);
    }

    /// <summary>A cluster whose owning process has died (killed test run, crashed launcher) is stopped and removed.</summary>
    private static void RemoveAbandonedClusters(string root, PostgresBinaries binaries, TextWriter log)
    {
        foreach (var cluster in Directory.EnumerateDirectories(root))
        {
            var pidFile = Path.Combine(cluster, OwnerPidFile);
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile), out var pid) || IsAlive(pid))
            {
                continue;
            }

            log.WriteLine($"postgres: removing abandoned cluster {cluster}");
            StopAndRemoveAsync(cluster, binaries, log).GetAwaiter().GetResult();
        }
    }

    private static async Task StopAndRemoveAsync(string cluster, PostgresBinaries binaries, TextWriter log)
    {
        var data = Path.Combine(cluster, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                await ProcessRunner.RunAsPostgresAsync(binaries.Tool("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], CancellationToken.None);
            }
            catch (InvalidOperationException e)
            {
                log.WriteLine($"postgres: stop failed: {e.Message}");
            }
        }

        try
        {
            Directory.Delete(cluster, recursive: true);
        }
        catch (IOException e)
        {
            log.WriteLine($"postgres: could not remove {cluster}: {e.Message}");
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
