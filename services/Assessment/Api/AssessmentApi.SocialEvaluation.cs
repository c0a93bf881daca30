using Microsoft.EntityFrameworkCore;
using Ogi.Assessment.Domain.Consequences;
using Ogi.Assessment.Domain.SocialEvaluation;
using Ogi.Assessment.Persistence;
using Ogi.Assessment.ReadModel;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Messaging;
using Pb = Ogi.Contracts.Assessment.V1;

namespace Ogi.Assessment.Api;

public sealed partial class AssessmentApi
{
    // ---- Rectification (AS-6, AS-7) ----

    public override async Task<Pb.ListRectificationsResponse> ListRectifications(Pb.ListRectificationsRequest request, ServerCallContext context)
    {
        var agency = Convert.Required(request.AgencyCode, "agency_code");
        scope.Demand(Caller(context), agency);
        var rows = await db.Rectifications.AsNoTracking().Where(r => r.AgencyCode == agency)
            .OrderByDescending(r => r.NoticeDate).ThenBy(r => r.Id).ToListAsync(context.CancellationToken);
        return new() { Rectifications = { rows.Select(ToProto) } };
    }

    public override async Task<Pb.FileRectificationReportResponse> FileRectificationReport(Pb.FileRectificationReportRequest request, ServerCallContext context)
    {
        var row = await LoadRectificationAsync(request.RectificationId, context);
        var rectification = Rehydrate(row);
        rectification.FileReport(Today, request.Report);
        (row.ReportFiledOn, row.Report) = (rectification.ReportFiledOn, rectification.Report);
        row.Version++;
        await SaveAsync(context, "Rectification", row.Id.ToString(), rectification.FiledLate ? "report filed late" : "report filed");
        return new() { Rectification = ToProto(row) };
    }

    public override async Task<Pb.ConcludeRectificationResponse> ConcludeRectification(Pb.ConcludeRectificationRequest request, ServerCallContext context)
    {
        var row = await LoadRectificationAsync(request.RectificationId, context);
        var rectification = Rehydrate(row);
        AccountabilityMeasure? measure = request.Measure == Pb.AccountabilityMeasure.Unspecified
            ? null
            : Convert.Enum<AccountabilityMeasure>((int)request.Measure, "measure");
        rectification.Conclude(request.MeetsRequirements, measure, request.Reason, Caller(context).Id, Now);
        row.Adequate = rectification.Adequate;
        var inadequate = rectification.Events.OfType<RectificationInadequate>().SingleOrDefault();
        (row.Measure, row.ConclusionReason) = (inadequate?.Measure.ToString(), inadequate?.Reason);
        (row.DecidedBy, row.DecidedAt) = (Caller(context).Id, Now);
        row.Version++;
        await SaveAsync(context, "Rectification", row.Id.ToString(), row.Adequate == true ? "rectification adequate" : "rectification inadequate");
        return new() { Rectification = ToProto(row) };
    }

    private async Task<RectificationRow> LoadRectificationAsync(string rectificationId, ServerCallContext context)
    {
        var id = Convert.Id(rectificationId, "rectification_id");
        var row = await db.Rectifications.FindAsync([id], context.CancellationToken) ?? throw new NotFoundException($"rectification {id} does not exist");
        scope.Demand(Caller(context), row.AgencyCode);
        return row;
    }

    // ---- Social evaluation (AS-7) ----

    public override async Task<Pb.CreateCampaignResponse> CreateCampaign(Pb.CreateCampaignRequest request, ServerCallContext context)
    {
        foreach (var target in request.TargetAgencyCodes)
        {
            scope.Demand(Caller(context), target);
        }

        var rs = request.RatingScores ?? throw new InvalidInputException("rating_scores", "is required");
        var created = new CampaignCreated(request.Year, request.Title, [.. request.TargetAgencyCodes],
            request.Content.Select((c, i) => Convert.Enum<EvaluationContent>((int)c, $"content[{i}]")).ToList(),
            request.MethodWeights.Select((w, i) => new MethodWeightEntry(Convert.Enum<EvaluationMethod>((int)w.Method, $"method_weights[{i}].method"),
                Convert.Decimal(w.Weight, $"method_weights[{i}].weight"))).ToList(),
            Convert.Decimal(rs.Satisfied, "rating_scores.satisfied"), Convert.Decimal(rs.BasicallySatisfied, "rating_scores.basically_satisfied"),
            Convert.Decimal(rs.Dissatisfied, "rating_scores.dissatisfied"));
        if (created.Weights.Select(w => w.Method).Distinct().Count() != created.Weights.Count)
        {
            throw new InvalidInputException("method_weights", "each method is weighted once");
        }

        var id = Guid.NewGuid();
        var campaign = OperationLog.Replay(id, [created]);
        var row = new CampaignRow
        {
            Id = id,
            Year = campaign.Year,
            OrganiserAgencyCode = CallerAgency(context),
            CurrentStep = campaign.CurrentStep.ToString(),
            Log = OperationLog.Write<CampaignOp>([created]),
            Version = 1,
        };
        db.Campaigns.Add(row);
        await SaveAsync(context, "Campaign", id.ToString(), "created");
        return new() { Campaign = await ToProtoAsync(row, campaign, 0, context) };
    }

