using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.SecrecyReview.Persistence;
using static Dapr.Proto.Runtime.V1.TopicEventResponse.Types;
using static Ogi.SecrecyReview.Tests.Functional.Running;
using static Ogi.SecrecyReview.Tests.SampleTexts;
using Pb = Ogi.Contracts.Review.V1;

namespace Ogi.SecrecyReview.Tests.Functional;

/// <summary>Reviews of intake documents through the gRPC API, with intake's events in and the conclusion out (SR-1, SR-2, SR-3, SR-6, SR-7).</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ReviewFlowTests(PostgresFixture postgres, RunningService running) : IClassFixture<RunningService>, IAsyncLifetime
{
    private ServiceUnderTest<SecrecyReviewDbContext> _svc = null!;

    private Pb.ReviewService.ReviewServiceClient Client => _svc.Client();

    public async Task InitializeAsync()
    {
        _svc = await running.StartAsync(postgres);
        running.Clock.SetDate(new DateOnly(2026, 11, 2));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(string ApplicationId, Pb.Review Review)> FromIntakeAsync(string text)
    {
        var applicationId = "app-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(TopicEventResponseStatus.Success, await _svc.DeliverAsync(Topics.Intake, FromIntake(applicationId, "doc-1", text)));
        var item = await Client.GetItemAsync(new Pb.GetItemRequest { ApplicationId = applicationId, DocumentId = "doc-1" }, _svc.AsHead());
        return (applicationId, item.Reviews.Single());
    }

    [Fact]
    public async Task SR1_SR7_an_intake_document_becomes_one_review_item_with_located_findings_however_often_intake_asks()
    {
        var applicationId = "app-" + Guid.NewGuid().ToString("N")[..12];
        var requested = FromIntake(applicationId, "doc-1", DisclosureReply);
        var eventId = Guid.NewGuid();
        Assert.Equal(TopicEventResponseStatus.Success, await _svc.DeliverAsync(Topics.Intake, requested, eventId));
        Assert.Equal(TopicEventResponseStatus.Success, await _svc.DeliverAsync(Topics.Intake, requested, eventId)); // redelivery
        Assert.Equal(TopicEventResponseStatus.Success, await _svc.DeliverAsync(Topics.Intake, requested)); // intake asks again

        var item = await Client.GetItemAsync(new Pb.GetItemRequest { ApplicationId = applicationId, DocumentId = "doc-1" }, _svc.AsHead());
        var review = Assert.Single(item.Reviews);
        Assert.Equal(Pb.ItemSource.ApplicationDocument, item.Item.Source);
        Assert.Equal("doc-1", item.Item.DocumentId);
        Assert.Equal(Clerk, review.Submitter);
        Assert.Equal(Pb.ReviewStatus.AwaitingAssignment, review.Status);
        Assert.Equal(Day(2026, 11, 30), review.DueOn);

        // SR-7: the valid ID number is found where it stands; the one with a wrong check digit is not a finding.
        var id = Assert.Single(review.Findings, f => f.Kind == Pb.FindingKind.CitizenIdNumber);
        Assert.Equal(ValidId, id.Text);
        Assert.Equal(DisclosureReply.IndexOf(ValidId, StringComparison.Ordinal), id.Start);
        Assert.Equal(18, id.Length);
        Assert.Equal(5, id.Line);
        Assert.Equal(DisclosureReply.Split('\n')[4].IndexOf(ValidId, StringComparison.Ordinal) + 1, id.Column);
        Assert.Contains(review.Findings, f => f.Kind == Pb.FindingKind.MobileNumber && f.Text == "13983001234");
        Assert.DoesNotContain(review.Findings, f => f.Text.Contains(InvalidId, StringComparison.Ordinal));

        // The OGI office sees it waiting for a reviewer, due by the reply deadline.
        var queue = await Client.ListReviewerQueueAsync(new Pb.ListReviewerQueueRequest(), _svc.AsHead());
        var entry = Assert.Single(queue.Entries, e => e.ReviewId == review.ReviewId);
        Assert.Equal(Pb.ReviewTask.AssignReviewers, entry.Task);
        Assert.Equal(Day(2026, 11, 30), entry.DueOn);
        Assert.False(entry.Overdue);
    }

    [Fact]
    public async Task SR3_SR7_partial_release_reaches_intake_with_visible_marks_and_a_reason_per_range()
    {
        var (applicationId, review) = await FromIntakeAsync(DisclosureReply);
        review = await _svc.ReadyForOpinionAsync(review.ReviewId);
        Assert.Equal(5, review.Checklist.Count);

        // SR-7: 公开 with the ID number finding unresolved is refused.
        Assert.Equal("SR-7", await RuleOfAsync(() => Client.GiveOpinionAsync(new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() }, _svc.AsReviewer()).ResponseAsync));

        foreach (var finding in review.Findings)
        {
            await Client.ResolveFindingAsync(new Pb.ResolveFindingRequest
            {
                ReviewId = review.ReviewId,
                FindingNumber = finding.Number,
                Disposition = Pb.FindingDisposition.Redacted,
                Justification = finding.Kind == Pb.FindingKind.CitizenIdNumber ? "公民身份号码属于个人隐私" : "个人联系方式和住址属于个人隐私",
            }, _svc.AsReviewer());
        }

        var name = DisclosureReply.IndexOf("张某某", StringComparison.Ordinal);
        var opinion = new Pb.Opinion
        {
            Kind = Pb.OpinionKind.Partial,
            Basis = "《中华人民共和国政府信息公开条例》第十五条、第三十七条",
            Reason = "涉及个人隐私的内容作区分处理后公开其余部分",
            Withheld = { new Pb.WithheldRange { Start = name, Length = 3, Reason = "申请人姓名" } },
        };
        var given = (await Client.GiveOpinionAsync(new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = opinion }, _svc.AsReviewer())).Review;
        Assert.Equal(Pb.ReviewStatus.AwaitingApproval, given.Status);

        var leaderQueue = await Client.ListLeaderQueueAsync(new Pb.ListLeaderQueueRequest(), _svc.AsLeader());
        Assert.Contains(leaderQueue.Entries, e => e.ReviewId == review.ReviewId && e.Task == Pb.ReviewTask.Approve);

        var approved = (await Client.ApproveReviewAsync(new Pb.ApproveReviewRequest { ReviewId = review.ReviewId }, _svc.AsLeader())).Review;
        Assert.Equal(Pb.ReviewStatus.Concluded, approved.Status);
        Assert.True(approved.PassedForRelease);

        var concluded = await _svc.Events.WaitForAsync<Pb.ReviewConcluded>(e => e.ApplicationId == applicationId, Topics.SecrecyReview);
        Assert.Equal("doc-1", concluded.DocumentId);
        Assert.Equal(Pb.OpinionKind.Partial, concluded.Opinion);
        Assert.Equal(opinion.Basis, concluded.Basis);
        Assert.Equal(opinion.Reason, concluded.Reason);
        Assert.Equal((Reviewer, Leader), (concluded.Reviewer, concluded.ApprovingLeader));
        Assert.False(concluded.Classified);

        // The released text: withheld parts replaced by visible marks, nothing withheld left, the hash names this text.
        var released = concluded.ReleasedText;
        Assert.Equal(approved.ReleasedText, released);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(released))), concluded.ReleasedTextSha256);
        Assert.DoesNotContain(ValidId, released, StringComparison.Ordinal);
        Assert.DoesNotContain("13983001234", released, StringComparison.Ordinal);
        Assert.DoesNotContain("张某某", released, StringComparison.Ordinal);
        Assert.Contains("本机关于2026年10月12日收到您提出的政府信息公开申请", released, StringComparison.Ordinal);
        Assert.Equal(review.Findings.Count + 1, concluded.Redactions.Count);
        foreach (var redaction in concluded.Redactions)
        {
            Assert.Equal("■■■", released.Substring(redaction.ReleasedStart, redaction.ReleasedLength));
            Assert.False(string.IsNullOrWhiteSpace(redaction.Reason));
        }

        Assert.Contains(concluded.Redactions, r => r.Start == name && r.Reason == "申请人姓名");
        Assert.Contains(concluded.Redactions, r => DisclosureReply.Substring(r.Start, r.Length) == ValidId && r.Reason == "公民身份号码属于个人隐私");
    }

    [Fact]
    public async Task SR2_submitter_reviewer_and_approving_leader_are_three_different_people()
    {
        var (_, review) = await FromIntakeAsync("西吉县2026年第三季度保障性住房分配情况说明。");
        var assign = new Pb.AssignReviewersRequest { ReviewId = review.ReviewId, Reviewer = Clerk, ApprovingLeader = Leader };
        Assert.Equal("SR-2", await RuleOfAsync(() => Client.AssignReviewersAsync(assign, _svc.AsHead()).ResponseAsync));
        assign = new Pb.AssignReviewersRequest { ReviewId = review.ReviewId, Reviewer = Reviewer, ApprovingLeader = Reviewer };
        Assert.Equal("SR-2", await RuleOfAsync(() => Client.AssignReviewersAsync(assign, _svc.AsHead()).ResponseAsync));

        await _svc.ReadyForOpinionAsync(review.ReviewId);
        await Client.GiveOpinionAsync(new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() }, _svc.AsReviewer());

        // The reviewer, even holding the leader's role too, may not approve their own opinion.
        var reviewerAsLeader = _svc.Staff(Reviewer, Agency, StaffRole.Reviewer, StaffRole.ApprovingLeader);
        Assert.Equal("SR-2", await RuleOfAsync(() => Client.ApproveReviewAsync(new Pb.ApproveReviewRequest { ReviewId = review.ReviewId }, reviewerAsLeader).ResponseAsync));

        // A leader who was not named may not either; a clerk's token is refused by the access declaration.
        var otherLeader = _svc.Staff("leader-2", Agency, StaffRole.ApprovingLeader);
        var denied = await Assert.ThrowsAsync<RpcException>(() => Client.ApproveReviewAsync(new Pb.ApproveReviewRequest { ReviewId = review.ReviewId }, otherLeader).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        denied = await Assert.ThrowsAsync<RpcException>(() => Client.ApproveReviewAsync(new Pb.ApproveReviewRequest { ReviewId = review.ReviewId }, _svc.AsClerk()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        // The named leader returns it, saying why; the reviewer answers again.
        var returned = (await Client.ReturnReviewAsync(new Pb.ReturnReviewRequest { ReviewId = review.ReviewId, Reason = "请补充公开依据" }, _svc.AsLeader())).Review;
        Assert.Equal(Pb.ReviewStatus.InReview, returned.Status);
        Assert.Null(returned.Opinion);
    }

    [Theory]
    [InlineData("", "属于应当主动公开的信息")]
    [InlineData("《条例》第十九条", "  ")]
    public async Task SR3_an_opinion_without_basis_or_reason_is_refused(string basis, string reason)
    {
        var (_, review) = await FromIntakeAsync("西吉县住房和城乡建设局2026年度部门预算说明。");
        await _svc.ReadyForOpinionAsync(review.ReviewId);
        var request = new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public(basis, reason) };
        Assert.Equal("SR-3", await RuleOfAsync(() => Client.GiveOpinionAsync(request, _svc.AsReviewer()).ResponseAsync));

        // 免于公开 names its ground.
        request.Opinion = new Pb.Opinion { Kind = Pb.OpinionKind.Exempt, Basis = "《条例》第十六条", Reason = "内部事务信息" };
        Assert.Equal("SR-3", await RuleOfAsync(() => Client.GiveOpinionAsync(request, _svc.AsReviewer()).ResponseAsync));
    }

    [Fact]
    public async Task SR6_a_checklist_missing_a_question_is_refused_naming_it_and_no_opinion_comes_before_it()
    {
        var (_, review) = await FromIntakeAsync("西吉县2026年城镇老旧小区改造计划。");
        await Client.AssignReviewersAsync(new Pb.AssignReviewersRequest { ReviewId = review.ReviewId, Reviewer = Reviewer, ApprovingLeader = Leader }, _svc.AsHead());
        Assert.Equal("SR-6", await RuleOfAsync(() => Client.GiveOpinionAsync(new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() }, _svc.AsReviewer()).ResponseAsync));

        var partial = NothingFound(review.ReviewId);
        partial.Answers.RemoveAt(4);
        Assert.Equal("checklist.commercial_secret", await FieldOfAsync(() => Client.RecordChecklistAsync(partial, _svc.AsReviewer()).ResponseAsync));

        var secret = NothingFound(review.ReviewId);
        secret.Answers[0].Yes = true;
        await Client.RecordChecklistAsync(secret, _svc.AsReviewer());
        Assert.Equal("SR-6", await RuleOfAsync(() => Client.GiveOpinionAsync(new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() }, _svc.AsReviewer()).ResponseAsync));
    }

    [Fact]
    public async Task Staff_see_and_act_on_their_own_agencys_reviews_only()
    {
        var (_, review) = await FromIntakeAsync("西吉县公共租赁住房租金标准。");
        var outsider = _svc.Staff("head-9", OtherAgency, StaffRole.OfficeHead);
        var read = await Assert.ThrowsAsync<RpcException>(() => Client.GetReviewAsync(new Pb.GetReviewRequest { ReviewId = review.ReviewId }, outsider).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);
        var assign = await Assert.ThrowsAsync<RpcException>(() => Client.AssignReviewersAsync(
            new Pb.AssignReviewersRequest { ReviewId = review.ReviewId, Reviewer = Reviewer, ApprovingLeader = Leader }, outsider).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, assign.StatusCode);
        var queue = await Client.ListReviewerQueueAsync(new Pb.ListReviewerQueueRequest(), outsider);
        Assert.DoesNotContain(queue.Entries, e => e.ReviewId == review.ReviewId);
    }

    [Fact]
    public async Task State_changing_calls_leave_an_intact_audit_chain_naming_the_actor()
    {
        var (_, review) = await FromIntakeAsync("西吉县住房公积金缴存比例调整公告。");
        await _svc.ReadyForOpinionAsync(review.ReviewId);
        await Client.GiveOpinionAsync(new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = Public() }, _svc.AsReviewer());
        await Client.ApproveReviewAsync(new Pb.ApproveReviewRequest { ReviewId = review.ReviewId }, _svc.AsLeader());

        await using var db = ServiceDatabase.CreateContext<SecrecyReviewDbContext>(_svc.ConnectionString, ServiceIdentity.SecrecyReview);
        var rows = await db.AuditEntries.Where(a => a.AggregateId == review.ReviewId).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(
            [(Head, "AssignReviewers"), (Reviewer, "RecordChecklist"), (Reviewer, "GiveOpinion"), (Leader, "ApproveReview")],
            rows.Select(r => (r.Actor, r.Action.Split('/')[1])).ToList());
        Assert.True((await AuditTrail.VerifyAsync(db)).IsIntact);
    }

    [Fact]
    public async Task Bad_input_names_the_field()
    {
        var (_, review) = await FromIntakeAsync("西吉县2026年棚户区改造项目清单。");
        await _svc.ReadyForOpinionAsync(review.ReviewId);
        var opinion = new Pb.GiveOpinionRequest { ReviewId = review.ReviewId, Opinion = new Pb.Opinion { Basis = "依据", Reason = "理由" } };
        Assert.Equal("opinion.kind", await FieldOfAsync(() => Client.GiveOpinionAsync(opinion, _svc.AsReviewer()).ResponseAsync));
        var partial = new Pb.GiveOpinionRequest
        {
            ReviewId = review.ReviewId,
            Opinion = new Pb.Opinion { Kind = Pb.OpinionKind.Partial, Basis = "依据", Reason = "理由", Withheld = { new Pb.WithheldRange { Start = 5, Length = 999, Reason = "超出" } } },
        };
        Assert.Equal("withheld[0]", await FieldOfAsync(() => Client.GiveOpinionAsync(partial, _svc.AsReviewer()).ResponseAsync));
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.GetReviewAsync(new Pb.GetReviewRequest { ReviewId = "no-such-review" }, _svc.AsHead()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }
}
