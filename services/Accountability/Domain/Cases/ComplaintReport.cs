using System.Security.Cryptography;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Accountability.Domain.Cases;

/// <summary>
/// AC-1 (Reg. 51): a complaint or report from the public, received through a provincial platform. The platform's own
/// report id is the source reference, so re-sending the same report names the same case.
/// </summary>
public sealed record ComplaintReport
{
    public ComplaintReport(string platform, string platformReportId, UnitRef concerned, string summary)
    {
        if (string.IsNullOrWhiteSpace(platform))
        {
            throw new InvalidInputException("platform", "the provincial platform is required");
        }

        if (string.IsNullOrWhiteSpace(summary))
        {
            throw new InvalidInputException("summary", "what the report is about is required");
        }

        Source = new CaseSource(SourceKind.PublicComplaint, $"{platform.Trim()}/{platformReportId}");
        Concerned = concerned;
        Summary = summary.Trim();
    }

    public CaseSource Source { get; }

    public UnitRef Concerned { get; }

    public string Summary { get; }
}

/// <summary>AC-1: the code a reporter follows the case with; it identifies nothing about the reporter.</summary>
public static class TrackingCode
{
    // Crockford base32 without I, L, O, U: easy to read out and type.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 12;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);
}
