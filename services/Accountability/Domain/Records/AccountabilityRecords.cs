using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Catalogue;
using Ogi.Accountability.Domain.Measures;
using Ogi.Accountability.Domain.Responsibility;

namespace Ogi.Accountability.Domain.Records;

/// <summary>AC-12: one unit's or person's entry for one decided case.</summary>
public sealed record AccountabilityRecord(
    Guid CaseId,
    Subject Subject,
    ViolationType Violation,
    Severity Severity,
    bool DirectResponsibility,
    DateOnly OccurredOn,
    DateOnly DecidedOn,
    IReadOnlyList<Measure> Measures,
    bool Revoked = false);

/// <summary>
/// AC-12 (seed 002 五(五)): accountability records per person and unit, as the assessment asks about them. Built from
/// decisions and appeal outcomes; an entry revoked on appeal no longer counts for anything.
/// </summary>
public sealed class AccountabilityRecords(IEnumerable<AccountabilityRecord> records)
{
    /// <summary>Seed 002: "一年内犯一般过错达3次、经调查确定均负有直接责任的,年度考核定为不称职".</summary>
    public const int FaultsMakingUnfit = 3;

    private readonly List<AccountabilityRecord> _records = [.. records];

    public AccountabilityRecords()
        : this([])
    {
    }

    public IReadOnlyList<AccountabilityRecord> All => _records;

    /// <summary>The unit's entry, and one per accountable person (an exempted person has no record).</summary>
    public void Add(AccountabilityDecided decision)
    {
        _records.Add(new(decision.CaseId, new UnitSubject(decision.Unit), decision.Violation, decision.UnitSeverity, false,
            decision.OccurredOn, decision.DecidedOn, decision.UnitMeasures));
        _records.AddRange(decision.Persons
            .Where(p => p.Responsibility != ResponsibilityKind.Exempt)
            .Select(p => new AccountabilityRecord(decision.CaseId, new PersonSubject(p.Person), decision.Violation, p.Severity,
                p.IsDirect, decision.OccurredOn, decision.DecidedOn, p.Measures)));
    }

    /// <summary>AC-10: a revoked decision leaves no record for the appellant; a modified one keeps the new measures.</summary>
    public void Apply(AppealDecided appeal)
    {
        var index = _records.FindIndex(r => r.CaseId == appeal.CaseId && r.Subject == appeal.Appellant);
        if (index < 0 || appeal.Outcome == AppealOutcome.Upheld)
        {
            return;
        }

        _records[index] = appeal.Outcome == AppealOutcome.Revoked
            ? _records[index] with { Revoked = true }
            : _records[index] with { Measures = appeal.MeasuresAfter };
    }

    public IReadOnlyList<AccountabilityRecord> Standing(Subject subject) =>
        _records.Where(r => r.Subject == subject && !r.Revoked).ToList();

    /// <summary>AC-12: violations that occurred in the 12 months up to and including <paramref name="asOf"/>.</summary>
    public IReadOnlyList<AccountabilityRecord> ViolationsInPast12Months(Subject subject, DateOnly asOf) =>
        Standing(subject).Where(r => r.OccurredOn > asOf.AddMonths(-12) && r.OccurredOn <= asOf).ToList();

    /// <summary>
    /// AC-9 (seed 004 第九条(四) "一年内出现两次或者两次以上应予追究责任的情形"): other decided cases whose violation lies
    /// within one year either side of this one's — which of the two was decided first does not matter.
    /// </summary>
    public IReadOnlyList<AccountabilityRecord> OthersWithinAYear(Subject subject, DateOnly occurredOn, Guid exceptCase) =>
        Standing(subject)
            .Where(r => r.CaseId != exceptCase && r.OccurredOn > occurredOn.AddYears(-1) && r.OccurredOn < occurredOn.AddYears(1))
            .ToList();

    /// <summary>
    /// AC-12 评优 eligibility for a year. A person held to account in a year loses it whatever the measures (seed 002
    /// "对受到过错责任追究的,取消年度评优评先资格"); a unit loses it when its measures say so (seed 000 第八条3).
    /// </summary>
    public bool IsEligibleForCommendation(Subject subject, int year) => !Standing(subject).Any(r =>
        r.DecidedOn.Year == year && (subject is PersonSubject || r.Measures.Contains(Measure.CommendationWithdrawn)));

    /// <summary>
    /// AC-9/AC-12 不称职 (seed 002): at least three faults decided in the year with direct responsibility. Faults of any
    /// 情节 count: a graver fault is no less a fault than a general one.
    /// </summary>
    public bool IsUnfit(PersonRef person, int year) =>
        Standing(new PersonSubject(person)).Count(r => r.DecidedOn.Year == year && r.DirectResponsibility) >= FaultsMakingUnfit;
}
