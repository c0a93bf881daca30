using System.Diagnostics;
using OpenTelemetry;
using Ogi.BuildingBlocks.Hosting.Logging;

namespace Ogi.BuildingBlocks.Hosting.Telemetry;

/// <summary>
/// Masks citizen ID numbers and phone numbers in every span before it is exported — its name, its string tags and
/// its status description — whatever the code that created it put there; the span-side twin of the log formatter.
/// Span events cannot be rewritten once added, so the project records none with personal data in them.
/// </summary>
public sealed class PersonalDataSpanProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.DisplayName = PersonalDataRedactor.Redact(data.DisplayName);
        foreach (var (key, value) in data.TagObjects.ToList())
        {
            if (value is string text && PersonalDataRedactor.Redact(text) is var redacted && redacted != text)
            {
                data.SetTag(key, redacted);
            }
        }

        if (data.StatusDescription is { } description)
        {
            data.SetStatus(data.Status, PersonalDataRedactor.Redact(description));
        }
    }
}
