using Microsoft.EntityFrameworkCore;
using Ogi.Accountability.Cases;
using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Measures;
using Ogi.Accountability.Notices;
using Ogi.Accountability.Persistence;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Identity.Access;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Rpc;
using P = Ogi.Contracts.Accountability.V1;

namespace Ogi.Accountability.Api;

/// <summary>
/// The gRPC layer: messages in, a domain call on the case, the case saved with its audit row and events, the case out.
/// Staff act on the cases their agency handles (AgencyScope on the handling agency, AC-4).
/// </summary>
public sealed class AccountabilityApi(CaseStore store, Units units, AgencyScope scope, AccountabilityProfile profile, TimeProvider clock)
    : P.AccountabilityService.AccountabilityServiceBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public override async Task<P.FileComplaintResponse> FileComplaint(P.FileComplaintRequest request, ServerCallContext context)
    {
        var platform = context.Caller().Id;
        if (string.IsNullOrWhiteSpace(request.PlatformReportId))
        {
            throw new InvalidInputException("platform_report_id", "the platform's report id is required");
        }

        var report = new ComplaintReport(platform, request.PlatformReportId.Trim(), units.Resolve(request.AgencyCode, "agency_code"), request.Summary);
        // AC-1: the same report filed again is the case already registered.
        var @case = await store.FindByKeyAsync(report.Source.CaseKey, context.CancellationToken);
        if (@case is null)
        {
            var today = ChinaDate.Today(clock);
            // AC-4: the level above must exist to handle the report; refuse now rather than leave it unhandled.
            var handling = CaseJurisdiction.Route(report.Concerned.Code, CaseImportance.General, units.Above).HandlingAgencyCode;
            @case = AccountabilityCase.RegisterComplaint(Guid.NewGuid(), report, today, profile);
            await store.AddAsync(@case, handling, platform, context.CancellationToken);
            await store.SaveAsync(AuditRecord.Of(context, "case", @case.Id.ToString(), "registered"), context.CancellationToken);
        }

        return new P.FileComplaintResponse
        {
            TrackingCode = @case.ReporterTrackingCode,
            RegisteredOn = Messages.ToProto(@case.OpenedOn),
            AcceptanceDue = Messages.ToProto(@case.AcceptanceDue),
        };
    }

    public override async Task<P.TrackComplaintResponse> TrackComplaint(P.TrackComplaintRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.TrackingCode))
        {
            throw new InvalidInputException("tracking_code", "the tracking code is required");
        }

        var @case = await store.FindComplaintAsync(request.TrackingCode, context.Caller().Id, context.CancellationToken)
            ?? throw new NotFoundException("no report with this tracking code");
        var view = @case.ForReporter(request.TrackingCode);
        return new P.TrackComplaintResponse
        {
            TrackingCode = view.TrackingCode,
            Status = Messages.ToProto<CaseStatus, P.CaseStatus>(view.Status),
            RegisteredOn = Messages.ToProto(view.RegisteredOn),
            AcceptanceDue = Messages.ToProto(view.AcceptanceDue),
            DeclineReasons = view.DeclineReasons ?? "",
            DismissalReasons = view.DismissalReasons ?? "",
            UnitMeasures = { view.UnitMeasures.Select(Messages.ToProto<Measure, P.Measure>) },
        };
    }

    public override async Task<P.OpenSupervisionCaseResponse> OpenSupervisionCase(P.OpenSupervisionCaseRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.FindingReference))
        {
            throw new InvalidInputException("finding_reference", "the finding's reference is required");
        }

        var unit = units.Resolve(request.AgencyCode, "agency_code");
        var importance = Messages.FromProto<P.CaseImportance, CaseImportance>(request.Importance, "importance");
        var source = new CaseSource(SourceKind.SupervisionFinding, request.FindingReference);
        var @case = await store.FindByKeyAsync(source.CaseKey, context.CancellationToken);
        if (@case is null)
        {
            @case = AccountabilityCase.Open(Guid.NewGuid(), source, unit, ChinaDate.Today(clock), importance, units.Above, profile);
            scope.Demand(context.Caller(), @case.Routing!.HandlingAgencyCode);
            await store.AddAsync(@case, @case.Routing.HandlingAgencyCode, null, context.CancellationToken);
            await store.SaveAsync(AuditRecord.Of(context, "case", @case.Id.ToString(), "opened"), context.CancellationToken);
        }
        else
        {
            scope.Demand(context.Caller(), @case.Routing!.HandlingAgencyCode);
        }

        return new P.OpenSupervisionCaseResponse { Case = View(@case) };
    }

    public override async Task<P.AcceptComplaintResponse> AcceptComplaint(P.AcceptComplaintRequest request, ServerCallContext context)
    {
        var importance = Messages.FromProto<P.CaseImportance, CaseImportance>(request.Importance, "importance");
        var @case = await ChangeAsync(request.CaseId, context, "accepted", c =>
        {
            c.Accept(ChinaDate.Today(clock), importance, units.Above);
            store.ComplaintAccepted(c);
        });
        return new P.AcceptComplaintResponse { Case = @case };
    }

    public override async Task<P.DeclineComplaintResponse> DeclineComplaint(P.DeclineComplaintRequest request, ServerCallContext context) =>
        new() { Case = await ChangeAsync(request.CaseId, context, "declined", c => c.Decline(ChinaDate.Today(clock), request.Reasons)) };

    public override async Task<P.StartInvestigationResponse> StartInvestigation(P.StartInvestigationRequest request, ServerCallContext context)
    {
        var investigators = request.Investigators.Select((i, n) => Messages.Person(i, $"investigators[{n}]")).ToList();
        return new() { Case = await ChangeAsync(request.CaseId, context, "investigation-started", c => c.StartInvestigation(investigators)) };
    }

    public override async Task<P.RecordEvidenceResponse> RecordEvidence(P.RecordEvidenceRequest request, ServerCallContext context)
    {
        // AC-5: evidence is recorded by the investigator making the call.
        var investigator = Messages.Person(context.Caller().Id, "caller");
        return new() { Case = await ChangeAsync(request.CaseId, context, "evidence-recorded", c => c.RecordEvidence(investigator, request.Description, ChinaDate.Today(clock))) };
    }

    public override async Task<P.EstablishFactsResponse> EstablishFacts(P.EstablishFactsRequest request, ServerCallContext context)
    {
        var facts = Messages.FromProto(request.Facts);
        return new() { Case = await ChangeAsync(request.CaseId, context, "facts-established", c => c.EstablishFacts(facts)) };
    }

    public override async Task<P.RecordDefenceResponse> RecordDefence(P.RecordDefenceRequest request, ServerCallContext context)
    {
        var respondent = Messages.Person(request.Respondent, "respondent");
        return new() { Case = await ChangeAsync(request.CaseId, context, "defence-recorded", c => c.RecordDefence(respondent, request.Statement, ChinaDate.Today(clock))) };
    }

    public override async Task<P.ProposeMeasuresResponse> ProposeMeasures(P.ProposeMeasuresRequest request, ServerCallContext context)
    {
        var id = Messages.CaseId(request.CaseId);
        var @case = await LoadAsync(id, context);
        @case.Propose(await store.RecordsForAsync(@case, context.CancellationToken));
        return new() { Case = await SaveAsync(@case, context, "measures-proposed") };
    }

    public override async Task<P.DecideCaseResponse> DecideCase(P.DecideCaseRequest request, ServerCallContext context)
    {
        var id = Messages.CaseId(request.CaseId);
        var @case = await LoadAsync(id, context);
        var departures = request.Departures.Select((d, i) => new DecidedMeasures(
            Messages.FromProto(d.Subject, @case.Unit, $"departures[{i}].subject"),
            Messages.FromProto(d.Measures, $"departures[{i}].measures"))).ToList();
        @case.Decide(new CaseDecision(
            ChinaDate.Today(clock),
            Messages.FromProto(request.RectificationDue, "rectification_due"),
            departures,
            string.IsNullOrWhiteSpace(request.DepartureReasons) ? null : request.DepartureReasons));
        return new() { Case = await SaveAsync(@case, context, "decided") };
    }

    public override async Task<P.DismissCaseResponse> DismissCase(P.DismissCaseRequest request, ServerCallContext context) =>
        new() { Case = await ChangeAsync(request.CaseId, context, "dismissed", c => c.Dismiss(request.Reasons)) };

    public override async Task<P.GetDecisionNoticeResponse> GetDecisionNotice(P.GetDecisionNoticeRequest request, ServerCallContext context)
    {
        var id = Messages.CaseId(request.CaseId);
        var @case = await LoadAsync(id, context);
        var recipient = Messages.FromProto(request.Recipient, @case.Unit, "recipient");
        var notice = @case.Notices.FirstOrDefault(n => n.Recipient == recipient)
            ?? throw new NotFoundException("no decision notice was issued to this recipient");
        return new P.GetDecisionNoticeResponse
        {
            Notice = Messages.ToProto(notice, profile),
            Html = DecisionNoticeDocument.Render(@case, notice, profile, units.NameOf(@case.Routing!.HandlingAgencyCode)),
        };
    }

    public override async Task<P.RecordNoticeServedResponse> RecordNoticeServed(P.RecordNoticeServedRequest request, ServerCallContext context)
    {
        var servedOn = Messages.RequiredDate(request.ServedOn, "served_on");
        var id = Messages.CaseId(request.CaseId);
        var @case = await LoadAsync(id, context);
        @case.RecordNoticeServed(Messages.FromProto(request.Recipient, @case.Unit, "recipient"), servedOn);
        return new() { Case = await SaveAsync(@case, context, "notice-served") };
    }

    public override async Task<P.FileAppealResponse> FileAppeal(P.FileAppealRequest request, ServerCallContext context)
    {
        var id = Messages.CaseId(request.CaseId);
        var @case = await LoadAsync(id, context);
        @case.FileAppeal(Messages.FromProto(request.Appellant, @case.Unit, "appellant"), request.Grounds, ChinaDate.Today(clock));
        return new() { Case = await SaveAsync(@case, context, "appeal-filed") };
    }

    public override async Task<P.DecideAppealResponse> DecideAppeal(P.DecideAppealRequest request, ServerCallContext context)
    {
        var id = Messages.CaseId(request.CaseId);
        var outcome = Messages.FromProto<P.AppealOutcome, AppealOutcome>(request.Outcome, "outcome");
        var @case = await LoadAsync(id, context);
        @case.DecideAppeal(Messages.FromProto(request.Appellant, @case.Unit, "appellant"), outcome, request.Reasons, ChinaDate.Today(clock),
            request.Measures.Count == 0 ? null : Messages.FromProto(request.Measures, "measures"));
        return new() { Case = await SaveAsync(@case, context, "appeal-decided") };
    }

    public override async Task<P.ReportRectificationResponse> ReportRectification(P.ReportRectificationRequest request, ServerCallContext context)
    {
        var id = Messages.CaseId(request.CaseId);
        var @case = await store.GetAsync(id, context.CancellationToken);
        var caller = context.Caller();
        // AC-11: the unit reports to the OGI office and supervision; either side may enter it.
        if (!scope.Allows(caller, @case.Unit.Code))
        {
            scope.Demand(caller, await store.HandlingAgencyAsync(id, context.CancellationToken));
        }

        @case.ReportRectification(request.Report, ChinaDate.Today(clock));
        return new() { Case = await SaveAsync(@case, context, "rectification-reported") };
    }

    public override async Task<P.GetCaseResponse> GetCase(P.GetCaseRequest request, ServerCallContext context) =>
        new() { Case = View(await LoadAsync(Messages.CaseId(request.CaseId), context)) };

    public override async Task<P.ListCasesResponse> ListCases(P.ListCasesRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var agency = string.IsNullOrWhiteSpace(request.HandlingAgencyCode) ? caller.AgencyCode : request.HandlingAgencyCode.Trim();
        if (agency is null)
        {
            throw new InvalidInputException("handling_agency_code", "the handling agency is required");
        }

        scope.Demand(caller, agency);
        var size = request.PageSize switch
        {
            < 0 => throw new InvalidInputException("page_size", "must not be negative"),
            0 => DefaultPageSize,
            > MaxPageSize => MaxPageSize,
            _ => request.PageSize,
        };
        var offset = 0;
        if (request.PageToken.Length > 0 && (!int.TryParse(request.PageToken, out offset) || offset < 0))
        {
            throw new InvalidInputException("page_token", "not a token this service issued");
        }

        var today = ChinaDate.Today(clock);
        var query = store.Db.Cases.AsNoTracking().Where(c => c.HandlingAgencyCode == agency);
        if (request.Status != P.CaseStatus.Unspecified)
        {
            var status = Messages.FromProto<P.CaseStatus, CaseStatus>(request.Status, "status").ToString();
            query = query.Where(c => c.Status == status);
        }

        if (request.AcceptanceOverdueOnly)
        {
            // AC-3: the queue of reports neither accepted nor declined within their period.
            var registered = nameof(CaseStatus.Registered);
            query = query.Where(c => c.Status == registered && c.AcceptanceDue < today);
        }

        var rows = await query.OrderByDescending(c => c.OpenedOn).ThenBy(c => c.Id).Skip(offset).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new P.ListCasesResponse { Cases = { rows.Take(size).Select(r => Messages.ToProto(CaseStore.Restore(r), today, profile)) } };
        if (rows.Count > size)
        {
            response.NextPageToken = (offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return response;
    }

    public override async Task<P.GetRecordsResponse> GetRecords(P.GetRecordsRequest request, ServerCallContext context)
    {
        var asOf = Messages.FromProto(request.AsOf, "as_of") ?? ChinaDate.Today(clock);
        var year = request.Year == 0 ? asOf.Year : request.Year;
        Subject subject = request.Subject?.KindCase switch
        {
            P.Subject.KindOneofCase.UnitAgencyCode => new UnitSubject(units.Resolve(request.Subject.UnitAgencyCode, "subject.unit_agency_code")),
            P.Subject.KindOneofCase.PersonRef => new PersonSubject(Messages.Person(request.Subject.PersonRef, "subject.person_ref")),
            _ => throw new InvalidInputException("subject", "the unit or a person is required"),
        };
        if (subject is UnitSubject unit)
        {
            scope.Demand(context.Caller(), unit.Unit.Code);
        }

        var records = await store.RecordsOfAsync(subject, context.CancellationToken);
        return new P.GetRecordsResponse
        {
            Records = { records.All.Select(Messages.ToProto) },
            ViolationsPast12Months = records.ViolationsInPast12Months(subject, asOf).Count,
            EligibleForCommendation = records.IsEligibleForCommendation(subject, year),
            Unfit = subject is PersonSubject person && records.IsUnfit(person.Person, year),
            Year = year,
        };
    }

    private async Task<P.Case> ChangeAsync(string caseId, ServerCallContext context, string outcome, Action<AccountabilityCase> change)
    {
        var @case = await LoadAsync(Messages.CaseId(caseId), context);
        change(@case);
        return await SaveAsync(@case, context, outcome);
    }

    /// <summary>The case, for callers of the agency that handles it (or supervising it).</summary>
    private async Task<AccountabilityCase> LoadAsync(Guid id, ServerCallContext context)
    {
        scope.Demand(context.Caller(), await store.HandlingAgencyAsync(id, context.CancellationToken));
        return await store.GetAsync(id, context.CancellationToken);
    }

    private async Task<P.Case> SaveAsync(AccountabilityCase @case, ServerCallContext context, string outcome)
    {
        await store.UpdateAsync(@case, context.CancellationToken);
        await store.SaveAsync(AuditRecord.Of(context, "case", @case.Id.ToString(), outcome), context.CancellationToken);
        return View(@case);
    }

    private P.Case View(AccountabilityCase @case) => Messages.ToProto(@case, ChinaDate.Today(clock), profile);
}
