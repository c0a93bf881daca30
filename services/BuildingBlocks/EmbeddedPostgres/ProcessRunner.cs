using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Ogi.BuildingBlocks.EmbeddedPostgres;

/// <summary>Runs the PostgreSQL tools; as root they run as the 'postgres' user, which PostgreSQL insists on.</summary>
internal static partial class ProcessRunner
{
    private const string PostgresUser = "postgres";

    public static bool IsRoot => OperatingSystem.IsLinux() && geteuid() == 0;

    [LibraryImport("libc")]
    private static partial uint geteuid();

    public static Task RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        IsRoot
            ? RunAsync("runuser", ["-u", PostgresUser, "--", tool, .. arguments], cancellationToken)
            : RunAsync(tool, arguments, cancellationToken);

    /// <summary>Hands a folder to the postgres user (only needed, and only possible, as root).</summary>
    public static void GiveToPostgresUser(string directory)
    {
        if (!IsRoot)
        {
            return;
        }

        RunAsync("chown", ["-R", $"{PostgresUser}:", directory], CancellationToken.None).GetAwaiter().GetResult();
        // The folder holds the server's socket and data: nobody else needs to look inside.
        RunAsync("chmod", ["700", directory], CancellationToken.None).GetAwaiter().GetResult();
    }

    public static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The tools must not inherit a folder the postgres user cannot enter.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments.Take(4))} exited with {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}");
        }
    }
}
