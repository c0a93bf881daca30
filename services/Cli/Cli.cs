using System.CommandLine;
using Ogi.BuildingBlocks.Grpc;
using Ogi.Cli.Commands;

namespace Ogi.Cli;

/// <summary>The `ogi` command tree, and how a run ends: 0 done, 1 refused by a service, 2 a usage mistake.</summary>
public static class Cli
{
    public static RootCommand Root() => new("ogi — the government information disclosure platform from the command line")
    {
        CliContext.Target, CliContext.BasePort, CliContext.Token, CliContext.Json,
        TokenCommand.Create(),
        HealthCommand.Create(),
        DecisionsCommand.Create(),
        CallCommand.Create(),
        DemoCommand.Create(),
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            // Our own handler below explains refusals in one line instead of a stack trace.
            return await Root().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error }, cancellationToken);
        }
        catch (CliException e)
        {
            await error.WriteLineAsync("ogi: " + e.Message);
            return 2;
        }
        catch (TimeoutException e)
        {
            // An event that never arrived (ogi demo): say what was awaited; the services' logs say why.
            await error.WriteLineAsync("ogi: " + e.Message);
            return 1;
        }
        catch (RpcException e)
        {
            // The service's refusal as the caller should read it: status, message, and the rule or field it names.
            await error.WriteLineAsync($"ogi: {e.StatusCode}: {e.Status.Detail}{Refusal.Explain(e)}");
            return 1;
        }
    }
}
