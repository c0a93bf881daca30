using Ogi.BuildingBlocks.Domain;
using Ogi.Intake.Domain;
using static Ogi.Intake.Tests.Given;

namespace Ogi.Intake.Tests;

public sealed class ApplicationRulesTests
{
    [Fact]
    public void INT1_a_complete_application_is_accepted()
    {
        var application = Submitted();
        Assert.Equal(ApplicationStatus.ReceivedUnconfirmed, application.Status);
        Assert.Null(application.ReceivedOn);
    }

    [Theory]
    [InlineData("110105194912310021", "applicant.document_number")] // wrong check digit (correct one is X)
    [InlineData("11010519491331002X", "applicant.document_number")] // month 13
    [InlineData("1101051949123100", "applicant.document_number")] // too short
    public void INT1_a_citizen_id_number_with_a_wrong_check_character_or_date_is_refused(string id, string field)
    {
        var error = Assert.Throws<InvalidInputException>(() => Submitted(applicant: Person(id: id)));
        Assert.Contains(error.Violations, v => v.Field == field);
    }

    [Fact]
    public void INT1_the_valid_check_characters_are_accepted()
    {
        Assert.True(ChineseIdentifiers.IsValidCitizenIdNumber("11010519491231002X"));
        Assert.True(ChineseIdentifiers.IsValidUnifiedSocialCreditCode("91350100M000100Y43"));
        Assert.False(ChineseIdentifiers.IsValidUnifiedSocialCreditCode("91350100M000100Y44"));
        Assert.False(ChineseIdentifiers.IsValidUnifiedSocialCreditCode("91350100M000100YI3")); // I is not in the alphabet
    }

    [Fact]
    public void INT1_an_organisation_needs_a_valid_credit_code()
    {
        var valid = new Applicant(ApplicantType.BusinessEnterprise, "某某科技有限公司", IdentityDocumentType.UnifiedSocialCreditCode, ValidCreditCode, null, "a@b.cn", null);
        Assert.Empty(valid.Violations());

        var broken = valid with { DocumentNumber = ValidCreditCode[..17] + (ValidCreditCode[17] == '0' ? '1' : '0') };
        Assert.Contains(broken.Violations(), v => v.Field == "applicant.document_number");
        Assert.Contains((valid with { DocumentType = IdentityDocumentType.ResidentIdCard, DocumentNumber = ValidIdNumber }).Violations(),
            v => v.Field == "applicant.document_type");
    }

    [Fact]
    public void INT1_at_least_one_contact_is_required_and_every_problem_is_listed_at_once()
    {
        var applicant = Person(phone: null) with { Name = " " };
        var error = Assert.Throws<InvalidInputException>(() => Submitted(applicant: applicant));
        Assert.Equal(["applicant.name", "applicant.contact"], error.Violations.Select(v => v.Field));
        Assert.Empty(Person(phone: null, address: "某市某路1号").Violations());
    }

    [Fact]
    public void INT2_in_person_the_date_of_receipt_is_the_day_of_submission()
    {
        var application = Submitted(SubmissionChannel.InPerson, D(2026, 3, 2));
        Assert.Equal(D(2026, 3, 2), application.ReceivedOn);
        Assert.Equal(ApplicationStatus.InProgress, application.Status);
        Assert.Equal(Clerk, application.HandlerId);
    }

    [Theory]
    [InlineData(SubmissionChannel.RegisteredPost)] // the day the agency signs for it
    [InlineData(SubmissionChannel.OrdinaryPost)] // the day the office confirms with the applicant
    [InlineData(SubmissionChannel.Online)] // the day both sides confirm
    [InlineData(SubmissionChannel.Fax)]
    public void INT2_other_channels_wait_for_confirmation_and_no_clock_runs_until_then(SubmissionChannel channel)
    {
        var application = Submitted(channel, D(2026, 3, 2));
        Assert.Null(application.Deadline(Calendar));

        application.ConfirmReceipt(D(2026, 3, 4), Clerk, today: D(2026, 3, 5));

        Assert.Equal(D(2026, 3, 4), application.ReceivedOn);
        Assert.Equal(D(2026, 4, 1), application.Deadline(Calendar)!.DeadlineDate); // 20 working days after 3-04, 清明 4-04..06 after it
        Assert.Single(application.DequeueEvents().OfType<ApplicationRegistered>());
    }

