using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Identity.Agencies;

namespace Ogi.Accountability.Cases;

/// <summary>Legal dates are Asia/Shanghai days (UTC+08:00 all year).</summary>
public static class ChinaDate
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => Of(clock.GetUtcNow());

    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}

/// <summary>Units and the levels above them, from the agency directory (AC-4).</summary>
public sealed class Units(AgencyDirectory directory)
{
    /// <summary>The unit by code and name, or INVALID_ARGUMENT naming <paramref name="field"/> when the directory does not know it.</summary>
    public UnitRef Resolve(string agencyCode, string field)
    {
        var agency = string.IsNullOrWhiteSpace(agencyCode) ? null : directory.Find(agencyCode.Trim());
        return agency is null
            ? throw new InvalidInputException(field, "an agency code from the agency directory is required")
            : new UnitRef(agency.Code, agency.Name);
    }

    /// <summary>AC-4 上一级: the agency the given one reports to.</summary>
    public string? Above(string agencyCode) => directory.Find(agencyCode)?.Parent;

    public string NameOf(string agencyCode) => directory.Find(agencyCode)?.Name ?? agencyCode;
}
