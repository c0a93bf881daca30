using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Ogi.Assessment.Domain;
using Ogi.Assessment.Domain.Procedure;
using Ogi.Assessment.Domain.Schemes;
using Ogi.Assessment.Persistence;
using Ogi.Assessment.ReadModel;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Identity.Access;
using Ogi.BuildingBlocks.Messaging;
using Pb = Ogi.Contracts.Assessment.V1;

namespace Ogi.Assessment.Api;

public sealed partial class AssessmentApi
{
    // ---- Schemes (AS-1) ----

    public override async Task<Pb.CreateSchemeResponse> CreateScheme(Pb.CreateSchemeRequest request, ServerCallContext context)
    {
        var scheme = new AssessmentScheme(Guid.NewGuid(), request.Year, Convert.Enum<AgencyLevel>((int)request.Level, "level"),
            SchemeMapping.Indicators(request.Indicators), SchemeMapping.Weights(request.Weights), SchemeMapping.Thresholds(request.Thresholds));
        var proto = SchemeMapping.ToProto(scheme);
        db.Schemes.Add(new SchemeRow
        {
            Id = scheme.Id,
            Year = scheme.Year,
            Level = scheme.Level.ToString(),
            OrganiserAgencyCode = CallerAgency(context),
            Frozen = false,
            Document = JsonFormatter.Default.Format(proto),
            Version = 1,
        });
        await SaveAsync(context, "Scheme", scheme.Id.ToString(), "created");
        return new() { Scheme = proto };
    }

    public override async Task<Pb.UpdateSchemeResponse> UpdateScheme(Pb.UpdateSchemeRequest request, ServerCallContext context)
    {
        var (row, scheme) = await LoadSchemeAsync(request.SchemeId, context);
        scope.Demand(Caller(context), row.OrganiserAgencyCode);
        // AS-1: each change goes through the domain, which refuses all of them once the scheme is frozen.
        scheme.ReplaceIndicators(SchemeMapping.Indicators(request.Indicators));
        scheme.ChangeWeights(SchemeMapping.Weights(request.Weights));
        scheme.ChangeThresholds(SchemeMapping.Thresholds(request.Thresholds) ?? GradeThresholds.Default);
        var proto = SchemeMapping.ToProto(scheme);
        row.Document = JsonFormatter.Default.Format(proto);
        row.Version++;
        await SaveAsync(context, "Scheme", row.Id.ToString(), "updated");
        return new() { Scheme = proto };
    }

    public override async Task<Pb.GetSchemeResponse> GetScheme(Pb.GetSchemeRequest request, ServerCallContext context)
    {
        var (_, scheme) = await LoadSchemeAsync(request.SchemeId, context);
        return new() { Scheme = SchemeMapping.ToProto(scheme) };
    }

    // ---- The procedure (AS-2, AS-3, AS-5, AS-6) ----

    public override async Task<Pb.PlanAssessmentResponse> PlanAssessment(Pb.PlanAssessmentRequest request, ServerCallContext context)
    {
        var (schemeRow, scheme) = await LoadSchemeAsync(request.SchemeId, context);
        var organiser = CallerAgency(context);
        scope.Demand(Caller(context), schemeRow.OrganiserAgencyCode);
        foreach (var unit in request.AgencyCodes)
        {
            scope.Demand(Caller(context), unit);
        }

        var plan = new AssessmentPlanned([.. request.AgencyCodes], Caller(context).Id, Now);
        var id = Guid.NewGuid();
        var assessment = OperationLog.Replay(id, scheme, [plan], d => RectificationDue(organiser, d));
        var row = new AssessmentRow
        {
            Id = id,
            SchemeId = scheme.Id,
            Year = scheme.Year,
            Level = scheme.Level.ToString(),
            OrganiserAgencyCode = organiser,
            CurrentStep = assessment.CurrentStep.ToString(),
            Log = OperationLog.Write<AssessmentOp>([plan]),
            Version = 1,
        };
        db.Assessments.Add(row);
        await SaveAsync(context, "Assessment", id.ToString(), "planned");
        return new() { Assessment = ToProto(row, assessment, context) };
    }

