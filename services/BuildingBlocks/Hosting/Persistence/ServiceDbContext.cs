using Microsoft.EntityFrameworkCore;

namespace Ogi.BuildingBlocks.Hosting.Persistence;

/// <summary>
/// Base of every service's DbContext: everything lives in the service's own schema, and every
/// service keeps the same append-only audit table.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The PostgreSQL schema this context owns.</summary>
    protected abstract string Schema { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable(AuditTrailMigration.Table);
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            audit.Property(a => a.OccurredAt).HasColumnName("occurred_at");
            audit.Property(a => a.Actor).HasColumnName("actor");
            audit.Property(a => a.Action).HasColumnName("action");
            audit.Property(a => a.AggregateType).HasColumnName("aggregate_type");
            audit.Property(a => a.AggregateId).HasColumnName("aggregate_id");
            audit.Property(a => a.Outcome).HasColumnName("outcome");
            audit.Property(a => a.Details).HasColumnName("details");
            audit.Property(a => a.PreviousHash).HasColumnName("previous_hash");
            audit.Property(a => a.Hash).HasColumnName("hash");
            audit.HasIndex(a => new { a.AggregateType, a.AggregateId });
        });
    }
}
