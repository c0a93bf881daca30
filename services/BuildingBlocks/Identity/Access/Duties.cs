using Ogi.BuildingBlocks.Domain;

namespace Ogi.BuildingBlocks.Identity.Access;

/// <summary>
/// Separation of duties: the same person may not hold two parts of one decision. Refusals are
/// <see cref="RuleViolationException"/>s naming the rule (FAILED_PRECONDITION with the rule id).
/// Compares principal ids, so it works on stored ids as well as on the caller.
/// </summary>
public static class Duties
{
    /// <summary>Refuses under <paramref name="ruleId"/> when the two people are the same person.</summary>
    public static void MustDiffer(string ruleId, string roleA, string personA, string roleB, string personB)
    {
        if (string.Equals(personA, personB, StringComparison.Ordinal))
        {
            throw new RuleViolationException(ruleId, $"{ruleId}: the {roleA} and the {roleB} must be different people (both are {personA})");
        }
    }

    /// <summary>SR-2 谁公开、谁审查、谁负责: reviewer and approving leader are two people, and neither submitted the item.</summary>
    public static void SecrecyReview(string submitter, string reviewer, string approvingLeader)
    {
        MustDiffer("SR-2", "reviewer", reviewer, "approving leader", approvingLeader);
        MustDiffer("SR-2", "submitter", submitter, "reviewer", reviewer);
        MustDiffer("SR-2", "submitter", submitter, "approving leader", approvingLeader);
    }

    /// <summary>INT-5: the extension of a reply period is approved by the office head, not the clerk handling it.</summary>
    public static void ReplyExtension(string handlingClerk, string approver) =>
        MustDiffer("INT-5", "clerk handling the application", handlingClerk, "approver of the extension", approver);

    /// <summary>AC-5: at least two investigators, all different people.</summary>
    public static void Investigators(IReadOnlyCollection<string> investigators)
    {
        var distinct = investigators.Distinct(StringComparer.Ordinal).Count();
        if (distinct < investigators.Count)
        {
            var twice = investigators.GroupBy(i => i, StringComparer.Ordinal).First(g => g.Count() > 1).Key;
            throw new RuleViolationException("AC-5", $"AC-5: each investigator must be a different person ({twice} is named twice)");
        }

        if (distinct < 2)
        {
            throw new RuleViolationException("AC-5", $"AC-5: an investigation needs at least two investigators ({distinct} named)");
        }
    }
}
