using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.SecrecyReview.Persistence;

public sealed class SecrecyReviewDbContext(DbContextOptions<SecrecyReviewDbContext> options) : ServiceDbContext(options)
{
    public DbSet<ItemRow> Items => Set<ItemRow>();

    public DbSet<ReviewRow> Reviews => Set<ReviewRow>();

    public DbSet<ReleaseRow> Releases => Set<ReleaseRow>();

    public DbSet<ViolationRow> Violations => Set<ViolationRow>();

    protected override string Schema => ServiceIdentity.SecrecyReview.Schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ItemRow>(row =>
        {
            row.ToTable("items");
            row.HasKey(i => i.Id);
            row.Property(i => i.Id).HasColumnName("id");
            row.Property(i => i.AgencyCode).HasColumnName("agency_code");
            row.Property(i => i.Source).HasColumnName("source");
            row.Property(i => i.ApplicationId).HasColumnName("application_id");
            row.Property(i => i.DocumentId).HasColumnName("document_id");
            row.Property(i => i.RequestKey).HasColumnName("request_key");
            row.Property(i => i.SubmittedBy).HasColumnName("submitted_by");
            row.Property(i => i.SubmittedAt).HasColumnName("submitted_at");
            row.Property(i => i.Item).HasColumnName("item").HasColumnType("jsonb");
        });
        modelBuilder.Entity<ReviewRow>(row =>
        {
            row.ToTable("reviews");
            row.HasKey(r => r.Id);
            row.Property(r => r.Id).HasColumnName("id");
            row.Property(r => r.ItemId).HasColumnName("item_id");
            row.Property(r => r.AgencyCode).HasColumnName("agency_code");
            row.Property(r => r.Status).HasColumnName("status");
            row.Property(r => r.Reviewer).HasColumnName("reviewer");
            row.Property(r => r.ApprovingLeader).HasColumnName("approving_leader");
            row.Property(r => r.DueOn).HasColumnName("due_on");
            row.Property(r => r.Title).HasColumnName("title");
            row.Property(r => r.QueueTask).HasColumnName("queue_task");
            row.Property(r => r.Assignee).HasColumnName("assignee");
            row.Property(r => r.PriorReviewId).HasColumnName("prior_review_id");
            row.Property(r => r.ConsentRequestId).HasColumnName("consent_request_id");
            row.Property(r => r.SubmittedAt).HasColumnName("submitted_at");
            row.Property(r => r.UpdatedAt).HasColumnName("updated_at");
            row.Property(r => r.Commands).HasColumnName("commands").HasColumnType("jsonb");
            row.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
        });
        modelBuilder.Entity<ReleaseRow>(row =>
        {
            row.ToTable("releases");
            row.HasKey(r => r.Id);
            row.Property(r => r.Id).HasColumnName("id");
            row.Property(r => r.ItemId).HasColumnName("item_id");
            row.Property(r => r.AgencyCode).HasColumnName("agency_code");
            row.Property(r => r.ReviewId).HasColumnName("review_id");
            row.Property(r => r.Reviewed).HasColumnName("reviewed");
            row.Property(r => r.ReleasedOn).HasColumnName("released_on");
            row.Property(r => r.ReleasedTextSha256).HasColumnName("released_text_sha256");
            row.Property(r => r.RecordedBy).HasColumnName("recorded_by");
            row.Property(r => r.WithinPeriod).HasColumnName("within_period");
            row.Property(r => r.RecordedAt).HasColumnName("recorded_at");
        });
        modelBuilder.Entity<ViolationRow>(row =>
        {
            row.ToTable("violations");
            row.HasKey(v => v.Id);
            row.Property(v => v.Id).HasColumnName("id");
            row.Property(v => v.Kind).HasColumnName("kind");
            row.Property(v => v.ItemId).HasColumnName("item_id");
            row.Property(v => v.AgencyCode).HasColumnName("agency_code");
            row.Property(v => v.ReviewId).HasColumnName("review_id");
            row.Property(v => v.Description).HasColumnName("description");
            row.Property(v => v.RecordedBy).HasColumnName("recorded_by");
            row.Property(v => v.DetectedAt).HasColumnName("detected_at");
        });
        modelBuilder.MapMessaging();
    }
}