    [Fact]
    public void INT2_the_date_of_receipt_cannot_precede_submission_or_be_confirmed_twice()
    {
        var application = Submitted(SubmissionChannel.RegisteredPost, D(2026, 3, 2));
        Assert.Throws<InvalidInputException>(() => application.ConfirmReceipt(D(2026, 3, 1), Clerk, D(2026, 3, 5)));
        Assert.Throws<InvalidInputException>(() => application.ConfirmReceipt(D(2026, 3, 6), Clerk, D(2026, 3, 5)));
        application.ConfirmReceipt(D(2026, 3, 3), Clerk, D(2026, 3, 5));
        Assert.Equal("INT-2", Assert.Throws<RuleViolationException>(() => application.ConfirmReceipt(D(2026, 3, 3), Clerk, D(2026, 3, 5))).RuleId);
    }

    [Fact]
    public void INT3_tracking_numbers_are_readable_and_per_agency_and_year()
    {
        Assert.Equal("CC-2026-000123", TrackingNumber.Format("CC", 2026, 123));
        var code = TrackingNumber.NewVerificationCode();
        Assert.Equal(8, code.Length);
        Assert.DoesNotContain(code, c => "01OIL".Contains(c, StringComparison.Ordinal));
        Assert.NotEqual(code, TrackingNumber.NewVerificationCode());
    }

    [Fact]
    public void INT4_one_correction_notice_listing_every_item_and_a_second_is_refused()
    {
        var application = Received(D(2026, 3, 2));
        application.RequestCorrection(["所需信息的文号", "获取方式"], D(2026, 3, 20), Clerk, D(2026, 3, 5), Calendar);
        Assert.Equal(ApplicationStatus.AwaitingCorrection, application.Status);
        Assert.Null(application.Deadline(Calendar)); // no reply clock until the correction arrives

        application.SubmitCorrection(D(2026, 3, 10));
        var second = Assert.Throws<RuleViolationException>(() => application.RequestCorrection(["再补"], D(2026, 3, 30), Clerk, D(2026, 3, 11), Calendar));
        Assert.Equal("INT-4", second.RuleId);
    }

    [Fact]
    public void INT4_the_notice_must_go_out_within_7_working_days_of_receipt()
    {
        // Received Mon 2026-03-02: the 7th working day after it is Wed 03-11.
        var inTime = Received(D(2026, 3, 2));
        inTime.RequestCorrection(["文号"], D(2026, 3, 25), Clerk, D(2026, 3, 11), Calendar);

        var late = Received(D(2026, 3, 2));
        Assert.Equal("INT-4", Assert.Throws<RuleViolationException>(() => late.RequestCorrection(["文号"], D(2026, 3, 25), Clerk, D(2026, 3, 12), Calendar)).RuleId);
        Assert.Throws<InvalidInputException>(() => late.RequestCorrection([], D(2026, 3, 25), Clerk, D(2026, 3, 5), Calendar));
    }

    [Fact]
    public void INT4_the_reply_period_restarts_from_the_corrected_application()
    {
        var application = Received(D(2026, 3, 2));
        application.RequestCorrection(["文号"], D(2026, 3, 20), Clerk, D(2026, 3, 4), Calendar);
        application.SubmitCorrection(D(2026, 3, 16));

        // 20 working days after Mon 03-16: 03-17..04-14 with 清明 (04-04..04-06) skipped → Tue 04-14.
        var deadline = application.Deadline(Calendar)!;
        Assert.Equal(D(2026, 3, 16), deadline.Start);
        Assert.Equal(D(2026, 4, 14), deadline.DeadlineDate);
    }

    [Fact]
    public void INT4_no_correction_by_the_period_end_closes_it_as_other_1()
    {
        var application = Received(D(2026, 3, 2));
        application.RequestCorrection(["文号"], D(2026, 3, 20), Clerk, D(2026, 3, 4), Calendar);

        Assert.False(application.CloseIfCorrectionOverdue(D(2026, 3, 20)));
        Assert.True(application.CloseIfCorrectionOverdue(D(2026, 3, 21)));

        Assert.Equal((ReplyOutcome.Other, OutcomeReason.CorrectionOverdue), (application.Reply!.Outcome, application.Reply.Reason));
        Assert.Equal("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", application.Reply.Reason.Chinese());
    }

