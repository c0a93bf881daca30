using System.CommandLine;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Ogi.BuildingBlocks.Grpc;
using Ogi.Contracts.Common.V1;

namespace Ogi.Cli.Commands;

/// <summary>
/// `ogi call SERVICE METHOD --data JSON`: any unary RPC of the platform, the request written in protobuf's JSON
/// mapping, the response printed with Chinese labels (or --json). `ogi call --list` shows every RPC and who may call it.
/// </summary>
internal static class CallCommand
{
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["intake"] = "ogi.intake.v1",
        ["secrecy-review"] = "ogi.review.v1",
        ["coordination"] = "ogi.coordination.v1",
        ["assessment"] = "ogi.assessment.v1",
        ["accountability"] = "ogi.accountability.v1",
    };

    public static Command Create()
    {
        var service = new Argument<string?>("service") { Description = "intake, secrecy-review, coordination, assessment or accountability", Arity = ArgumentArity.ZeroOrOne };
        var method = new Argument<string?>("method") { Description = "RPC name, e.g. SubmitApplication", Arity = ArgumentArity.ZeroOrOne };
        var data = new Option<string>("--data", "-d") { Description = "Request as JSON; @file reads it from a file, - from stdin", DefaultValueFactory = _ => "{}" };
        var list = new Option<bool>("--list") { Description = "List every RPC with the callers it admits" };
        var command = new Command("call", "Call any RPC of the platform with a JSON request") { service, method, data, list };
        command.SetAction(async (parse, ct) =>
        {
            using var context = new CliContext(parse);
            if (parse.GetValue(list) || parse.GetValue(service) is null)
            {
                List(context.Output, parse.GetValue(service));
                return 0;
            }

            var rpc = Find(parse.GetValue(service)!, parse.GetValue(method) ?? throw new CliException("name the method (ogi call --list shows them)"));
            var request = Parse(rpc.InputType, await ReadDataAsync(parse.GetValue(data)!, ct));
            var response = await InvokeAsync(context, parse.GetValue(service)!, rpc, request, context.Caller(), ct);
            context.Output.Message(response);
            return 0;
        });
        return command;
    }

    /// <summary>Calls <paramref name="rpc"/> on <paramref name="service"/> with a message built at run time.</summary>
    public static async Task<IMessage> InvokeAsync(CliContext context, string service, MethodDescriptor rpc, IMessage request, Metadata caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rpc);
        if (rpc.IsClientStreaming || rpc.IsServerStreaming)
        {
            throw new CliException($"{rpc.Name} streams; `ogi call` makes unary calls");
        }

        var method = new Method<IMessage, IMessage>(MethodType.Unary, rpc.Service.FullName, rpc.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), b => rpc.InputType.Parser.ParseFrom(b)),
            Marshallers.Create<IMessage>(m => m.ToByteArray(), b => rpc.OutputType.Parser.ParseFrom(b)));
        using var call = context.Channel(service).CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(caller, DateTime.UtcNow.AddSeconds(30), ct), request);
        return await call.ResponseAsync;
    }

    public static MethodDescriptor Find(string service, string method)
    {
        if (!Packages.TryGetValue(service, out var package))
        {
            throw new CliException($"unknown service '{service}': one of {string.Join(", ", Packages.Keys)}");
        }

        return Services(package).SelectMany(s => s.Methods).FirstOrDefault(m => string.Equals(m.Name, method, StringComparison.OrdinalIgnoreCase))
            ?? throw new CliException($"{service} has no RPC '{method}' (ogi call --list {service} shows them)");
    }

    private static IEnumerable<ServiceDescriptor> Services(string package) =>
        Contracts.Files.Where(f => f.Package == package).SelectMany(f => f.Services);

    private static IMessage Parse(MessageDescriptor type, string json)
    {
        try
        {
            return JsonParser.Default.Parse(json, type);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new CliException($"--data is not a valid {type.FullName}: {e.Message}");
        }
        catch (InvalidJsonException e)
        {
            throw new CliException($"--data is not valid JSON: {e.Message}");
        }
    }

    private static async Task<string> ReadDataAsync(string data, CancellationToken ct) => data switch
    {
        "-" => await Console.In.ReadToEndAsync(ct),
        ['@', .. var file] => await File.ReadAllTextAsync(file, ct),
        _ => data,
    };

    private static void List(Output output, string? only)
    {
        foreach (var (service, package) in Packages.Where(p => only is null || p.Key == only))
        {
            output.Say(service);
            foreach (var rpc in Services(package).SelectMany(s => s.Methods))
            {
                var access = rpc.GetOptions()?.GetExtension(AccessExtensions.Access);
                var callers = access is null ? "nobody (undeclared)" : string.Join(", ",
                    access.Principals.Select(p => p.ToString()).Concat(access.StaffRoles.Select(r => "staff:" + r)));
                output.Say($"  {rpc.Name,-34} {rpc.InputType.Name} → {rpc.OutputType.Name}   [{callers}]");
            }
        }
    }
}