    public override async Task<Pb.AnnounceCampaignResponse> AnnounceCampaign(Pb.AnnounceCampaignRequest request, ServerCallContext context)
    {
        var loaded = await LoadCampaignAsync(request.CampaignId, context);
        Apply(loaded, new CampaignAnnounced());
        await SaveAsync(context, "Campaign", loaded.Row.Id.ToString(), "announced");
        return new() { Campaign = await ToProtoAsync(loaded, context) };
    }

    public override async Task<Pb.RecordRatingsResponse> RecordRatings(Pb.RecordRatingsRequest request, ServerCallContext context)
    {
        var loaded = await LoadCampaignAsync(request.CampaignId, context);
        for (var i = 0; i < request.Ratings.Count; i++)
        {
            var r = request.Ratings[i];
            Apply(loaded, new RatingRecorded(r.TargetAgencyCode, Convert.Enum<EvaluationMethod>((int)r.Method, $"ratings[{i}].method"),
                Convert.Enum<Rating>((int)r.Rating, $"ratings[{i}].rating"),
                r.PanelMember == Pb.PanelMemberKind.Unspecified ? null : Convert.Enum<PanelMemberKind>((int)r.PanelMember, $"ratings[{i}].panel_member")));
        }

        await SaveAsync(context, "Campaign", loaded.Row.Id.ToString(), $"{request.Ratings.Count} ratings recorded");
        return new() { RatingsRecorded = loaded.Log.OfType<RatingRecorded>().Count() };
    }

    public override async Task<Pb.SummariseCampaignResponse> SummariseCampaign(Pb.SummariseCampaignRequest request, ServerCallContext context)
    {
        var loaded = await LoadCampaignAsync(request.CampaignId, context);
        Apply(loaded, new CampaignSummarised());
        await SaveAsync(context, "Campaign", loaded.Row.Id.ToString(), "summarised");
        return new() { Campaign = await ToProtoAsync(loaded, context) };
    }

    public override async Task<Pb.RaiseProblemResponse> RaiseProblem(Pb.RaiseProblemRequest request, ServerCallContext context)
    {
        var loaded = await LoadCampaignAsync(request.CampaignId, context);
        var target = Convert.Required(request.TargetAgencyCode, "target_agency_code");
        var rectification = loaded.Campaign.RaiseProblem(target, request.Problem, RectificationDue(target, Today));
        var row = RectificationRowOf(rectification);
        row.Version = 1;
        db.Rectifications.Add(row);
        await SaveAsync(context, "Rectification", row.Id.ToString(), "problem raised");
        return new() { Rectification = ToProto(row) };
    }

    public override async Task<Pb.PublishCampaignResponse> PublishCampaign(Pb.PublishCampaignRequest request, ServerCallContext context)
    {
        var loaded = await LoadCampaignAsync(request.CampaignId, context);
        var before = loaded.Campaign.Events.Count;
        Apply(loaded, new CampaignPublished(Caller(context).Id, Now));
        foreach (var published in loaded.Campaign.Events.Skip(before).OfType<SocialEvaluationResultsPublished>())
        {
            var message = new Pb.SocialEvaluationResultsPublished
            {
                CampaignId = published.CampaignId.ToString(),
                Year = published.Year,
                Title = published.Title,
                Results = { published.Results.Select(r => new Pb.EvaluationResult { AgencyCode = r.AgencyCode, Score = Convert.Score(r.Score) }) },
                PublishedAt = Convert.Time(published.PublishedAt),
            };
            // AS-9: a decision event, on the service's own topic and on "decisions".
            outbox.Add(db, Topics.Assessment, message.CampaignId, message);
            outbox.Add(db, Topics.Decisions, message.CampaignId, message);
        }

        await SaveAsync(context, "Campaign", loaded.Row.Id.ToString(), "published");
        return new() { Campaign = await ToProtoAsync(loaded, context) };
    }

