using Ogi.Grpc.TestHost;

// serve: the echo server for the grpc-js suite and the benchmark; prints its address, runs until stdin closes or Ctrl+C.
// bench-client: our client's unary rate against a server.
var command = args.FirstOrDefault() ?? "serve";
int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
string? Text(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

switch (command)
{
    case "serve":
        // No logging at all: ASP.NET Core would otherwise create a request activity and log scope per call.
        await using (var app = await EchoServer.StartAsync(Option("--port", 0), logLevel: Microsoft.Extensions.Logging.LogLevel.None))
        {
            Console.WriteLine($"listening {app.Address()}");
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
            await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
            await app.StopAsync();
        }

        return 0;
    case "bench-client":
        var rate = await BenchClient.RunAsync(new Uri(Text("--target") ?? throw new ArgumentException("--target URL")), TimeSpan.FromSeconds(Option("--seconds", 5)), Option("--concurrency", 64));
        Console.WriteLine($"client-rate {rate:F0}");
        return 0;
    default:
        Console.Error.WriteLine("usage: serve [--port N] | bench-client --target URL [--seconds S] [--concurrency C]");
        return 2;
}
