using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.Coordination.Domain;

/// <summary>CO-4: the lawful right that release may harm.</summary>
public enum ThirdPartyInterest
{
    [Label("商业秘密")] CommercialSecret = 1,
    [Label("个人隐私")] Privacy = 2,
    [Label("其他合法权益")] OtherLawfulRights = 3,
}

/// <summary>
/// The third party consulted. <see cref="Reference"/> is opaque and is all events carry; the name is only the
/// addressee of the written letters.
/// </summary>
public sealed record ThirdParty(string Reference, string Name, ThirdPartyInterest Interest);

public enum ThirdPartyAnswerKind
{
    [Label("同意公开")] Consent = 1,
    [Label("不同意公开")] Objection = 2,
}

public sealed record ThirdPartyAnswer(ThirdPartyAnswerKind Kind, string? Reasons, DateOnly AnsweredOn);

/// <summary>
/// CO-4 (Reg. 32): the written notice telling a third party that the agency releases despite its objection
/// because withholding would seriously harm the public interest: what is released and why.
/// </summary>
public sealed record PublicInterestNotice(
    string AgencyCode,
    string ThirdPartyReference,
    string Addressee,
    string InformationReleased,
    string Reasons,
    DateOnly ConsultedOn,
    DateOnly IssuedOn,
    string IssuedBy)
{
    public string Title => "政府信息公开决定告知书";

    public string Text =>
        $"{Addressee}：\n" +
        $"本机关于{ConsultedOn:yyyy年M月d日}就拟公开的政府信息书面征求你方意见，你方不同意公开。" +
        "经审查，本机关认为不公开可能对公共利益造成重大影响，依据《中华人民共和国政府信息公开条例》第三十二条，决定予以公开。\n" +
        $"决定公开的政府信息内容：{InformationReleased}\n" +
        $"理由：{Reasons}\n" +
        $"{IssuedOn:yyyy年M月d日}";
}

/// <summary>
/// CO-4 (Reg. 32; seed 001 依申请公开 6): release may harm a third party's lawful rights, so the third party is
/// consulted in writing with the content to be released and 15 working days (CAL-5) to answer. No answer → the
/// agency decides. An objection with reasonable grounds → not released, unless withholding would seriously harm
/// the public interest: then it is released and the third party is told in writing what and why.
/// </summary>
public sealed class ThirdPartyConsultation
{
    private readonly List<CoordinationEvent> _events = [];

    private ThirdPartyConsultation(Guid id, string agencyCode, CoordinationItem item, ThirdParty thirdParty, string noticeContent, DateOnly sentOn, PeriodResult period)
    {
        Id = id;
        AgencyCode = agencyCode;
        Item = item;
        ThirdParty = thirdParty;
        NoticeContent = noticeContent;
        SentOn = sentOn;
        Period = period;
    }

    public Guid Id { get; }

    public string AgencyCode { get; }

    public CoordinationItem Item { get; }

    public ThirdParty ThirdParty { get; }

    /// <summary>The consultation letter's content: what the agency intends to release.</summary>
    public string NoticeContent { get; }

    public DateOnly SentOn { get; }

    public PeriodResult Period { get; }

    public DateOnly DueOn => Period.DeadlineDate!.Value;

    public CoordinationStatus Status { get; private set; } = CoordinationStatus.AwaitingAnswers;

    public ThirdPartyAnswer? Answer { get; private set; }

    /// <summary>True once the period ran out unanswered.</summary>
    public bool Lapsed { get; private set; }

    public CoordinationConclusion? Conclusion { get; private set; }

    public PublicInterestNotice? Notice { get; private set; }

    public IReadOnlyList<CoordinationEvent> DequeueEvents()
    {
        var events = _events.ToList();
        _events.Clear();
        return events;
    }

    public ThirdPartyConsultationSnapshot ToSnapshot() =>
        new(Id, AgencyCode, Item, ThirdParty, NoticeContent, SentOn, Period, Status, Answer, Lapsed, Conclusion, Notice);