    public override async Task<Pb.GetCampaignResponse> GetCampaign(Pb.GetCampaignRequest request, ServerCallContext context) =>
        new() { Campaign = await ToProtoAsync(await LoadCampaignAsync(request.CampaignId, context), context) };

    // ---- Measured indicators (AS-4) ----

    public override async Task<Pb.GetMeasuredIndicatorsResponse> GetMeasuredIndicators(Pb.GetMeasuredIndicatorsRequest request, ServerCallContext context)
    {
        var agency = Convert.Required(request.AgencyCode, "agency_code");
        scope.Demand(Caller(context), agency);
        var from = Convert.Date(request.From, "from");
        var to = Convert.Date(request.To, "to");
        if (to < from)
        {
            throw new InvalidInputException("to", "the period ends before it starts");
        }

        var measured = await MeasuredIndicatorsQuery.ComputeAsync(db, agency, from, to, context.CancellationToken);
        var decisions = await MeasuredIndicatorsQuery.AccountabilityDecisionsAsync(db, agency, from, to, context.CancellationToken);
        return new()
        {
            AgencyCode = agency,
            Measurements = { measured.Select(ToProto) },
            AccountabilityDecisions = { decisions.Select(c => new Pb.MeasuredCase { Reference = c.Reference, On = Convert.Date(c.On), Note = c.Note }) },
        };
    }

    private sealed record LoadedCampaign(CampaignRow Row, SocialEvaluationCampaign Campaign, List<CampaignOp> Log);

    private async Task<LoadedCampaign> LoadCampaignAsync(string campaignId, ServerCallContext context)
    {
        var id = Convert.Id(campaignId, "campaign_id");
        var row = await db.Campaigns.FindAsync([id], context.CancellationToken) ?? throw new NotFoundException($"campaign {id} does not exist");
        scope.Demand(Caller(context), row.OrganiserAgencyCode);
        var log = OperationLog.Read<CampaignOp>(row.Log);
        return new LoadedCampaign(row, OperationLog.Replay(id, log), log);
    }

    private static void Apply(LoadedCampaign loaded, CampaignOp op)
    {
        op.Apply(loaded.Campaign);
        loaded.Log.Add(op);
        loaded.Row.Log = OperationLog.Write(loaded.Log);
        loaded.Row.CurrentStep = loaded.Campaign.CurrentStep.ToString();
        loaded.Row.Version++;
    }

    private Task<Pb.Campaign> ToProtoAsync(LoadedCampaign loaded, ServerCallContext context) =>
        ToProtoAsync(loaded.Row, loaded.Campaign, loaded.Log.OfType<RatingRecorded>().Count(), context);

    private async Task<Pb.Campaign> ToProtoAsync(CampaignRow row, SocialEvaluationCampaign campaign, int ratings, ServerCallContext context)
    {
        var rectifications = await db.Rectifications.AsNoTracking().Where(r => r.SourceId == row.Id).OrderBy(r => r.AgencyCode).ToListAsync(context.CancellationToken);
        return new Pb.Campaign
        {
            CampaignId = row.Id.ToString(),
            Year = campaign.Year,
            Title = campaign.Title,
            TargetAgencyCodes = { campaign.Targets.Order(StringComparer.Ordinal) },
            Content = { campaign.Content.Select(c => Convert.Enum<Pb.EvaluationContent>(c)) },
            MethodWeights = { campaign.MethodWeights.OrderBy(w => w.Key).Select(w => new Pb.MethodWeight { Method = Convert.Enum<Pb.EvaluationMethod>(w.Key), Weight = Convert.Text(w.Value) }) },
            RatingScores = new Pb.RatingScores
            {
                Satisfied = Convert.Text(campaign.RatingScores.Satisfied),
                BasicallySatisfied = Convert.Text(campaign.RatingScores.BasicallySatisfied),
                Dissatisfied = Convert.Text(campaign.RatingScores.Dissatisfied),
            },
            CurrentStep = Convert.Enum<Pb.CampaignStep>(campaign.CurrentStep),
            RatingsRecorded = ratings,
            Results =
            {
                campaign.Results.Select(r => new Pb.TargetResult
                {
                    AgencyCode = r.AgencyCode,
                    Score = Convert.Score(r.Score),
                    MethodScores = { r.MethodScores.OrderBy(m => m.Key).Select(m => new Pb.MethodScore { Method = Convert.Enum<Pb.EvaluationMethod>(m.Key), Score = Convert.Text(m.Value) }) },
                }),
            },
            Rectifications = { rectifications.Select(ToProto) },
        };
    }
}
