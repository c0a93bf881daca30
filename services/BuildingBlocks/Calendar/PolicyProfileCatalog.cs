using System.Text.Json;

namespace Ogi.BuildingBlocks.Calendar;

/// <summary>
/// CAL-5: the profiles in force and which agency uses which. Built in: reg-2019 (default) and seed-001.
/// An operator file (<c>Calendar:ProfilesPath</c>) adds or overrides profiles and assigns them per agency:
/// <code>
/// { "default": "reg-2019",
///   "profiles": { "province-x": { "basedOn": "reg-2019", "description": "…", "feePaymentWorkingDays": 15 } },
///   "agencies": { "11440300007542xxxx": "seed-001" } }
/// </code>
/// A profile's unnamed periods come from its <c>basedOn</c> profile (reg-2019 when omitted).
/// </summary>
public sealed class PolicyProfileCatalog
{
    private static readonly Dictionary<string, Func<PolicyProfile, int, PolicyProfile>> Setters = new(StringComparer.Ordinal)
    {
        ["replyWorkingDays"] = (p, v) => p with { ReplyWorkingDays = v },
        ["extensionMaxWorkingDays"] = (p, v) => p with { ExtensionMaxWorkingDays = v },
        ["correctionNoticeWorkingDays"] = (p, v) => p with { CorrectionNoticeWorkingDays = v },
        ["coordinationReplyWorkingDays"] = (p, v) => p with { CoordinationReplyWorkingDays = v },
        ["urgentCoordinationWorkingDays"] = (p, v) => p with { UrgentCoordinationWorkingDays = v },
        ["coProducedConsultationWorkingDays"] = (p, v) => p with { CoProducedConsultationWorkingDays = v },
        ["thirdPartyConsultationWorkingDays"] = (p, v) => p with { ThirdPartyConsultationWorkingDays = v },
        ["feePaymentWorkingDays"] = (p, v) => p with { FeePaymentWorkingDays = v },
        ["proactivePublicationWorkingDays"] = (p, v) => p with { ProactivePublicationWorkingDays = v },
        ["proactiveDeferralMaxWorkingDays"] = (p, v) => p with { ProactiveDeferralMaxWorkingDays = v },
        ["rectificationReportWorkingDays"] = (p, v) => p with { RectificationReportWorkingDays = v },
        ["deadlineWarningWorkingDays"] = (p, v) => p with { DeadlineWarningWorkingDays = v },
        ["complaintAcceptanceDays"] = (p, v) => p with { ComplaintAcceptanceDays = v },
        ["appealDays"] = (p, v) => p with { AppealDays = v },
    };

    private readonly Dictionary<string, PolicyProfile> _profiles;
    private readonly Dictionary<string, string> _agencies;

    private PolicyProfileCatalog(Dictionary<string, PolicyProfile> profiles, string defaultName, Dictionary<string, string> agencies)
    {
        _profiles = profiles;
        _agencies = agencies;
        Default = profiles[defaultName];
    }

    /// <summary>reg-2019 (default) and seed-001, no agency assignments.</summary>
    public static PolicyProfileCatalog BuiltIn { get; } = new(BuiltInProfiles(), PolicyProfile.Reg2019Name, []);

    public PolicyProfile Default { get; }

    public IReadOnlyDictionary<string, PolicyProfile> Profiles => _profiles;

    /// <summary>Agency code (统一社会信用代码) → profile name, for agencies that do not use the default.</summary>
    public IReadOnlyDictionary<string, string> AgencyProfiles => _agencies;

    public PolicyProfile Get(string name) =>
        _profiles.TryGetValue(name, out var profile) ? profile : throw new KeyNotFoundException($"CAL-5: no policy profile named \"{name}\"");

    /// <summary>The profile assigned to the agency, else the default.</summary>
    public PolicyProfile ForAgency(string agencyCode) =>
        _agencies.TryGetValue(agencyCode, out var name) ? _profiles[name] : Default;

