using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Ogi.BuildingBlocks.Hosting.Logging;

/// <summary>
/// One JSON object per line: time, level, category, message, trace and span ids, and the structured
/// state. Every string passes through <see cref="PersonalDataRedactor"/> on its way out.
/// </summary>
public sealed class JsonLogFormatter : ConsoleFormatter
{
    public const string FormatterName = "ogi-json";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep Chinese readable in the logs instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public JsonLogFormatter(IOptionsMonitor<ConsoleFormatterOptions> options)
        : base(FormatterName)
    {
        _ = options;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("time", DateTimeOffset.UtcNow);
            writer.WriteString("level", logEntry.LogLevel.ToString());
            writer.WriteString("category", logEntry.Category);
            if (logEntry.EventId.Id != 0)
            {
                writer.WriteNumber("eventId", logEntry.EventId.Id);
            }

            writer.WriteString("message", PersonalDataRedactor.Redact(message ?? ""));
            if (Activity.Current is { } activity)
            {
                writer.WriteString("traceId", activity.TraceId.ToHexString());
                writer.WriteString("spanId", activity.SpanId.ToHexString());
            }

            if (logEntry.Exception is { } exception)
            {
                // The type and stack say what failed; exception messages can quote user input, so they are redacted too.
                writer.WriteString("exception", PersonalDataRedactor.Redact(exception.ToString()));
            }

            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> state)
            {
                writer.WriteStartObject("state");
                foreach (var (key, value) in state)
                {
                    if (key != "{OriginalFormat}")
                    {
                        writer.WriteString(key, PersonalDataRedactor.Redact(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        textWriter.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>Formats one entry as the console would, for tests.</summary>
    public static string Format(LogLevel level, string category, string message, Exception? exception = null)
    {
        var formatter = new JsonLogFormatter(new StaticOptions());
        using var writer = new StringWriter();
        formatter.Write(new LogEntry<string>(level, category, default, message, exception, (s, _) => s), null, writer);
        return writer.ToString();
    }

    private sealed class StaticOptions : IOptionsMonitor<ConsoleFormatterOptions>
    {
        public ConsoleFormatterOptions CurrentValue { get; } = new();

        public ConsoleFormatterOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<ConsoleFormatterOptions, string?> listener) => null;
    }
}
