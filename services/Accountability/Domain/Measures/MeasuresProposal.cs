using Ogi.BuildingBlocks.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Records;
using Ogi.Accountability.Domain.Responsibility;

namespace Ogi.Accountability.Domain.Measures;

/// <summary>One measure for one subject and the rule that put it there.</summary>
public sealed record ProposedMeasure(Subject Subject, Measure Measure, string Rule);

/// <summary>How one subject's 情节 was reached from the assessed one: each step with its ground.</summary>
public sealed record SeverityAssessment(Subject Subject, Severity Severity, IReadOnlyList<string> Steps);

/// <summary>
/// AC-7 … AC-9: the measures the system proposes, explaining itself. The decision-maker may depart from it, with
/// reasons (AC-9).
/// <para>
/// "Lighter" and "heavier" move 情节 one step (一般 ↔ 情节较重 ↔ 情节严重), bounded at both ends: any mitigating factor
/// of seed 004 第八条 one step down ("可以从轻或者减轻"), any aggravating factor of 第九条, including a second case
/// within a year, one step up ("应当从重"). Several factors on one side still make one step, so the proposal stays
/// predictable; both sides cancel. A person bearing secondary responsibility, or mitigated under seed 000 第七条, is
/// one further step down.
/// </para>
/// </summary>
public sealed record MeasuresProposal(IReadOnlyList<SeverityAssessment> Assessments, IReadOnlyList<ProposedMeasure> Measures)
{
    public Severity SeverityOf(Subject subject) => Assessments.Single(a => a.Subject == subject).Severity;

    public IReadOnlyList<Measure> MeasuresFor(Subject subject) =>
        Measures.Where(m => m.Subject == subject).Select(m => m.Measure).ToList();

    public static MeasuresProposal For(
        Guid caseId,
        UnitRef unit,
        CaseFacts facts,
        IReadOnlyList<PersonResponsibility> responsibilities,
        bool complaintUpheld,
        AccountabilityRecords records)
    {
        var assessments = new List<SeverityAssessment>();
        var measures = new List<ProposedMeasure>();

        var unitSubject = new UnitSubject(unit);
        var unitSeverity = Assess(unitSubject, facts, caseId, records, responsibility: null);
        assessments.Add(unitSeverity);
        measures.AddRange(UnitMeasures(unitSubject, unitSeverity.Severity, complaintUpheld));

        foreach (var person in responsibilities.Where(r => r.IsAccountable))
        {
            var subject = new PersonSubject(person.Person);
            var assessment = Assess(subject, facts, caseId, records, person);
            assessments.Add(assessment);
            measures.AddRange(PersonMeasures(subject, assessment.Severity, person, facts));
        }

        return new MeasuresProposal(assessments, measures);
    }

    private static SeverityAssessment Assess(Subject subject, CaseFacts facts, Guid caseId, AccountabilityRecords records, PersonResponsibility? responsibility)
    {
        var steps = new List<string> { $"AC-8: 认定情节 {facts.Severity.Chinese()}" };
        var level = (int)facts.Severity;

        var heavier = (facts.Aggravating ?? new HashSet<AggravatingFactor>()).Select(f => $"seed 004 第九条: {f.Chinese()}").ToList();
        var other = records.OthersWithinAYear(subject, facts.OccurredOn, caseId).FirstOrDefault();
        if (other is not null)
        {
            heavier.Add($"seed 004 第九条(四): 一年内第二次应予追究(另案 {other.CaseId},{other.OccurredOn:yyyy-MM-dd})");
        }

        if (heavier.Count > 0)
        {
            level++;
            steps.Add($"AC-9 从重一档: {string.Join(";", heavier)}");
        }

        if (facts.Mitigating is { Count: > 0 } mitigating)
        {
            level--;
            steps.Add($"AC-9 从轻一档: {string.Join(";", mitigating.Select(f => $"seed 004 第八条: {f.Chinese()}"))}");
        }

        if (responsibility?.Kind is ResponsibilityKind.Secondary or ResponsibilityKind.Mitigated)
        {
            level--;
            steps.Add($"AC-6 轻一档: {responsibility.Kind.Chinese()}(seed 000 第七条)");
        }

        var severity = (Severity)Math.Clamp(level, (int)Severity.General, (int)Severity.Grave);
        steps.Add($"结论: {severity.Chinese()}");
        return new SeverityAssessment(subject, severity, steps);
    }

    private static IEnumerable<ProposedMeasure> UnitMeasures(Subject unit, Severity severity, bool complaintUpheld)
    {
        yield return new(unit, Measure.RectificationOrdered, "AC-8 seed 004 第七条: 有第五条所列情形之一的,责令整改");
        if (severity >= Severity.Serious)
        {
            yield return new(unit, Measure.PublicCriticism, "AC-8 seed 004 第七条: 情节较重的,给予通报批评");
        }

        if (severity == Severity.Grave)
        {
            yield return new(unit, Measure.CommendationWithdrawn, "AC-7 seed 000 第八条3: 情节严重的,对部门或单位取消年度评优、评奖资格");
        }

        if (complaintUpheld)
        {
            yield return new(unit, Measure.Apology, "AC-7 seed 001 第六条(二): 被服务对象投诉经查证属实的,向服务对象赔礼道歉");
        }
    }

    private static IEnumerable<ProposedMeasure> PersonMeasures(Subject person, Severity severity, PersonResponsibility responsibility, CaseFacts facts)
    {
        yield return new(person, Measure.RectificationOrdered, "AC-8 seed 004 第七条: 工作人员有第五条所列情形之一的,责令整改");
        yield return new(person, Measure.CommendationWithdrawn, "AC-9 seed 002: 受到责任追究的,取消当年评优评先资格");
        if (severity >= Severity.Serious)
        {
            yield return new(person, Measure.PublicCriticism, "AC-8 seed 004 第七条: 情节较重的,给予通报批评");
            yield return new(person, Measure.AdmonitoryTalk, "AC-8 seed 004 第七条: 情节较重的,约谈负有责任的领导人员和直接责任人员");
            yield return new(person, Measure.WrittenSelfExamination, "AC-7 seed 000 第八条2: 对有关责任人责令作出书面检查");
        }

        if (severity == Severity.Grave)
        {
            yield return new(person, Measure.SanctionRecommended, "AC-8 seed 004 第七条: 情节严重的,建议有权机关依法给予处分");
            if (responsibility.Kind == ResponsibilityKind.Primary)
            {
                yield return new(person, Measure.TransferOrRemovalRecommended, "AC-7 seed 000 第八条3: 情节严重的,对有关责任人予以免职,无职务的调离原工作岗位(建议任免机关)");
            }
        }

        // Referrals are for those the act is primarily attributed to; the facts do not single anyone else out.
        if (responsibility.Kind != ResponsibilityKind.Primary)
        {
            yield break;
        }

        if (facts.DisciplinaryBreach)
        {
            yield return new(person, Measure.ReferredToDisciplineInspection, "AC-7 seed 000 第八条4: 违反党纪、政纪需要给予纪律处分的,移交纪检监察机关");
        }

        if (facts.SuspectedCrime)
        {
            yield return new(person, Measure.ReferredToJudiciary, "AC-7 seed 000 第八条5: 触犯刑律的,移送司法机关");
        }
    }
}
