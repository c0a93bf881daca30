using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ogi.Cli.Demo;

namespace Ogi.Cli.Commands;

/// <summary>
/// `ogi demo`: walks the demo journey against a running platform (make run), printing each step as it happens —
/// what was called, the ids and values, and where to look — or, with --json, one step record per line.
/// </summary>
internal static class DemoCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var database = new Option<string?>("--database-url")
        {
            Description = "Connection string of the platform's database (default: $OGI_DEMO_DATABASE_URL, which make demo reads from make run's file): "
                + "lets the second application's receipt be moved back so its deadline passes. Without it those steps are skipped",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("OGI_DEMO_DATABASE_URL") is { Length: > 0 } url ? url : null,
        };
        var patience = new Option<double>("--wait") { Description = "Seconds to wait for each event to arrive", DefaultValueFactory = _ => 60 };
        var command = new Command("demo", "Walk one application through all five services, step by step (against a running make run)") { database, patience };
        command.SetAction(async (parse, ct) =>
        {
            using var context = new CliContext(parse);
            var writer = parse.InvocationConfiguration.Output;
            var url = parse.GetValue(database);
            var journey = new DemoJourney(context.Channel, new DemoJourneyOptions
            {
                Patience = TimeSpan.FromSeconds(parse.GetValue(patience)),
                MoveReceiptBack = url is null ? null : (id, on, token) => DemoJourney.MoveReceiptBackAsync(url, id, on, token),
                OnStep = step => Print(writer, step, context.Output.IsJson),
            });
            var outcome = await journey.RunAsync(ct);
            if (!context.Output.IsJson)
            {
                await writer.WriteLineAsync($"完成 (done): {outcome.Steps.Count} steps, one trace {outcome.TraceId}");
            }

            return 0;
        });
        return command;
    }

    private static void Print(TextWriter writer, DemoStep step, bool json)
    {
        if (json)
        {
            writer.WriteLine(JsonSerializer.Serialize(step, Json));
            return;
        }

        writer.WriteLine($"第{step.Number}步 {step.TitleZh} — {step.TitleEn}");
        writer.WriteLine($"  调用 (called): {step.Called}");
        foreach (var (key, value) in step.Values)
        {
            writer.WriteLine($"  {key}: {value.Replace("\n", "\n    ", StringComparison.Ordinal)}");
        }

        writer.WriteLine($"  查看 (where to look): {step.WhereToLook}");
        writer.Flush();
    }
}
