using System.Diagnostics;
using Ogi.BuildingBlocks.Hosting;

namespace Ogi.Platform;

/// <summary>
/// One service running as its own process: its output is shown prefixed by its name, and when it
/// dies unexpectedly it is started again (with a growing pause) until the platform stops.
/// </summary>
internal sealed class ServiceProcess(ServiceIdentity service, string assemblyPath, IReadOnlyDictionary<string, string> environment, ConsoleOutput output)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Process? _process;
    private Task? _supervisor;

    public ServiceIdentity Service { get; } = service;

    public int Restarts { get; private set; }

    /// <summary>Runs `dotnet Ogi.X.dll migrate` to completion.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        using var process = Start(["migrate"]);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Service.Name}: migrate exited with {process.ExitCode}");
        }
    }

    public void Start() => _supervisor = SuperviseAsync(_stopping.Token);

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (!stopping.IsCancellationRequested)
        {
            _process = Start([]);
            var startedAt = Stopwatch.StartNew();
            try
            {
                await _process.WaitForExitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Restarts++;
            // A service that ran a while gets a quick restart; one that keeps crashing waits longer each time.
            pause = startedAt.Elapsed > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds * 2, 30));
            output.Line(Service.Name, $"exited with code {_process.ExitCode}; restarting in {pause.TotalSeconds:0} s", error: true);
            try
            {
                await Task.Delay(pause, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Process Start(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        start.ArgumentList.Add(assemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Line(Service.Name, e.Data, error: false); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Line(Service.Name, e.Data, error: true); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Asks the process to stop (SIGTERM, so the host shuts down gracefully), then kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_supervisor is not null)
        {
            await _supervisor;
        }

        if (_process is { HasExited: false } process)
        {
            Signals.Terminate(process.Id);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
        _stopping.Dispose();
    }
}
