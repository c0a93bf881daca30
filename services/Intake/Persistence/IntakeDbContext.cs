using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.Intake.Persistence;

public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options) : ServiceDbContext(options)
{
    public DbSet<ApplicationRow> Applications => Set<ApplicationRow>();

    public DbSet<TrackingSequence> TrackingSequences => Set<TrackingSequence>();

    protected override string Schema => ServiceIdentity.Intake.Schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ApplicationRow>(row =>
        {
            row.ToTable("applications");
            row.HasKey(a => a.Id);
            row.Property(a => a.Id).HasColumnName("id");
            row.Property(a => a.AgencyCode).HasColumnName("agency_code");
            row.Property(a => a.TrackingNumber).HasColumnName("tracking_number");
            row.Property(a => a.SubmittedBy).HasColumnName("submitted_by");
            row.Property(a => a.RequestId).HasColumnName("request_id");
            row.Property(a => a.VerificationCodeHash).HasColumnName("verification_code_hash");
            row.Property(a => a.ApplicantKey).HasColumnName("applicant_key");
            row.Property(a => a.Status).HasColumnName("status");
            row.Property(a => a.ApplicantType).HasColumnName("applicant_type");
            row.Property(a => a.SubmittedOn).HasColumnName("submitted_on");
            row.Property(a => a.ReceivedOn).HasColumnName("received_on");
            row.Property(a => a.Deadline).HasColumnName("deadline");
            row.Property(a => a.RepliedOn).HasColumnName("replied_on");
            row.Property(a => a.MonitorDueOn).HasColumnName("monitor_due_on");
            row.Property(a => a.Outcome).HasColumnName("outcome");
            row.Property(a => a.State).HasColumnName("state").HasColumnType("jsonb");
            row.Property(a => a.Version).HasColumnName("version").IsConcurrencyToken();
            row.Property(a => a.CreatedAt).HasColumnName("created_at");
            row.Property(a => a.UpdatedAt).HasColumnName("updated_at");
            row.HasIndex(a => a.TrackingNumber).IsUnique();
            row.HasIndex(a => new { a.SubmittedBy, a.RequestId }).IsUnique();
        });
        modelBuilder.Entity<TrackingSequence>(sequence =>
        {
            sequence.ToTable("tracking_sequences");
            sequence.HasKey(s => new { s.AgencyCode, s.Year });
            sequence.Property(s => s.AgencyCode).HasColumnName("agency_code");
            sequence.Property(s => s.Year).HasColumnName("year");
            sequence.Property(s => s.LastValue).HasColumnName("last_value");
        });
        modelBuilder.MapMessaging();
    }
}
