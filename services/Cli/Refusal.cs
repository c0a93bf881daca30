using Google.Rpc;
using Ogi.BuildingBlocks.Grpc;

namespace Ogi.Cli;

/// <summary>The rule id (ErrorInfo) or the fields (BadRequest) a service named when it refused a call.</summary>
internal static class Refusal
{
    public static string Explain(RpcException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        if (refused.GetDetail<ErrorInfo>() is { } info)
        {
            // ErrorInfo's first field (reason on the wire; Type in this package's C#) carries the rule id: INT-9, SR-2, …
            return $" [rule {info.Type}]";
        }

        if (refused.GetDetail<BadRequest>() is { } bad && bad.FieldViolations.Count > 0)
        {
            return " [" + string.Join("; ", bad.FieldViolations.Select(v => $"{v.Field}: {v.Description}")) + "]";
        }

        return "";
    }
}
