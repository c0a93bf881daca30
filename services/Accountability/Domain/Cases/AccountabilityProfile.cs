namespace Ogi.Accountability.Domain.Cases;

/// <summary>
/// The periods of §6 as a policy profile (CAL-5). Both are calendar days: seed 003 says "接到举报材料之日起15日内"
/// (日, not 工作日) and domain.md AC-10 speaks of 30 days; the day the period starts from is not counted.
/// </summary>
public sealed record AccountabilityProfile(int AcceptanceDays = 15, int AppealDays = 30)
{
    public static AccountabilityProfile Default { get; } = new();
}
