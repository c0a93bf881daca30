using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.Accountability.Persistence;

public sealed class AccountabilityDbContext(DbContextOptions<AccountabilityDbContext> options) : ServiceDbContext(options)
{
    public DbSet<CaseRow> Cases => Set<CaseRow>();

    public DbSet<RecordRow> Records => Set<RecordRow>();

    public DbSet<FailedAssessmentRow> FailedAssessments => Set<FailedAssessmentRow>();

    protected override string Schema => ServiceIdentity.Accountability.Schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<CaseRow>(row =>
        {
            row.ToTable("cases");
            row.HasKey(c => c.Id);
            row.Property(c => c.Id).HasColumnName("id");
            row.Property(c => c.CaseKey).HasColumnName("case_key");
            row.Property(c => c.SourceKind).HasColumnName("source_kind");
            row.Property(c => c.Status).HasColumnName("status");
            row.Property(c => c.UnitCode).HasColumnName("unit_code");
            row.Property(c => c.HandlingAgencyCode).HasColumnName("handling_agency_code");
            row.Property(c => c.TrackingCode).HasColumnName("tracking_code");
            row.Property(c => c.FiledBy).HasColumnName("filed_by");
            row.Property(c => c.OpenedOn).HasColumnName("opened_on");
            row.Property(c => c.AcceptanceDue).HasColumnName("acceptance_due");
            row.Property(c => c.RectificationDue).HasColumnName("rectification_due");
            row.Property(c => c.RectificationReportedOn).HasColumnName("rectification_reported_on");
            row.Property(c => c.EscalatedOn).HasColumnName("escalated_on");
            row.Property(c => c.State).HasColumnName("state").HasColumnType("jsonb");
            row.Property(c => c.Version).HasColumnName("version").IsConcurrencyToken();
            row.Property(c => c.CreatedAt).HasColumnName("created_at");
            row.Property(c => c.UpdatedAt).HasColumnName("updated_at");
            row.HasIndex(c => c.CaseKey).IsUnique();
            row.HasIndex(c => c.TrackingCode).IsUnique();
        });
        modelBuilder.Entity<RecordRow>(row =>
        {
            row.ToTable("records");
            row.HasKey(r => new { r.CaseId, r.SubjectKind, r.SubjectKey });
            row.Property(r => r.CaseId).HasColumnName("case_id");
            row.Property(r => r.SubjectKind).HasColumnName("subject_kind");
            row.Property(r => r.SubjectKey).HasColumnName("subject_key");
            row.Property(r => r.UnitName).HasColumnName("unit_name");
            row.Property(r => r.Violation).HasColumnName("violation");
            row.Property(r => r.Severity).HasColumnName("severity");
            row.Property(r => r.DirectResponsibility).HasColumnName("direct_responsibility");
            row.Property(r => r.OccurredOn).HasColumnName("occurred_on");
            row.Property(r => r.DecidedOn).HasColumnName("decided_on");
            row.Property(r => r.Measures).HasColumnName("measures");
            row.Property(r => r.Revoked).HasColumnName("revoked");
        });
        modelBuilder.Entity<FailedAssessmentRow>(row =>
        {
            row.ToTable("failed_assessments");
            row.HasKey(f => new { f.AssessmentId, f.AgencyCode });
            row.Property(f => f.AssessmentId).HasColumnName("assessment_id");
            row.Property(f => f.AgencyCode).HasColumnName("agency_code");
            row.Property(f => f.Year).HasColumnName("year");
            row.Property(f => f.Level).HasColumnName("level");
        });
        modelBuilder.MapMessaging();
    }
}