    [Fact]
    public void INT5_the_reply_period_is_20_working_days_and_seed_001_profile_gives_15()
    {
        var application = Received(D(2026, 2, 10));
        // 春节 2026: 02-14 (Sat) is a 调休 working day, 02-15..02-23 off, 02-28 (Sat) a working day.
        // Day 1 = 02-11, 2 = 02-12, 3 = 02-13, 4 = 02-14 (调休), 5 = 02-24 … 8 = 02-27, 9 = 02-28 (调休),
        // 10 = 03-02 … 14 = 03-06, 15 = 03-09 … 19 = 03-13, 20 = 03-16.
        Assert.Equal(D(2026, 3, 16), application.Deadline(Calendar)!.DeadlineDate);
        Assert.Equal("reg-2019", application.Deadline(Calendar)!.ProfileName);

        var seed001 = new BuildingBlocks.Calendar.DeadlineCalculator(Calendar.Calendars,
            BuildingBlocks.Calendar.PolicyProfileCatalog.Parse($$"""{ "default": "seed-001" }""", "test"));
        Assert.Equal(D(2026, 3, 9), application.Deadline(seed001)!.DeadlineDate); // day 15
    }

    [Fact]
    public void INT5_one_extension_approved_by_the_office_head_who_is_not_the_clerk()
    {
        var application = Received(D(2026, 3, 2));
        var sameClerk = Assert.Throws<RuleViolationException>(() => application.Extend(10, "需调取档案", Clerk, approverIsOfficeHead: true, D(2026, 3, 20), Calendar));
        Assert.Equal("INT-5", sameClerk.RuleId);
        Assert.Equal("INT-5", Assert.Throws<RuleViolationException>(() => application.Extend(10, "需调取档案", "clerk-2", approverIsOfficeHead: false, D(2026, 3, 20), Calendar)).RuleId);
        Assert.Throws<InvalidInputException>(() => application.Extend(21, "需调取档案", OfficeHead, true, D(2026, 3, 20), Calendar));
        Assert.Throws<InvalidInputException>(() => application.Extend(10, " ", OfficeHead, true, D(2026, 3, 20), Calendar));

        var before = application.Deadline(Calendar)!.DeadlineDate!.Value;
        application.Extend(20, "需调取档案", OfficeHead, true, D(2026, 3, 20), Calendar);
        Assert.Equal(BuildingBlocks.Calendar.PeriodUnit.WorkingDays, application.Deadline(Calendar)!.Unit);
        Assert.Equal(20, Calendar.Calendars.Current.CountWorkingDays(before, application.Deadline(Calendar)!.DeadlineDate!.Value).Days);
        Assert.Equal("INT-5", Assert.Throws<RuleViolationException>(() => application.Extend(5, "再延", OfficeHead, true, D(2026, 3, 21), Calendar)).RuleId);
    }

    [Fact]
    public void INT5_no_extension_after_the_deadline_has_passed()
    {
        var application = Received(D(2026, 3, 2)); // deadline 2026-03-30
        Assert.Equal("INT-5", Assert.Throws<RuleViolationException>(() => application.Extend(10, "原因", OfficeHead, true, D(2026, 4, 1), Calendar)).RuleId);
    }

    [Fact]
    public void INT6_consultation_days_are_not_counted()
    {
        var application = Received(D(2026, 3, 2));
        var before = application.Deadline(Calendar)!.DeadlineDate!.Value;

        // Consultation letter sent Mon 03-09, answer Fri 03-13: 03-10..03-13 excluded = 4 working days.
        application.StartConsultation("co-1", D(2026, 3, 9));
        Assert.True(application.Deadline(Calendar)!.IsPaused);
        application.EndConsultation("co-1", D(2026, 3, 13));
        application.EndConsultation("co-1", D(2026, 3, 13)); // redelivered event: no effect

        var after = application.Deadline(Calendar)!.DeadlineDate!.Value;
        Assert.Equal(4, Calendar.Calendars.Current.CountWorkingDays(before, after).Days);
    }

