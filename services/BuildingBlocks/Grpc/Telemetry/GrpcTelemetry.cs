using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ogi.BuildingBlocks.Grpc.Telemetry;

/// <summary>
/// Spans and metrics of gRPC calls, with the OpenTelemetry rpc.* conventions: one span per call on each
/// side, named "pkg.Service/Method", and call durations. No message contents or metadata values are recorded.
/// </summary>
public static class GrpcTelemetry
{
    public const string Name = "Ogi.Grpc";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> ServerDuration = Meter.CreateHistogram<double>("rpc.server.duration", "ms", "Duration of gRPC calls served");

    private static readonly Histogram<double> ClientDuration = Meter.CreateHistogram<double>("rpc.client.duration", "ms", "Duration of gRPC calls made");

    // rpc.grpc.status_code values boxed once, not on every span and duration recorded.
    private static readonly object[] StatusCodeValues = [.. Enumerable.Range(0, 17).Select(code => (object)code)];

    /// <summary>The span name of a method, "pkg.Service/Method"; the server computes it once per method.</summary>
    internal static string SpanName(IMethod method) => method.ServiceName + "/" + method.Name;

    internal static Activity? StartServer(IMethod method, string spanName, Microsoft.AspNetCore.Http.IHeaderDictionary headers)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        // ASP.NET Core's request activity already continued the caller's trace when it exists (our span becomes
        // its child); otherwise continue the trace here from the traceparent metadata.
        ActivityContext parent = default;
        if (Activity.Current is null && headers["traceparent"].ToString() is { Length: > 0 } traceparent)
        {
            _ = ActivityContext.TryParse(traceparent, headers["tracestate"].ToString(), isRemote: true, out parent);
        }

        var activity = Source.StartActivity(spanName, ActivityKind.Server, parent);
        Tag(activity, method);
        return activity;
    }

    internal static Activity? StartClient(IMethod method)
    {
        var activity = Source.HasListeners() ? Source.StartActivity(SpanName(method), ActivityKind.Client) : null;
        Tag(activity, method);
        return activity;
    }

    /// <summary>When a served call starts, for its duration; 0 (not measured, no clock read) while nobody listens to durations.</summary>
    internal static long ServerStartTimestamp() => ServerDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    internal static void StopServer(Activity? activity, IMethod method, StatusCode code, long startTimestamp)
    {
        // Server spans are errors only for codes that mean the server failed (OTel rpc conventions).
        Stop(activity, code, code is StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Unimplemented
            or StatusCode.Internal or StatusCode.Unavailable or StatusCode.DataLoss);
        Record(ServerDuration, method, code, startTimestamp);
    }

    internal static void StopClient(Activity? activity, IMethod method, StatusCode code, long startTimestamp)
    {
        Stop(activity, code, code != StatusCode.OK);
        Record(ClientDuration, method, code, startTimestamp);
    }

    private static void Tag(Activity? activity, IMethod method)
    {
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag("rpc.system", "grpc");
        activity.SetTag("rpc.service", method.ServiceName);
        activity.SetTag("rpc.method", method.Name);
    }

    private static void Stop(Activity? activity, StatusCode code, bool isError)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("rpc.grpc.status_code", StatusCodeValue(code));
        if (isError)
        {
            activity.SetStatus(ActivityStatusCode.Error, code.ToString());
        }

        activity.Dispose();
    }

    private static void Record(Histogram<double> histogram, IMethod method, StatusCode code, long startTimestamp)
    {
        // A call that started before anybody listened has no start time to measure from.
        if (!histogram.Enabled || startTimestamp == 0)
        {
            return;
        }

        histogram.Record(
            Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds,
            new KeyValuePair<string, object?>("rpc.system", "grpc"),
            new KeyValuePair<string, object?>("rpc.service", method.ServiceName),
            new KeyValuePair<string, object?>("rpc.method", method.Name),
            new KeyValuePair<string, object?>("rpc.grpc.status_code", StatusCodeValue(code)));
    }

    private static object StatusCodeValue(StatusCode code) => (uint)code < StatusCodeValues.Length ? StatusCodeValues[(int)code] : (int)code;
}