    /// <summary>Reads a stored consultation back; it has no pending events.</summary>
    public static ThirdPartyConsultation Restore(ThirdPartyConsultationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new ThirdPartyConsultation(snapshot.Id, snapshot.AgencyCode, snapshot.Item, snapshot.ThirdParty, snapshot.NoticeContent,
            snapshot.SentOn, snapshot.Period)
        {
            Status = snapshot.Status,
            Answer = snapshot.Answer,
            Lapsed = snapshot.Lapsed,
            Conclusion = snapshot.Conclusion,
            Notice = snapshot.Notice,
        };
    }

    public static ThirdPartyConsultation Start(Guid id, string agencyCode, CoordinationItem item, ThirdParty thirdParty,
        string noticeContent, DateOnly sentOn, DeadlineCalculator calendar)
    {
        var violations = item.Violations().ToList();
        if (string.IsNullOrWhiteSpace(thirdParty.Reference) || string.IsNullOrWhiteSpace(thirdParty.Name))
        {
            violations.Add(new("third_party", "应有第三方的编号和名称"));
        }

        if (!Enum.IsDefined(thirdParty.Interest))
        {
            violations.Add(new("third_party.interest", "应说明可能受损的合法权益：商业秘密、个人隐私或其他"));
        }

        if (string.IsNullOrWhiteSpace(noticeContent))
        {
            violations.Add(new("notice_content", "CO-4: 书面征求意见应载明拟公开的内容"));
        }

        if (violations.Count > 0)
        {
            throw new InvalidInputException(violations);
        }

        var period = calendar.Start(agencyCode, PeriodKind.ThirdPartyConsultation, sentOn).Result;
        var consultation = new ThirdPartyConsultation(id, agencyCode, item, thirdParty, noticeContent, sentOn, period);
        consultation._events.Add(new ConsultationStarted(id, agencyCode, item.Source, item.Reference, sentOn));
        return consultation;
    }

    /// <summary>CO-4: the third party answers in writing, once, within its period; an objection gives its reasons.</summary>
    public void RecordAnswer(ThirdPartyAnswer answer)
    {
        if (Status != CoordinationStatus.AwaitingAnswers)
        {
            throw new RuleViolationException("CO-4", Lapsed ? "征求意见期限已届满，由本机关决定" : "第三方已经书面答复，不能再次答复");
        }

        if (!Enum.IsDefined(answer.Kind))
        {
            throw new InvalidInputException("answer.kind", "应为同意公开或不同意公开");
        }

        if (answer.Kind == ThirdPartyAnswerKind.Objection && string.IsNullOrWhiteSpace(answer.Reasons))
        {
            throw new InvalidInputException("answer.reasons", "CO-4: 第三方不同意公开的，应说明理由");
        }

        if (answer.AnsweredOn < SentOn)
        {
            throw new InvalidInputException("answer.answered_on", "答复日期不能早于征求意见之日");
        }

        if (answer.AnsweredOn > DueOn)
        {
            throw new RuleViolationException("CO-4", $"征求意见期限已于{DueOn:yyyy-MM-dd}届满，由本机关决定");
        }

        Answer = answer;
        EndConsultation(answer.AnsweredOn);
        if (answer.Kind == ThirdPartyAnswerKind.Consent)
        {
            Conclude(CoordinationOutcome.Consent, true, "第三方书面同意公开", answer.AnsweredOn);
        }
        else
        {
            Status = CoordinationStatus.ObjectionToAssess;
        }
    }

    /// <summary>CO-4, the lapse rule run on <paramref name="today"/>: no answer within the period → the agency decides.</summary>
    public bool CloseIfLapsed(DateOnly today)
    {
        if (Status != CoordinationStatus.AwaitingAnswers || today <= DueOn)
        {
            return false;
        }

        Lapsed = true;
        Status = CoordinationStatus.AwaitingAgencyDecision;
        EndConsultation(DueOn);
        return true;
    }

