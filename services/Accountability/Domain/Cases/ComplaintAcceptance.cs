namespace Ogi.Accountability.Domain.Cases;

/// <summary>AC-3 (seed 003 受理程序): a registered report is accepted or declined within the profile's days.</summary>
public static class ComplaintAcceptance
{
    /// <summary>The last day to decide: "自接到举报材料之日起15日内", the day of receipt not counted.</summary>
    public static DateOnly Due(DateOnly registeredOn, AccountabilityProfile profile) => registeredOn.AddDays(profile.AcceptanceDays);

    /// <summary>Reports still waiting for acceptance or refusal after their last day.</summary>
    public static IReadOnlyList<AccountabilityCase> Overdue(IEnumerable<AccountabilityCase> cases, DateOnly today) =>
        cases.Where(c => c.IsAcceptanceOverdue(today)).ToList();
}