    public override async Task<Pb.IssueNoticeResponse> IssueNotice(Pb.IssueNoticeRequest request, ServerCallContext context)
    {
        var loaded = await LoadAssessmentAsync(request.AssessmentId, context);
        RequireOrganiser(loaded, context);
        Apply(loaded, new NoticeIssued(Caller(context).Id, Now));
        // AS-1: the assessment has started, so its scheme is frozen from now on.
        loaded.SchemeRow.Frozen = true;
        loaded.SchemeRow.Document = JsonFormatter.Default.Format(SchemeMapping.ToProto(loaded.Assessment.Scheme));
        loaded.SchemeRow.Version++;
        await SaveAsync(context, "Assessment", loaded.Row.Id.ToString(), "notice issued");
        return new() { Assessment = ToProto(loaded.Row, loaded.Assessment, context) };
    }

    public override async Task<Pb.RecordSelfScoreResponse> RecordSelfScore(Pb.RecordSelfScoreRequest request, ServerCallContext context)
    {
        var loaded = await LoadAssessmentAsync(request.AssessmentId, context);
        // A unit scores itself: only its own staff.
        scope.Demand(Caller(context), request.AgencyCode);
        Apply(loaded, new SelfScored(request.AgencyCode, request.IndicatorCode, Convert.Decimal(request.Points, "points"), request.Evidence));
        await SaveAsync(context, "Assessment", loaded.Row.Id.ToString(), "self score recorded");
        return new() { Score = ToProto(loaded.Assessment.Unit(request.AgencyCode).SelfScores[request.IndicatorCode]) };
    }

    public override async Task<Pb.CloseSelfCheckResponse> CloseSelfCheck(Pb.CloseSelfCheckRequest request, ServerCallContext context)
    {
        var loaded = await LoadAssessmentAsync(request.AssessmentId, context);
        RequireOrganiser(loaded, context);
        Apply(loaded, new SelfCheckClosed(Caller(context).Id, Now));
        await SaveAsync(context, "Assessment", loaded.Row.Id.ToString(), "self-check closed");
        return new() { Assessment = ToProto(loaded.Row, loaded.Assessment, context) };
    }

    public override async Task<Pb.RecordGroupScoreResponse> RecordGroupScore(Pb.RecordGroupScoreRequest request, ServerCallContext context)
    {
        var loaded = await LoadAssessmentAsync(request.AssessmentId, context);
        RequireOrganiser(loaded, context);
        Apply(loaded, new GroupScored(request.AgencyCode, request.IndicatorCode, Convert.Decimal(request.Points, "points"), request.Evidence));
        await SaveAsync(context, "Assessment", loaded.Row.Id.ToString(), "group score recorded");
        return new() { Score = ToProto(loaded.Assessment.Unit(request.AgencyCode).GroupScores[request.IndicatorCode]) };
    }