    [Fact]
    public void INT6_a_suspension_stops_the_clock_until_resumed()
    {
        var application = Received(D(2026, 3, 2));
        application.Suspend("因不可抗力不能继续办理", D(2026, 3, 3));
        Assert.Equal("INT-6", Assert.Throws<RuleViolationException>(() => application.Suspend("again", D(2026, 3, 4))).RuleId);
        Assert.Equal("INT-6", Assert.Throws<RuleViolationException>(() => application.IssueReply(NotHeld, D(2026, 3, 5), Clerk, Calendar)).RuleId);
        application.Resume(D(2026, 3, 10)); // 03-04..03-10 excluded: 5 working days

        Assert.Equal(D(2026, 4, 7), application.Deadline(Calendar)!.DeadlineDate); // 03-30 moved by 5 working days over 清明
        var events = application.DequeueEvents();
        Assert.Contains(events, e => e is ClockStopped { Kind: ClockStopKind.Suspension });
        Assert.Contains(events, e => e is ClockResumed { Kind: ClockStopKind.Suspension });
    }

    [Fact]
    public void INT6_overlapping_stops_are_counted_once()
    {
        var application = Received(D(2026, 3, 2));
        var before = application.Deadline(Calendar)!.DeadlineDate!.Value;

        // Suspended 03-03..03-10 (excludes 03-04..03-10), consultation 03-09..03-13 (excludes 03-10..03-13):
        // together 03-04..03-13 = 8 working days, not 5 + 4.
        application.Suspend("不可抗力", D(2026, 3, 3));
        application.StartConsultation("co-1", D(2026, 3, 9));
        application.StartConsultation("third-party-1", D(2026, 3, 9));
        Assert.True(application.Deadline(Calendar)!.IsPaused);
        application.Resume(D(2026, 3, 10));
        application.EndConsultation("third-party-1", D(2026, 3, 11));
        Assert.True(application.Deadline(Calendar)!.IsPaused);
        application.EndConsultation("co-1", D(2026, 3, 13));

        Assert.Equal(8, Calendar.Calendars.Current.CountWorkingDays(before, application.Deadline(Calendar)!.DeadlineDate!.Value).Days);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(10, 0)]
    [InlineData(11, 100)]
    [InlineData(30, 100)]
    [InlineData(31, 200)]
    [InlineData(40, 200)]
    [InlineData(41, 300)]
    [InlineData(55, 400)]
    public void INT7_per_application_fee_by_the_count_this_month(int ordinal, int expected) =>
        Assert.Equal(expected, InformationProcessingFee.PerApplication(ordinal));

    [Theory]
    [InlineData(30, 0)]
    [InlineData(31, 10)]
    [InlineData(100, 700)] // 70 pages × 10
    [InlineData(101, 720)]
    [InlineData(200, 2700)] // 700 + 100 × 20
    [InlineData(201, 2740)]
    [InlineData(250, 4700)] // 2700 + 50 × 40
    public void INT7_per_volume_fee_by_pages(int pages, int expected) =>
        Assert.Equal(expected, InformationProcessingFee.PerVolume(pages));

    [Fact]
    public void INT7_a_fee_notice_stops_the_clock_until_payment_and_only_one_method_applies()
    {
        var application = Received(D(2026, 3, 2));
        Assert.Equal("INT-7", Assert.Throws<RuleViolationException>(() => application.IssueFeeNotice(FeeMethod.PerVolume, 20, D(2026, 3, 5), Calendar)).RuleId);

        application.IssueFeeNotice(FeeMethod.PerVolume, 120, D(2026, 3, 5), Calendar);
        Assert.Equal(1100m, application.Fee!.Amount);
        Assert.Equal("INT-7", Assert.Throws<RuleViolationException>(() => application.IssueFeeNotice(FeeMethod.PerApplication, 12, D(2026, 3, 5), Calendar)).RuleId);
        Assert.True(application.Deadline(Calendar)!.IsPaused);

        application.RecordPayment(D(2026, 3, 12)); // 03-06..03-12 excluded: 5 working days
        Assert.Equal(D(2026, 4, 7), application.Deadline(Calendar)!.DeadlineDate);
    }

