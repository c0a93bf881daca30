using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Messaging.Receiving;
using Ogi.SecrecyReview.Api;
using Ogi.SecrecyReview.Domain.Reviews;
using Ogi.SecrecyReview.Persistence;
using Co = Ogi.Contracts.Coordination.V1;
using In = Ogi.Contracts.Intake.V1;

namespace Ogi.SecrecyReview.Application;

/// <summary>The events secrecy-review consumes: documents intake wants released (SR-1) and coordination's answers (SR-8).</summary>
public static class ReviewEventHandlers
{
    /// <summary>
    /// SR-1 先审查后公开: one review item per intake document. Idempotent by event (the inbox) and by business key
    /// (application and document): intake asking again for the same document finds the item it already has.
    /// </summary>
    public static async Task OnReviewRequested(In.ReviewRequested message, HandlerContext<SecrecyReviewDbContext> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var db = context.Db;
        if (await db.Items.AnyAsync(i => i.ApplicationId == message.ApplicationId && i.DocumentId == message.DocumentId, cancellationToken))
        {
            return;
        }

        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var item = new ReviewItem(
            ReviewApi.NewId(), message.AgencyCode, message.Title, message.Text, ItemSource.ApplicationDocument,
            ApplicationId: message.ApplicationId,
            ReplyDeadline: message.ReplyDeadline is null ? null : ReviewMapping.FromDate(message.ReplyDeadline, "reply_deadline"));
        var review = Review.Submit(ReviewApi.NewId(), item, message.SubmittedBy, now);
        var store = new ReviewStore(db);
        var itemRow = store.AddItem(item, message.DocumentId, requestKey: null, message.SubmittedBy, now);
        store.AddReview(itemRow, review, priorReviewId: null, consentRequestId: null);
    }

    /// <summary>
    /// SR-8: coordination concluded on a jointly produced item. Its answer stands for every co-producer's written
    /// answer: consent when release is permitted, refusal otherwise. It lands on the review that asked, or, when that
    /// one was superseded by a declassification (SR-4), on the item's review in progress.
    /// </summary>
    public static async Task OnCoordinationConcluded(Co.CoordinationConcluded message, HandlerContext<SecrecyReviewDbContext> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        if (message.Source != Co.ItemSource.SecrecyReview)
        {
            return;
        }

        var db = context.Db;
        var store = new ReviewStore(db);
        var asking = string.IsNullOrEmpty(message.RequestId)
            ? null
            : await db.Reviews.Where(r => r.ConsentRequestId == message.RequestId).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var loaded = asking is null ? null : await store.LoadAsync(asking, cancellationToken);
        if (loaded is null || loaded.Review.Status is ReviewStatus.Concluded or ReviewStatus.Superseded)
        {
            loaded = await store.OpenReviewOfAsync(message.ItemReference, cancellationToken);
        }

        if (loaded is null)
        {
            return;
        }

        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var coProducer in loaded.Review.Item.CoProducers ?? [])
        {
            loaded.Apply(new ConsentCommand(now, new CoProducerConsent(coProducer, message.ReleasePermitted, $"coordination {message.CoordinationId}", now)));
        }

        ReviewStore.Update(loaded, now);
    }
}