    public override async Task<Pb.RecordMeasuredScoreResponse> RecordMeasuredScore(Pb.RecordMeasuredScoreRequest request, ServerCallContext context)
    {
        var loaded = await LoadAssessmentAsync(request.AssessmentId, context);
        RequireOrganiser(loaded, context);
        var leaf = loaded.Assessment.Scheme.Leaf(request.IndicatorCode);
        var binding = leaf.Binding ?? throw new InvalidInputException("indicator_code", $"{leaf.Code} is not bound to a measured indicator");
        loaded.Assessment.Unit(request.AgencyCode);
        // AS-4: the assessment year's own measurement, with the cases behind it as the evidence.
        var year = loaded.Row.Year;
        var measured = (await MeasuredIndicatorsQuery.ComputeAsync(db, request.AgencyCode, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), context.CancellationToken))
            .Single(m => m.Indicator == binding.Indicator);
        loaded.Assessment.RecordMeasuredScore(request.AgencyCode, request.IndicatorCode, measured.ToMeasurement());
        var score = loaded.Assessment.Unit(request.AgencyCode).GroupScores[request.IndicatorCode];
        loaded.Log.Add(new GroupScored(request.AgencyCode, request.IndicatorCode, score.Points, score.Evidence));
        Stamp(loaded);
        await SaveAsync(context, "Assessment", loaded.Row.Id.ToString(), "measured score recorded");
        return new() { Score = ToProto(score), Measurement = ToProto(measured) };
    }

    public override async Task<Pb.CompleteVerificationResponse> CompleteVerification(Pb.CompleteVerificationRequest request, ServerCallContext context)
    {
        var loaded = await LoadAssessmentAsync(request.AssessmentId, context);
        RequireOrganiser(loaded, context);
        var methods = request.Methods.Select((m, i) => Convert.Enum<VerificationMethod>((int)m, $"methods[{i}]")).ToList();
        Apply(loaded, new VerificationCompleted(methods, Caller(context).Id, Now));
        await SaveAsync(context, "Assessment", loaded.Row.Id.ToString(), "verified");
        return new() { Assessment = ToProto(loaded.Row, loaded.Assessment, context) };
    }

    public override async Task<Pb.RecordRoutineCheckResponse> RecordRoutineCheck(Pb.RecordRoutineCheckRequest request, ServerCallContext context)
    {
        var loaded = await LoadAssessmentAsync(request.AssessmentId, context);
        RequireOrganiser(loaded, context);
        var check = request.Check ?? throw new InvalidInputException("check", "is required");
        Apply(loaded, new RoutineChecked(request.AgencyCode, Convert.Date(check.CheckedOn, "check.checked_on"),
            Convert.Enum<RoutineCheckMethod>((int)check.Method, "check.method"), Convert.Decimal(check.Score, "check.score"), check.Finding));
        await SaveAsync(context, "Assessment", loaded.Row.Id.ToString(), "routine check recorded");
        return new() { Check = ToProto(loaded.Assessment.Unit(request.AgencyCode).RoutineChecks[^1]) };
    }

    public override async Task<Pb.RecordOutsideResultResponse> RecordOutsideResult(Pb.RecordOutsideResultRequest request, ServerCallContext context)
    {
        var loaded = await LoadAssessmentAsync(request.AssessmentId, context);
        RequireOrganiser(loaded, context);
        var source = request.Source switch
        {
            Pb.OutsideResultSource.ThirdParty => ResultSource.ThirdParty,
            Pb.OutsideResultSource.SocialEvaluation => ResultSource.SocialEvaluation,
            _ => throw new InvalidInputException("source", "choose third-party or social evaluation"),
        };
        var result = Convert.Decimal(request.Result, "result");
        Apply(loaded, new OutsideResultRecorded(request.AgencyCode, source, result));
        await SaveAsync(context, "Assessment", loaded.Row.Id.ToString(), "outside result recorded");
        return new() { Result = Convert.Text(result) };
    }

    public override async Task<Pb.ProposeGradesResponse> ProposeGrades(Pb.ProposeGradesRequest request, ServerCallContext context)
    {
        var loaded = await LoadAssessmentAsync(request.AssessmentId, context);
        RequireOrganiser(loaded, context);
        Apply(loaded, new GradesProposed(Caller(context).Id, Now));
        await SaveAsync(context, "Assessment", loaded.Row.Id.ToString(), "grades proposed");
        return new() { Assessment = ToProto(loaded.Row, loaded.Assessment, context) };
    }

    public override async Task<Pb.ApproveGradesResponse> ApproveGrades(Pb.ApproveGradesRequest request, ServerCallContext context)
    {
        var loaded = await LoadAssessmentAsync(request.AssessmentId, context);
        RequireOrganiser(loaded, context);
        // AS-3: the government approves what the assessment group proposed; the proposer cannot approve it.
        var proposer = loaded.Assessment.Steps.Last(s => s.Step == AssessmentStep.GradesProposed).Actor;
        Duties.MustDiffer("AS-3", "proposer of the grades", proposer, "approver", Caller(context).Id);
        Apply(loaded, new GradesApproved(Caller(context).Id, Now));
        await SaveAsync(context, "Assessment", loaded.Row.Id.ToString(), "grades approved");
        return new() { Assessment = ToProto(loaded.Row, loaded.Assessment, context) };
    }

    public override async Task<Pb.PublishResultsResponse> PublishResults(Pb.PublishResultsRequest request, ServerCallContext context)
    {
        var loaded = await LoadAssessmentAsync(request.AssessmentId, context);
        RequireOrganiser(loaded, context);
        var before = loaded.Assessment.Events.Count;
        Apply(loaded, new ResultsPublished(Caller(context).Id, Now));
        var rows = loaded.Assessment.Rectifications.Select(RectificationRowOf).ToList();
        foreach (var row in rows)
        {
            // The unit's own calendar profile sets its 20 working days (the domain computed them with the organiser's).
            var due = RectificationDue(row.AgencyCode, row.NoticeDate);
            (row.DueDate, row.Provisional, row.CalendarVersion, row.ProfileName, row.Version) = (due.DueDate, due.IsProvisional, due.CalendarVersion, due.ProfileName, 1);
            db.Rectifications.Add(row);
        }

        foreach (var published in loaded.Assessment.Events.Skip(before).OfType<Domain.Procedure.AssessmentResultsPublished>())
        {
            var message = new Pb.AssessmentResultsPublished
            {
                AssessmentId = published.AssessmentId.ToString(),
                Year = published.Year,
                Level = Convert.Enum<Pb.AgencyLevel>(published.Level),
                Results = { published.Results.Select(r => new Pb.UnitResult { AgencyCode = r.AgencyCode, FinalScore = Convert.Score(r.FinalScore), Grade = Convert.Enum<Pb.Grade>(r.Grade) }) },
                PublishedAt = Convert.Time(published.PublishedAt),
            };
            // AS-9: a decision event, on the service's own topic and on "decisions".
            outbox.Add(db, Topics.Assessment, message.AssessmentId, message);
            outbox.Add(db, Topics.Decisions, message.AssessmentId, message);
        }

        await SaveAsync(context, "Assessment", loaded.Row.Id.ToString(), "results published");
        return new() { Assessment = ToProto(loaded.Row, loaded.Assessment, context), Rectifications = { rows.Select(ToProto) } };
    }

    public override async Task<Pb.GetAssessmentResponse> GetAssessment(Pb.GetAssessmentRequest request, ServerCallContext context)
    {
        var loaded = await LoadAssessmentAsync(request.AssessmentId, context);
        var caller = Caller(context);
        if (!scope.Allows(caller, loaded.Row.OrganiserAgencyCode) && !loaded.Assessment.Units.Any(u => u.AgencyCode == caller.AgencyCode))
        {
            throw new AccessDeniedException($"{caller} neither organises nor takes part in assessment {loaded.Row.Id}");
        }

        return new() { Assessment = ToProto(loaded.Row, loaded.Assessment, context) };
    }

    // ---- Loading and mapping ----

    private sealed record LoadedAssessment(AssessmentRow Row, SchemeRow SchemeRow, AnnualAssessment Assessment, List<AssessmentOp> Log);

    private async Task<(SchemeRow Row, AssessmentScheme Scheme)> LoadSchemeAsync(string schemeId, ServerCallContext context)
    {
        var id = Convert.Id(schemeId, "scheme_id");
        var row = await db.Schemes.FindAsync([id], context.CancellationToken) ?? throw new NotFoundException($"scheme {id} does not exist");
        var scheme = SchemeMapping.FromProto(Pb.Scheme.Parser.ParseJson(row.Document));
        if (row.Frozen)
        {
            scheme.Freeze();
        }

        return (row, scheme);
    }

    private async Task<LoadedAssessment> LoadAssessmentAsync(string assessmentId, ServerCallContext context)
    {
        var id = Convert.Id(assessmentId, "assessment_id");
        var row = await db.Assessments.FindAsync([id], context.CancellationToken) ?? throw new NotFoundException($"assessment {id} does not exist");
        var (schemeRow, scheme) = await LoadSchemeAsync(row.SchemeId.ToString(), context);
        var log = OperationLog.Read<AssessmentOp>(row.Log);
        var organiser = row.OrganiserAgencyCode;
        return new LoadedAssessment(row, schemeRow, OperationLog.Replay(id, scheme, log, d => RectificationDue(organiser, d)), log);
    }

    private void RequireOrganiser(LoadedAssessment loaded, ServerCallContext context) => scope.Demand(Caller(context), loaded.Row.OrganiserAgencyCode);

    private void Apply(LoadedAssessment loaded, AssessmentOp op)
    {
        op.Apply(loaded.Assessment, d => RectificationDue(loaded.Row.OrganiserAgencyCode, d));
        loaded.Log.Add(op);
        Stamp(loaded);
    }

    private static void Stamp(LoadedAssessment loaded)
    {
        loaded.Row.Log = OperationLog.Write(loaded.Log);
        loaded.Row.CurrentStep = loaded.Assessment.CurrentStep.ToString();
        loaded.Row.Version++;
    }

    private Pb.Assessment ToProto(AssessmentRow row, AnnualAssessment assessment, ServerCallContext context)
    {
        var caller = Caller(context);
        var seesAll = scope.Allows(caller, row.OrganiserAgencyCode);
        var results = assessment.Results.ToDictionary(r => r.AgencyCode);
        return new Pb.Assessment
        {
            AssessmentId = row.Id.ToString(),
            SchemeId = row.SchemeId.ToString(),
            Year = row.Year,
            Level = Convert.Enum<Pb.AgencyLevel>(assessment.Scheme.Level),
            OrganiserAgencyCode = row.OrganiserAgencyCode,
            CurrentStep = Convert.Enum<Pb.AssessmentStep>(assessment.CurrentStep),
            Steps = { assessment.Steps.Select(s => new Pb.StepRecord { Step = Convert.Enum<Pb.AssessmentStep>(s.Step), Actor = s.Actor, At = Convert.Time(s.At) }) },
            VerificationMethods = { assessment.VerificationMethods.Select(m => Convert.Enum<Pb.VerificationMethod>(m)) },
            // A unit's staff see their own scorecard only.
            Units = { assessment.Units.Where(u => seesAll || u.AgencyCode == caller.AgencyCode).OrderBy(u => u.AgencyCode, StringComparer.Ordinal)
                .Select(u => ToProto(u, results.GetValueOrDefault(u.AgencyCode))) },
        };
    }

    private static Pb.AssessedUnit ToProto(UnitScorecard unit, UnitResult? result)
    {
        var proto = new Pb.AssessedUnit
        {
            AgencyCode = unit.AgencyCode,
            SelfScores = { unit.SelfScores.Values.OrderBy(s => s.IndicatorCode, StringComparer.Ordinal).Select(ToProto) },
            GroupScores = { unit.GroupScores.Values.OrderBy(s => s.IndicatorCode, StringComparer.Ordinal).Select(ToProto) },
            RoutineChecks = { unit.RoutineChecks.Select(ToProto) },
            ThirdPartyResult = unit.ThirdPartyResult is { } t ? Convert.Text(t) : "",
            SocialEvaluationResult = unit.SocialEvaluationResult is { } s ? Convert.Text(s) : "",
        };
        if (result is not null)
        {
            proto.RoutineResult = Result(result, ResultSource.Routine);
            proto.SelfAssessmentResult = Result(result, ResultSource.SelfAssessment);
            proto.CentralisedResult = Result(result, ResultSource.Centralised);
            proto.FinalScore = Convert.Score(result.FinalScore);
            proto.Grade = Convert.Enum<Pb.Grade>(result.Grade);
        }

        return proto;
    }

    private static string Result(UnitResult result, ResultSource source) =>
        result.Results.TryGetValue(source, out var value) ? Convert.Text(value) : "";

    private static Pb.IndicatorScore ToProto(IndicatorScore score) =>
        new() { IndicatorCode = score.IndicatorCode, Points = Convert.Text(score.Points), Evidence = score.Evidence };

    private static Pb.RoutineCheck ToProto(RoutineCheck check) => new()
    {
        CheckedOn = Convert.Date(check.On),
        Method = Convert.Enum<Pb.RoutineCheckMethod>(check.Method),
        Score = Convert.Text(check.Score),
        Finding = check.Finding,
    };

    private static Pb.Measurement ToProto(MeasuredValue measured)
    {
        var measurement = measured.ToMeasurement();
        return new Pb.Measurement
        {
            Indicator = Convert.Enum<Pb.MeasuredIndicator>(measured.Indicator),
            Value = Convert.Text(measurement.Value),
            Met = measured.Met,
            Total = measured.Total,
            Cases = { measured.Cases.Select(c => new Pb.MeasuredCase { Reference = c.Reference, On = Convert.Date(c.On), Note = c.Note }) },
        };
    }
}
