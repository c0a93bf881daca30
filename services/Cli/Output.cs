using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Ogi.Contracts.Common.V1;

namespace Ogi.Cli;

/// <summary>
/// Prints any response: as readable text with every enum value's Chinese label (its label_zh option) next to its
/// name, or with --json as one JSON object per message (protobuf's JSON mapping), for scripts.
/// </summary>
internal sealed class Output(TextWriter writer, bool json)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false).WithTypeRegistry(Contracts.Registry));

    public bool IsJson => json;

    public void Message(IMessage message, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (json)
        {
            writer.WriteLine(Json.Format(message));
            return;
        }

        if (title is not null)
        {
            writer.WriteLine(title);
        }

        var text = new StringBuilder();
        Fields(message, text, title is null ? 0 : 1);
        writer.Write(text);
    }

    /// <summary>A line of narration (the demo's steps); suppressed with --json so the output stays machine-readable.</summary>
    public void Say(string line)
    {
        if (!json)
        {
            writer.WriteLine(line);
        }
    }

    public static string Label(EnumValueDescriptor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var label = value.GetOptions()?.GetExtension(OptionsExtensions.LabelZh);
        return string.IsNullOrEmpty(label) ? value.Name : $"{label} ({value.Name})";
    }

    private static void Fields(IMessage message, StringBuilder text, int depth)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var items = ((System.Collections.IList)value).Cast<object>().ToList();
                if (items.Count == 0)
                {
                    continue;
                }

                text.Append(' ', depth * 2).Append(field.JsonName).AppendLine(":");
                foreach (var item in items)
                {
                    if (item is IMessage nested && !IsScalarLike(nested))
                    {
                        text.Append(' ', depth * 2 + 2).AppendLine("-");
                        Fields(nested, text, depth + 2);
                    }
                    else
                    {
                        text.Append(' ', depth * 2 + 2).Append("- ").AppendLine(Scalar(field, item));
                    }
                }

                continue;
            }

            if (field.FieldType == FieldType.Message)
            {
                if (!field.Accessor.HasValue(message))
                {
                    continue;
                }

                var inner = (IMessage)value;
                if (IsScalarLike(inner))
                {
                    text.Append(' ', depth * 2).Append(field.JsonName).Append(": ").AppendLine(Scalar(field, inner));
                }
                else
                {
                    text.Append(' ', depth * 2).Append(field.JsonName).AppendLine(":");
                    Fields(inner, text, depth + 1);
                }

                continue;
            }

            if (IsDefault(value))
            {
                continue;
            }

            text.Append(' ', depth * 2).Append(field.JsonName).Append(": ").AppendLine(Scalar(field, value));
        }
    }

    private static bool IsScalarLike(IMessage message) =>
        message is Timestamp or Duration or Google.Type.Date or Any;

    private static bool IsDefault(object value) => value switch
    {
        string s => s.Length == 0,
        bool b => !b,
        int i => i == 0,
        long l => l == 0,
        uint u => u == 0,
        ulong ul => ul == 0,
        double d => d == 0,
        float f => f == 0,
        ByteString bytes => bytes.IsEmpty,
        _ => false,
    };

    private static string Scalar(FieldDescriptor field, object value) => value switch
    {
        Timestamp t => t.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss'+08'", CultureInfo.InvariantCulture),
        Google.Type.Date d => $"{d.Year:0000}-{d.Month:00}-{d.Day:00}",
        Duration d => d.ToTimeSpan().ToString(),
        Any any => any.TypeUrl,
        ByteString bytes => $"<{bytes.Length} bytes>",
        _ when field.FieldType == FieldType.Enum => field.EnumType.FindValueByNumber((int)value) is { } enumValue ? Label(enumValue) : value.ToString()!,
        bool b => b ? "是 (true)" : "否 (false)",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
