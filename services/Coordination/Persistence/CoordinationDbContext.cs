using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.Coordination.Persistence;

public sealed class CoordinationDbContext(DbContextOptions<CoordinationDbContext> options) : ServiceDbContext(options)
{
    public DbSet<CoordinationRow> Coordinations => Set<CoordinationRow>();

    public DbSet<LetterRow> Letters => Set<LetterRow>();

    public DbSet<ThirdPartyConsultationRow> ThirdPartyConsultations => Set<ThirdPartyConsultationRow>();

    public DbSet<InconsistencyReportRow> InconsistencyReports => Set<InconsistencyReportRow>();

    protected override string Schema => ServiceIdentity.Coordination.Schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<CoordinationRow>(row =>
        {
            row.ToTable("coordinations");
            row.HasKey(c => c.Id);
            row.Property(c => c.Id).HasColumnName("id");
            row.Property(c => c.AgencyCode).HasColumnName("agency_code");
            row.Property(c => c.Source).HasColumnName("source");
            row.Property(c => c.ItemReference).HasColumnName("item_reference");
            row.Property(c => c.ApplicationId).HasColumnName("application_id");
            row.Property(c => c.RequestId).HasColumnName("request_id");
            row.Property(c => c.Status).HasColumnName("status");
            row.Property(c => c.OpenedOn).HasColumnName("opened_on");
            row.Property(c => c.NextDueOn).HasColumnName("next_due_on");
            row.Property(c => c.EscalatedTo).HasColumnName("escalated_to");
            row.Property(c => c.State).HasColumnName("state").HasColumnType("jsonb");
            row.Property(c => c.Version).HasColumnName("version").IsConcurrencyToken();
            row.Property(c => c.CreatedAt).HasColumnName("created_at");
            row.Property(c => c.UpdatedAt).HasColumnName("updated_at");
            row.HasMany(c => c.Letters).WithOne().HasForeignKey(l => l.CoordinationId);
        });
        modelBuilder.Entity<LetterRow>(row =>
        {
            row.ToTable("coordination_letters");
            row.HasKey(l => new { l.CoordinationId, l.AgencyCode });
            row.Property(l => l.CoordinationId).HasColumnName("coordination_id");
            row.Property(l => l.AgencyCode).HasColumnName("agency_code");
            row.Property(l => l.Kind).HasColumnName("kind");
            row.Property(l => l.Status).HasColumnName("status");
            row.Property(l => l.DueOn).HasColumnName("due_on");
        });
        modelBuilder.Entity<ThirdPartyConsultationRow>(row =>
        {
            row.ToTable("third_party_consultations");
            row.HasKey(c => c.Id);
            row.Property(c => c.Id).HasColumnName("id");
            row.Property(c => c.AgencyCode).HasColumnName("agency_code");
            row.Property(c => c.Source).HasColumnName("source");
            row.Property(c => c.ItemReference).HasColumnName("item_reference");
            row.Property(c => c.ApplicationId).HasColumnName("application_id");
            row.Property(c => c.RequestId).HasColumnName("request_id");
            row.Property(c => c.ThirdPartyReference).HasColumnName("third_party_reference");
            row.Property(c => c.Status).HasColumnName("status");
            row.Property(c => c.SentOn).HasColumnName("sent_on");
            row.Property(c => c.DueOn).HasColumnName("due_on");
            row.Property(c => c.State).HasColumnName("state").HasColumnType("jsonb");
            row.Property(c => c.Version).HasColumnName("version").IsConcurrencyToken();
            row.Property(c => c.CreatedAt).HasColumnName("created_at");
            row.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        });
        modelBuilder.Entity<InconsistencyReportRow>(row =>
        {
            row.ToTable("inconsistency_reports");
            row.HasKey(r => r.Id);
            row.Property(r => r.Id).HasColumnName("id");
            row.Property(r => r.Reporter).HasColumnName("reporter");
            row.Property(r => r.ReportingAgencyCode).HasColumnName("reporting_agency_code");
            row.Property(r => r.RoutedBy).HasColumnName("routed_by");
            row.Property(r => r.Route).HasColumnName("route");
            row.Property(r => r.RoutedToCode).HasColumnName("routed_to_code");
            row.Property(r => r.Description).HasColumnName("description");
            row.Property(r => r.Publications).HasColumnName("publications").HasColumnType("jsonb");
            row.Property(r => r.ReportedOn).HasColumnName("reported_on");
            row.Property(r => r.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.MapMessaging();
    }
}
