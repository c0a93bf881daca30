using Ogi.BuildingBlocks.Domain;

namespace Ogi.Coordination.Domain;

/// <summary>
/// CO-5 (seed 001 第八条): information several agencies drafted together is published to the public only by the
/// agency that organised its drafting (the lead drafting agency); the other drafters may not publish it.
/// </summary>
public sealed record JointlyDraftedInformation(string Reference, string Title, string LeadDraftingAgencyCode, IReadOnlyList<string> CoDraftingAgencyCodes)
{
    /// <summary>CO-5: refuses a release by any agency but the lead drafting agency.</summary>
    public void AuthorizeRelease(string releasingAgencyCode)
    {
        if (string.IsNullOrWhiteSpace(LeadDraftingAgencyCode))
        {
            throw new InvalidInputException("lead_drafting_agency_code", "CO-5: 联合起草的信息应载明牵头起草机关");
        }

        if (releasingAgencyCode != LeadDraftingAgencyCode)
        {
            var role = CoDraftingAgencyCodes.Contains(releasingAgencyCode) ? "参与起草的机关" : "非起草机关";
            throw new RuleViolationException("CO-5", $"“{Title}”由多家单位联合起草，只能由牵头起草机关{LeadDraftingAgencyCode}发布，{role}{releasingAgencyCode}不得发布");
        }
    }
}
