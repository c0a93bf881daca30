using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Identity.Access;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Rpc;
using Ogi.SecrecyReview.Application;
using Ogi.SecrecyReview.Domain.Queues;
using Ogi.SecrecyReview.Domain.Reviews;
using Ogi.SecrecyReview.Domain.Supervision;
using Ogi.SecrecyReview.Persistence;
using Pb = Ogi.Contracts.Review.V1;

namespace Ogi.SecrecyReview.Api;

/// <summary>
/// ogi.review.v1.ReviewService: each command loads the review, checks the caller's agency scope, lets the domain
/// decide, and saves the review, its audit row and its events in one transaction. Refusals are the domain's.
/// </summary>
public sealed class ReviewApi(
    SecrecyReviewDbContext db,
    ReviewEvents events,
    AgencyScope scope,
    DeadlineCalculator calendar,
    TimeProvider clock) : Pb.ReviewService.ReviewServiceBase
{
    private const string ReviewAggregate = "Review";
    private const string ItemAggregate = "ReviewItem";

    private readonly ReviewStore _store = new(db);

    public override async Task<Pb.SubmitProactiveItemResponse> SubmitProactiveItem(Pb.SubmitProactiveItemRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var agencyCode = string.IsNullOrEmpty(request.AgencyCode) ? caller.AgencyCode! : request.AgencyCode;
        scope.Demand(caller, agencyCode);
        var requestKey = string.IsNullOrWhiteSpace(request.RequestId) ? null : $"{caller.Id}/{request.RequestId}";
        if (requestKey is not null && await ExistingAsync(requestKey, context.CancellationToken) is { } existing)
        {
            return new Pb.SubmitProactiveItemResponse { Review = existing };
        }

        // SR-9: 20 working days from the day the item was formed or changed (the profile may set another period, CAL-5).
        var formed = ReviewMapping.FromDate(request.FormedOrChangedOn, "formed_or_changed_on");
        var deadline = calendar.Start(agencyCode, PeriodKind.ProactivePublication, formed).Result.DeadlineDate!.Value;
        var coProducers = request.CoProducers.ToList();
        if (coProducers.Contains(agencyCode, StringComparer.Ordinal))
        {
            throw new InvalidInputException("co_producers", "the submitting agency is not its own co-producer");
        }

        var now = clock.GetUtcNow();
        var item = new ReviewItem(
            NewId(), agencyCode, request.Title, request.Text, ItemSource.ProactivePublication,
            Proactive: new ProactivePeriod(formed, deadline),
            DeclaredClassification: ReviewMapping.FromContract(request.DeclaredClassification, "declared_classification"),
            CoProducers: coProducers.Count == 0 ? null : coProducers);
        var review = Review.Submit(NewId(), item, caller.Id, now);
        var itemRow = _store.AddItem(item, documentId: null, requestKey, caller.Id, now);
        var consentRequest = coProducers.Count > 0 ? ConsentRequestId(review.Id) : null;
        var loaded = _store.AddReview(itemRow, review, priorReviewId: null, consentRequest);
        if (consentRequest is not null)
        {
            events.RequestConsent(db, item, consentRequest, caller.Id);
        }

        try
        {
            await SaveAsync(context, ItemAggregate, item.ItemId, $"submitted for review {review.Id}");
        }
        catch (DbUpdateException e) when (requestKey is not null && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same request raced itself: the first one stored the item.
            db.ChangeTracker.Clear();
            return new Pb.SubmitProactiveItemResponse { Review = await ExistingAsync(requestKey, context.CancellationToken) };
        }

        return new Pb.SubmitProactiveItemResponse { Review = ReviewMapping.ToContract(loaded) };
    }

    public override async Task<Pb.GetItemResponse> GetItem(Pb.GetItemRequest request, ServerCallContext context)
    {
        ItemRow itemRow;
        if (string.IsNullOrEmpty(request.ItemId))
        {
            Require(request.ApplicationId, "application_id");
            Require(request.DocumentId, "document_id");
            itemRow = await db.Items.SingleOrDefaultAsync(i => i.ApplicationId == request.ApplicationId && i.DocumentId == request.DocumentId, context.CancellationToken)
                ?? throw new NotFoundException($"no review item for document {request.DocumentId} of application {request.ApplicationId}");
        }
        else
        {
            itemRow = await _store.ItemAsync(request.ItemId, context.CancellationToken);
        }

        scope.Demand(context.Caller(), itemRow.AgencyCode);
        var reviews = await _store.ReviewsOfAsync(itemRow, context.CancellationToken);
        var releases = await db.Releases.Where(r => r.ItemId == itemRow.Id).OrderBy(r => r.RecordedAt).ToListAsync(context.CancellationToken);
        var violations = await db.Violations.Where(v => v.ItemId == itemRow.Id).OrderBy(v => v.DetectedAt).ToListAsync(context.CancellationToken);
        return new Pb.GetItemResponse
        {
            Item = ReviewMapping.ToContract(itemRow, ReviewStore.DeserializeItem(itemRow.Item), reviews.LastOrDefault()?.Review),
            Reviews = { reviews.Select(ReviewMapping.ToContract) },
            Releases = { releases.Select(ReviewMapping.ToContract) },
            Violations = { violations.Select(ReviewMapping.ToContract) },
        };
    }

    public override async Task<Pb.GetReviewResponse> GetReview(Pb.GetReviewRequest request, ServerCallContext context) =>
        new() { Review = ReviewMapping.ToContract(await LoadAsync(request.ReviewId, context)) };

    public override async Task<Pb.AssignReviewersResponse> AssignReviewers(Pb.AssignReviewersRequest request, ServerCallContext context) =>
        new() { Review = await ExecuteAsync(request.ReviewId, context, _ => new AssignCommand(clock.GetUtcNow(), request.Reviewer, request.ApprovingLeader), "reviewers assigned") };

    public override async Task<Pb.RecordChecklistResponse> RecordChecklist(Pb.RecordChecklistRequest request, ServerCallContext context)
    {
        var answers = new Dictionary<ChecklistQuestion, ChecklistAnswer>();
        for (var i = 0; i < request.Answers.Count; i++)
        {
            var answer = request.Answers[i];
            var question = ReviewMapping.FromContract<ChecklistQuestion>((int)answer.Question, $"answers[{i}].question");
            if (!answers.TryAdd(question, new ChecklistAnswer(answer.Yes, answer.Note)))
            {
                throw new InvalidInputException($"answers[{i}].question", "answered twice");
            }
        }

        return new() { Review = await ExecuteAsync(request.ReviewId, context, _ => new ChecklistCommand(clock.GetUtcNow(), context.Caller().Id, InGeneralOffice(context), new SecrecyChecklist(answers)), "checklist recorded") };
    }

    public override async Task<Pb.ResolveFindingResponse> ResolveFinding(Pb.ResolveFindingRequest request, ServerCallContext context)
    {
        var disposition = ReviewMapping.FromContract<FindingDisposition>((int)request.Disposition, "disposition");
        return new()
        {
            Review = await ExecuteAsync(request.ReviewId, context,
                _ => new ResolveFindingCommand(clock.GetUtcNow(), context.Caller().Id, InGeneralOffice(context), request.FindingNumber, disposition, request.Justification),
                $"finding {request.FindingNumber} {disposition}"),
        };
    }

    public override async Task<Pb.GiveOpinionResponse> GiveOpinion(Pb.GiveOpinionRequest request, ServerCallContext context)
    {
        var opinion = ReviewMapping.FromContract(request.Opinion);
        return new() { Review = await ExecuteAsync(request.ReviewId, context, _ => new OpinionCommand(clock.GetUtcNow(), context.Caller().Id, InGeneralOffice(context), opinion), $"opinion {opinion.Kind}") };
    }

    public override async Task<Pb.ApproveReviewResponse> ApproveReview(Pb.ApproveReviewRequest request, ServerCallContext context) =>
        new() { Review = await ExecuteAsync(request.ReviewId, context, _ => new ApproveCommand(clock.GetUtcNow(), context.Caller().Id), "approved") };

    public override async Task<Pb.ReturnReviewResponse> ReturnReview(Pb.ReturnReviewRequest request, ServerCallContext context) =>
        new() { Review = await ExecuteAsync(request.ReviewId, context, _ => new ReturnCommand(clock.GetUtcNow(), context.Caller().Id, request.Reason), "returned") };

    public override async Task<Pb.RecordDeterminationResponse> RecordDetermination(Pb.RecordDeterminationRequest request, ServerCallContext context)
    {
        var d = request.Determination ?? throw new InvalidInputException("determination", "required");
        var determination = new ClassificationDetermination(d.Authority, ReviewMapping.FromDate(d.DecidedOn, "determination.decided_on"), d.DocumentNumber, d.IsStateSecret);
        return new()
        {
            Review = await ExecuteAsync(request.ReviewId, context, _ => new DeterminationCommand(clock.GetUtcNow(), context.Caller().Id, InGeneralOffice(context), determination),
                determination.IsStateSecret ? "determined a state secret" : "determined not a state secret"),
        };
    }

    public override async Task<Pb.RecordDeclassificationResponse> RecordDeclassification(Pb.RecordDeclassificationRequest request, ServerCallContext context)
    {
        var d = request.Declassification ?? throw new InvalidInputException("declassification", "required");
        var declassification = new Declassification(d.Authority, ReviewMapping.FromDate(d.DecidedOn, "declassification.decided_on"), d.DocumentNumber);
        var loaded = await LoadAsync(request.ReviewId, context);
        var now = clock.GetUtcNow();
        loaded.Apply(new DeclassificationCommand(now, context.Caller().Id, declassification));
        ReviewStore.Update(loaded, now);

        // SR-4: the same item is reviewed again from the start; the submitter stays the one who put it forward.
        var again = Review.SubmitAfterDeclassification(NewId(), loaded.Review, loaded.ItemRow.SubmittedBy, now);
        var consentRequest = (again.Item.CoProducers ?? []).Count > 0 ? ConsentRequestId(again.Id) : null;
        var next = _store.AddReview(loaded.ItemRow, again, loaded.Review.Id, consentRequest);
        if (consentRequest is not null)
        {
            events.RequestConsent(db, again.Item, consentRequest, context.Caller().Id);
        }

        await SaveAsync(context, ReviewAggregate, loaded.Review.Id, $"declassified; new review {again.Id}");
        return new() { Declassified = ReviewMapping.ToContract(loaded), Review = ReviewMapping.ToContract(next) };
    }

    public override async Task<Pb.RecordCoProducerConsentResponse> RecordCoProducerConsent(Pb.RecordCoProducerConsentRequest request, ServerCallContext context) =>
        new()
        {
            Review = await ExecuteAsync(request.ReviewId, context,
                _ => new ConsentCommand(clock.GetUtcNow(), new CoProducerConsent(request.CoProducer, request.Consents, request.WrittenReference, clock.GetUtcNow())),
                request.Consents ? "co-producer consented" : "co-producer refused"),
        };

    public override async Task<Pb.DeferPublicationResponse> DeferPublication(Pb.DeferPublicationRequest request, ServerCallContext context) =>
        new()
        {
            Review = await ExecuteAsync(request.ReviewId, context, loaded =>
            {
                // SR-9: the deferral counts working days on from the current publication deadline.
                var due = loaded.Review.DueOn ?? Today();
                var until = loaded.Review.Item.Proactive is not null && request.WorkingDays is >= 1 and <= PeriodClock.MaxLength
                    ? new PeriodClock(calendar.Calendars.Current, due, request.WorkingDays).Result.DeadlineDate!.Value
                    : due;
                return new DeferCommand(clock.GetUtcNow(), context.Caller().Id, request.WorkingDays, until, request.Reason);
            }, $"publication deferred {request.WorkingDays} working days"),
        };

    public override async Task<Pb.ListReviewerQueueResponse> ListReviewerQueue(Pb.ListReviewerQueueRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        // The office head also sees the reviews nobody has been named on yet.
        var entries = await QueueAsync(caller, [ReviewTask.Review, ReviewTask.FollowUpEscalation], caller.HasRole(StaffRole.OfficeHead), context.CancellationToken);
        return new() { Entries = { entries } };
    }

    public override async Task<Pb.ListLeaderQueueResponse> ListLeaderQueue(Pb.ListLeaderQueueRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var entries = await QueueAsync(caller, [ReviewTask.Approve, ReviewTask.AwaitConsent], unassigned: false, context.CancellationToken);
        return new() { Entries = { entries } };
    }

    public override async Task<Pb.RecordReleaseResponse> RecordRelease(Pb.RecordReleaseRequest request, ServerCallContext context)
    {
        Require(request.ItemId, "item_id");
        Require(request.ReleasedText, "released_text");
        var caller = context.Caller();
        var itemRow = await _store.ItemAsync(request.ItemId, context.CancellationToken);
        scope.Demand(caller, itemRow.AgencyCode);
        var now = clock.GetUtcNow();
        var today = Today();
        var releasedOn = request.ReleasedOn is null ? today : ReviewMapping.FromDate(request.ReleasedOn, "released_on");
        if (releasedOn > today)
        {
            throw new InvalidInputException("released_on", "a release is recorded once it happened, not ahead");
        }

        var releasedAt = releasedOn == today ? now : WorkingDayCalendar.EndOfDay(releasedOn);
        var reviews = await _store.ReviewsOfAsync(itemRow, context.CancellationToken);
        var found = ReleaseCheck.Examine(new RecordedRelease(itemRow.Id, itemRow.AgencyCode, request.ReleasedText, releasedAt), reviews.Select(r => r.Review));
        var passing = reviews.LastOrDefault(r => r.Review.PassedForRelease && r.Review.ConcludedAt <= releasedAt)?.Review;
        var item = ReviewStore.DeserializeItem(itemRow.Item);
        // SR-9: a proactive item is published within its period, as deferred.
        var deadline = item.Proactive is null ? (DateOnly?)null : reviews.LastOrDefault()?.Review.DueOn ?? item.Proactive.PublicationDeadline;
        var release = new ReleaseRow
        {
            Id = Guid.CreateVersion7(now),
            ItemId = itemRow.Id,
            AgencyCode = itemRow.AgencyCode,
            ReviewId = passing?.Id,
            Reviewed = passing is not null && found.All(v => v.Kind != ViolationKind.ReleaseWithoutReview),
            ReleasedOn = releasedOn,
            ReleasedTextSha256 = ReviewMapping.Sha256(request.ReleasedText),
            RecordedBy = caller.Id,
            WithinPeriod = deadline is { } due ? releasedOn <= due : null,
            RecordedAt = now,
        };
        db.Releases.Add(release);
        events.Release(db, release, item.Source, deadline);
        var violations = found.Select(v => AddViolation(v, caller.Id)).ToList();
        await SaveAsync(context, ItemAggregate, itemRow.Id, violations.Count == 0 ? "release recorded" : $"release recorded; {violations.Count} violation(s)");
        return new() { Release = ReviewMapping.ToContract(release), Violations = { violations.Select(ReviewMapping.ToContract) } };
    }

    public override async Task<Pb.ReportLeakResponse> ReportLeak(Pb.ReportLeakRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        Require(request.ItemId, "item_id");
        // A leak may concern a document that never came to review; it then belongs to the reporter's agency.
        var itemRow = await db.Items.SingleOrDefaultAsync(i => i.Id == request.ItemId, context.CancellationToken);
        var agencyCode = itemRow?.AgencyCode ?? caller.AgencyCode!;
        scope.Demand(caller, agencyCode);
        var latest = itemRow is null ? null : await db.Reviews.Where(r => r.ItemId == itemRow.Id).OrderByDescending(r => r.SubmittedAt).Select(r => r.Id).FirstOrDefaultAsync(context.CancellationToken);
        var leak = LeakReport.Record(request.ItemId, agencyCode, request.Description, clock.GetUtcNow()) with { ReviewId = latest };
        var row = AddViolation(leak, caller.Id);
        await SaveAsync(context, ItemAggregate, request.ItemId, "leak reported");
        return new() { Violation = ReviewMapping.ToContract(row) };
    }

    private ViolationRow AddViolation(ViolationDetected violation, string recordedBy)
    {
        var row = new ViolationRow
        {
            Id = Guid.CreateVersion7(violation.DetectedAt),
            Kind = violation.Kind.ToString(),
            ItemId = violation.ItemId,
            AgencyCode = violation.AgencyCode,
            ReviewId = violation.ReviewId,
            Description = violation.Description,
            RecordedBy = recordedBy,
            DetectedAt = violation.DetectedAt.ToUniversalTime(),
        };
        db.Violations.Add(row);
        events.Violation(db, row, recordedBy);
        return row;
    }

    private async Task<IReadOnlyList<Pb.QueueEntry>> QueueAsync(Principal caller, ReviewTask[] tasks, bool unassigned, CancellationToken cancellationToken)
    {
        var lines = await _store.QueueAsync(caller.AgencyCode!, caller.Id, tasks, unassigned, cancellationToken);
        return ReviewQueue.Build(lines, Today())
            .Select(e => new Pb.QueueEntry
            {
                Task = (Pb.ReviewTask)ReviewMapping.ToContract(e.Task),
                ReviewId = e.ReviewId,
                ItemId = e.ItemId,
                Title = e.Title,
                DueOn = ReviewMapping.ToDate(e.DueOn),
                Overdue = e.Overdue,
                Assignee = e.Assignee ?? "",
            })
            .ToList();
    }

    private async Task<Pb.Review?> ExistingAsync(string requestKey, CancellationToken cancellationToken)
    {
        var itemRow = await db.Items.SingleOrDefaultAsync(i => i.RequestKey == requestKey, cancellationToken);
        if (itemRow is null)
        {
            return null;
        }

        var reviews = await _store.ReviewsOfAsync(itemRow, cancellationToken);
        return ReviewMapping.ToContract(reviews[^1]);
    }

    private async Task<LoadedReview> LoadAsync(string reviewId, ServerCallContext context)
    {
        Require(reviewId, "review_id");
        var loaded = await _store.LoadAsync(reviewId, context.CancellationToken);
        scope.Demand(context.Caller(), loaded.Row.AgencyCode);
        return loaded;
    }

    /// <summary>One command on one review: the domain decides, then state, audit row and events commit together.</summary>
    private async Task<Pb.Review> ExecuteAsync(string reviewId, ServerCallContext context, Func<LoadedReview, ReviewCommand> command, string outcome)
    {
        var loaded = await LoadAsync(reviewId, context);
        var raised = loaded.Apply(command(loaded));
        ReviewStore.Update(loaded, clock.GetUtcNow());
        events.Publish(db, loaded, raised);
        await SaveAsync(context, ReviewAggregate, loaded.Review.Id, outcome);
        return ReviewMapping.ToContract(loaded);
    }

    private async Task SaveAsync(ServerCallContext context, string aggregateType, string aggregateId, string outcome)
    {
        try
        {
            await db.SaveChangesAuditedAsync(AuditRecord.Of(context, aggregateType, aggregateId, outcome), clock, context.CancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrentChangeException($"{aggregateType} {aggregateId} was changed by someone else; reload and try again");
        }
    }

    /// <summary>SR-8: whether the caller belongs to the general office (办公室/综合科), as their token's roles say.</summary>
    private static bool InGeneralOffice(ServerCallContext context) => context.Caller().HasRole(StaffRole.GeneralOffice);

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(WorkingDayCalendar.ChinaOffset).DateTime);

    internal static string NewId() => Guid.CreateVersion7().ToString();

    internal static string ConsentRequestId(string reviewId) => "consent-" + reviewId;

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidInputException(field, "required");
        }
    }
}
