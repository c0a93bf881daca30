using System.Runtime.InteropServices;
using Ogi.BuildingBlocks.Hosting;
using Ogi.Platform;

var output = new ConsoleOutput(ServiceIdentity.All.Select(s => s.Name).Append("platform"));
using var stop = new CancellationTokenSource();
// Ctrl+C and `kill` both stop everything; the second Ctrl+C is left to the runtime (hard exit).
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = !stop.IsCancellationRequested; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

var command = args.FirstOrDefault() ?? "run";
switch (command)
{
    case "run":
        var basePort = args.SkipWhile(a => a != "--base-port").Skip(1).Select(int.Parse).Cast<int?>().FirstOrDefault();
        return await new LocalPlatform(output, basePort).RunAsync(stop.Token);
    default:
        Console.Error.WriteLine($"unknown command '{command}'. Usage: Ogi.Platform run [--base-port N]   (tokens: ./ogi token --help)");
        return 2;
}
