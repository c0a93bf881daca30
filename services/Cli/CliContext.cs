using System.CommandLine;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Grpc.Client;
using Ogi.BuildingBlocks.Identity.Rpc;

namespace Ogi.Cli;

/// <summary>The options every command shares, and what they resolve to: addresses, the caller's token, the output.</summary>
internal sealed class CliContext : IDisposable
{
    public static readonly Option<string> Target = new("--target")
    {
        Description = "Host the services listen on (default 127.0.0.1, as make run starts them; OGI_ADDRESS_<SERVICE> overrides one service)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("OGI_TARGET") is { Length: > 0 } t ? t : "127.0.0.1",
        Recursive = true,
    };

    public static readonly Option<int> BasePort = new("--base-port")
    {
        Description = "Port of intake; the other services follow it (default 50051)",
        DefaultValueFactory = _ => 50051,
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "Access token of the caller (default: $OGI_TOKEN; `ogi token` mints a development one)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON (protobuf's JSON mapping), one object per message, for scripts",
        Recursive = true,
    };

    private readonly Dictionary<string, GrpcChannel> _channels = [];
    private readonly string? _token;

    public CliContext(ParseResult parse, TextWriter? writer = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        Endpoints = new Endpoints(parse.GetValue(Target)!, parse.GetValue(BasePort));
        _token = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable("OGI_TOKEN");
        Output = new Output(writer ?? parse.InvocationConfiguration.Output, parse.GetValue(Json));
    }

    public Endpoints Endpoints { get; }

    public Output Output { get; }

    public GrpcChannel Channel(string service)
    {
        if (!_channels.TryGetValue(service, out var channel))
        {
            channel = GrpcChannel.ForAddress(Endpoints.Address(service));
            _channels[service] = channel;
        }

        return channel;
    }

    /// <summary>Call headers carrying <paramref name="token"/>, or the context's token.</summary>
    public Metadata Caller(string? token = null)
    {
        var bearer = token ?? _token ?? throw new CliException("this command needs a caller: pass --token or set OGI_TOKEN (`ogi token --help` mints a development one)");
        return BearerToken.Headers(bearer);
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }
}

/// <summary>A mistake of the user's that the CLI explains in one line (exit code 2).</summary>
internal sealed class CliException(string message) : Exception(message);