    public static PolicyProfileCatalog Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new CalendarDataException($"profile file {path}: cannot be read ({e.Message})");
        }

        return Parse(json, path);
    }

    /// <summary>Parses a profile file strictly; errors name <paramref name="origin"/> and the entry.</summary>
    public static PolicyProfileCatalog Parse(string json, string origin)
    {
        var where = $"profile file {origin}";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new CalendarDataException($"{where}: not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CalendarDataException($"{where}: the top level must be an object");
            }

            var profiles = BuiltInProfiles();
            var defaultName = PolicyProfile.Reg2019Name;
            var agencies = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "default":
                        defaultName = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : throw new CalendarDataException($"{where}: \"default\" must be a profile name");
                        break;
                    case "profiles":
                        ReadProfiles(property.Value, profiles, where);
                        break;
                    case "agencies":
                        ReadAgencies(property.Value, agencies, where);
                        break;
                    default:
                        throw new CalendarDataException($"{where}: unknown property \"{property.Name}\" (expected default, profiles, agencies)");
                }
            }

            if (!profiles.ContainsKey(defaultName))
            {
                throw new CalendarDataException($"{where}: \"default\" names an unknown profile \"{defaultName}\"");
            }

            foreach (var (agency, name) in agencies)
            {
                if (!profiles.ContainsKey(name))
                {
                    throw new CalendarDataException($"{where}: agencies[\"{agency}\"] names an unknown profile \"{name}\"");
                }
            }

            return new PolicyProfileCatalog(profiles, defaultName, agencies);
        }
    }

    private static Dictionary<string, PolicyProfile> BuiltInProfiles() => new(StringComparer.Ordinal)
    {
        [PolicyProfile.Reg2019.Name] = PolicyProfile.Reg2019,
        [PolicyProfile.Seed001.Name] = PolicyProfile.Seed001,
    };

    private static void ReadProfiles(JsonElement element, Dictionary<string, PolicyProfile> profiles, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CalendarDataException($"{where}: \"profiles\" must be an object of name → settings");
        }

        foreach (var entry in element.EnumerateObject())
        {
            var at = $"{where}: profiles[\"{entry.Name}\"]";
            if (string.IsNullOrWhiteSpace(entry.Name) || entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw new CalendarDataException($"{at}: must be a non-empty name with an object of settings");
            }

            var basedOn = entry.Value.TryGetProperty("basedOn", out var b)
                ? (b.ValueKind == JsonValueKind.String ? b.GetString()! : "")
                : PolicyProfile.Reg2019Name;
            if (!profiles.TryGetValue(basedOn, out var profile))
            {
                throw new CalendarDataException($"{at}: basedOn names an unknown profile \"{basedOn}\" (a profile can only build on one defined before it)");
            }

            profile = profile with { Name = entry.Name };
            foreach (var setting in entry.Value.EnumerateObject())
            {
                if (setting.Name == "basedOn")
                {
                    continue;
                }

                if (setting.Name == "description")
                {
                    profile = profile with
                    {
                        Description = setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString()! : throw new CalendarDataException($"{at}.description: must be text"),
                    };
                    continue;
                }

                if (!Setters.TryGetValue(setting.Name, out var set))
                {
                    throw new CalendarDataException($"{at}: unknown setting \"{setting.Name}\" (expected basedOn, description, {string.Join(", ", Setters.Keys)})");
                }

                if (!setting.Value.TryGetInt32(out var value) || value < 0 || value > PeriodClock.MaxLength)
                {
                    throw new CalendarDataException($"{at}.{setting.Name}: must be a whole number of days from 0 to {PeriodClock.MaxLength}");
                }

                profile = set(profile, value);
            }

            profiles[entry.Name] = profile;
        }
    }

    private static void ReadAgencies(JsonElement element, Dictionary<string, string> agencies, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CalendarDataException($"{where}: \"agencies\" must be an object of agency code → profile name");
        }

        foreach (var entry in element.EnumerateObject())
        {
            if (string.IsNullOrWhiteSpace(entry.Name) || entry.Value.ValueKind != JsonValueKind.String)
            {
                throw new CalendarDataException($"{where}: agencies[\"{entry.Name}\"] must map an agency code to a profile name");
            }

            agencies[entry.Name] = entry.Value.GetString()!;
        }
    }
}
