using System.Text.Json.Serialization;

namespace Ogi.BuildingBlocks.Identity.Agencies;

/// <summary>省 / 市 / 县 / 乡镇, highest first.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgencyLevel>))]
public enum AgencyLevel
{
    [JsonStringEnumMemberName("province")]
    Province,

    [JsonStringEnumMemberName("city")]
    City,

    [JsonStringEnumMemberName("county")]
    County,

    [JsonStringEnumMemberName("township")]
    Township,
}

/// <summary>
/// An administrative agency (行政机关), domain.md §0. <see cref="Parent"/> is the agency it reports to (a department →
/// its government, a government → the government above); <see cref="CompetentDepartment"/> is its OGI competent
/// department (政府信息公开工作主管部门); <see cref="ShortCode"/> prefixes its tracking numbers.
/// </summary>
public sealed record Agency(
    string Code,
    string Name,
    AgencyLevel Level,
    string? Parent,
    string? CompetentDepartment,
    string ShortCode);
