using System.Diagnostics;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Identity.Access;
using Ogi.BuildingBlocks.Identity.Agencies;
using Ogi.BuildingBlocks.Identity.PersonalData;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Rpc;
using Ogi.BuildingBlocks.Messaging;
using Ogi.Contracts.Intake.V1;
using Ogi.Intake.Notices;
using Ogi.Intake.Persistence;
using Coordination = Ogi.Contracts.Coordination.V1;
using D = Ogi.Intake.Domain;

namespace Ogi.Intake.Api;

/// <summary>
/// ogi.intake.v1.IntakeService. Each command loads the application, checks who may act on it (agency scope for staff,
/// ownership for platforms), runs the domain rule, and commits the state, its events and an audit row together.
/// </summary>
public sealed class IntakeApi(
    IntakeDbContext db,
    ApplicationStore store,
    IntakeEventPublisher publisher,
    DeadlineCalculator calendar,
    AgencyDirectory agencies,
    AgencyScope scope,
    NoticeWriter notices,
    SubmissionGroupCommit submissions,
    TimeProvider clock) : IntakeService.IntakeServiceBase
{
    private const string AggregateType = "Application";

    public override async Task<SubmitApplicationResponse> SubmitApplication(SubmitApplicationRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        if (string.IsNullOrWhiteSpace(request.RequestId))
        {
            throw new InvalidInputException("request_id", "平台请求编号不能为空");
        }

        var agency = agencies.Find(request.AgencyCode) ?? throw new InvalidInputException("agency_code", "受理机关不在机关名录中");
        var applicant = request.Applicant.ToDomain();
        var details = request.Request.ToDomain();
        D.DisclosureApplication.Validate(request.RequestId, applicant, details);
        var now = clock.GetUtcNow();
        // Committed in a group with the submissions arriving meanwhile (see SubmissionGroupCommit); answered after the commit.
        var (application, replayed) = await submissions.SubmitAsync(new Submission(Guid.CreateVersion7(now), caller.Id, request.RequestId, agency, applicant, details,
            now, context.Method.TrimStart('/'), Activity.Current), context.CancellationToken);
        return new SubmitApplicationResponse
        {
            Application = View(application, caller, replayed ? LegalDay.Today(clock) : LegalDay.Of(now)),
            VerificationCode = store.VerificationCodeOf(application.Id),
            Replayed = replayed,
        };
    }

    public override async Task<ConfirmReceiptResponse> ConfirmReceipt(ConfirmReceiptRequest request, ServerCallContext context) =>
        new()
        {
            Application = await ChangeAsync(request.ApplicationId, context, "receipt confirmed", (a, today, caller) =>
            a.ConfirmReceipt(request.ReceivedOn.RequiredDate("received_on"), caller.Id, today))
        };

    public override async Task<RequestCorrectionResponse> RequestCorrection(RequestCorrectionRequest request, ServerCallContext context) =>
        new()
        {
            Application = await ChangeAsync(request.ApplicationId, context, "correction requested", (a, today, caller) =>
            a.RequestCorrection(request.Items, request.DueOn.RequiredDate("due_on"), caller.Id, today, calendar))
        };

    public override async Task<SubmitCorrectionResponse> SubmitCorrection(SubmitCorrectionRequest request, ServerCallContext context) =>
        new()
        {
            Application = await ChangeAsync(request.ApplicationId, context, "correction submitted", (a, today, _) =>
            a.SubmitCorrection(request.ReceivedOn.ToDateOnly("received_on") ?? today))
        };

    public override async Task<ExtendDeadlineResponse> ExtendDeadline(ExtendDeadlineRequest request, ServerCallContext context) =>
        new()
        {
            Application = await ChangeAsync(request.ApplicationId, context, "deadline extended", (a, today, caller) =>
            // INT-5: the office head approves, and not the clerk handling it (the domain refuses the same person).
            a.Extend(request.WorkingDays, request.Reason, caller.Id, caller.HasRole(StaffRole.OfficeHead), today, calendar))
        };

    public override async Task<SuspendApplicationResponse> SuspendApplication(SuspendApplicationRequest request, ServerCallContext context) =>
        new()
        {
            Application = await ChangeAsync(request.ApplicationId, context, "suspended", (a, today, _) =>
            a.Suspend(request.Reason, request.On.ToDateOnly("on") ?? today))
        };

    public override async Task<ResumeApplicationResponse> ResumeApplication(ResumeApplicationRequest request, ServerCallContext context) =>
        new()
        {
            Application = await ChangeAsync(request.ApplicationId, context, "resumed", (a, today, _) =>
            a.Resume(request.On.ToDateOnly("on") ?? today))
        };

    public override async Task<IssueFeeNoticeResponse> IssueFeeNotice(IssueFeeNoticeRequest request, ServerCallContext context)
    {
        var method = (D.FeeMethod)(int)request.Method;
        // INT-7 按件: the applicant's count this calendar month decides the fee.
        var quantity = method == D.FeeMethod.PerApplication
            ? await store.OrdinalThisMonthAsync(ProtoMapping.ApplicationId(request.ApplicationId), context.CancellationToken)
            : request.Pages;
        return new()
        {
            Application = await ChangeAsync(request.ApplicationId, context, "fee notice issued", (a, today, _) =>
            a.IssueFeeNotice(method, quantity, request.ReceivedOn.ToDateOnly("received_on") ?? today, calendar))
        };
    }

    public override async Task<RecordFeePaymentResponse> RecordFeePayment(RecordFeePaymentRequest request, ServerCallContext context) =>
        new()
        {
            Application = await ChangeAsync(request.ApplicationId, context, "fee paid", (a, today, _) =>
            a.RecordPayment(request.PaidOn.ToDateOnly("paid_on") ?? today))
        };

    public override async Task<AttachDocumentsResponse> AttachDocuments(AttachDocumentsRequest request, ServerCallContext context)
    {
        if (request.Documents.Count == 0)
        {
            throw new InvalidInputException("documents", "应至少添加一份文件");
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var coordinations = new List<ReleaseDocumentInput>();
        var view = await ChangeAsync(request.ApplicationId, context, "documents attached", (a, _, _) =>
        {
            foreach (var document in request.Documents)
            {
                if (string.IsNullOrWhiteSpace(document.Text))
                {
                    throw new InvalidInputException("documents.text", "应提供文件全文以供保密审查");
                }

                var concerned = document.AgenciesConcerned.Count > 0 || document.ThirdParties.Count > 0;
                a.AttachDocument(document.DocumentId, document.Title, document.Classification.ToDomain(), concerned);
                texts[document.DocumentId] = document.Text;
                if (concerned)
                {
                    coordinations.Add(document);
                }
            }
        }, texts, (a, caller) =>
        {
            // CO-1: documents that concern other agencies or third parties go to coordination too.
            foreach (var document in coordinations)
            {
                publisher.Publish(db, a, Topics.Intake, CoordinationRequest(a, document, caller.Id));
            }
        });
        return new() { Application = view };
    }

    public override async Task<IssueReplyResponse> IssueReply(IssueReplyRequest request, ServerCallContext context) =>
        new()
        {
            Application = await ChangeAsync(request.ApplicationId, context, "replied", (a, today, caller) =>
        {
            var draft = new D.ReplyDraft((D.ReplyOutcome)(int)request.Outcome, (D.OutcomeReason)(int)request.Reason, request.LegalBasis, request.Explanation,
                request.DeliveredForm == RequestedForm.Unspecified ? null : (D.RequestedForm)(int)request.DeliveredForm,
                NullIfEmpty(request.CompetentAgency), NullIfEmpty(request.AlreadyPublishedAt));
            a.IssueReply(draft, today, caller.Id, calendar);
        })
        };

    public override async Task<WithdrawApplicationResponse> WithdrawApplication(WithdrawApplicationRequest request, ServerCallContext context) =>
        new() { Application = await ChangeAsync(request.ApplicationId, context, "withdrawn", (a, today, _) => a.Withdraw(today)) };

    public override async Task<ConcludeRecordCorrectionResponse> ConcludeRecordCorrection(ConcludeRecordCorrectionRequest request, ServerCallContext context) =>
        new()
        {
            Application = await ChangeAsync(request.ApplicationId, context, "record correction concluded", (a, today, caller) =>
            a.ConcludeRecordCorrection((D.RecordCorrectionResult)(int)request.Result, request.Explanation, NullIfEmpty(request.CompetentAgency), today, caller.Id))
        };

    public override async Task<GetApplicationResponse> GetApplication(GetApplicationRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var (application, _) = await LoadAuthorisedAsync(request.ApplicationId, caller, context.CancellationToken);
        return new() { Application = View(application, caller, LegalDay.Today(clock)) };
    }

    public override async Task<ListApplicationsResponse> ListApplications(ListApplicationsRequest request, ServerCallContext context)
    {
        var filter = new ApplicationFilter(Status: StatusFilter(request.Status));
        var (rows, next) = await store.ListAsync(OwnAgency(context), filter, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListApplicationsResponse { NextPageToken = next };
        response.Applications.AddRange(rows.Select(r => r.ToSummary()));
        return response;
    }

    public override async Task<SearchApplicationsResponse> SearchApplications(SearchApplicationsRequest request, ServerCallContext context)
    {
        var filter = new ApplicationFilter(StatusFilter(request.Status), NullIfEmpty(request.TrackingNumberPrefix),
            request.ReceivedFrom.ToDateOnly("received_from"), request.ReceivedTo.ToDateOnly("received_to"), request.DeadlineBy.ToDateOnly("deadline_by"));
        var (rows, next) = await store.ListAsync(OwnAgency(context), filter, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new SearchApplicationsResponse { NextPageToken = next };
        response.Applications.AddRange(rows.Select(r => r.ToSummary()));
        return response;
    }

    public override async Task<GetProgressResponse> GetProgress(GetProgressRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.TrackingNumber) || string.IsNullOrWhiteSpace(request.VerificationCode))
        {
            throw new InvalidInputException(string.IsNullOrWhiteSpace(request.TrackingNumber) ? "tracking_number" : "verification_code", "不能为空");
        }

        // INT-12: a wrong code and an unknown number answer alike, so numbers cannot be probed.
        var application = await store.FindForApplicantAsync(request.TrackingNumber.Trim(), request.VerificationCode, context.CancellationToken)
            ?? throw new NotFoundException("没有与该编号和查询码相符的申请");
        return new() { Progress = application.ToProgress(calendar, LegalDay.Today(clock)) };
    }

    public override async Task<GetNoticeResponse> GetNotice(GetNoticeRequest request, ServerCallContext context)
    {
        if (!Enum.IsDefined((Notices.NoticeKind)(int)request.Kind))
        {
            throw new InvalidInputException("kind", "应选择告知书种类");
        }

        var (application, _) = await LoadAuthorisedAsync(request.ApplicationId, context.Caller(), context.CancellationToken);
        var notice = notices.Write((Notices.NoticeKind)(int)request.Kind, application, agencies.Get(application.AgencyCode).Name, LegalDay.Today(clock));
        return new() { Notice = new Notice { Kind = request.Kind, Title = notice.Title, ContentType = "text/html; charset=utf-8", Content = notice.Html } };
    }

    /// <summary>The command pattern every state change shares: load, authorise, change, publish, audit, commit.</summary>
    private async Task<ApplicationView> ChangeAsync(string applicationId, ServerCallContext context, string outcome,
        Action<D.DisclosureApplication, DateOnly, Principal> change, IReadOnlyDictionary<string, string>? documentTexts = null,
        Action<D.DisclosureApplication, Principal>? alsoPublish = null)
    {
        var caller = context.Caller();
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var today = LegalDay.Of(now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (application, _) = await LoadAuthorisedAsync(applicationId, caller, ct);
        change(application, today, caller);
        await store.UpdateAsync(application, now, ct);
        publisher.Publish(db, application, application.DequeueEvents(), documentTexts, caller.Id);
        alsoPublish?.Invoke(application, caller);
        await store.SaveChangesAsync(ct);
        await AppendAuditAsync(context, application, outcome, ct);
        await transaction.CommitAsync(ct);
        return View(application, caller, today);
    }

    /// <summary>
    /// The audit row, last before the commit: the trail's lock (one chain per service) is then held only for the
    /// append and the commit, not for the command's own writes. Rows name the application by its tracking number,
    /// the id staff know it by (a UUID can look like a phone number to the personal-data check).
    /// </summary>
    private Task AppendAuditAsync(ServerCallContext context, D.DisclosureApplication application, string outcome, CancellationToken ct) =>
        AuditTrail.AppendAsync(db, AuditRecord.Of(context, AggregateType, application.TrackingNumber, outcome), clock, ct);

    /// <summary>INT-12: staff act within their agency scope; a platform only on the applications it submitted.</summary>
    private async Task<(D.DisclosureApplication Application, string SubmittedBy)> LoadAuthorisedAsync(string applicationId, Principal caller, CancellationToken ct)
    {
        var found = await store.FindWithOwnerAsync(ProtoMapping.ApplicationId(applicationId), ct) ?? throw new NotFoundException("申请不存在");
        if (caller.Kind == PrincipalKind.ProvincialPlatform && found.SubmittedBy != caller.Id)
        {
            throw new AccessDeniedException($"{caller} did not submit application {found.Application.Id}");
        }

        scope.Demand(caller, found.Application.AgencyCode);
        return found;
    }

    private static string OwnAgency(ServerCallContext context) =>
        context.Caller().AgencyCode ?? throw new AccessDeniedException("only staff of an agency list its applications");

    private ApplicationView View(D.DisclosureApplication application, Principal caller, DateOnly today) =>
        application.ToView(calendar, today, PersonalDataPolicy.For(caller, application.AgencyCode));

    private static Coordination.CoordinationRequested CoordinationRequest(D.DisclosureApplication application, ReleaseDocumentInput document, string requestedBy)
    {
        var reference = $"{application.Id}/{document.DocumentId}";
        var message = new Coordination.CoordinationRequested
        {
            RequestId = reference,
            Source = Coordination.ItemSource.Application,
            ItemReference = reference,
            ApplicationId = application.Id.ToString(),
            AgencyCode = application.AgencyCode,
            Title = document.Title,
            DraftText = document.Text,
            RequestedBy = requestedBy,
        };
        message.AgenciesConcerned.AddRange(document.AgenciesConcerned.Select(a => new Coordination.AgencyConcerned
        {
            AgencyCode = a.AgencyCode,
            AgencyName = a.AgencyName,
            Ground = a.Ground == Coordination.ConcernGround.Unspecified ? Coordination.ConcernGround.Content : a.Ground,
        }));
        message.ThirdParties.AddRange(document.ThirdParties.Select(t => new Coordination.ThirdParty
        {
            Reference = t.Reference,
            Name = t.Name,
            Interest = t.Interest == Coordination.ThirdPartyInterest.Unspecified ? Coordination.ThirdPartyInterest.OtherLawfulRights : t.Interest,
        }));
        return message;
    }

    private static D.ApplicationStatus? StatusFilter(Contracts.Intake.V1.ApplicationStatus status) =>
        status == Contracts.Intake.V1.ApplicationStatus.Unspecified ? null : (D.ApplicationStatus)(int)status;

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
