using Ogi.BuildingBlocks.Domain;

namespace Ogi.Accountability.Domain.Cases;

/// <summary>The agency one level above the given one (its parent in the agency directory), or null at the top.</summary>
public delegate string? ParentAgencyLookup(string agencyCode);

/// <summary>AC-3 (seed 001 第五条): how weighty a matter is decides which body investigates it.</summary>
public enum CaseImportance
{
    [Label("一般性问题")]
    General,

    [Label("重要问题")]
    Important,
}

public enum HandlingBody
{
    [Label("相关科室")]
    ResponsibleSection,

    [Label("政务公开领导小组")]
    LeadingGroup,
}

public sealed record CaseRouting(string ConcernedAgencyCode, string HandlingAgencyCode, CaseImportance Importance, HandlingBody Body);

public static class CaseJurisdiction
{
    /// <summary>
    /// AC-4 (seed 000 第四条, 分级负责、下管一级): the level above the agency concerned handles the case; within it,
    /// general matters go to the responsible section and important ones to the leading group (AC-3, seed 001 第五条).
    /// </summary>
    public static CaseRouting Route(string concernedAgencyCode, CaseImportance importance, ParentAgencyLookup parents)
    {
        var above = parents(concernedAgencyCode);
        if (string.IsNullOrWhiteSpace(above))
        {
            throw new RuleViolationException("AC-4", $"agency {concernedAgencyCode} has no level above it in the agency directory to handle the case");
        }

        var body = importance == CaseImportance.Important ? HandlingBody.LeadingGroup : HandlingBody.ResponsibleSection;
        return new CaseRouting(concernedAgencyCode, above, importance, body);
    }
}
