using Microsoft.Extensions.Configuration;

namespace Ogi.BuildingBlocks.Calendar;

/// <summary>
/// Where operators put their data (CAL-1, CAL-5). Configuration section "Calendar";
/// from the environment: OGI_Calendar__Directory, OGI_Calendar__ProfilesPath.
/// </summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>A folder of year files (2027.json, …), e.g. a mounted ConfigMap; each adds or replaces the shipped year.</summary>
    public string? Directory { get; init; }

    /// <summary>A profile file (see <see cref="PolicyProfileCatalog"/>).</summary>
    public string? ProfilesPath { get; init; }

    public static CalendarOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new CalendarOptions
        {
            Directory = NullIfEmpty(section["Directory"]),
            ProfilesPath = NullIfEmpty(section["ProfilesPath"]),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
