namespace Ogi.BuildingBlocks.EmbeddedPostgres;

/// <summary>Finds initdb/pg_ctl on PATH or in Debian's /usr/lib/postgresql/*/bin, installing the package when root.</summary>
internal sealed class PostgresBinaries
{
    private readonly string _directory;

    private PostgresBinaries(string directory) => _directory = directory;

    public string Tool(string name) => Path.Combine(_directory, name);

    public static PostgresBinaries Locate(TextWriter log)
    {
        var found = Find();
        if (found is null && ProcessRunner.IsRoot)
        {
            log.WriteLine("postgres: binaries not found, installing the Debian package 'postgresql'");
            ProcessRunner.RunAsync("apt-get", ["update", "-q"], CancellationToken.None).GetAwaiter().GetResult();
            ProcessRunner.RunAsync("apt-get", ["install", "-y", "-q", "--no-install-recommends", "postgresql"], CancellationToken.None,
                environment: new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" }).GetAwaiter().GetResult();
            found = Find();
        }

        return found is null
            ? throw new InvalidOperationException(
                "PostgreSQL binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin. " +
                "Install them (Debian: apt-get install postgresql) or set OGI_DATABASE_URL to an existing server.")
            : new PostgresBinaries(found);
    }

    private static string? Find()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.EnumerateDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }
}
