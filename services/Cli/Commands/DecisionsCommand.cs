using System.CommandLine;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Ogi.BuildingBlocks.Grpc;
using Ogi.Contracts.Common.V1;

namespace Ogi.Cli.Commands;

/// <summary>
/// `ogi decisions follow`: the decisions topic live — replies, binding decisions, assessment results, accountability
/// decisions and appeals — merged from every service's decision feed; reconnects from its cursor when a service restarts.
/// </summary>
internal static class DecisionsCommand
{
    public static Command Create()
    {
        var fromStart = new Option<bool>("--from-start") { Description = "First replay every decision the services still keep" };
        var follow = new Command("follow", "Print decision events as they are published (Ctrl+C stops)") { fromStart };
        follow.SetAction(async (parse, ct) =>
        {
            using var context = new CliContext(parse);
            var caller = context.Caller();
            var gate = new Lock();
            await Task.WhenAll(Endpoints.Services.Select(service => FollowAsync(context, service, caller, parse.GetValue(fromStart), gate, ct)));
            return 0;
        });
        return new Command("decisions", "Decision events (topic \"decisions\")") { follow };
    }

    private static async Task FollowAsync(CliContext context, string service, Metadata caller, bool fromStart, Lock gate, CancellationToken ct)
    {
        var client = new DecisionFeedService.DecisionFeedServiceClient(context.Channel(service));
        var cursor = "";
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var call = client.WatchDecisions(new WatchDecisionsRequest { AfterEventId = cursor, FromStart = fromStart }, caller, cancellationToken: ct);
                while (await call.ResponseStream.MoveNext(ct))
                {
                    var decision = call.ResponseStream.Current;
                    cursor = decision.EventId;
                    lock (gate)
                    {
                        Print(context.Output, decision);
                    }
                }
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown && !ct.IsCancellationRequested)
            {
                // The service restarted or is not up yet: resume from the cursor.
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException) when (ct.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static void Print(Output output, WatchDecisionsResponse decision)
    {
        if (output.IsJson)
        {
            output.Message(decision);
            return;
        }

        var type = Any.GetTypeName(decision.Event.TypeUrl);
        var title = $"[{decision.OccurredAt.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss}] {decision.Service} {type}";
        if (Contracts.Registry.Find(type) is { } descriptor)
        {
            output.Message(descriptor.Parser.ParseFrom(decision.Event.Value), title);
        }
        else
        {
            output.Say(title + " (unknown type)");
        }
    }
}
