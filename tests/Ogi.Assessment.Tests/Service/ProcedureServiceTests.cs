using Ogi.Assessment.Persistence;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Pb = Ogi.Contracts.Assessment.V1;

namespace Ogi.Assessment.Tests.Service;

/// <summary>Schemes and the assessment procedure through gRPC on a real PostgreSQL (AS-1, AS-2, AS-3, AS-5, AS-6, AS-9).</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ProcedureServiceTests(PostgresFixture postgres, SharedService shared) : IAsyncLifetime, IClassFixture<SharedService>
{
    private ServiceUnderTest<AssessmentDbContext> _svc = null!;
    private Pb.AssessmentService.AssessmentServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _svc = await shared.GetAsync(() => Rpc.StartAsync(postgres));
        _client = new Pb.AssessmentService.AssessmentServiceClient(_svc.Channel);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AS1_a_scheme_whose_points_do_not_sum_to_exactly_100_is_refused()
    {
        var refused = await Rpc.RefusedAsync(() => _client.CreateSchemeAsync(Rpc.TwoLeafScheme(Rpc.Weights("0", "0", "1", "0", "0"), "49.99"),
            People.Administrator(_svc)), StatusCode.FailedPrecondition, "AS-1");
        Assert.Contains("99.99", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AS1_a_scheme_may_change_until_its_assessment_starts_then_it_is_frozen()
    {
        var scheme = (await _client.CreateSchemeAsync(Rpc.TwoLeafScheme(Rpc.Weights("0", "0", "1", "0", "0")), People.Administrator(_svc))).Scheme;
        var change = new Pb.UpdateSchemeRequest
        {
            SchemeId = scheme.SchemeId,
            Indicators = { scheme.Indicators },
            Weights = Rpc.Weights("0", "0.3", "0.7", "0", "0"),
            Thresholds = new Pb.GradeThresholds { Excellent = "92", Good = "80", Pass = "60" },
        };
        var changed = (await _client.UpdateSchemeAsync(change, People.Administrator(_svc))).Scheme;
        Assert.Equal("0.7", changed.Weights.Centralised);
        Assert.Equal("92", changed.Thresholds.Excellent);

        var assessment = (await _client.PlanAssessmentAsync(new Pb.PlanAssessmentRequest { SchemeId = scheme.SchemeId, AgencyCodes = { SampleAgencies.Xiji } },
            People.Administrator(_svc))).Assessment;
        await _client.IssueNoticeAsync(new Pb.IssueNoticeRequest { AssessmentId = assessment.AssessmentId }, People.Administrator(_svc));

        Assert.True((await _client.GetSchemeAsync(new Pb.GetSchemeRequest { SchemeId = scheme.SchemeId }, People.Assessor(_svc))).Scheme.Frozen);
        change.Weights = Rpc.Weights("0", "0", "1", "0", "0");
        await Rpc.RefusedAsync(() => _client.UpdateSchemeAsync(change, People.Administrator(_svc)), StatusCode.FailedPrecondition, "AS-1");
        Assert.Equal("0.7", (await _client.GetSchemeAsync(new Pb.GetSchemeRequest { SchemeId = scheme.SchemeId }, People.Assessor(_svc))).Scheme.Weights.Centralised);
    }

    [Fact]
    public async Task AS3_the_procedure_cannot_skip_a_step()
    {
        var scheme = (await _client.CreateSchemeAsync(Rpc.TwoLeafScheme(Rpc.Weights("0", "0", "1", "0", "0")), People.Administrator(_svc))).Scheme;
        var id = (await _client.PlanAssessmentAsync(new Pb.PlanAssessmentRequest { SchemeId = scheme.SchemeId, AgencyCodes = { SampleAgencies.Longde } },
            People.Administrator(_svc))).Assessment.AssessmentId;

        await Rpc.RefusedAsync(() => _client.CloseSelfCheckAsync(new Pb.CloseSelfCheckRequest { AssessmentId = id }, People.Administrator(_svc)),
            StatusCode.FailedPrecondition, "AS-3");
        await Rpc.RefusedAsync(() => _client.ProposeGradesAsync(new Pb.ProposeGradesRequest { AssessmentId = id }, People.Assessor(_svc)),
            StatusCode.FailedPrecondition, "AS-3");
        await Rpc.RefusedAsync(() => _client.RecordGroupScoreAsync(new Pb.RecordGroupScoreRequest
        {
            AssessmentId = id,
            AgencyCode = SampleAgencies.Longde,
            IndicatorCode = "1.1",
            Points = "40",
            Evidence = "实地检查记录",
        }, People.Assessor(_svc)), StatusCode.FailedPrecondition, "AS-3");

        var assessment = (await _client.GetAssessmentAsync(new Pb.GetAssessmentRequest { AssessmentId = id }, People.Assessor(_svc))).Assessment;
        Assert.Equal(Pb.AssessmentStep.Planned, assessment.CurrentStep);
    }

    [Fact]
    public async Task AS2_AS5_AS9_weighted_results_grade_at_the_boundaries_and_publication_is_a_decision_event()
    {
        var run = await ProcedureRun.StartAsync(_svc, _client, [SampleAgencies.Yuanzhou, SampleAgencies.Xiji, SampleAgencies.Longde, SampleAgencies.CityNaturalResources]);
        // Yuanzhou: routine checks 80, 85, 86 (mean 83.666…); self 95; group 90; third party 88; social 70.
        await run.ScoreAsync(SampleAgencies.Yuanzhou, routine: ["80", "85", "86"], self: ("50", "45"), group: ("50", "40"), thirdParty: "88", social: "70");
        // Every result 89.99 → 良好; every result 90 → 优秀; every result 59.99 → 不合格 (AS-5 boundaries).
        await run.ScoreAsync(SampleAgencies.Xiji, ["89.99"], ("50", "39.99"), ("50", "39.99"), "89.99", "89.99");
        await run.ScoreAsync(SampleAgencies.Longde, ["90"], ("50", "40"), ("50", "40"), "90", "90");
        await run.ScoreAsync(SampleAgencies.CityNaturalResources, ["59.99"], ("50", "9.99"), ("50", "9.99"), "59.99", "59.99");

        var proposed = await run.ProposeAsync();
        var units = proposed.Units.ToDictionary(u => u.AgencyCode);
        // 0.1 × 83.666… + 0.2 × 95 + 0.5 × 90 + 0.1 × 88 + 0.1 × 70 = 88.1666… → 88.17, rounded once at the end.
        Assert.Equal("88.17", units[SampleAgencies.Yuanzhou].FinalScore);
        Assert.Equal(Pb.Grade.Good, units[SampleAgencies.Yuanzhou].Grade);
        Assert.Equal(("89.99", Pb.Grade.Good), (units[SampleAgencies.Xiji].FinalScore, units[SampleAgencies.Xiji].Grade));
        Assert.Equal(("90.00", Pb.Grade.Excellent), (units[SampleAgencies.Longde].FinalScore, units[SampleAgencies.Longde].Grade));
        Assert.Equal(Pb.Grade.Fail, units[SampleAgencies.CityNaturalResources].Grade);

        // AS-3: the government approves what the group proposed; the proposer cannot approve it.
        await Rpc.RefusedAsync(() => _client.ApproveGradesAsync(new Pb.ApproveGradesRequest { AssessmentId = run.Id },
            _svc.Staff("assessor-1", People.Organiser, BuildingBlocks.Identity.Principals.StaffRole.CompetentDepartmentAdministrator)),
            StatusCode.FailedPrecondition, "AS-3");
        var published = await run.ApproveAndPublishAsync();

        // AS-6: the 不合格 unit owes a written rectification report within 20 working days.
        var rectification = Assert.Single(published.Rectifications);
        Assert.Equal(SampleAgencies.CityNaturalResources, rectification.AgencyCode);
        Assert.Equal(Pb.RectificationOrigin.FailedAssessment, rectification.Origin);

        var decision = await _svc.Events.WaitForAsync<Pb.AssessmentResultsPublished>(e => e.AssessmentId == run.Id, Topics.Decisions);
        Assert.Equal(4, decision.Results.Count);
        Assert.Contains(decision.Results, r => r.AgencyCode == SampleAgencies.Longde && r.FinalScore == "90.00" && r.Grade == Pb.Grade.Excellent);
        await _svc.Events.WaitForAsync<Pb.AssessmentResultsPublished>(e => e.AssessmentId == run.Id, Topics.Assessment);

        await Rpc.RefusedAsync(() => _client.PublishResultsAsync(new Pb.PublishResultsRequest { AssessmentId = run.Id }, People.Administrator(_svc)),
            StatusCode.FailedPrecondition, "AS-3");
    }

    [Fact]
    public async Task AS2_a_unit_sees_its_own_scorecard_and_scores_only_itself()
    {
        var run = await ProcedureRun.StartAsync(_svc, _client, [SampleAgencies.Yuanzhou, SampleAgencies.Xiji]);
        await Rpc.RefusedAsync(() => _client.RecordSelfScoreAsync(new Pb.RecordSelfScoreRequest
        {
            AssessmentId = run.Id,
            AgencyCode = SampleAgencies.Xiji,
            IndicatorCode = "1.1",
            Points = "50",
            Evidence = "自查报告",
        }, People.UnitClerk(_svc, SampleAgencies.Yuanzhou)), StatusCode.PermissionDenied);

        var seen = (await _client.GetAssessmentAsync(new Pb.GetAssessmentRequest { AssessmentId = run.Id }, People.UnitClerk(_svc, SampleAgencies.Xiji))).Assessment;
        Assert.Equal(SampleAgencies.Xiji, Assert.Single(seen.Units).AgencyCode);
        await Rpc.RefusedAsync(() => _client.GetAssessmentAsync(new Pb.GetAssessmentRequest { AssessmentId = run.Id },
            People.UnitClerk(_svc, SampleAgencies.LongdeHealth)), StatusCode.PermissionDenied);
    }
}

/// <summary>Drives one assessment through the steps of 第八条 with the people who take each step.</summary>
internal sealed class ProcedureRun
{
    private readonly ServiceUnderTest<AssessmentDbContext> _svc;
    private readonly Pb.AssessmentService.AssessmentServiceClient _client;

    private ProcedureRun(ServiceUnderTest<AssessmentDbContext> svc, Pb.AssessmentService.AssessmentServiceClient client, string id)
    {
        _svc = svc;
        _client = client;
        Id = id;
    }

    public string Id { get; }

    /// <summary>Weights 0.1 routine, 0.2 self, 0.5 centralised, 0.1 third party, 0.1 social; planned, noticed.</summary>
    public static async Task<ProcedureRun> StartAsync(ServiceUnderTest<AssessmentDbContext> svc, Pb.AssessmentService.AssessmentServiceClient client, string[] units)
    {
        var scheme = (await client.CreateSchemeAsync(Rpc.TwoLeafScheme(Rpc.Weights("0.1", "0.2", "0.5", "0.1", "0.1")), People.Administrator(svc))).Scheme;
        var id = (await client.PlanAssessmentAsync(new Pb.PlanAssessmentRequest { SchemeId = scheme.SchemeId, AgencyCodes = { units } },
            People.Administrator(svc))).Assessment.AssessmentId;
        await client.IssueNoticeAsync(new Pb.IssueNoticeRequest { AssessmentId = id }, People.Administrator(svc));
        return new ProcedureRun(svc, client, id);
    }

    private readonly List<Func<Task>> _groupWork = [];

    /// <summary>Self scores now (step 三); group scores, routine checks and outside results queued for verification (step 四).</summary>
    public async Task ScoreAsync(string unit, string[] routine, (string, string) self, (string, string) group, string thirdParty, string social)
    {
        foreach (var (code, points) in new[] { ("1.1", self.Item1), ("4.1", self.Item2) })
        {
            await _client.RecordSelfScoreAsync(new Pb.RecordSelfScoreRequest
            {
                AssessmentId = Id,
                AgencyCode = unit,
                IndicatorCode = code,
                Points = points,
                Evidence = "自查报告第" + code + "项",
            }, People.UnitClerk(_svc, unit));
        }

        _groupWork.Add(async () =>
        {
            foreach (var (code, points) in new[] { ("1.1", group.Item1), ("4.1", group.Item2) })
            {
                await _client.RecordGroupScoreAsync(new Pb.RecordGroupScoreRequest
                {
                    AssessmentId = Id,
                    AgencyCode = unit,
                    IndicatorCode = code,
                    Points = points,
                    Evidence = "网上核查记录" + code,
                }, People.Assessor(_svc));
            }

            foreach (var score in routine)
            {
                await _client.RecordRoutineCheckAsync(new Pb.RecordRoutineCheckRequest
                {
                    AssessmentId = Id,
                    AgencyCode = unit,
                    Check = new Pb.RoutineCheck { CheckedOn = Rpc.Date(2026, 6, 1), Method = Pb.RoutineCheckMethod.OnlineCheck, Score = score, Finding = "网站栏目检查" },
                }, People.Assessor(_svc));
            }

            await _client.RecordOutsideResultAsync(new Pb.RecordOutsideResultRequest { AssessmentId = Id, AgencyCode = unit, Source = Pb.OutsideResultSource.ThirdParty, Result = thirdParty },
                People.Administrator(_svc));
            await _client.RecordOutsideResultAsync(new Pb.RecordOutsideResultRequest { AssessmentId = Id, AgencyCode = unit, Source = Pb.OutsideResultSource.SocialEvaluation, Result = social },
                People.Administrator(_svc));
        });
    }

    public async Task<Pb.Assessment> ProposeAsync()
    {
        await _client.CloseSelfCheckAsync(new Pb.CloseSelfCheckRequest { AssessmentId = Id }, People.Administrator(_svc));
        foreach (var work in _groupWork)
        {
            await work();
        }

        await _client.CompleteVerificationAsync(new Pb.CompleteVerificationRequest { AssessmentId = Id, Methods = { Pb.VerificationMethod.Online, Pb.VerificationMethod.SpotCheck } },
            People.Assessor(_svc));
        return (await _client.ProposeGradesAsync(new Pb.ProposeGradesRequest { AssessmentId = Id }, People.Assessor(_svc))).Assessment;
    }

    public async Task<Pb.PublishResultsResponse> ApproveAndPublishAsync()
    {
        await _client.ApproveGradesAsync(new Pb.ApproveGradesRequest { AssessmentId = Id }, People.Leader(_svc));
        return await _client.PublishResultsAsync(new Pb.PublishResultsRequest { AssessmentId = Id }, People.Administrator(_svc));
    }
}