    [Fact]
    public void INT7_an_unpaid_fee_closes_the_application_as_other_2()
    {
        var application = Received(D(2026, 3, 2));
        application.IssueFeeNotice(FeeMethod.PerApplication, 11, D(2026, 3, 5), Calendar);
        var due = application.Fee!.PaymentDueOn;
        // 20 working days after Thu 03-05: 03-06 (1), 03-09..13 (2-6), 03-16..20 (7-11), 03-23..27 (12-16), 03-30..04-02 (17-20).
        Assert.Equal(D(2026, 4, 2), due);

        Assert.False(application.CloseIfFeeUnpaid(due));
        Assert.True(application.CloseIfFeeUnpaid(due.AddDays(1)));
        Assert.Equal(OutcomeReason.FeeUnpaid, application.Reply!.Reason);
        Assert.Equal(ApplicationStatus.Replied, application.Status);
    }

    [Fact]
    public void INT8_every_reply_has_exactly_one_outcome_of_the_national_taxonomy()
    {
        foreach (var outcome in Enum.GetValues<ReplyOutcome>())
        {
            foreach (var reason in Enum.GetValues<OutcomeReason>())
            {
                var expected = outcome is ReplyOutcome.Disclosed or ReplyOutcome.PartiallyDisclosed
                    ? reason == OutcomeReason.None
                    : reason != OutcomeReason.None && OutcomeTaxonomy.OutcomeOf(reason) == outcome;
                Assert.Equal(expected, OutcomeTaxonomy.IsValid(outcome, reason));
            }
        }

        Assert.Equal([8, 3, 5, 3], new[] { ReplyOutcome.NotDisclosed, ReplyOutcome.CannotProvide, ReplyOutcome.NotProcessed, ReplyOutcome.Other }
            .Select(o => OutcomeTaxonomy.ReasonsOf(o).Count()));
    }

    [Fact]
    public void INT8_a_reply_needs_basis_reason_and_a_matching_sub_reason()
    {
        var application = Received(D(2026, 3, 2));
        Assert.Throws<InvalidInputException>(() => application.IssueReply(NotHeld with { LegalBasis = "" }, D(2026, 3, 5), Clerk, Calendar));
        Assert.Throws<InvalidInputException>(() => application.IssueReply(NotHeld with { Reason = OutcomeReason.StateSecret }, D(2026, 3, 5), Clerk, Calendar));

        application.IssueReply(NotHeld, D(2026, 3, 5), Clerk, Calendar);
        Assert.Equal(ApplicationStatus.Replied, application.Status);
        Assert.Equal("市住房和城乡建设局", application.Reply!.CompetentAgency);
        Assert.Equal("INT-8", Assert.Throws<RuleViolationException>(() => application.IssueReply(NotHeld, D(2026, 3, 6), Clerk, Calendar)).RuleId);
    }

    [Fact]
    public void INT9_a_disclosure_is_refused_while_a_document_is_unreviewed()
    {
        var application = Received(D(2026, 3, 2));
        application.AttachDocument("doc-1", "资金安排表", Classification.None);
        Assert.Single(application.DequeueEvents().OfType<ReviewRequested>());

        Assert.Equal("INT-9", Assert.Throws<RuleViolationException>(() => application.IssueReply(Disclosed, D(2026, 3, 5), Clerk, Calendar)).RuleId);

        application.RecordReview("doc-1", ReviewVerdict.Public, Classification.None, "released/doc-1");
        application.IssueReply(Disclosed, D(2026, 3, 6), Clerk, Calendar);
        Assert.Equal(ReplyOutcome.Disclosed, application.Reply!.Outcome);
    }

