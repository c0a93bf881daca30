using Ogi.BuildingBlocks.Domain;
using Ogi.SecrecyReview.Domain;
using Ogi.SecrecyReview.Domain.Findings;
using Ogi.SecrecyReview.Domain.Redaction;
using Ogi.SecrecyReview.Domain.Reviews;
using static Ogi.SecrecyReview.Tests.ReviewFixture;

namespace Ogi.SecrecyReview.Tests;

public sealed class ReviewLifecycleTests
{
    private static void Refused(string rule, Action action) =>
        Assert.Equal(rule, Assert.Throws<RuleViolationException>(action).RuleId);

    // ---- SR-1: every item is reviewed before release, from intake or from staff ----

    [Fact]
    public void SR1_submitted_item_is_scanned_and_waits_for_assignment()
    {
        var review = Submitted(ApplicationItem("联系电话13983001234\n"));
        Assert.Equal(ReviewStatus.AwaitingAssignment, review.Status);
        Assert.Equal(FindingKind.MobileNumber, Assert.Single(review.Findings).Finding.Kind);
        var submitted = Assert.IsType<ReviewSubmitted>(Assert.Single(review.Events));
        Assert.Equal((ItemSource.ApplicationDocument, 1), (submitted.Source, submitted.FindingCount));
    }