    /// <summary>CO-4: the third party did not answer in time; the agency decides under the regulation.</summary>
    public void DecideAfterSilence(bool release, string reasons, string decidedBy, DateOnly on)
    {
        RequireStatus(CoordinationStatus.AwaitingAgencyDecision, "第三方逾期未提出意见时，才由本机关决定");
        RequireReasons(reasons, decidedBy, on);
        Conclude(CoordinationOutcome.AgencyDecision, release, reasons, on);
    }

    /// <summary>CO-4: the objection has reasonable grounds → not released.</summary>
    public void UpholdObjection(string reasons, string decidedBy, DateOnly on)
    {
        RequireStatus(CoordinationStatus.ObjectionToAssess, "只有第三方不同意公开时，才审查其理由");
        RequireReasons(reasons, decidedBy, on);
        Conclude(CoordinationOutcome.ObjectionPrevails, false, reasons, on);
    }

    /// <summary>CO-4: the objection has no reasonable ground, so it does not bar release; the agency decides.</summary>
    public void DismissObjection(bool release, string reasons, string decidedBy, DateOnly on)
    {
        RequireStatus(CoordinationStatus.ObjectionToAssess, "只有第三方不同意公开时，才审查其理由");
        RequireReasons(reasons, decidedBy, on);
        Conclude(CoordinationOutcome.AgencyDecision, release, reasons, on);
    }

    /// <summary>
    /// CO-4: despite a reasonable objection, withholding would seriously harm the public interest: the agency
    /// releases and the written notice to the third party says what is released and why.
    /// </summary>
    public PublicInterestNotice OverrideForPublicInterest(string informationReleased, string reasons, string decidedBy, DateOnly on)
    {
        RequireStatus(CoordinationStatus.ObjectionToAssess, "只有第三方不同意公开时，才可因公共利益决定公开");
        if (string.IsNullOrWhiteSpace(informationReleased))
        {
            throw new InvalidInputException("information_released", "CO-4: 应书面告知第三方决定公开的政府信息内容");
        }

        RequireReasons(reasons, decidedBy, on);
        Notice = new PublicInterestNotice(AgencyCode, ThirdParty.Reference, ThirdParty.Name, informationReleased, reasons, SentOn, on, decidedBy);
        _events.Add(new PublicInterestNoticeIssued(Id, AgencyCode, ThirdParty.Reference, on));
        Conclude(CoordinationOutcome.PublicInterestOverride, true, reasons, on);
        return Notice;
    }

    private void RequireStatus(CoordinationStatus expected, string message)
    {
        if (Status != expected)
        {
            throw new RuleViolationException("CO-4", $"{message}（当前：{Status.Chinese()}）");
        }
    }

    private void RequireReasons(string reasons, string decidedBy, DateOnly on)
    {
        if (string.IsNullOrWhiteSpace(reasons))
        {
            throw new InvalidInputException("reasons", "CO-4: 决定应写明理由");
        }

        if (string.IsNullOrWhiteSpace(decidedBy))
        {
            throw new InvalidInputException("decided_by", "应有决定人");
        }

        var endedOn = Answer?.AnsweredOn ?? DueOn;
        if (on < endedOn)
        {
            throw new InvalidInputException("decided_on", "决定日期不能早于征求意见结束之日");
        }
    }

    private void EndConsultation(DateOnly on) =>
        _events.Add(new ConsultationEnded(Id, AgencyCode, Item.Source, Item.Reference, on));

    private void Conclude(CoordinationOutcome outcome, bool release, string reasons, DateOnly on)
    {
        Conclusion = new CoordinationConclusion(outcome, release, [], reasons, on);
        Status = CoordinationStatus.Concluded;
        _events.Add(new CoordinationConcluded(Id, AgencyCode, Item.Source, Item.Reference, outcome, release, [], on));
    }
}
