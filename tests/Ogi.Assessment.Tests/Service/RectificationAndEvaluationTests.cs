using Microsoft.Extensions.DependencyInjection;
using Ogi.Assessment.Jobs;
using Ogi.Assessment.Persistence;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Pb = Ogi.Contracts.Assessment.V1;

namespace Ogi.Assessment.Tests.Service;

/// <summary>Rectification and its overdue report (AS-6), social evaluation (AS-7), on a clock the test moves.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class RectificationAndEvaluationTests(PostgresFixture postgres, SharedService shared) : IAsyncLifetime, IClassFixture<SharedService>
{
    // Friday 30 October 2026: the 20th working day after it is Friday 27 November (no holiday in between).
    private static readonly TestClock Clock = new(new DateOnly(2026, 10, 30));
    private ServiceUnderTest<AssessmentDbContext> _svc = null!;
    private Pb.AssessmentService.AssessmentServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _svc = await shared.GetAsync(() => Rpc.StartAsync(postgres, Clock));
        _client = new Pb.AssessmentService.AssessmentServiceClient(_svc.Channel);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AS6_rectification_overdue_is_emitted_on_the_21st_working_day_once_and_not_for_a_report_filed_in_time()
    {
        Clock.SetDate(new DateOnly(2026, 10, 30));
        var run = await ProcedureRun.StartAsync(_svc, _client, [SampleAgencies.Xiji, SampleAgencies.Longde]);
        await run.ScoreAsync(SampleAgencies.Xiji, ["50"], ("30", "20"), ("30", "20"), "50", "50");
        await run.ScoreAsync(SampleAgencies.Longde, ["50"], ("30", "20"), ("30", "20"), "50", "50");
        await run.ProposeAsync();
        var published = await run.ApproveAndPublishAsync();
        Assert.Equal(2, published.Rectifications.Count);
        Assert.All(published.Rectifications, r => Assert.Equal((Rpc.Date(2026, 10, 30), Rpc.Date(2026, 11, 27)), (r.NoticeDate, r.DueDate)));
        var xiji = published.Rectifications.Single(r => r.AgencyCode == SampleAgencies.Xiji);
        var longde = published.Rectifications.Single(r => r.AgencyCode == SampleAgencies.Longde);

        Clock.SetDate(new DateOnly(2026, 11, 20));
        var filed = (await _client.FileRectificationReportAsync(new Pb.FileRectificationReportRequest { RectificationId = longde.RectificationId, Report = "已完成栏目整改。" },
            People.UnitHead(_svc, SampleAgencies.Longde))).Rectification;
        Assert.Equal((Rpc.Date(2026, 11, 20), false), (filed.ReportFiledOn, filed.FiledLate));

        var job = _svc.Services.GetRequiredService<RectificationOverdueJob>();
        // The 20th working day, and the weekend after it, are not yet overdue.
        foreach (var day in new DateOnly[] { new(2026, 11, 27), new(2026, 11, 28), new(2026, 11, 29) })
        {
            Clock.SetDate(day);
            Assert.Equal(0, await job.ScanAsync(CancellationToken.None));
        }

        Assert.Empty(_svc.Events.All<Pb.RectificationOverdue>(Topics.Assessment));
        Clock.SetDate(new DateOnly(2026, 11, 30)); // Monday, the 21st working day
        var overdue = await _svc.Events.WaitForAsync<Pb.RectificationOverdue>(e => e.RectificationId == xiji.RectificationId, Topics.Assessment);
        Assert.Equal((SampleAgencies.Xiji, Pb.RectificationOrigin.FailedAssessment, run.Id), (overdue.AgencyCode, overdue.Origin, overdue.SourceId));
        Assert.Equal((Rpc.Date(2026, 11, 27), Rpc.Date(2026, 11, 30)), (overdue.DueDate, overdue.DetectedOn));

        // Later scans (the background job keeps running every 0.2 s) report it no more.
        Clock.SetDate(new DateOnly(2026, 12, 1));
        await job.ScanAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(_svc.Events.All<Pb.RectificationOverdue>(Topics.Assessment), e => e.SourceId == run.Id);
        Assert.DoesNotContain(_svc.Events.All<Pb.RectificationOverdue>(), e => e.RectificationId == longde.RectificationId);
        var listed = (await _client.ListRectificationsAsync(new Pb.ListRectificationsRequest { AgencyCode = SampleAgencies.Xiji }, People.UnitClerk(_svc, SampleAgencies.Xiji)))
            .Rectifications.Single(r => r.RectificationId == xiji.RectificationId);
        Assert.Equal(Rpc.Date(2026, 11, 30), listed.OverdueReportedOn);

        // AS-6: still short after rectifying a failed assessment → 约谈, not 通报批评.
        var late = (await _client.FileRectificationReportAsync(new Pb.FileRectificationReportRequest { RectificationId = xiji.RectificationId, Report = "补交整改报告。" },
            People.UnitHead(_svc, SampleAgencies.Xiji))).Rectification;
        Assert.True(late.FiledLate);
        await Rpc.RefusedAsync(() => _client.ConcludeRectificationAsync(new Pb.ConcludeRectificationRequest
        {
            RectificationId = xiji.RectificationId,
            MeetsRequirements = false,
            Measure = Pb.AccountabilityMeasure.CirculatedCriticism,
            Reason = "整改不到位",
        }, People.Administrator(_svc)), StatusCode.FailedPrecondition, "AS-6");
        var concluded = (await _client.ConcludeRectificationAsync(new Pb.ConcludeRectificationRequest
        {
            RectificationId = xiji.RectificationId,
            MeetsRequirements = false,
            Reason = "整改不到位",
        }, People.Administrator(_svc))).Rectification;
        Assert.Equal((true, false, Pb.AccountabilityMeasure.Interview), (concluded.Concluded, concluded.Adequate, concluded.Measure));
    }

    [Fact]
    public async Task AS7_a_campaign_converts_ratings_to_scores_raises_problems_and_publishes_its_results_as_a_decision()
    {
        Clock.SetDate(new DateOnly(2026, 11, 2));
        var create = new Pb.CreateCampaignRequest
        {
            Year = 2026,
            Title = "2026年度政务公开工作社会评议",
            TargetAgencyCodes = { SampleAgencies.Yuanzhou, SampleAgencies.Xiji },
            Content = { Pb.EvaluationContent.Timeliness, Pb.EvaluationContent.ApplicationHandling },
            MethodWeights =
            {
                new Pb.MethodWeight { Method = Pb.EvaluationMethod.PublicQuestionnaire, Weight = "0.5" },
                new Pb.MethodWeight { Method = Pb.EvaluationMethod.RepresentativePanel, Weight = "0.3" },
                new Pb.MethodWeight { Method = Pb.EvaluationMethod.ThirdPartyEvaluation, Weight = "0.3" },
            },
            RatingScores = new Pb.RatingScores { Satisfied = "100", BasicallySatisfied = "60", Dissatisfied = "0" },
        };
        await Rpc.RefusedAsync(() => _client.CreateCampaignAsync(create, People.Administrator(_svc)), StatusCode.FailedPrecondition, "AS-7");
        create.MethodWeights[2].Weight = "0.2";
        var id = (await _client.CreateCampaignAsync(create, People.Administrator(_svc))).Campaign.CampaignId;

        await Rpc.RefusedAsync(() => _client.RecordRatingsAsync(Ratings(id, (SampleAgencies.Xiji, Pb.EvaluationMethod.PublicQuestionnaire, Pb.Rating.Satisfied, Pb.PanelMemberKind.Unspecified)),
            People.Administrator(_svc)), StatusCode.FailedPrecondition, "AS-7"); // not announced yet
        await _client.AnnounceCampaignAsync(new Pb.AnnounceCampaignRequest { CampaignId = id }, People.Administrator(_svc));
        var recorded = await _client.RecordRatingsAsync(Ratings(id,
            (SampleAgencies.Yuanzhou, Pb.EvaluationMethod.PublicQuestionnaire, Pb.Rating.Satisfied, Pb.PanelMemberKind.Unspecified),
            (SampleAgencies.Yuanzhou, Pb.EvaluationMethod.PublicQuestionnaire, Pb.Rating.BasicallySatisfied, Pb.PanelMemberKind.Unspecified),
            (SampleAgencies.Yuanzhou, Pb.EvaluationMethod.PublicQuestionnaire, Pb.Rating.Dissatisfied, Pb.PanelMemberKind.Unspecified),
            (SampleAgencies.Yuanzhou, Pb.EvaluationMethod.RepresentativePanel, Pb.Rating.Satisfied, Pb.PanelMemberKind.PeoplesCongressDeputy),
            (SampleAgencies.Yuanzhou, Pb.EvaluationMethod.RepresentativePanel, Pb.Rating.BasicallySatisfied, Pb.PanelMemberKind.Expert),
            (SampleAgencies.Yuanzhou, Pb.EvaluationMethod.ThirdPartyEvaluation, Pb.Rating.Satisfied, Pb.PanelMemberKind.Unspecified),
            (SampleAgencies.Xiji, Pb.EvaluationMethod.PublicQuestionnaire, Pb.Rating.Dissatisfied, Pb.PanelMemberKind.Unspecified),
            (SampleAgencies.Xiji, Pb.EvaluationMethod.RepresentativePanel, Pb.Rating.BasicallySatisfied, Pb.PanelMemberKind.MediaRepresentative),
            (SampleAgencies.Xiji, Pb.EvaluationMethod.ThirdPartyEvaluation, Pb.Rating.BasicallySatisfied, Pb.PanelMemberKind.Unspecified)), People.Administrator(_svc));
        Assert.Equal(9, recorded.RatingsRecorded);

        var summarised = (await _client.SummariseCampaignAsync(new Pb.SummariseCampaignRequest { CampaignId = id }, People.Administrator(_svc))).Campaign;
        var scores = summarised.Results.ToDictionary(r => r.AgencyCode, r => r.Score);
        // 原州区: questionnaire (100+60+0)/3 = 53.33…, panel 80, third party 100 → 0.5×53.33… + 0.3×80 + 0.2×100 = 70.666… → 70.67.
        Assert.Equal("70.67", scores[SampleAgencies.Yuanzhou]);
        // 西吉县: 0.5×0 + 0.3×60 + 0.2×60 = 30.
        Assert.Equal("30.00", scores[SampleAgencies.Xiji]);

        var problem = (await _client.RaiseProblemAsync(new Pb.RaiseProblemRequest { CampaignId = id, TargetAgencyCode = SampleAgencies.Xiji, Problem = "依申请公开答复不规范" },
            People.Administrator(_svc))).Rectification;
        // 20 working days from Monday 2 November: Monday 30 November.
        Assert.Equal((Pb.RectificationOrigin.SocialEvaluationProblem, Rpc.Date(2026, 11, 30)), (problem.Origin, problem.DueDate));

        await _client.PublishCampaignAsync(new Pb.PublishCampaignRequest { CampaignId = id }, People.Administrator(_svc));
        var decision = await _svc.Events.WaitForAsync<Pb.SocialEvaluationResultsPublished>(e => e.CampaignId == id, Topics.Decisions);
        Assert.Contains(decision.Results, r => r.AgencyCode == SampleAgencies.Yuanzhou && r.Score == "70.67");
        await _svc.Events.WaitForAsync<Pb.SocialEvaluationResultsPublished>(e => e.CampaignId == id, Topics.Assessment);
        var campaign = (await _client.GetCampaignAsync(new Pb.GetCampaignRequest { CampaignId = id }, People.Administrator(_svc))).Campaign;
        Assert.Equal(Pb.CampaignStep.FeedbackGiven, campaign.CurrentStep);
        Assert.Single(campaign.Rectifications);
    }

    [Fact]
    public async Task State_changing_calls_leave_an_intact_audit_chain_with_ids_only()
    {
        await _client.CreateSchemeAsync(Rpc.TwoLeafScheme(Rpc.Weights("0", "0", "1", "0", "0")), People.Administrator(_svc));
        await using var scope = _svc.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var report = await AuditTrail.VerifyAsync(db);
        Assert.True(report.IsIntact, report.Problem);
        Assert.True(report.RowsChecked > 0);
    }

    private static Pb.RecordRatingsRequest Ratings(string campaignId, params (string Target, Pb.EvaluationMethod Method, Pb.Rating Rating, Pb.PanelMemberKind Member)[] ratings) => new()
    {
        CampaignId = campaignId,
        Ratings = { ratings.Select(r => new Pb.RatingEntry { TargetAgencyCode = r.Target, Method = r.Method, Rating = r.Rating, PanelMember = r.Member }) },
    };
}