    [Fact]
    public void SR1_application_document_without_its_application_is_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => Submitted(ApplicationItem() with { ApplicationId = null }));
        Assert.Equal("item.application_id", Assert.Single(ex.Violations).Field);
    }

    [Fact]
    public void SR1_no_opinion_before_a_reviewer_is_named()
    {
        var review = Submitted();
        Refused("SR-1", () => review.GiveOpinion(ByReviewer, PublicOpinion(), At));
    }

    // ---- SR-2: submitter, reviewer and approver are three different people ----

    [Fact]
    public void SR2_the_submitter_as_reviewer_is_refused() =>
        Refused("SR-2", () => Submitted().Assign(Clerk, Leader, At));

    [Fact]
    public void SR2_the_submitter_as_approving_leader_is_refused() =>
        Refused("SR-2", () => Submitted().Assign(Reviewer, Clerk, At));

    [Fact]
    public void SR2_reviewer_and_leader_the_same_person_is_refused() =>
        Refused("SR-2", () => Submitted().Assign(Reviewer, Reviewer, At));

    [Fact]
    public void SR2_the_reviewer_approving_their_own_opinion_is_refused()
    {
        var review = InReview();
        review.GiveOpinion(ByReviewer, PublicOpinion(), At);
        Refused("SR-2", () => review.Approve(Reviewer, At));
        Assert.Equal(ReviewStatus.AwaitingApproval, review.Status);
    }

    [Fact]
    public void SR2_someone_not_named_cannot_approve_or_review()
    {
        var review = InReview();
        Assert.Throws<AccessDeniedException>(() => review.GiveOpinion(new ActingReviewer("someone-else", InGeneralOffice: true), PublicOpinion(), At));
        review.GiveOpinion(ByReviewer, PublicOpinion(), At);
        Assert.Throws<AccessDeniedException>(() => review.Approve("someone-else", At));
    }

    [Fact]
    public void SR2_leader_returns_the_opinion_and_the_reviewer_revises_it()
    {
        var review = InReview();
        review.GiveOpinion(ByReviewer, PublicOpinion(), At);
        review.Return(Leader, "依据引用不准确", At);
        Assert.Equal(ReviewStatus.InReview, review.Status);
        Assert.Null(review.Opinion);
        Assert.Contains(review.Events, e => e is OpinionReturned { Reason: "依据引用不准确" });
        review.GiveOpinion(ByReviewer, PublicOpinion(), At);
        review.Approve(Leader, At);
        Assert.Equal(ReviewStatus.Concluded, review.Status);
    }

    // ---- SR-3: opinion with basis and reason; exemption with its ground ----

    [Theory]
    [InlineData("", "理由")]
    [InlineData("依据", " ")]
    public void SR3_opinion_without_basis_or_reason_is_refused(string basis, string reason)
    {
        var review = InReview();
        Refused("SR-3", () => review.GiveOpinion(ByReviewer, Opinion.Public(basis, reason), At));
        Assert.Equal(ReviewStatus.InReview, review.Status);
    }

    [Fact]
    public void SR3_exemption_without_its_ground_is_refused()
    {
        var review = InReview();
        Refused("SR-3", () => review.GiveOpinion(ByReviewer, new Opinion(OpinionKind.Exempt, "条例第十六条", "过程性信息"), At));
    }

    [Fact]
    public void SR3_partial_without_withheld_parts_is_refused()
    {
        var review = InReview();
        Refused("SR-3", () => review.GiveOpinion(ByReviewer, Opinion.Partial("条例第三十七条", "区分处理", []), At));
    }

    [Fact]
    public void SR3_exempt_opinion_concludes_with_ground_basis_and_reason_and_no_released_text()
    {
        var review = InReview();
        review.GiveOpinion(ByReviewer, Opinion.Exempt(ExemptionGround.ProcessInformation, "条例第十六条第二款", "属于讨论记录"), At);
        review.Approve(Leader, At);
        var concluded = Assert.IsType<ReviewConcluded>(review.Events[^1]);
        Assert.Equal((OpinionKind.Exempt, ExemptionGround.ProcessInformation, "条例第十六条第二款", "属于讨论记录"),
            (concluded.Opinion, concluded.Ground, concluded.Basis, concluded.Reason));
        Assert.Null(concluded.ReleasedTextSha256);
        Assert.False(review.PassedForRelease);
    }

    [Fact]
    public void SR3_exemption_grounds_carry_their_article_and_label()
    {
        Assert.Equal(14, ExemptionGround.StateSecret.Article());
        Assert.Equal(15, ExemptionGround.PersonalPrivacy.Article());
        Assert.Equal(16, ExemptionGround.LawEnforcementCaseFile.Article());
        Assert.Equal("过程性信息", ExemptionGround.ProcessInformation.Chinese());
        Assert.Equal("需报审", OpinionKind.Escalate.Chinese());
    }

    // ---- SR-4: classified material; declassification then a new review ----

    private const string MarkedText = "机密★10年\n关于重大活动安全保卫工作的通知\n正文略。\n";

    [Fact]
    public void SR4_public_on_a_confidential_marked_item_is_refused_even_with_the_mark_kept()
    {
        var review = InReview(ApplicationItem(MarkedText));
        KeepAllFindings(review);
        Refused("SR-4", () => review.GiveOpinion(ByReviewer, PublicOpinion(), At));
    }

    [Fact]
    public void SR4_public_on_a_declared_secret_item_is_refused()
    {
        var review = InReview(ApplicationItem(declared: SecrecyLevel.Secret));
        Refused("SR-4", () => review.GiveOpinion(ByReviewer, PublicOpinion(), At));
        Refused("SR-4", () => review.GiveOpinion(ByReviewer, Opinion.Partial("b", "r", [new WithheldRange(0, 4, "涉密")]), At));
    }

    [Fact]
    public void SR4_partial_keeping_the_marked_part_is_refused_and_withholding_it_is_accepted()
    {
        const string text = "一、公开部分：道路维修计划。\n二、（秘密）警卫路线安排见附件。\n";
        var review = InReview(ApplicationItem(text));
        var mark = Assert.Single(review.Findings);
        Assert.True(mark.Finding.MarksStateSecret);
        var firstLine = text.IndexOf('\n', StringComparison.Ordinal) + 1;
        Refused("SR-4", () => review.GiveOpinion(ByReviewer, Opinion.Partial("b", "r", [new WithheldRange(0, 3, "无关")]), At));

        review.GiveOpinion(ByReviewer, Opinion.Partial("保密审查制度第十四条", "涉密部分不予公开",
            [new WithheldRange(firstLine, text.Length - 1 - firstLine, "属于国家秘密")]), At);
        Assert.Equal("一、公开部分：道路维修计划。\n■■■\n", review.ReleasedText!.Text);
    }

    [Fact]
    public void SR4_declassified_item_is_reviewed_again_and_can_then_be_public()
    {
        var first = InReview(ApplicationItem(MarkedText));
        first.RecordDeclassification(Reviewer, new Declassification("市国家保密局", new DateOnly(2026, 10, 30), "渝保解〔2026〕7号"), At);
        Assert.Equal(ReviewStatus.Superseded, first.Status);
        Assert.Contains(first.Events, e => e is DeclassificationRecorded);
        Refused("SR-4", () => first.GiveOpinion(ByReviewer, PublicOpinion(), At));

        var second = Review.SubmitAfterDeclassification("review-2", first, Clerk, At.AddDays(1));
        Assert.False(second.IsClassified);
        second.Assign(Reviewer, Leader, At);
        second.RecordChecklist(ByReviewer, Checklist(), At);
        Refused("SR-7", () => second.GiveOpinion(ByReviewer, PublicOpinion(), At)); // the mark is still a finding to resolve
        KeepAllFindings(second);
        second.GiveOpinion(ByReviewer, PublicOpinion(), At);
        second.Approve(Leader, At);
        Assert.True(second.PassedForRelease);
    }

    [Fact]
    public void SR4_no_new_review_without_a_recorded_declassification() =>
        Refused("SR-4", () => Review.SubmitAfterDeclassification("review-2", InReview(), Clerk, At));

    [Fact]
    public void SR4_declassifying_an_unclassified_item_is_refused() =>
        Refused("SR-4", () => InReview().RecordDeclassification(Reviewer, new Declassification("a", new DateOnly(2026, 1, 1), "n"), At));

    [Fact]
    public void SR4_declassification_needs_authority_and_document_number()
    {
        var review = InReview(ApplicationItem(MarkedText));
        var ex = Assert.Throws<InvalidInputException>(() =>
            review.RecordDeclassification(Reviewer, new Declassification("市国家保密局", new DateOnly(2026, 10, 30), ""), At));
        Assert.Equal("declassification.document_number", Assert.Single(ex.Violations).Field);
    }

    // ---- SR-5: escalation blocks until the competent authority's determination ----

    private static Review Escalated()
    {
        var review = InReview();
        review.GiveOpinion(ByReviewer, Opinion.Escalate("市国家保密局", "保密审查制度第十条", "是否属于国家秘密不明确"), At);
        return review;
    }

    [Fact]
    public void SR5_escalation_blocks_the_item_until_the_determination()
    {
        var review = Escalated();
        Assert.Equal(ReviewStatus.AwaitingDetermination, review.Status);
        Assert.Contains(review.Events, e => e is EscalationRequested { CompetentAuthority: "市国家保密局" });
        Refused("SR-5", () => review.GiveOpinion(ByReviewer, PublicOpinion(), At));
        Refused("SR-5", () => review.Approve(Leader, At));
        Assert.False(review.PassedForRelease);
    }

    [Fact]
    public void SR5_escalation_names_the_competent_authority() =>
        Refused("SR-5", () => InReview().GiveOpinion(ByReviewer, Opinion.Escalate(" ", "b", "r"), At));

    [Fact]
    public void SR5_determined_secret_cannot_be_released_but_can_be_exempt()
    {
        var review = Escalated();
        review.RecordDetermination(ByReviewer, new ClassificationDetermination("市国家保密局", new DateOnly(2026, 11, 5), "渝保定〔2026〕3号", IsStateSecret: true), At);
        Assert.Equal(ReviewStatus.InReview, review.Status);
        Refused("SR-5", () => review.GiveOpinion(ByReviewer, PublicOpinion(), At));
        Refused("SR-5", () => review.GiveOpinion(ByReviewer, Opinion.Partial("b", "r", [new WithheldRange(0, 2, "x")]), At));
        review.GiveOpinion(ByReviewer, Opinion.Exempt(ExemptionGround.StateSecret, "条例第十四条", "经保密行政管理部门确定为国家秘密"), At);
        review.Approve(Leader, At);
        Assert.Equal(ReviewStatus.Concluded, review.Status);
    }

    [Fact]
    public void SR5_determined_not_secret_lets_the_review_continue_to_public()
    {
        var review = Escalated();
        review.RecordDetermination(ByReviewer, new ClassificationDetermination("市国家保密局", new DateOnly(2026, 11, 5), "渝保定〔2026〕4号", IsStateSecret: false), At);
        review.GiveOpinion(ByReviewer, PublicOpinion(), At);
        review.Approve(Leader, At);
        Assert.True(review.PassedForRelease);
    }

    // ---- SR-6: the five-question checklist ----

    [Fact]
    public void SR6_opinion_before_the_checklist_is_refused()
    {
        var review = Submitted();
        review.Assign(Reviewer, Leader, At);
        Refused("SR-6", () => review.GiveOpinion(ByReviewer, PublicOpinion(), At));
    }

    [Fact]
    public void SR6_checklist_missing_a_question_or_a_note_is_refused()
    {
        var review = Submitted();
        review.Assign(Reviewer, Leader, At);
        var four = Checklist().Answers.Where(a => a.Key != ChecklistQuestion.CommercialSecret).ToDictionary();
        var ex = Assert.Throws<InvalidInputException>(() => review.RecordChecklist(ByReviewer, new SecrecyChecklist(four), At));
        Assert.Contains("是否涉及商业秘密", ex.Message, StringComparison.Ordinal);

        var noNote = Checklist().Answers.ToDictionary(a => a.Key, a => a.Key == ChecklistQuestion.PersonalPrivacy ? a.Value with { Note = "" } : a.Value);
        var noteMissing = Assert.Throws<InvalidInputException>(() => review.RecordChecklist(ByReviewer, new SecrecyChecklist(noNote), At));
        Assert.Equal("checklist.personal_privacy.note", Assert.Single(noteMissing.Violations).Field);
        Assert.Null(review.Checklist);
    }

    [Fact]
    public void SR6_checklist_finding_a_secret_forbids_public()
    {
        var review = InReview(stateSecret: true);
        Refused("SR-6", () => review.GiveOpinion(ByReviewer, PublicOpinion(), At));
    }

    // ---- SR-7: every automatic finding resolved ----

    private const string TextWithId = "申请人身份证号码：500103198506123315。\n申请事项：道路维修计划。\n";

    [Fact]
    public void SR7_public_with_an_unresolved_id_number_finding_is_refused()
    {
        var review = InReview(ApplicationItem(TextWithId));
        Assert.Equal(FindingKind.CitizenIdNumber, Assert.Single(review.Findings).Finding.Kind);
        Refused("SR-7", () => review.GiveOpinion(ByReviewer, PublicOpinion(), At));
        review.ResolveFinding(ByReviewer, 1, FindingDisposition.Kept, "申请人本人的信息，答复仅送达本人", At);
        review.GiveOpinion(ByReviewer, PublicOpinion(), At);
        Assert.Equal(ReviewStatus.AwaitingApproval, review.Status);
    }

    [Fact]
    public void SR7_a_finding_resolved_as_redacted_needs_partial_and_is_masked()
    {
        var review = InReview(ApplicationItem(TextWithId));
        review.ResolveFinding(ByReviewer, 1, FindingDisposition.Redacted, "个人隐私", At);
        Refused("SR-7", () => review.GiveOpinion(ByReviewer, PublicOpinion(), At));
        review.GiveOpinion(ByReviewer, Opinion.Partial("条例第十五条", "涉及个人隐私", []), At);
        review.Approve(Leader, At);
        Assert.Equal("申请人身份证号码：■■■。\n申请事项：道路维修计划。\n", review.ReleasedText!.Text);
        var concluded = Assert.IsType<ReviewConcluded>(review.Events[^1]);
        var redaction = Assert.Single(concluded.Redactions);
        Assert.Equal((9, 18, "个人隐私"), (redaction.Start, redaction.Length, redaction.Reason));
        Assert.Equal(64, concluded.ReleasedTextSha256!.Length);
    }

    [Fact]
    public void SR7_partial_covering_a_finding_resolves_it_but_findings_outside_stay_open()
    {
        const string text = "身份证号码：500103198506123315\n联系电话：13983001234\n";
        var review = InReview(ApplicationItem(text));
        var id = review.Findings[0].Finding;
        Refused("SR-7", () => review.GiveOpinion(ByReviewer, Opinion.Partial("b", "r", [new WithheldRange(id.Start, id.Length, "个人隐私")]), At));
        review.ResolveFinding(ByReviewer, 2, FindingDisposition.Kept, "办公电话，已公开", At);
        review.GiveOpinion(ByReviewer, Opinion.Partial("b", "r", [new WithheldRange(id.Start, id.Length, "个人隐私")]), At);
        Assert.Equal(ReviewStatus.AwaitingApproval, review.Status);
    }

    [Fact]
    public void SR7_resolving_needs_a_justification_and_an_existing_finding()
    {
        var review = InReview(ApplicationItem(TextWithId));
        Assert.Throws<InvalidInputException>(() => review.ResolveFinding(ByReviewer, 1, FindingDisposition.Kept, "", At));
        Assert.Throws<InvalidInputException>(() => review.ResolveFinding(ByReviewer, 2, FindingDisposition.Kept, "x", At));
    }

    // ---- SR-8: jointly produced items wait for written consent ----

    [Fact]
    public void SR8_jointly_produced_item_is_reviewed_only_by_the_general_office()
    {
        var review = Submitted(ApplicationItem("联系电话13983001234\n", coProducers: ["区财政局"]));
        // The office head's choice of reviewer cannot be checked from an id: the reviewer's own acts are.
        review.Assign(Reviewer, Leader, At);
        var events = review.Events.Count;

        Refused("SR-8", () => review.RecordChecklist(ByReviewer, Checklist(), At));
        Assert.Null(review.Checklist);
        review.RecordChecklist(ByGeneralOfficeReviewer, Checklist(), At);

        Refused("SR-8", () => review.ResolveFinding(ByReviewer, 1, FindingDisposition.Kept, "单位公开电话", At));
        Assert.Null(review.Findings[0].Resolution);
        review.ResolveFinding(ByGeneralOfficeReviewer, 1, FindingDisposition.Kept, "单位公开电话", At);

        Refused("SR-8", () => review.GiveOpinion(ByReviewer, PublicOpinion(), At));
        Assert.Equal((ReviewStatus.InReview, null), (review.Status, review.Opinion));
        review.GiveOpinion(ByGeneralOfficeReviewer, PublicOpinion(), At);
        Assert.Equal(ReviewStatus.AwaitingApproval, review.Status);
        Assert.Equal(events + 3, review.Events.Count);
    }

    [Fact]
    public void SR8_the_determination_on_a_jointly_produced_item_is_recorded_by_the_general_office()
    {
        var review = InReview(ApplicationItem(coProducers: ["区财政局"]));
        review.GiveOpinion(ByGeneralOfficeReviewer, Opinion.Escalate("市国家保密局", "保密审查制度第十条", "密级不明确"), At);
        var determination = new ClassificationDetermination("市国家保密局", new DateOnly(2026, 11, 4), "渝保定〔2026〕2号", IsStateSecret: false);
        Refused("SR-8", () => review.RecordDetermination(ByReviewer, determination, At));
        Assert.Equal(ReviewStatus.AwaitingDetermination, review.Status);
        review.RecordDetermination(ByGeneralOfficeReviewer, determination, At);
        Assert.Equal(ReviewStatus.InReview, review.Status);
    }

    [Fact]
    public void SR8_an_item_of_one_unit_needs_no_general_office()
    {
        var review = InReview();
        review.GiveOpinion(ByReviewer, PublicOpinion(), At);
        Assert.Equal(ReviewStatus.AwaitingApproval, review.Status);
    }

    [Fact]
    public void SR8_jointly_produced_item_is_blocked_until_every_consent()
    {
        var review = InReview(ApplicationItem(coProducers: ["区财政局", "区审计局"]));
        review.GiveOpinion(ByGeneralOfficeReviewer, PublicOpinion(), At);
        Refused("SR-8", () => review.Approve(Leader, At));

        review.RecordConsent(new CoProducerConsent("区财政局", true, "区财政局复函〔2026〕12号", At));
        review.RecordConsent(new CoProducerConsent("区审计局", false, "区审计局复函〔2026〕3号", At));
        Refused("SR-8", () => review.Approve(Leader, At));

        review.RecordConsent(new CoProducerConsent("区审计局", true, "区审计局复函〔2026〕5号", At));
        review.Approve(Leader, At);
        Assert.True(review.PassedForRelease);
    }

    [Fact]
    public void SR8_consent_from_a_unit_that_is_not_a_co_producer_is_refused() =>
        Assert.Throws<InvalidInputException>(() =>
            InReview(ApplicationItem(coProducers: ["区财政局"])).RecordConsent(new CoProducerConsent("区教委", true, "函", At)));

    [Fact]
    public void SR8_exempt_conclusion_does_not_wait_for_consent()
    {
        var review = InReview(ApplicationItem(coProducers: ["区财政局"]));
        review.GiveOpinion(ByGeneralOfficeReviewer, Opinion.Exempt(ExemptionGround.InternalAffairs, "条例第十六条", "内部事务"), At);
        review.Approve(Leader, At);
        Assert.Equal(ReviewStatus.Concluded, review.Status);
    }

    // ---- SR-9: proactive period and deferral ----

    [Fact]
    public void SR9_proactive_item_needs_its_period()
    {
        var ex = Assert.Throws<InvalidInputException>(() => Submitted(ProactiveItem() with { Proactive = null }));
        Assert.Equal("item.proactive", Assert.Single(ex.Violations).Field);
        Assert.Equal(new DateOnly(2026, 11, 30), Submitted(ProactiveItem()).DueOn);
    }

    [Fact]
    public void SR9_deferral_with_the_heads_approval_moves_the_deadline()
    {
        var review = InReview(ProactiveItem());
        review.DeferPublication("head-zhao", 10, new DateOnly(2026, 12, 14), "报市政府办公厅审核", At);
        Assert.Equal(new DateOnly(2026, 12, 14), review.DueOn);
        Assert.Contains(review.Events, e => e is PublicationDeferred { Deferral.WorkingDays: 10 });
    }

    [Fact]
    public void SR9_deferral_beyond_thirty_working_days_in_all_is_refused()
    {
        var review = InReview(ProactiveItem());
        review.DeferPublication("head-zhao", 20, new DateOnly(2026, 12, 28), "报上级审核", At);
        Refused("SR-9", () => review.DeferPublication("head-zhao", 11, new DateOnly(2027, 1, 13), "再次报审", At));
        review.DeferPublication("head-zhao", 10, new DateOnly(2027, 1, 12), "再次报审", At);
        Assert.Equal(30, review.Deferrals.Sum(d => d.WorkingDays));
    }

    [Fact]
    public void SR9_deferral_without_the_heads_approval_or_for_an_application_item_is_refused()
    {
        Refused("SR-9", () => InReview(ProactiveItem()).DeferPublication("", 5, new DateOnly(2026, 12, 7), "报审", At));
        Refused("SR-9", () => InReview().DeferPublication("head-zhao", 5, new DateOnly(2026, 12, 7), "报审", At));
    }

    // ---- the labels a person reads ----

    [Fact]
    public void Every_domain_enum_member_has_a_chinese_label()
    {
        var enums = typeof(Review).Assembly.GetTypes().Where(t => t.IsEnum && t.Namespace!.StartsWith("Ogi.SecrecyReview.Domain", StringComparison.Ordinal)).ToList();
        Assert.True(enums.Count >= 10);
        foreach (var value in enums.SelectMany(t => Enum.GetValues(t).Cast<Enum>()))
        {
            Assert.False(string.IsNullOrWhiteSpace(value.Chinese()));
        }
    }
}
