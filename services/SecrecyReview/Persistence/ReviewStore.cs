using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Domain;
using Ogi.SecrecyReview.Domain.Queues;
using Ogi.SecrecyReview.Domain.Reviews;

namespace Ogi.SecrecyReview.Persistence;

/// <summary>A review loaded for a command: its rows, the rebuilt aggregate, and the log a new command extends.</summary>
public sealed class LoadedReview(ItemRow itemRow, ReviewRow row, Review review, List<ReviewCommand> commands)
{
    public ItemRow ItemRow { get; } = itemRow;

    public ReviewRow Row { get; } = row;

    public Review Review { get; } = review;

    public IReadOnlyList<ReviewCommand> Commands => commands;

    /// <summary>Runs <paramref name="command"/> on the aggregate (the domain refuses or accepts) and returns what it raised.</summary>
    public IReadOnlyList<ReviewEvent> Apply(ReviewCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var before = Review.Events.Count;
        command.ApplyTo(Review);
        commands.Add(command);
        return Review.Events.Skip(before).ToList();
    }
}

/// <summary>
/// Loads and saves items and reviews. A save writes the review's query columns and its command log together and
/// fails with <see cref="ConcurrentChangeException"/> when someone else saved the same review first.
/// </summary>
public sealed class ReviewStore(SecrecyReviewDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // jsonb stores keys in its own order, so the command's discriminator need not come first.
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(ReviewItem item) => JsonSerializer.Serialize(item, Json);

    public static ReviewItem DeserializeItem(string json) => JsonSerializer.Deserialize<ReviewItem>(json, Json)!;

    public async Task<LoadedReview> LoadAsync(string reviewId, CancellationToken cancellationToken = default)
    {
        var row = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken)
            ?? throw new NotFoundException($"review {reviewId} not found");
        var itemRow = await db.Items.SingleAsync(i => i.Id == row.ItemId, cancellationToken);
        return await RestoreAsync(itemRow, row, cancellationToken);
    }

    public async Task<ItemRow> ItemAsync(string itemId, CancellationToken cancellationToken = default) =>
        await db.Items.SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken)
            ?? throw new NotFoundException($"item {itemId} not found");

    /// <summary>Every review of the item, oldest first (SR-4: a declassified item has more than one).</summary>
    public async Task<IReadOnlyList<LoadedReview>> ReviewsOfAsync(ItemRow itemRow, CancellationToken cancellationToken = default)
    {
        var rows = await db.Reviews.Where(r => r.ItemId == itemRow.Id).OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var loaded = new List<LoadedReview>(rows.Count);
        foreach (var row in rows)
        {
            loaded.Add(await RestoreAsync(itemRow, row, cancellationToken));
        }

        return loaded;
    }

    /// <summary>
    /// Queue lines of the agency's reviews waiting for someone: <paramref name="person"/>'s own <paramref name="tasks"/>,
    /// and, with <paramref name="unassigned"/>, the reviews nobody is named on yet. Reads the queue columns only.
    /// </summary>
    public async Task<IReadOnlyList<QueueLine>> QueueAsync(string agencyCode, string person, IReadOnlyCollection<ReviewTask> tasks, bool unassigned,
        CancellationToken cancellationToken = default)
    {
        var taskNames = tasks.Select(t => t.ToString()).ToList();
        const string Assign = nameof(ReviewTask.AssignReviewers);
        var rows = await db.Reviews.AsNoTracking()
            .Where(r => r.AgencyCode == agencyCode && r.QueueTask != null
                && ((r.Assignee == person && taskNames.Contains(r.QueueTask)) || (unassigned && r.QueueTask == Assign)))
            .Select(r => new { r.Id, r.ItemId, r.Title, r.Assignee, r.QueueTask, r.DueOn, r.SubmittedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new QueueLine(r.Id, r.ItemId, r.Title, r.Assignee, Enum.Parse<ReviewTask>(r.QueueTask!), r.DueOn, r.SubmittedAt)).ToList();
    }

    /// <summary>The item's review still in progress (not concluded, not superseded), if any.</summary>
    public async Task<LoadedReview?> OpenReviewOfAsync(string itemId, CancellationToken cancellationToken = default)
    {
        var row = await db.Reviews
            .Where(r => r.ItemId == itemId && r.Status != nameof(ReviewStatus.Concluded) && r.Status != nameof(ReviewStatus.Superseded))
            .OrderByDescending(r => r.SubmittedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : await LoadAsync(row.Id, cancellationToken);
    }

    public ItemRow AddItem(ReviewItem item, string? documentId, string? requestKey, string submittedBy, DateTimeOffset at)
    {
        var row = new ItemRow
        {
            Id = item.ItemId,
            AgencyCode = item.AgencyCode,
            Source = item.Source.ToString(),
            ApplicationId = item.ApplicationId,
            DocumentId = documentId,
            RequestKey = requestKey,
            SubmittedBy = submittedBy,
            SubmittedAt = at.ToUniversalTime(),
            Item = Serialize(item),
        };
        db.Items.Add(row);
        return row;
    }

    /// <summary>Stores a newly submitted review (SR-1) or the new review after a declassification (SR-4).</summary>
    public LoadedReview AddReview(ItemRow itemRow, Review review, string? priorReviewId, string? consentRequestId)
    {
        ArgumentNullException.ThrowIfNull(review);
        var row = new ReviewRow
        {
            Id = review.Id,
            ItemId = itemRow.Id,
            AgencyCode = itemRow.AgencyCode,
            Status = review.Status.ToString(),
            PriorReviewId = priorReviewId,
            ConsentRequestId = consentRequestId,
            // timestamptz columns take UTC; the instant is what matters.
            SubmittedAt = review.SubmittedAt.ToUniversalTime(),
            UpdatedAt = review.SubmittedAt.ToUniversalTime(),
            Title = review.Item.Title,
            Commands = "[]",
        };
        Project(row, review);
        db.Reviews.Add(row);
        return new LoadedReview(itemRow, row, review, []);
    }

    /// <summary>Writes the aggregate's columns and log into its row; the caller's SaveChanges commits them.</summary>
    public static void Update(LoadedReview loaded, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        Project(loaded.Row, loaded.Review);
        loaded.Row.Commands = JsonSerializer.Serialize<IReadOnlyList<ReviewCommand>>(loaded.Commands, Json);
        loaded.Row.UpdatedAt = at.ToUniversalTime();
        loaded.Row.Version++;
    }

    private static void Project(ReviewRow row, Review review)
    {
        row.Status = review.Status.ToString();
        row.Reviewer = review.Reviewer;
        row.ApprovingLeader = review.ApprovingLeader;
        row.DueOn = review.DueOn;
        row.Title = review.Item.Title;
        var line = ReviewQueue.LineOf(review);
        row.QueueTask = line?.Task.ToString();
        row.Assignee = line?.Assignee;
    }

    private async Task<LoadedReview> RestoreAsync(ItemRow itemRow, ReviewRow row, CancellationToken cancellationToken)
    {
        var item = DeserializeItem(itemRow.Item);
        Review review;
        if (row.PriorReviewId is { } priorId)
        {
            var priorRow = await db.Reviews.SingleAsync(r => r.Id == priorId, cancellationToken);
            var prior = await RestoreAsync(itemRow, priorRow, cancellationToken);
            review = Review.SubmitAfterDeclassification(row.Id, prior.Review, itemRow.SubmittedBy, row.SubmittedAt);
        }
        else
        {
            review = Review.Submit(row.Id, item, itemRow.SubmittedBy, row.SubmittedAt);
        }

        var commands = JsonSerializer.Deserialize<List<ReviewCommand>>(row.Commands, Json)!;
        foreach (var command in commands)
        {
            command.ApplyTo(review);
        }

        return new LoadedReview(itemRow, row, review, commands);
    }
}
