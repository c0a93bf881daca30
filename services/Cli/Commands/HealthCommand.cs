using System.CommandLine;
using Grpc.Health.V1;
using Ogi.BuildingBlocks.Grpc;

namespace Ogi.Cli.Commands;

/// <summary>`ogi health`: each service's gRPC health (SERVING once its database is reachable and migrated).</summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var command = new Command("health", "Show whether every service is SERVING");
        command.SetAction(async (parse, ct) =>
        {
            using var context = new CliContext(parse);
            var healthy = true;
            foreach (var service in Endpoints.Services)
            {
                var response = new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Unknown };
                try
                {
                    response = await new Health.HealthClient(context.Channel(service))
                        .CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(3), cancellationToken: ct);
                }
                catch (RpcException e)
                {
                    context.Output.Say($"{service,-15} unreachable ({e.StatusCode}) at {context.Endpoints.Address(service)}");
                    healthy = false;
                    continue;
                }

                healthy &= response.Status == HealthCheckResponse.Types.ServingStatus.Serving;
                if (context.Output.IsJson)
                {
                    context.Output.Message(response);
                }
                else
                {
                    context.Output.Say($"{service,-15} {response.Status,-11} {context.Endpoints.Address(service)}");
                }
            }

            return healthy ? 0 : 1;
        });
        return command;
    }
}
