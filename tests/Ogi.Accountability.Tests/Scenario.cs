using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Catalogue;
using Ogi.Accountability.Domain.Measures;
using Ogi.Accountability.Domain.Records;
using Ogi.Accountability.Domain.Responsibility;

namespace Ogi.Accountability.Tests;

/// <summary>A small agency tree and a case walked up to the point a test needs.</summary>
internal static class Scenario
{
    public const string CityGovernment = "11330100000000001A";
    public const string CountyGovernment = "11330101000000002B";
    public const string CountyBureau = "11330101000000003C";

    public static readonly UnitRef Bureau = new(CountyBureau, "某县自然资源局");

    public static readonly PersonRef Handler = new("p-handler-01");
    public static readonly PersonRef Leader = new("p-leader-02");
    public static readonly PersonRef Principal = new("p-principal-03");
    public static readonly PersonRef Member = new("p-member-04");
    public static readonly PersonRef Investigator1 = new("inv-01");
    public static readonly PersonRef Investigator2 = new("inv-02");

    public static readonly DateOnly Day = new(2026, 3, 2);

    private static readonly Dictionary<string, string> ParentOf = new()
    {
        [CountyBureau] = CountyGovernment,
        [CountyGovernment] = CityGovernment,
    };

    public static string? Parents(string code) => ParentOf.GetValueOrDefault(code);

    public static ComplaintReport Report(string reportId = "R-1") => new("zj-platform", reportId, Bureau, "申请逾期未答复");

    public static AccountabilityCase Breach(string reference = "330101-2026-000123") =>
        AccountabilityCase.Open(Guid.NewGuid(), new CaseSource(SourceKind.DeadlineBreached, reference), Bureau, Day,
            CaseImportance.General, Parents, AccountabilityProfile.Default);

    public static AccountabilityCase Investigating(AccountabilityCase? @case = null)
    {
        @case ??= Breach();
        @case.StartInvestigation([Investigator1, Investigator2]);
        @case.RecordEvidence(Investigator1, "申请登记表与答复记录", Day.AddDays(3));
        return @case;
    }

    public static CaseFacts Facts(
        Severity severity = Severity.General,
        ActParticipants? act = null,
        IReadOnlySet<MitigatingFactor>? mitigating = null,
        IReadOnlySet<AggravatingFactor>? aggravating = null,
        DateOnly? occurredOn = null) =>
        new(ViolationType.ApplicationMishandled, severity, occurredOn ?? Day.AddDays(-10),
            act ?? new ActParticipants(DecisionPath.HandlerAlone, Handler), Mitigating: mitigating, Aggravating: aggravating);

    /// <summary>Facts established, every accountable person heard, measures proposed.</summary>
    public static AccountabilityCase ReadyToDecide(CaseFacts? facts = null, AccountabilityRecords? records = null, AccountabilityCase? @case = null)
    {
        @case = Investigating(@case);
        @case.EstablishFacts(facts ?? Facts());
        foreach (var person in @case.Responsibilities.Where(r => r.IsAccountable))
        {
            @case.RecordDefence(person.Person, "对事实无异议", Day.AddDays(5));
        }

        @case.Propose(records ?? new AccountabilityRecords());
        return @case;
    }

    public static AccountabilityCase Decided(CaseFacts? facts = null, DateOnly? decidedOn = null)
    {
        var @case = ReadyToDecide(facts);
        var on = decidedOn ?? Day.AddDays(10);
        @case.Decide(new CaseDecision(on, on.AddDays(20)));
        return @case;
    }

    public static AccountabilityDecided DecisionFor(PersonRef person, DateOnly decidedOn, Severity severity = Severity.General,
        PersonRole role = PersonRole.Handler, DateOnly? occurredOn = null) =>
        new(Guid.NewGuid(), Bureau, CountyGovernment, ViolationType.ApplicationMishandled, severity, [Measure.RectificationOrdered],
            [new PersonOutcome(person, role, ResponsibilityKind.Primary, severity, [Measure.RectificationOrdered, Measure.CommendationWithdrawn])],
            occurredOn ?? decidedOn.AddDays(-20), decidedOn, null, decidedOn.AddDays(20));

    public static UnitSubject UnitOf => new(Bureau);

    public static PersonSubject Of(PersonRef person) => new(person);
}
