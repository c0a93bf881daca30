using Ogi.BuildingBlocks.Domain;
using Ogi.Coordination.Domain;
using static Ogi.Coordination.Tests.Given;

namespace Ogi.Coordination.Tests;

public sealed class ThirdPartyRulesTests
{
    private static readonly ThirdParty Company = new("tp-0001", "某某化工有限公司", ThirdPartyInterest.CommercialSecret);

    private const string Content = "某某化工有限公司2025年度排污许可执行报告（含主要污染物排放量）";

    private static ThirdPartyConsultation Started(DateOnly sentOn) =>
        ThirdPartyConsultation.Start(Guid.NewGuid(), Releasing, Document(ItemSource.Application), Company, Content, sentOn, Calendar);

    private static ThirdPartyConsultation Objected()
    {
        var consultation = Started(D(2026, 9, 24));
        consultation.RecordAnswer(new ThirdPartyAnswer(ThirdPartyAnswerKind.Objection, "排放数据可推算出生产工艺参数，属于商业秘密", D(2026, 10, 12)));
        return consultation;
    }

    [Fact]
    public void CO4_a_third_party_is_consulted_in_writing_with_the_content_and_15_working_days()
    {
        var consultation = Started(D(2026, 9, 24));

        Assert.Equal(D(2026, 10, 22), consultation.DueOn); // 15 working days across 中秋/国庆, as for a Reg. 34 letter
        Assert.Equal(Content, consultation.NoticeContent);
        var started = Assert.Single(consultation.DequeueEvents().OfType<ConsultationStarted>());
        Assert.Equal(D(2026, 9, 24), started.StartedOn);

        var error = Assert.Throws<InvalidInputException>(() =>
            ThirdPartyConsultation.Start(Guid.NewGuid(), Releasing, Document(), Company, "", D(2026, 9, 24), Calendar));
        Assert.Equal("notice_content", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void CO4_silence_leaves_the_decision_to_the_agency()
    {
        var consultation = Started(D(2026, 9, 24));

        Assert.False(consultation.CloseIfLapsed(D(2026, 10, 22)));
        Assert.True(consultation.CloseIfLapsed(D(2026, 10, 23)));

        Assert.Equal(CoordinationStatus.AwaitingAgencyDecision, consultation.Status);
        Assert.Null(consultation.Conclusion); // silence is not consent for a third party
        Assert.Equal(D(2026, 10, 22), Assert.Single(consultation.DequeueEvents().OfType<ConsultationEnded>()).EndedOn);
        Assert.Equal("CO-4", Assert.Throws<RuleViolationException>(() =>
            consultation.RecordAnswer(new ThirdPartyAnswer(ThirdPartyAnswerKind.Consent, null, D(2026, 10, 23)))).RuleId);

        consultation.DecideAfterSilence(release: false, "报告含未脱敏的工艺参数，依条例第十五条不予公开", "head-1", D(2026, 10, 26));

        Assert.Equal(CoordinationOutcome.AgencyDecision, consultation.Conclusion!.Outcome);
        Assert.False(Assert.Single(consultation.DequeueEvents().OfType<CoordinationConcluded>()).ReleasePermitted);
    }

    [Fact]
    public void CO4_an_objection_without_reasons_is_refused()
    {
        var consultation = Started(D(2026, 9, 24));

        var error = Assert.Throws<InvalidInputException>(() =>
            consultation.RecordAnswer(new ThirdPartyAnswer(ThirdPartyAnswerKind.Objection, null, D(2026, 9, 28))));
        Assert.Equal("answer.reasons", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void CO4_answering_twice_is_refused()
    {
        var consultation = Objected();

        var error = Assert.Throws<RuleViolationException>(() =>
            consultation.RecordAnswer(new ThirdPartyAnswer(ThirdPartyAnswerKind.Consent, null, D(2026, 10, 13))));
        Assert.Equal("CO-4", error.RuleId);
        Assert.Equal(ThirdPartyAnswerKind.Objection, consultation.Answer!.Kind);
    }

    [Fact]
    public void CO4_consent_concludes_and_ends_the_consultation_on_the_answer_day()
    {
        var consultation = Started(D(2026, 9, 24));
        consultation.RecordAnswer(new ThirdPartyAnswer(ThirdPartyAnswerKind.Consent, null, D(2026, 9, 30)));

        var events = consultation.DequeueEvents();
        Assert.Equal(D(2026, 9, 30), Assert.Single(events.OfType<ConsultationEnded>()).EndedOn);
        Assert.Equal(CoordinationOutcome.Consent, Assert.Single(events.OfType<CoordinationConcluded>()).Outcome);
        Assert.Equal("CO-4", Assert.Throws<RuleViolationException>(() =>
            consultation.OverrideForPublicInterest("全文", "公共利益", "head-1", D(2026, 10, 8))).RuleId);
    }

    [Fact]
    public void CO4_an_objection_with_reasonable_grounds_keeps_the_information_unreleased()
    {
        var consultation = Objected();
        Assert.Equal(CoordinationStatus.ObjectionToAssess, consultation.Status);
        Assert.Null(consultation.Conclusion);

        consultation.UpholdObjection("所述工艺参数确属商业秘密，理由合理", "head-1", D(2026, 10, 13));

        Assert.Equal(CoordinationOutcome.ObjectionPrevails, consultation.Conclusion!.Outcome);
        Assert.False(consultation.Conclusion.ReleasePermitted);
        Assert.Null(consultation.Notice);
    }

    [Fact]
    public void CO4_a_public_interest_override_releases_and_produces_the_written_notice()
    {
        var consultation = Objected();

        var notice = consultation.OverrideForPublicInterest("主要污染物年排放总量及超标排放记录",
            "该企业周边居民健康受排放影响，不公开可能对公共利益造成重大影响", "head-1", D(2026, 10, 14));

        Assert.Equal(CoordinationOutcome.PublicInterestOverride, consultation.Conclusion!.Outcome);
        Assert.True(consultation.Conclusion.ReleasePermitted);
        Assert.Same(notice, consultation.Notice);
        Assert.Equal(("tp-0001", "某某化工有限公司", D(2026, 10, 14)), (notice.ThirdPartyReference, notice.Addressee, notice.IssuedOn));
        Assert.StartsWith("某某化工有限公司：", notice.Text);
        Assert.Contains("决定公开的政府信息内容：主要污染物年排放总量及超标排放记录", notice.Text);
        Assert.Contains("理由：该企业周边居民健康受排放影响", notice.Text);
        Assert.Contains("2026年9月24日", notice.Text);
        var events = consultation.DequeueEvents();
        var issued = Assert.Single(events.OfType<PublicInterestNoticeIssued>());
        Assert.Equal("tp-0001", issued.ThirdPartyReference);
        Assert.Equal(CoordinationOutcome.PublicInterestOverride, Assert.Single(events.OfType<CoordinationConcluded>()).Outcome);

        Assert.Equal("information_released", Assert.Single(Assert.Throws<InvalidInputException>(() =>
            Objected().OverrideForPublicInterest(" ", "理由", "head-1", D(2026, 10, 14))).Violations).Field);
    }

    [Fact]
    public void CO4_an_objection_without_reasonable_grounds_does_not_bar_release()
    {
        var consultation = Objected();

        consultation.DismissObjection(release: true, "排放数据依法应当公开，不构成商业秘密", "head-1", D(2026, 10, 13));

        Assert.Equal(CoordinationOutcome.AgencyDecision, consultation.Conclusion!.Outcome);
        Assert.True(consultation.Conclusion.ReleasePermitted);
    }

    [Fact]
    public void CO4_no_event_carries_the_third_partys_name()
    {
        var consultation = Objected();
        consultation.OverrideForPublicInterest("全文", "公共利益", "head-1", D(2026, 10, 14));

        Assert.All(consultation.DequeueEvents(), e => Assert.DoesNotContain(Company.Name, e.ToString()));
    }
}
