using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Identity.Access;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Rpc;
using Ogi.Coordination.Application;
using Ogi.Coordination.Domain;
using Ogi.Coordination.Persistence;
using Pb = Ogi.Contracts.Coordination.V1;

namespace Ogi.Coordination.Api;

/// <summary>
/// ogi.coordination.v1.CoordinationService: staff act for their own agency (AgencyScope); an agency concerned sees
/// and answers only the letters addressed to it; the competent department decides what was escalated to it.
/// Every change commits with its audit row and its events in one transaction.
/// </summary>
public sealed class CoordinationApi(
    CoordinationStore store,
    EventPublisher events,
    DeadlineCalculator calendar,
    IAgencyDirectory directory,
    AgencyScope scope,
    TimeProvider time) : Pb.CoordinationService.CoordinationServiceBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    private CoordinationDbContext Db => store.Db;

    public override async Task<Pb.OpenCoordinationResponse> OpenCoordination(Pb.OpenCoordinationRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        RequireField(request.AgencyCode, "agency_code");
        scope.Demand(caller, request.AgencyCode);
        if (request.JointDrafting is { } drafting)
        {
            JointDrafted(request.ItemReference, request.Title, drafting).AuthorizeRelease(request.AgencyCode); // CO-5
        }

        var agencies = request.AgenciesConcerned.Select(a => new AgencyConcerned(a.AgencyCode, a.AgencyName, (ConcernGround)a.Ground)).ToList();
        var coordination = ReleaseCoordination.Open(Guid.CreateVersion7(), request.AgencyCode,
            new CoordinationItem(ItemSource.Staff, request.ItemReference, request.Title), request.FullDraft, agencies, request.Urgent,
            time.Today(), caller.Id, calendar);
        var origin = new ItemOrigin(null, null);
        store.Add(coordination, origin, time.GetUtcNow());
        events.Publish(Db, coordination, origin);
        await SaveAsync(context, "Coordination", coordination.Id, "opened");
        return new() { Coordination = Views.ToProto(coordination, origin) };
    }

    public override async Task<Pb.GetCoordinationResponse> GetCoordination(Pb.GetCoordinationRequest request, ServerCallContext context)
    {
        var (coordination, origin) = await LoadCoordinationAsync(request.CoordinationId, context);
        return new() { Coordination = Views.ToProto(coordination, origin, VisibleLetters(context.Caller(), coordination)) };
    }

    public override async Task<Pb.ListCoordinationsResponse> ListCoordinations(Pb.ListCoordinationsRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        RequireField(request.AgencyCode, "agency_code");
        scope.Demand(caller, request.AgencyCode);
        var agency = request.AgencyCode;
        var rows = Db.Coordinations.AsNoTracking().Include(c => c.Letters).AsQueryable();
        rows = request.Role switch
        {
            Pb.CoordinationRole.Releasing => rows.Where(c => c.AgencyCode == agency),
            Pb.CoordinationRole.Concerned => rows.Where(c => c.Letters.Any(l => l.AgencyCode == agency)),
            Pb.CoordinationRole.CompetentDepartment => rows.Where(c => c.EscalatedTo == agency),
            _ => throw new InvalidInputException("role", "应为发布机关、被征求意见机关或主管部门"),
        };
        if (request.Status != Pb.CoordinationStatus.Unspecified)
        {
            var status = ((CoordinationStatus)request.Status).ToString();
            rows = rows.Where(c => c.Status == status);
        }

        var (offset, size) = Page(request.PageSize, request.PageToken);
        var page = await rows.OrderByDescending(c => c.OpenedOn).ThenByDescending(c => c.Id).Skip(offset).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new Pb.ListCoordinationsResponse { NextPageToken = page.Count > size ? (offset + size).ToString(CultureInfo.InvariantCulture) : "" };
        foreach (var row in page.Take(size))
        {
            var coordination = CoordinationStore.Restore(row);
            response.Coordinations.Add(Views.ToProto(coordination, new ItemOrigin(row.ApplicationId, row.RequestId), VisibleLetters(caller, coordination)));
        }

        return response;
    }

    public override async Task<Pb.ListLetterQueueResponse> ListLetterQueue(Pb.ListLetterQueueRequest request, ServerCallContext context)
    {
        RequireField(request.AgencyCode, "agency_code");
        scope.Demand(context.Caller(), request.AgencyCode);
        var today = time.Today();
        var agency = request.AgencyCode;
        var awaiting = LetterStatus.Awaiting.ToString();
        var rows = await Db.Coordinations.AsNoTracking()
            .Where(c => c.Letters.Any(l => l.AgencyCode == agency && l.Status == awaiting && l.DueOn >= today))
            .ToListAsync(context.CancellationToken);
        var queue = AnswerQueue.For(agency, rows.Select(CoordinationStore.Restore), today, calendar.Calendars.Current);
        return new()
        {
            Letters =
            {
                queue.Select(q => new Pb.QueuedLetter
                {
                    CoordinationId = q.CoordinationId.ToString(),
                    ReleasingAgencyCode = q.ReleasingAgencyCode,
                    Title = q.ItemTitle,
                    LetterKind = (Pb.LetterKind)q.Kind,
                    DueOn = q.DueOn.ToProto(),
                    WorkingDaysLeft = q.WorkingDaysLeft,
                }),
            },
        };
    }

    public override async Task<Pb.AnswerLetterResponse> AnswerLetter(Pb.AnswerLetterRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        RequireField(request.AgencyCode, "agency_code");
        scope.Demand(caller, request.AgencyCode);
        var (coordination, origin) = await LoadCoordinationAsync(request.CoordinationId, context);
        coordination.Answer(request.AgencyCode, new LetterAnswer((AnswerKind)request.Answer, NullIfBlank(request.Text), time.Today(), caller.Id,
            request.Answer == Pb.AnswerKind.CompetentOpinion ? request.OpinionPermitsRelease : null));
        await UpdateAsync(context, coordination, origin, "answered");
        return new() { Coordination = Views.ToProto(coordination, origin, VisibleLetters(caller, coordination)) };
    }

    public override async Task<Pb.EscalateCoordinationResponse> EscalateCoordination(Pb.EscalateCoordinationRequest request, ServerCallContext context)
    {
        var (coordination, origin) = await LoadCoordinationAsync(request.CoordinationId, context);
        scope.Demand(context.Caller(), coordination.ReleasingAgencyCode);
        coordination.Escalate(directory, time.Today());
        await UpdateAsync(context, coordination, origin, "escalated to " + coordination.EscalatedTo);
        return new() { Coordination = Views.ToProto(coordination, origin) };
    }

    public override async Task<Pb.RecordBindingDecisionResponse> RecordBindingDecision(Pb.RecordBindingDecisionRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var (coordination, origin) = await LoadCoordinationAsync(request.CoordinationId, context);
        // CO-3: only the competent department the dispute went to decides it; the domain checks the department.
        coordination.RecordBindingDecision(new BindingDecision(caller.AgencyCode!, [.. request.ConvenedUnits], [.. request.Experts],
            request.DecisionText, request.ReleasePermitted, time.Today(), caller.Id));
        await UpdateAsync(context, coordination, origin, "binding decision");
        return new() { Coordination = Views.ToProto(coordination, origin) };
    }

    public override async Task<Pb.DecideAfterSilenceResponse> DecideAfterSilence(Pb.DecideAfterSilenceRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var (coordination, origin) = await LoadCoordinationAsync(request.CoordinationId, context);
        scope.Demand(caller, coordination.ReleasingAgencyCode);
        coordination.DecideAfterSilence(request.Release, request.Reasons, caller.Id, time.Today());
        await UpdateAsync(context, coordination, origin, request.Release ? "released after silence" : "withheld after silence");
        return new() { Coordination = Views.ToProto(coordination, origin) };
    }

    public override async Task<Pb.StartThirdPartyConsultationResponse> StartThirdPartyConsultation(Pb.StartThirdPartyConsultationRequest request, ServerCallContext context)
    {
        RequireField(request.AgencyCode, "agency_code");
        scope.Demand(context.Caller(), request.AgencyCode);
        var party = request.ThirdParty ?? throw new InvalidInputException("third_party", "应载明第三方");
        var consultation = ThirdPartyConsultation.Start(Guid.CreateVersion7(), request.AgencyCode,
            new CoordinationItem(ItemSource.Staff, request.ItemReference, request.Title),
            new ThirdParty(party.Reference, party.Name, (ThirdPartyInterest)party.Interest), request.NoticeContent, time.Today(), calendar);
        var origin = new ItemOrigin(null, null);
        store.Add(consultation, origin, time.GetUtcNow());
        events.Publish(Db, consultation, origin);
        await SaveAsync(context, "ThirdPartyConsultation", consultation.Id, "started");
        return new() { Consultation = Views.ToProto(consultation, origin) };
    }

    public override async Task<Pb.GetThirdPartyConsultationResponse> GetThirdPartyConsultation(Pb.GetThirdPartyConsultationRequest request, ServerCallContext context)
    {
        var (consultation, origin) = await LoadConsultationAsync(request.ConsultationId, context);
        return new() { Consultation = Views.ToProto(consultation, origin) };
    }

    public override async Task<Pb.ListThirdPartyConsultationsResponse> ListThirdPartyConsultations(Pb.ListThirdPartyConsultationsRequest request, ServerCallContext context)
    {
        RequireField(request.AgencyCode, "agency_code");
        scope.Demand(context.Caller(), request.AgencyCode);
        var agency = request.AgencyCode;
        var rows = Db.ThirdPartyConsultations.AsNoTracking().Where(c => c.AgencyCode == agency);
        if (request.Status != Pb.CoordinationStatus.Unspecified)
        {
            var status = ((CoordinationStatus)request.Status).ToString();
            rows = rows.Where(c => c.Status == status);
        }

        var (offset, size) = Page(request.PageSize, request.PageToken);
        var page = await rows.OrderByDescending(c => c.SentOn).ThenByDescending(c => c.Id).Skip(offset).Take(size + 1).ToListAsync(context.CancellationToken);
        return new()
        {
            Consultations = { page.Take(size).Select(r => Views.ToProto(CoordinationStore.Restore(r), new ItemOrigin(r.ApplicationId, r.RequestId))) },
            NextPageToken = page.Count > size ? (offset + size).ToString(CultureInfo.InvariantCulture) : "",
        };
    }

    public override async Task<Pb.RecordThirdPartyAnswerResponse> RecordThirdPartyAnswer(Pb.RecordThirdPartyAnswerRequest request, ServerCallContext context)
    {
        var (consultation, origin) = await LoadConsultationAsync(request.ConsultationId, context);
        var today = time.Today();
        var answeredOn = Dates.FromProto(request.AnsweredOn, "answered_on") ?? today;
        if (answeredOn > today)
        {
            throw new InvalidInputException("answered_on", "答复收到日期不能晚于今天");
        }

        consultation.RecordAnswer(new ThirdPartyAnswer((ThirdPartyAnswerKind)request.Answer, NullIfBlank(request.Reasons), answeredOn));
        await UpdateAsync(context, consultation, origin, "third party answered");
        return new() { Consultation = Views.ToProto(consultation, origin) };
    }

    public override async Task<Pb.DecideThirdPartyConsultationResponse> DecideThirdPartyConsultation(Pb.DecideThirdPartyConsultationRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var (consultation, origin) = await LoadConsultationAsync(request.ConsultationId, context);
        var today = time.Today();
        switch (request.Decision)
        {
            case Pb.ThirdPartyDecision.UpholdObjection:
                consultation.UpholdObjection(request.Reasons, caller.Id, today);
                break;
            case Pb.ThirdPartyDecision.DismissObjection:
                consultation.DismissObjection(request.Release, request.Reasons, caller.Id, today);
                break;
            case Pb.ThirdPartyDecision.AfterSilence:
                consultation.DecideAfterSilence(request.Release, request.Reasons, caller.Id, today);
                break;
            default:
                throw new InvalidInputException("decision", "应为异议成立、异议不成立或逾期未复后决定");
        }

        await UpdateAsync(context, consultation, origin, "decided: " + request.Decision);
        return new() { Consultation = Views.ToProto(consultation, origin) };
    }

    public override async Task<Pb.OverrideForPublicInterestResponse> OverrideForPublicInterest(Pb.OverrideForPublicInterestRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var (consultation, origin) = await LoadConsultationAsync(request.ConsultationId, context);
        consultation.OverrideForPublicInterest(request.InformationReleased, request.Reasons, caller.Id, time.Today());
        await UpdateAsync(context, consultation, origin, "public-interest override");
        return new() { Consultation = Views.ToProto(consultation, origin) };
    }

    public override Task<Pb.CheckLeadPublisherResponse> CheckLeadPublisher(Pb.CheckLeadPublisherRequest request, ServerCallContext context)
    {
        RequireField(request.ReleasingAgencyCode, "releasing_agency_code");
        var drafting = request.JointDrafting ?? throw new InvalidInputException("joint_drafting", "应载明牵头起草机关和参与起草机关");
        JointDrafted(request.Reference, request.Title, drafting).AuthorizeRelease(request.ReleasingAgencyCode);
        return Task.FromResult(new Pb.CheckLeadPublisherResponse { ReleaseAuthorized = true });
    }

    public override async Task<Pb.ReportInconsistencyResponse> ReportInconsistency(Pb.ReportInconsistencyRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var reporter = caller.IsStaff ? ReporterKind.Agency : ReporterKind.Public;
        var publications = request.Publications.Select(p => new PublishedInformation(p.AgencyCode, p.Location)).ToList();
        var (report, reported) = InconsistencyReport.File(Guid.CreateVersion7(), reporter, caller.IsStaff ? caller.AgencyCode : null, publications,
            request.Description, (InconsistencyRoute)request.Route, time.Today(), directory);
        var row = new InconsistencyReportRow
        {
            Id = report.Id,
            Reporter = report.Reporter.ToString(),
            ReportingAgencyCode = report.ReportingAgencyCode,
            RoutedBy = reported.AgencyCode,
            Route = report.Route.ToString(),
            RoutedToCode = report.RoutedToCode,
            Description = report.Description,
            Publications = CoordinationStore.Serialize(report.Publications),
            ReportedOn = report.ReportedOn,
            CreatedAt = time.GetUtcNow(),
        };
        Db.InconsistencyReports.Add(row);
        events.Publish(Db, reported, report.Description);
        await SaveAsync(context, "InconsistencyReport", report.Id, "routed to " + report.RoutedToCode);
        return new() { Report = Views.ToProto(row) };
    }

    public override async Task<Pb.ListInconsistencyReportsResponse> ListInconsistencyReports(Pb.ListInconsistencyReportsRequest request, ServerCallContext context)
    {
        RequireField(request.RoutedToCode, "routed_to_code");
        scope.Demand(context.Caller(), request.RoutedToCode);
        var rows = await Db.InconsistencyReports.AsNoTracking().Where(r => r.RoutedToCode == request.RoutedToCode)
            .OrderByDescending(r => r.ReportedOn).ThenByDescending(r => r.Id).Take(MaxPageSize).ToListAsync(context.CancellationToken);
        return new() { Reports = { rows.Select(Views.ToProto) } };
    }

    /// <summary>
    /// Who sees which letters: the releasing agency (and those over it) and the competent department the dispute
    /// went to see every letter; an agency concerned sees its own letters only; anyone else is refused.
    /// </summary>
    private IReadOnlySet<string>? VisibleLetters(Principal caller, ReleaseCoordination coordination)
    {
        if (scope.Allows(caller, coordination.ReleasingAgencyCode)
            || (coordination.EscalatedTo is { } department && scope.Allows(caller, department)))
        {
            return null;
        }

        var own = coordination.Letters.Select(l => l.Agency.AgencyCode).Where(code => scope.Allows(caller, code)).ToHashSet();
        return own.Count > 0 ? own : throw new AccessDeniedException($"{caller} is not a party to coordination {coordination.Id}");
    }

    private async Task<(ReleaseCoordination Coordination, ItemOrigin Origin)> LoadCoordinationAsync(string id, ServerCallContext context)
    {
        var found = await store.FindCoordinationAsync(ParseId(id, "coordination_id"), context.CancellationToken)
            ?? throw new NotFoundException($"coordination {id} not found");
        VisibleLetters(context.Caller(), found.Coordination); // refuses callers who are no party to it
        return found;
    }

    private async Task<(ThirdPartyConsultation Consultation, ItemOrigin Origin)> LoadConsultationAsync(string id, ServerCallContext context)
    {
        var found = await store.FindConsultationAsync(ParseId(id, "consultation_id"), context.CancellationToken)
            ?? throw new NotFoundException($"third-party consultation {id} not found");
        scope.Demand(context.Caller(), found.Consultation.AgencyCode);
        return found;
    }

    private async Task UpdateAsync(ServerCallContext context, ReleaseCoordination coordination, ItemOrigin origin, string outcome)
    {
        await store.UpdateAsync(coordination, time.GetUtcNow(), context.CancellationToken);
        events.Publish(Db, coordination, origin);
        await SaveAsync(context, "Coordination", coordination.Id, outcome);
    }

    private async Task UpdateAsync(ServerCallContext context, ThirdPartyConsultation consultation, ItemOrigin origin, string outcome)
    {
        await store.UpdateAsync(consultation, time.GetUtcNow(), context.CancellationToken);
        events.Publish(Db, consultation, origin);
        await SaveAsync(context, "ThirdPartyConsultation", consultation.Id, outcome);
    }

    private Task SaveAsync(ServerCallContext context, string aggregateType, Guid id, string outcome) =>
        CoordinationStore.GuardConcurrencyAsync(() =>
            Db.SaveChangesAuditedAsync(AuditRecord.Of(context, aggregateType, id.ToString(), outcome), time, context.CancellationToken));

    private static JointlyDraftedInformation JointDrafted(string reference, string title, Pb.JointDrafting drafting) =>
        new(reference, title, drafting.LeadDraftingAgencyCode, [.. drafting.CoDraftingAgencyCodes]);

    private static (int Offset, int Size) Page(int pageSize, string pageToken)
    {
        if (pageSize < 0)
        {
            throw new InvalidInputException("page_size", "不能为负数");
        }

        var offset = 0;
        if (pageToken.Length > 0 && (!int.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            throw new InvalidInputException("page_token", "无效的分页标记");
        }

        return (offset, pageSize == 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize));
    }

    private static Guid ParseId(string id, string field) =>
        Guid.TryParse(id, out var parsed) ? parsed : throw new InvalidInputException(field, "应为协调编号（UUID）");

    private static void RequireField(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidInputException(field, "不能为空");
        }
    }

    private static string? NullIfBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