    [Fact]
    public void INT9_a_classified_document_is_never_released()
    {
        var application = Received(D(2026, 3, 2));
        application.AttachDocument("doc-1", "会议纪要", Classification.None);
        application.RecordReview("doc-1", ReviewVerdict.Public, Classification.Confidential, null);

        var refused = Assert.Throws<RuleViolationException>(() => application.IssueReply(Disclosed, D(2026, 3, 5), Clerk, Calendar));
        Assert.Equal("INT-9", refused.RuleId);
        Assert.Contains("机密", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void INT9_an_open_consultation_blocks_the_reply_and_a_partial_review_means_partial_disclosure()
    {
        var application = Received(D(2026, 3, 2));
        application.AttachDocument("doc-1", "合同", Classification.None);
        application.RecordReview("doc-1", ReviewVerdict.Partial, Classification.None, "released/doc-1");
        application.StartConsultation("third-party-1", D(2026, 3, 4));
        Assert.Equal("INT-9", Assert.Throws<RuleViolationException>(() => application.IssueReply(Disclosed with { Outcome = ReplyOutcome.PartiallyDisclosed }, D(2026, 3, 5), Clerk, Calendar)).RuleId);

        application.EndConsultation("third-party-1", D(2026, 3, 10));
        Assert.Equal("INT-8", Assert.Throws<RuleViolationException>(() => application.IssueReply(Disclosed, D(2026, 3, 11), Clerk, Calendar)).RuleId);
        application.IssueReply(Disclosed with { Outcome = ReplyOutcome.PartiallyDisclosed }, D(2026, 3, 11), Clerk, Calendar);
    }

    [Fact]
    public void INT9_already_public_information_may_be_answered_with_where_to_find_it()
    {
        var application = Received(D(2026, 3, 2));
        application.IssueReply(Disclosed with { AlreadyPublishedAt = "区政府门户网站“政府信息公开”专栏" }, D(2026, 3, 3), Clerk, Calendar);
        Assert.Equal(ReplyOutcome.Disclosed, application.Reply!.Outcome);
    }

    [Fact]
    public void INT10_warning_before_the_deadline_breach_once_after_it_and_a_late_reply_recorded()
    {
        var application = Received(D(2026, 3, 2)); // deadline Mon 2026-03-30
        Assert.Empty(application.CheckTimeliness(D(2026, 3, 24), Calendar)); // 4 working days left
        Assert.IsType<DeadlineApproaching>(Assert.Single(application.CheckTimeliness(D(2026, 3, 25), Calendar)));
        Assert.Empty(application.CheckTimeliness(D(2026, 3, 30).AddDays(0), Calendar).OfType<DeadlineBreached>());

        var breach = Assert.IsType<DeadlineBreached>(Assert.Single(application.CheckTimeliness(D(2026, 3, 31), Calendar)));
        Assert.Equal(D(2026, 3, 30), breach.Deadline);
        Assert.Empty(application.CheckTimeliness(D(2026, 4, 1), Calendar)); // once

        application.IssueReply(NotHeld, D(2026, 4, 1), Clerk, Calendar);
        Assert.True(application.Reply!.Late);
        Assert.True(application.DequeueEvents().OfType<ReplyIssued>().Single().Late);
    }

    [Fact]
    public void INT11_a_correction_of_records_request_is_not_answered_as_a_disclosure()
    {
        var request = Request(SubmissionChannel.InPerson) with { Kind = ApplicationKind.RecordCorrection };
        var application = DisclosureApplication.Submit(Guid.NewGuid(), Agency, "CC-2026-000002", "req-x", Person(), request, D(2026, 3, 2), Clerk);
        Assert.Equal("INT-11", Assert.Throws<RuleViolationException>(() => application.IssueReply(NotHeld, D(2026, 3, 3), Clerk, Calendar)).RuleId);
    }

    [Fact]
    public void INT13_the_reply_event_carries_the_decision_and_no_personal_data()
    {
        var application = Received(D(2026, 3, 2));
        application.IssueReply(NotHeld, D(2026, 3, 5), Clerk, Calendar);

        var issued = application.DequeueEvents().OfType<ReplyIssued>().Single();
        Assert.Equal((ReplyOutcome.CannotProvide, OutcomeReason.NotHeld, D(2026, 3, 2), D(2026, 3, 30), D(2026, 3, 5), false, ApplicantType.NaturalPerson),
            (issued.Outcome, issued.Reason, issued.ReceivedOn, issued.Deadline, issued.RepliedOn, issued.Late, issued.ApplicantType));
        var text = issued.ToString();
        Assert.DoesNotContain(application.Applicant.Name, text, StringComparison.Ordinal);
        Assert.DoesNotContain(application.Applicant.DocumentNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain(application.Applicant.Phone!, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_withdrawn_application_is_counted_as_other_handling()
    {
        var application = Received(D(2026, 3, 2));
        application.Withdraw(D(2026, 3, 3));
        Assert.Equal(ApplicationStatus.Withdrawn, application.Status);
        Assert.Equal((ReplyOutcome.Other, OutcomeReason.OtherReason), (application.Reply!.Outcome, application.Reply.Reason));
        Assert.Throws<RuleViolationException>(() => application.Withdraw(D(2026, 3, 4)));
    }
}
