using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Intake.V1;
using static Ogi.Intake.Tests.Functional.Dates;
using Coordination = Ogi.Contracts.Coordination.V1;
using Review = Ogi.Contracts.Review.V1;

namespace Ogi.Intake.Tests.Functional;

/// <summary>
/// The intake service through its gRPC API on the real PostgreSQL, with events in (AppCallback, as the relay delivers
/// them) and out (the probe peer). The monitor's loop is off here; tests run its pass themselves on a set date.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class IntakeServiceTests(PostgresFixture postgres) : IAsyncLifetime
{
    private IntakeHostUnderTest _host = null!;

    private IntakeService.IntakeServiceClient Client => _host.Client;

    public async Task InitializeAsync() =>
        _host = await IntakeHostUnderTest.StartAsync(postgres, D(2026, 3, 2), "--Intake:Monitor:Enabled=false");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Every_rpc_declares_who_may_call_it() =>
        AccessDeclarationAssert.EveryRpcDeclaresAccess(IntakeService.Descriptor);

    [Fact]
    public async Task INT1_the_same_request_id_twice_gives_one_application()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var request = IntakeHostUnderTest.Request();
        var first = await Client.SubmitApplicationAsync(request, _host.Platform);
        var again = await Client.SubmitApplicationAsync(request, _host.Platform);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => await Client.SubmitApplicationAsync(request, _host.Platform)));

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.All(concurrent.Append(again), r => Assert.Equal(first.Application.ApplicationId, r.Application.ApplicationId));
        Assert.All(concurrent.Append(again), r => Assert.Equal(first.VerificationCode, r.VerificationCode));
        await using var db = new NpgsqlDataSourceBuilder(_host.Service.ConnectionString).Build();
        await using var count = db.CreateCommand("SELECT count(*) FROM intake.applications WHERE request_id = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = request.RequestId });
        Assert.Equal(1L, await count.ExecuteScalarAsync());
        // Another platform's identical request id is another application.
        var other = await Client.SubmitApplicationAsync(request, _host.Service.Platform("another-platform"));
        Assert.NotEqual(first.Application.ApplicationId, other.Application.ApplicationId);
    }

    [Fact]
    public async Task INT1_id_number_and_credit_code_check_characters_are_verified()
    {
        var wrongCheck = Given.ValidIdNumber[..17] + (Given.ValidIdNumber[17] == '0' ? '1' : '0');
        await Refusal.InvalidAsync("applicant.document_number", () => Client.SubmitApplicationAsync(IntakeHostUnderTest.Request(idNumber: wrongCheck), _host.Platform).ResponseAsync);

        var company = IntakeHostUnderTest.Request();
        company.Applicant.Type = ApplicantType.BusinessEnterprise;
        company.Applicant.DocumentType = IdentityDocumentType.UnifiedSocialCreditCode;
        company.Applicant.DocumentNumber = Given.ValidCreditCode[..17] + (Given.ValidCreditCode[17] == 'A' ? 'B' : 'A');
        await Refusal.InvalidAsync("applicant.document_number", () => Client.SubmitApplicationAsync(company, _host.Platform).ResponseAsync);
        company.Applicant.DocumentNumber = Given.ValidCreditCode;
        var accepted = await Client.SubmitApplicationAsync(company, _host.Platform);
        Assert.Equal(ApplicantType.BusinessEnterprise, accepted.Application.Applicant.Type);

        var noContact = IntakeHostUnderTest.Request();
        noContact.Applicant.Phone = "";
        await Refusal.InvalidAsync("applicant.contact", () => Client.SubmitApplicationAsync(noContact, _host.Platform).ResponseAsync);
        await Refusal.InvalidAsync("agency_code", () => Client.SubmitApplicationAsync(IntakeHostUnderTest.Request(agency: "91000000000000000X"), _host.Platform).ResponseAsync);
    }

    [Theory]
    [InlineData(SubmissionChannel.RegisteredPost)]
    [InlineData(SubmissionChannel.OrdinaryPost)]
    [InlineData(SubmissionChannel.Online)]
    [InlineData(SubmissionChannel.Fax)]
    public async Task INT2_channels_other_than_in_person_wait_for_the_office_to_confirm_the_date_of_receipt(SubmissionChannel channel)
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var submitted = (await Client.SubmitApplicationAsync(IntakeHostUnderTest.Request(channel), _host.Platform)).Application;
        Assert.Equal(ApplicationStatus.ReceivedUnconfirmed, submitted.Status);
        Assert.Null(submitted.Deadline.Deadline);
        Assert.True(submitted.Deadline.Paused);

        _host.Clock.SetDate(D(2026, 3, 5));
        await Refusal.InvalidAsync("received_on", () => Client.ConfirmReceiptAsync(new ConfirmReceiptRequest { ApplicationId = submitted.ApplicationId, ReceivedOn = D(2026, 2, 27).ToDate() }, _host.ClerkCall).ResponseAsync);
        var confirmed = (await Client.ConfirmReceiptAsync(new ConfirmReceiptRequest { ApplicationId = submitted.ApplicationId, ReceivedOn = D(2026, 3, 4).ToDate() }, _host.ClerkCall)).Application;

        Assert.Equal(ApplicationStatus.InProgress, confirmed.Status);
        Assert.Equal(D(2026, 3, 4), confirmed.ReceivedOn.ToDateOnly());
        Assert.Equal(IntakeHostUnderTest.Clerk, confirmed.HandlerId);
        Assert.NotNull(confirmed.Deadline.Deadline);
        var registered = await _host.Service.Events.WaitForAsync<ApplicationRegistered>(e => e.ApplicationId == submitted.ApplicationId, Topics.Intake);
        Assert.Equal(D(2026, 3, 4), registered.ReceivedOn.ToDateOnly());
        await Refusal.RuleAsync("INT-2", () => Client.ConfirmReceiptAsync(new ConfirmReceiptRequest { ApplicationId = submitted.ApplicationId, ReceivedOn = D(2026, 3, 5).ToDate() }, _host.ClerkCall).ResponseAsync);
    }

    [Fact]
    public async Task INT2_in_person_the_day_of_submission_is_the_date_of_receipt_and_the_registration_goes_out()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var application = await _host.ReceivedTodayAsync();
        Assert.Equal(ApplicationStatus.InProgress, application.Status);
        Assert.Equal(D(2026, 3, 2), application.ReceivedOn.ToDateOnly());
        var registered = await _host.Service.Events.WaitForAsync<ApplicationRegistered>(e => e.ApplicationId == application.ApplicationId, Topics.Intake);
        Assert.Equal(D(2026, 3, 30), registered.Deadline.ToDateOnly());
        Assert.Equal(ApplicantType.NaturalPerson, registered.ApplicantType);
        NoPersonalData.In(registered);
    }

    [Fact]
    public async Task INT3_tracking_numbers_are_gap_free_per_agency_and_year_under_concurrent_submissions()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var agency = SampleAgencies.XijiJiqiangTown;
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
            await Client.SubmitApplicationAsync(IntakeHostUnderTest.Request(agency: agency), _host.Platform)));
        var numbers = responses.Select(r => r.Application.TrackingNumber).Order(StringComparer.Ordinal).ToList();
        var prefix = numbers[0][..numbers[0].LastIndexOf('-')];
        Assert.EndsWith("-2026", prefix, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 24).Select(n => $"{prefix}-{n:D6}"), numbers);
        Assert.All(responses, r => Assert.Equal(8, r.VerificationCode.Length));
    }

    [Fact]
    public async Task INT4_one_correction_notice_a_second_refused_and_the_period_restarts_from_the_corrected_application()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var application = await _host.ReceivedTodayAsync();
        _host.Clock.SetDate(D(2026, 3, 4));
        var correction = new RequestCorrectionRequest { ApplicationId = application.ApplicationId, Items = { "所需信息的文号", "获取信息的方式" }, DueOn = D(2026, 3, 20).ToDate() };
        var awaiting = (await Client.RequestCorrectionAsync(correction, _host.ClerkCall)).Application;
        Assert.Equal(ApplicationStatus.AwaitingCorrection, awaiting.Status);
        Assert.True(awaiting.Deadline.Paused);
        await Refusal.RuleAsync("INT-4", () => Client.RequestCorrectionAsync(correction, _host.ClerkCall).ResponseAsync);
        var requested = await _host.Service.Events.WaitForAsync<CorrectionRequested>(e => e.ApplicationId == application.ApplicationId, Topics.Intake);
        Assert.Equal(2, requested.Items);

        var notice = (await Client.GetNoticeAsync(new GetNoticeRequest { ApplicationId = application.ApplicationId, Kind = NoticeKind.Correction }, _host.ClerkCall)).Notice;
        Assert.Equal("补正申请告知书", notice.Title);
        Assert.Contains("所需信息的文号", notice.Content, StringComparison.Ordinal);
        Assert.StartsWith("text/html", notice.ContentType, StringComparison.Ordinal);

        // The platform forwards the corrected application on 03-09: 20 working days from then.
        _host.Clock.SetDate(D(2026, 3, 9));
        var corrected = (await Client.SubmitCorrectionAsync(new SubmitCorrectionRequest { ApplicationId = application.ApplicationId }, _host.Platform)).Application;
        Assert.Equal(D(2026, 3, 9), corrected.Deadline.Start.ToDateOnly());
        Assert.Equal(D(2026, 4, 7), corrected.Deadline.Deadline.ToDateOnly()); // 清明 04-04..04-06 skipped
        var restarted = await _host.Service.Events.WaitForAsync<ApplicationCorrected>(e => e.ApplicationId == application.ApplicationId, Topics.Intake);
        Assert.Equal(D(2026, 4, 7), restarted.Deadline.ToDateOnly());
    }

    [Fact]
    public async Task INT4_an_unanswered_correction_is_closed_as_other_1_by_the_monitor()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var application = await _host.ReceivedTodayAsync();
        await Client.RequestCorrectionAsync(new RequestCorrectionRequest { ApplicationId = application.ApplicationId, Items = { "文号" }, DueOn = D(2026, 3, 16).ToDate() }, _host.ClerkCall);

        _host.Clock.SetDate(D(2026, 3, 16));
        await _host.MonitorAsync();
        Assert.Equal(ApplicationStatus.AwaitingCorrection, (await _host.GetAsync(application.ApplicationId)).Status);

        _host.Clock.SetDate(D(2026, 3, 17));
        await _host.MonitorAsync();
        var closed = await _host.GetAsync(application.ApplicationId);
        Assert.Equal(ApplicationStatus.Replied, closed.Status);
        Assert.Equal((ReplyOutcome.Other, OutcomeReason.CorrectionOverdue), (closed.Reply.Outcome, closed.Reply.Reason));
        var decision = await _host.Service.Events.WaitForAsync<ReplyIssued>(e => e.ApplicationId == application.ApplicationId, Topics.Decisions);
        Assert.Equal(OutcomeReason.CorrectionOverdue, decision.Reason);
    }

    [Fact]
    public async Task INT5_extension_by_the_office_head_not_by_the_clerk_handling_it()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var submitted = (await Client.SubmitApplicationAsync(IntakeHostUnderTest.Request(SubmissionChannel.Online), _host.Platform)).Application;
        // The clerk handling it is also an office head: still not allowed to approve its own extension.
        var clerkAndHead = _host.Service.Staff("clerk-head", IntakeHostUnderTest.Agency, StaffRole.Clerk, StaffRole.OfficeHead);
        await Client.ConfirmReceiptAsync(new ConfirmReceiptRequest { ApplicationId = submitted.ApplicationId, ReceivedOn = D(2026, 3, 2).ToDate() }, clerkAndHead);
        var extend = new ExtendDeadlineRequest { ApplicationId = submitted.ApplicationId, WorkingDays = 10, Reason = "需调取历史档案" };

        await Refusal.RuleAsync("INT-5", () => Client.ExtendDeadlineAsync(extend, clerkAndHead).ResponseAsync);
        await Refusal.StatusAsync(StatusCode.PermissionDenied, () => Client.ExtendDeadlineAsync(extend, _host.ClerkCall).ResponseAsync);
        await Refusal.InvalidAsync("working_days", () => Client.ExtendDeadlineAsync(new ExtendDeadlineRequest { ApplicationId = submitted.ApplicationId, WorkingDays = 21, Reason = "x" }, _host.HeadCall).ResponseAsync);

        var extended = (await Client.ExtendDeadlineAsync(extend, _host.HeadCall)).Application;
        Assert.Equal(30, extended.Deadline.LengthWorkingDays);
        Assert.Equal(D(2026, 4, 14), extended.Deadline.Deadline.ToDateOnly());
        Assert.Equal(IntakeHostUnderTest.OfficeHead, extended.Extension.ApprovedBy);
        await Refusal.RuleAsync("INT-5", () => Client.ExtendDeadlineAsync(extend, _host.Service.Staff("head-2", IntakeHostUnderTest.Agency, StaffRole.OfficeHead)).ResponseAsync);
        var notice = (await Client.GetNoticeAsync(new GetNoticeRequest { ApplicationId = submitted.ApplicationId, Kind = NoticeKind.Extension }, _host.ClerkCall)).Notice;
        Assert.Contains("需调取历史档案", notice.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task INT6_consultation_days_are_not_counted_and_redelivered_events_change_nothing()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var application = await _host.ReceivedTodayAsync();
        Assert.Equal(D(2026, 3, 30), application.Deadline.Deadline.ToDateOnly());

        var started = new Coordination.ConsultationStarted { CoordinationId = "co-1", AgencyCode = IntakeHostUnderTest.Agency, ApplicationId = application.ApplicationId, StartedOn = D(2026, 3, 9).ToDate(), Source = Coordination.ItemSource.Application };
        var startedId = Guid.NewGuid();
        Assert.Equal(Dapr.Proto.Runtime.V1.TopicEventResponse.Types.TopicEventResponseStatus.Success, await _host.Service.DeliverAsync(Topics.Coordination, started, startedId));
        await _host.Service.DeliverAsync(Topics.Coordination, started, startedId);
        var stopped = await _host.GetAsync(application.ApplicationId);
        Assert.True(stopped.Deadline.Paused);
        Assert.Single(stopped.ClockStops);
        await _host.Service.Events.WaitForAsync<ApplicationSuspended>(e => e.ApplicationId == application.ApplicationId && e.Kind == ClockStopKind.Consultation, Topics.Intake);

        var ended = new Coordination.ConsultationEnded { CoordinationId = "co-1", AgencyCode = IntakeHostUnderTest.Agency, ApplicationId = application.ApplicationId, EndedOn = D(2026, 3, 13).ToDate(), Source = Coordination.ItemSource.Application };
        await _host.Service.DeliverAsync(Topics.Coordination, ended);
        await _host.Service.DeliverAsync(Topics.Coordination, ended); // a second event id, same consultation: the domain ignores it
        var resumed = await _host.GetAsync(application.ApplicationId);
        // 03-10..03-13 stopped: four working days later.
        Assert.Equal(D(2026, 4, 3), resumed.Deadline.Deadline.ToDateOnly());
        Assert.Equal(D(2026, 3, 13), resumed.ClockStops.Single().ResumedOn.ToDateOnly());
        var resumedEvent = await _host.Service.Events.WaitForAsync<ApplicationResumed>(e => e.ApplicationId == application.ApplicationId, Topics.Intake);
        Assert.Equal(D(2026, 4, 3), resumedEvent.Deadline.ToDateOnly());
        Assert.Contains(resumed.Deadline.Explanation, line => line.Contains("征求", StringComparison.Ordinal));
    }

    [Fact]
    public async Task INT6_a_suspension_stops_the_clock_until_resumed_with_a_notice_each()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var application = await _host.ReceivedTodayAsync();
        var suspended = (await Client.SuspendApplicationAsync(new SuspendApplicationRequest { ApplicationId = application.ApplicationId, Reason = "因不可抗力暂时无法办理", On = D(2026, 3, 3).ToDate() }, _host.ClerkCall)).Application;
        Assert.True(suspended.Deadline.Paused);
        await Refusal.RuleAsync("INT-6", () => Client.IssueReplyAsync(NotHeld(application.ApplicationId), _host.ClerkCall).ResponseAsync);
        var resumed = (await Client.ResumeApplicationAsync(new ResumeApplicationRequest { ApplicationId = application.ApplicationId, On = D(2026, 3, 10).ToDate() }, _host.ClerkCall)).Application;
        Assert.Equal(D(2026, 4, 7), resumed.Deadline.Deadline.ToDateOnly()); // five working days later, 清明 skipped
        Assert.Contains("因不可抗力", (await Client.GetNoticeAsync(new GetNoticeRequest { ApplicationId = application.ApplicationId, Kind = NoticeKind.Suspension }, _host.ClerkCall)).Notice.Content, StringComparison.Ordinal);
        Assert.Equal("恢复办理告知书", (await Client.GetNoticeAsync(new GetNoticeRequest { ApplicationId = application.ApplicationId, Kind = NoticeKind.Resumption }, _host.ClerkCall)).Notice.Title);
    }

    [Fact]
    public async Task CAL_a_deadline_across_the_2026_spring_festival_counts_the_tiaoxiu_saturdays()
    {
        _host.Clock.SetDate(D(2026, 2, 10));
        var application = await _host.ReceivedTodayAsync();
        // 02-14 and 02-28 are 调休 working Saturdays; 02-15..02-23 are off.
        Assert.Equal(D(2026, 3, 16), application.Deadline.Deadline.ToDateOnly());
        Assert.False(application.Deadline.Provisional);
        Assert.Equal("reg-2019", application.Deadline.Profile);
        Assert.StartsWith("cal-", application.Deadline.CalendarVersion, StringComparison.Ordinal);
        Assert.NotEmpty(application.Deadline.Explanation);
        _host.Clock.SetDate(D(2026, 2, 13));
        Assert.Equal(17, (await _host.GetAsync(application.ApplicationId)).Deadline.WorkingDaysLeft);
    }

    [Fact]
    public async Task INT7_fees_by_volume_stop_the_clock_until_paid_and_per_application_follows_the_monthly_count()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var application = await _host.ReceivedTodayAsync();
        var fee = (await Client.IssueFeeNoticeAsync(new IssueFeeNoticeRequest { ApplicationId = application.ApplicationId, Method = FeeMethod.PerVolume, Pages = 50, ReceivedOn = D(2026, 3, 3).ToDate() }, _host.ClerkCall)).Application;
        Assert.Equal("200", fee.Fee.AmountYuan); // pages 31..50 at 10 元
        Assert.True(fee.Deadline.Paused);
        await Refusal.RuleAsync("INT-7", () => Client.IssueFeeNoticeAsync(new IssueFeeNoticeRequest { ApplicationId = application.ApplicationId, Method = FeeMethod.PerApplication }, _host.ClerkCall).ResponseAsync);
        Assert.Equal("收费通知书", (await Client.GetNoticeAsync(new GetNoticeRequest { ApplicationId = application.ApplicationId, Kind = NoticeKind.Fee }, _host.ClerkCall)).Notice.Title);

        _host.Clock.SetDate(D(2026, 3, 6));
        var paid = (await Client.RecordFeePaymentAsync(new RecordFeePaymentRequest { ApplicationId = application.ApplicationId }, _host.Platform)).Application;
        Assert.False(paid.Deadline.Paused);
        Assert.Equal(D(2026, 4, 2), paid.Deadline.Deadline.ToDateOnly()); // 03-04..03-06 stopped

        // 按件: the same applicant's 1st..10th applications of the month are free, the 11th costs 100 元.
        var idNumber = "11010519800101003" + BuildingBlocks.Domain.ChineseIdentifiers.CitizenIdCheckCharacter("11010519800101003");
        var first = await _host.ReceivedTodayAsync(IntakeHostUnderTest.Request(idNumber: idNumber));
        await Refusal.RuleAsync("INT-7", () => Client.IssueFeeNoticeAsync(new IssueFeeNoticeRequest { ApplicationId = first.ApplicationId, Method = FeeMethod.PerApplication }, _host.ClerkCall).ResponseAsync);
        ApplicationView eleventh = first;
        for (var i = 2; i <= 11; i++)
        {
            eleventh = await _host.ReceivedTodayAsync(IntakeHostUnderTest.Request(idNumber: idNumber));
        }

        var charged = (await Client.IssueFeeNoticeAsync(new IssueFeeNoticeRequest { ApplicationId = eleventh.ApplicationId, Method = FeeMethod.PerApplication }, _host.ClerkCall)).Application;
        Assert.Equal(("100", 11), (charged.Fee.AmountYuan, charged.Fee.Quantity));
    }

    [Fact]
    public async Task INT7_an_unpaid_fee_closes_the_application_as_other_2_when_the_payment_period_ends()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var application = await _host.ReceivedTodayAsync();
        var fee = (await Client.IssueFeeNoticeAsync(new IssueFeeNoticeRequest { ApplicationId = application.ApplicationId, Method = FeeMethod.PerVolume, Pages = 40 }, _host.ClerkCall)).Application;
        var due = fee.Fee.PaymentDueOn.ToDateOnly();

        _host.Clock.SetDate(due);
        await _host.MonitorAsync();
        Assert.Equal(ApplicationStatus.InProgress, (await _host.GetAsync(application.ApplicationId)).Status);
        _host.Clock.SetDate(due.AddDays(1));
        await _host.MonitorAsync();
        var closed = await _host.GetAsync(application.ApplicationId);
        Assert.Equal((ReplyOutcome.Other, OutcomeReason.FeeUnpaid), (closed.Reply.Outcome, closed.Reply.Reason));
        await _host.Service.Events.WaitForAsync<ReplyIssued>(e => e.ApplicationId == application.ApplicationId && e.Reason == OutcomeReason.FeeUnpaid, Topics.Decisions);
    }

    [Fact]
    public async Task INT8_the_outcome_is_exactly_one_of_the_national_taxonomy_and_the_reply_is_a_decision_event()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var application = await _host.ReceivedTodayAsync();
        var mismatched = NotHeld(application.ApplicationId);
        mismatched.Outcome = ReplyOutcome.NotDisclosed; // 401 belongs to 无法提供
        await Refusal.InvalidAsync("reason", () => Client.IssueReplyAsync(mismatched, _host.ClerkCall).ResponseAsync);
        var none = NotHeld(application.ApplicationId);
        none.Reason = OutcomeReason.Unspecified;
        await Refusal.InvalidAsync("reason", () => Client.IssueReplyAsync(none, _host.ClerkCall).ResponseAsync);

        _host.Clock.SetDate(D(2026, 3, 10));
        var replied = (await Client.IssueReplyAsync(NotHeld(application.ApplicationId), _host.ClerkCall)).Application;
        Assert.Equal(ApplicationStatus.Replied, replied.Status);
        var decision = await _host.Service.Events.WaitForAsync<ReplyIssued>(e => e.ApplicationId == application.ApplicationId, Topics.Decisions);
        Assert.Equal((ReplyOutcome.CannotProvide, OutcomeReason.NotHeld, false), (decision.Outcome, decision.Reason, decision.Late));
        Assert.Equal(D(2026, 3, 30), decision.Deadline.ToDateOnly());
        Assert.Single(_host.Service.Events.All<ReplyIssued>(Topics.Intake), e => e.ApplicationId == application.ApplicationId);
        NoPersonalData.In(decision);
        Assert.Contains("市住房和城乡建设局", (await Client.GetNoticeAsync(new GetNoticeRequest { ApplicationId = application.ApplicationId, Kind = NoticeKind.Reply }, _host.ClerkCall)).Notice.Content, StringComparison.Ordinal);
        await Refusal.RuleAsync("INT-8", () => Client.WithdrawApplicationAsync(new WithdrawApplicationRequest { ApplicationId = application.ApplicationId }, _host.Platform).ResponseAsync);
    }

    [Fact]
    public async Task INT9_reply_refused_while_a_document_is_unreviewed_uncoordinated_or_classified()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var application = await _host.ReceivedTodayAsync();
        var attach = new AttachDocumentsRequest
        {
            ApplicationId = application.ApplicationId,
            Documents =
            {
                new ReleaseDocumentInput { DocumentId = "doc-1", Title = "资金安排表", Text = "2025年改造资金安排：……" },
                new ReleaseDocumentInput
                {
                    DocumentId = "doc-2", Title = "联合发文", Text = "与市自然资源局联合印发……",
                    AgenciesConcerned = { new ConcernedAgency { AgencyCode = SampleAgencies.CityNaturalResources, AgencyName = "固原市自然资源局" } },
                },
            },
        };
        var attached = (await Client.AttachDocumentsAsync(attach, _host.ClerkCall)).Application;
        Assert.All(attached.Documents, d => Assert.Equal(ReviewVerdict.Pending, d.Verdict));
        Assert.Equal(CoordinationState.Pending, attached.Documents.Single(d => d.DocumentId == "doc-2").Coordination);

        var review = await _host.Service.Events.WaitForAsync<ReviewRequested>(e => e.ApplicationId == application.ApplicationId && e.DocumentId == "doc-1", Topics.Intake);
        Assert.Equal(("2025年改造资金安排：……", IntakeHostUnderTest.Clerk), (review.Text, review.SubmittedBy));
        await _host.Service.Events.WaitForAsync<ReviewRequested>(e => e.ApplicationId == application.ApplicationId && e.DocumentId == "doc-2", Topics.Intake);
        var coordination = await _host.Service.Events.WaitForAsync<Coordination.CoordinationRequested>(e => e.ApplicationId == application.ApplicationId, Topics.Intake);
        Assert.Equal($"{application.ApplicationId}/doc-2", coordination.ItemReference);
        Assert.Equal(SampleAgencies.CityNaturalResources, coordination.AgenciesConcerned.Single().AgencyCode);

        await Refusal.RuleAsync("INT-9", () => Client.IssueReplyAsync(Disclosed(application.ApplicationId), _host.ClerkCall).ResponseAsync);
        await _host.Service.DeliverAsync(Topics.SecrecyReview, Concluded(application.ApplicationId, "doc-1", Review.OpinionKind.Public));
        await _host.Service.DeliverAsync(Topics.SecrecyReview, Concluded(application.ApplicationId, "doc-2", Review.OpinionKind.Public));
        // Reviewed, but the coordination on doc-2 is still open.
        await Refusal.RuleAsync("INT-9", () => Client.IssueReplyAsync(Disclosed(application.ApplicationId), _host.ClerkCall).ResponseAsync);

        await _host.Service.DeliverAsync(Topics.Coordination, new Coordination.CoordinationConcluded
        {
            CoordinationId = "co-7",
            AgencyCode = IntakeHostUnderTest.Agency,
            Source = Coordination.ItemSource.Application,
            ItemReference = coordination.ItemReference,
            ApplicationId = application.ApplicationId,
            ReleasePermitted = true,
            ConcludedOn = D(2026, 3, 5).ToDate(),
            RequestId = coordination.RequestId,
        });
        var replied = (await Client.IssueReplyAsync(Disclosed(application.ApplicationId), _host.ClerkCall)).Application;
        Assert.Equal(ReplyOutcome.Disclosed, replied.Reply.Outcome);

        // A classified document is never released.
        var secret = await _host.ReceivedTodayAsync();
        await Client.AttachDocumentsAsync(new AttachDocumentsRequest { ApplicationId = secret.ApplicationId, Documents = { new ReleaseDocumentInput { DocumentId = "s-1", Title = "内部通报", Text = "……" } } }, _host.ClerkCall);
        var classified = Concluded(secret.ApplicationId, "s-1", Review.OpinionKind.Public);
        classified.Classified = true;
        await _host.Service.DeliverAsync(Topics.SecrecyReview, classified);
        Assert.Equal(Classification.Secret, (await _host.GetAsync(secret.ApplicationId)).Documents.Single().Classification);
        await Refusal.RuleAsync("INT-9", () => Client.IssueReplyAsync(Disclosed(secret.ApplicationId), _host.ClerkCall).ResponseAsync);
    }

    [Fact]
    public async Task INT10_warnings_before_the_deadline_one_breach_after_it_and_a_late_reply_recorded()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var application = await _host.ReceivedTodayAsync(); // deadline 2026-03-30

        _host.Clock.SetDate(D(2026, 3, 24));
        await _host.MonitorAsync();
        Assert.DoesNotContain(_host.Service.Events.All<DeadlineApproaching>(), e => e.ApplicationId == application.ApplicationId);
        _host.Clock.SetDate(D(2026, 3, 25)); // three working days left
        await _host.MonitorAsync();
        var warning = await _host.Service.Events.WaitForAsync<DeadlineApproaching>(e => e.ApplicationId == application.ApplicationId, Topics.Intake);
        Assert.Equal(3, warning.WorkingDaysLeft);
        await _host.MonitorAsync(); // the same day again: no second warning
        await Task.Delay(300);
        Assert.Single(_host.Service.Events.All<DeadlineApproaching>(), e => e.ApplicationId == application.ApplicationId);

        _host.Clock.SetDate(D(2026, 3, 31));
        await _host.MonitorAsync();
        _host.Clock.SetDate(D(2026, 4, 1));
        await _host.MonitorAsync();
        var breach = await _host.Service.Events.WaitForAsync<DeadlineBreached>(e => e.ApplicationId == application.ApplicationId, Topics.Intake);
        Assert.Equal((D(2026, 3, 30), D(2026, 3, 31), IntakeHostUnderTest.Agency), (breach.Deadline.ToDateOnly(), breach.DetectedOn.ToDateOnly(), breach.AgencyCode));
        Assert.NotEmpty(breach.HandlerId);
        await Task.Delay(300);
        Assert.Single(_host.Service.Events.All<DeadlineBreached>(), e => e.ApplicationId == application.ApplicationId);
        Assert.True((await _host.GetAsync(application.ApplicationId)).BreachReported);

        var replied = (await Client.IssueReplyAsync(NotHeld(application.ApplicationId), _host.ClerkCall)).Application;
        Assert.True(replied.Reply.Late);
        Assert.True((await _host.Service.Events.WaitForAsync<ReplyIssued>(e => e.ApplicationId == application.ApplicationId, Topics.Decisions)).Late);
    }

    [Fact]
    public async Task INT11_a_request_to_correct_records_is_corrected_or_forwarded_not_answered_as_a_disclosure()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var application = await _host.ReceivedTodayAsync(IntakeHostUnderTest.Request(kind: ApplicationKind.RecordCorrection));
        await Refusal.RuleAsync("INT-11", () => Client.IssueReplyAsync(NotHeld(application.ApplicationId), _host.ClerkCall).ResponseAsync);
        var forward = new ConcludeRecordCorrectionRequest { ApplicationId = application.ApplicationId, Result = RecordCorrectionResult.Forwarded, Explanation = "该记录由市不动产登记中心制作" };
        await Refusal.InvalidAsync("competent_agency", () => Client.ConcludeRecordCorrectionAsync(forward, _host.ClerkCall).ResponseAsync);
        forward.CompetentAgency = "固原市不动产登记中心";
        var concluded = (await Client.ConcludeRecordCorrectionAsync(forward, _host.ClerkCall)).Application;
        Assert.Equal((ApplicationStatus.Replied, RecordCorrectionResult.Forwarded, "固原市不动产登记中心"),
            (concluded.Status, concluded.RecordCorrection.Result, concluded.RecordCorrection.CompetentAgency));

        var disclosure = await _host.ReceivedTodayAsync();
        await Refusal.RuleAsync("INT-11", () => Client.ConcludeRecordCorrectionAsync(new ConcludeRecordCorrectionRequest { ApplicationId = disclosure.ApplicationId, Result = RecordCorrectionResult.Corrected, Explanation = "已更正" }, _host.ClerkCall).ResponseAsync);
    }

    [Fact]
    public async Task INT12_another_agencys_clerk_cannot_see_it_and_the_applicant_follows_progress_by_number_and_code()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var submitted = await Client.SubmitApplicationAsync(IntakeHostUnderTest.Request(), _host.Platform);
        var id = submitted.Application.ApplicationId;
        var stranger = _host.Service.Staff("clerk-9", IntakeHostUnderTest.OtherAgency, StaffRole.Clerk);

        await Refusal.StatusAsync(StatusCode.PermissionDenied, () => Client.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, stranger).ResponseAsync);
        await Refusal.StatusAsync(StatusCode.PermissionDenied, () => Client.SuspendApplicationAsync(new SuspendApplicationRequest { ApplicationId = id, Reason = "x" }, stranger).ResponseAsync);
        var theirs = await Client.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 200 }, stranger);
        Assert.DoesNotContain(theirs.Applications, a => a.ApplicationId == id);
        var ours = await Client.SearchApplicationsAsync(new SearchApplicationsRequest { TrackingNumberPrefix = submitted.Application.TrackingNumber }, _host.ClerkCall);
        Assert.Equal(id, ours.Applications.Single().ApplicationId);
        await Refusal.StatusAsync(StatusCode.PermissionDenied, () => Client.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, _host.Service.Platform("another-platform")).ResponseAsync);

        // Staff of the agency see personal data in full; a supervisor above it sees it masked.
        Assert.Equal(Given.ValidIdNumber, (await _host.GetAsync(id)).Applicant.DocumentNumber);
        var supervisor = _host.Service.Staff("sup-1", SampleAgencies.Xiji, StaffRole.Supervisor);
        var masked = (await Client.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, supervisor)).Application.Applicant;
        Assert.Equal(("110105********" + Given.ValidIdNumber[^4..], "138****5678"), (masked.DocumentNumber, masked.Phone));

        var progress = (await Client.GetProgressAsync(new GetProgressRequest { TrackingNumber = submitted.Application.TrackingNumber, VerificationCode = submitted.VerificationCode.ToLowerInvariant() }, _host.Platform)).Progress;
        Assert.Equal((ApplicationStatus.InProgress, D(2026, 3, 30)), (progress.Status, progress.Deadline.Deadline.ToDateOnly()));
        await Refusal.StatusAsync(StatusCode.NotFound, () => Client.GetProgressAsync(new GetProgressRequest { TrackingNumber = submitted.Application.TrackingNumber, VerificationCode = "WRONG234" }, _host.Platform).ResponseAsync);
        await Refusal.StatusAsync(StatusCode.PermissionDenied, () => Client.GetProgressAsync(new GetProgressRequest { TrackingNumber = submitted.Application.TrackingNumber, VerificationCode = submitted.VerificationCode }, _host.ClerkCall).ResponseAsync);
    }

    [Fact]
    public async Task INT12_lists_page_newest_first_and_search_filters_by_status_and_deadline()
    {
        var agency = SampleAgencies.LongdeGeneralOffice;
        var clerk = _host.Service.Staff("clerk-ld", agency, StaffRole.Clerk);
        var ids = new List<string>();
        for (var day = 2; day <= 6; day++)
        {
            _host.Clock.SetDate(D(2026, 3, day));
            ids.Add((await _host.ReceivedTodayAsync(IntakeHostUnderTest.Request(agency: agency))).ApplicationId);
        }

        var page1 = await Client.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 2 }, clerk);
        var page2 = await Client.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 2, PageToken = page1.NextPageToken }, clerk);
        var page3 = await Client.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 2, PageToken = page2.NextPageToken }, clerk);
        Assert.Equal(ids.AsEnumerable().Reverse(), page1.Applications.Concat(page2.Applications).Concat(page3.Applications).Select(a => a.ApplicationId));
        Assert.Equal("", page3.NextPageToken);

        await Client.WithdrawApplicationAsync(new WithdrawApplicationRequest { ApplicationId = ids[0] }, _host.Platform);
        var withdrawn = await Client.ListApplicationsAsync(new ListApplicationsRequest { Status = ApplicationStatus.Withdrawn }, clerk);
        Assert.Equal(ids[0], withdrawn.Applications.Single().ApplicationId);
        var dueSoon = await Client.SearchApplicationsAsync(new SearchApplicationsRequest { DeadlineBy = D(2026, 3, 31).ToDate() }, clerk);
        Assert.Equal([ids[1]], dueSoon.Applications.Select(a => a.ApplicationId)); // received 03-03 → 03-31
        await Refusal.InvalidAsync("page_token", () => Client.ListApplicationsAsync(new ListApplicationsRequest { PageToken = "not-a-token" }, clerk).ResponseAsync);
    }

    [Fact]
    public async Task A_state_change_writes_an_audit_row_naming_the_caller_and_the_rpc()
    {
        _host.Clock.SetDate(D(2026, 3, 2));
        var application = await _host.ReceivedTodayAsync();
        await Client.SuspendApplicationAsync(new SuspendApplicationRequest { ApplicationId = application.ApplicationId, Reason = "不可抗力" }, _host.ClerkCall);
        await using var connection = new NpgsqlConnection(_host.Service.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT actor, action, outcome FROM intake.audit_entries WHERE aggregate_id = $1 ORDER BY id", connection)
        { Parameters = { new() { Value = application.TrackingNumber } } };
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new List<(string, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        Assert.Equal([("ningxia-platform", "ogi.intake.v1.IntakeService/SubmitApplication", "submitted"), (IntakeHostUnderTest.Clerk, "ogi.intake.v1.IntakeService/SuspendApplication", "suspended")], rows);
    }

    private static IssueReplyRequest NotHeld(string id) => new()
    {
        ApplicationId = id,
        Outcome = ReplyOutcome.CannotProvide,
        Reason = OutcomeReason.NotHeld,
        LegalBasis = "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
        Explanation = "本机关不掌握该信息",
        CompetentAgency = "市住房和城乡建设局",
    };

    private static IssueReplyRequest Disclosed(string id) => new()
    {
        ApplicationId = id,
        Outcome = ReplyOutcome.Disclosed,
        LegalBasis = "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
        Explanation = "经审查，所申请信息予以公开",
        DeliveredForm = RequestedForm.Electronic,
    };

    private static Review.ReviewConcluded Concluded(string applicationId, string documentId, Review.OpinionKind opinion) => new()
    {
        ReviewId = "rv-" + documentId,
        ItemId = "item-" + documentId,
        AgencyCode = IntakeHostUnderTest.Agency,
        Source = Review.ItemSource.ApplicationDocument,
        ApplicationId = applicationId,
        DocumentId = documentId,
        Opinion = opinion,
        Reviewer = "reviewer-1",
        ApprovingLeader = "leader-1",
    };
}
