using System.Diagnostics;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.Grpc.TestHost.Echo;

namespace Ogi.Grpc.TestHost;

/// <summary>Unary echo calls from our client, as many as it can in a time window from several concurrent loops.</summary>
public static class BenchClient
{
    public static async Task<double> RunAsync(Uri target, TimeSpan duration, int concurrency)
    {
        using var channel = GrpcChannel.ForAddress(target);
        var client = new EchoService.EchoServiceClient(channel);
        var request = new EchoRequest { Text = "hello" };
        await client.EchoAsync(request); // warm up the connection
        long calls = 0;
        var watch = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (watch.Elapsed < duration)
            {
                await client.EchoAsync(request);
                Interlocked.Increment(ref calls);
            }
        });
        await Task.WhenAll(loops);
        return calls / watch.Elapsed.TotalSeconds;
    }
}
