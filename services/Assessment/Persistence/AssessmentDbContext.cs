using Microsoft.EntityFrameworkCore;
using Ogi.Assessment.ReadModel;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.Assessment.Persistence;

public sealed class AssessmentDbContext(DbContextOptions<AssessmentDbContext> options) : ServiceDbContext(options)
{
    public DbSet<SchemeRow> Schemes => Set<SchemeRow>();

    public DbSet<AssessmentRow> Assessments => Set<AssessmentRow>();

    public DbSet<CampaignRow> Campaigns => Set<CampaignRow>();

    public DbSet<RectificationRow> Rectifications => Set<RectificationRow>();

    public DbSet<AnnualReportRow> AnnualReports => Set<AnnualReportRow>();

    public DbSet<ReviewCaseRow> ReviewCases => Set<ReviewCaseRow>();

    public DbSet<ApplicationFactRow> ApplicationFacts => Set<ApplicationFactRow>();

    public DbSet<Table3CountRow> Table3Counts => Set<Table3CountRow>();

    public DbSet<ReleaseFactRow> ReleaseFacts => Set<ReleaseFactRow>();

    public DbSet<LetterFactRow> LetterFacts => Set<LetterFactRow>();

    public DbSet<ComplaintFactRow> ComplaintFacts => Set<ComplaintFactRow>();

    public DbSet<AccountabilityDecisionRow> AccountabilityDecisions => Set<AccountabilityDecisionRow>();

    protected override string Schema => ServiceIdentity.Assessment.Schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<SchemeRow>(e =>
        {
            e.ToTable("schemes");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasColumnName("id");
            e.Property(r => r.Year).HasColumnName("year");
            e.Property(r => r.Level).HasColumnName("level");
            e.Property(r => r.OrganiserAgencyCode).HasColumnName("organiser_agency_code");
            e.Property(r => r.Frozen).HasColumnName("frozen");
            e.Property(r => r.Document).HasColumnName("document").HasColumnType("jsonb");
            e.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
        });
        modelBuilder.Entity<AssessmentRow>(e =>
        {
            e.ToTable("assessments");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasColumnName("id");
            e.Property(r => r.SchemeId).HasColumnName("scheme_id");
            e.Property(r => r.Year).HasColumnName("year");
            e.Property(r => r.Level).HasColumnName("level");
            e.Property(r => r.OrganiserAgencyCode).HasColumnName("organiser_agency_code");
            e.Property(r => r.CurrentStep).HasColumnName("current_step");
            e.Property(r => r.Log).HasColumnName("log").HasColumnType("jsonb");
            e.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
        });
        modelBuilder.Entity<CampaignRow>(e =>
        {
            e.ToTable("campaigns");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasColumnName("id");
            e.Property(r => r.Year).HasColumnName("year");
            e.Property(r => r.OrganiserAgencyCode).HasColumnName("organiser_agency_code");
            e.Property(r => r.CurrentStep).HasColumnName("current_step");
            e.Property(r => r.Log).HasColumnName("log").HasColumnType("jsonb");
            e.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
        });
        modelBuilder.Entity<RectificationRow>(e =>
        {
            e.ToTable("rectifications");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasColumnName("id");
            e.Property(r => r.AgencyCode).HasColumnName("agency_code");
            e.Property(r => r.Origin).HasColumnName("origin");
            e.Property(r => r.SourceId).HasColumnName("source_id");
            e.Property(r => r.Problems).HasColumnName("problems");
            e.Property(r => r.NoticeDate).HasColumnName("notice_date");
            e.Property(r => r.DueDate).HasColumnName("due_date");
            e.Property(r => r.Provisional).HasColumnName("provisional");
            e.Property(r => r.CalendarVersion).HasColumnName("calendar_version");
            e.Property(r => r.ProfileName).HasColumnName("profile_name");
            e.Property(r => r.ReportFiledOn).HasColumnName("report_filed_on");
            e.Property(r => r.Report).HasColumnName("report");
            e.Property(r => r.Adequate).HasColumnName("adequate");
            e.Property(r => r.Measure).HasColumnName("measure");
            e.Property(r => r.ConclusionReason).HasColumnName("conclusion_reason");
            e.Property(r => r.DecidedBy).HasColumnName("decided_by");
            e.Property(r => r.DecidedAt).HasColumnName("decided_at");
            e.Property(r => r.OverdueReportedOn).HasColumnName("overdue_reported_on");
            e.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
        });
        modelBuilder.Entity<AnnualReportRow>(e =>
        {
            e.ToTable("annual_reports");
            e.HasKey(r => new { r.AgencyCode, r.Year });
            e.Property(r => r.AgencyCode).HasColumnName("agency_code");
            e.Property(r => r.Year).HasColumnName("year");
            e.Property(r => r.Text).HasColumnName("text").HasColumnType("jsonb");
            e.Property(r => r.Table2).HasColumnName("table2").HasColumnType("jsonb");
            e.Property(r => r.Table3Corrections).HasColumnName("table3_corrections").HasColumnType("jsonb");
            e.Property(r => r.PublishedOn).HasColumnName("published_on");
            e.Property(r => r.PublishedTable3).HasColumnName("published_table3").HasColumnType("jsonb");
            e.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
        });
        modelBuilder.Entity<ReviewCaseRow>(e =>
        {
            e.ToTable("review_cases");
            e.HasKey(r => new { r.AgencyCode, r.Year, r.CaseReference });
            e.Property(r => r.AgencyCode).HasColumnName("agency_code");
            e.Property(r => r.Year).HasColumnName("year");
            e.Property(r => r.CaseReference).HasColumnName("case_reference");
            e.Property(r => r.Proceeding).HasColumnName("proceeding");
            e.Property(r => r.Result).HasColumnName("result");
        });
        MapReadModel(modelBuilder);
        modelBuilder.MapMessaging();
    }

    private static void MapReadModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ApplicationFactRow>(e =>
        {
            e.ToTable("application_facts");
            e.HasKey(r => r.ApplicationId);
            e.Property(r => r.ApplicationId).HasColumnName("application_id");
            e.Property(r => r.AgencyCode).HasColumnName("agency_code");
            e.Property(r => r.TrackingNumber).HasColumnName("tracking_number");
            e.Property(r => r.ApplicantType).HasColumnName("applicant_type");
            e.Property(r => r.ReceivedOn).HasColumnName("received_on");
            e.Property(r => r.Deadline).HasColumnName("deadline");
            e.Property(r => r.Suspended).HasColumnName("suspended");
            e.Property(r => r.RepliedOn).HasColumnName("replied_on");
            e.Property(r => r.OutcomeRow).HasColumnName("outcome_row");
            e.Property(r => r.Late).HasColumnName("late");
            e.Property(r => r.BreachedOn).HasColumnName("breached_on");
        });
        modelBuilder.Entity<Table3CountRow>(e =>
        {
            e.ToTable("table3_counts");
            e.HasKey(r => new { r.AgencyCode, r.Year, r.Row, r.ApplicantType });
            e.Property(r => r.AgencyCode).HasColumnName("agency_code");
            e.Property(r => r.Year).HasColumnName("year");
            e.Property(r => r.Row).HasColumnName("row");
            e.Property(r => r.ApplicantType).HasColumnName("applicant_type");
            e.Property(r => r.Count).HasColumnName("count");
        });
        modelBuilder.Entity<ReleaseFactRow>(e =>
        {
            e.ToTable("release_facts");
            e.HasKey(r => r.ItemId);
            e.Property(r => r.ItemId).HasColumnName("item_id");
            e.Property(r => r.AgencyCode).HasColumnName("agency_code");
            e.Property(r => r.Proactive).HasColumnName("proactive");
            e.Property(r => r.Reviewed).HasColumnName("reviewed");
            e.Property(r => r.ReleasedOn).HasColumnName("released_on");
            e.Property(r => r.PublicationDeadline).HasColumnName("publication_deadline");
            e.Property(r => r.WithinPeriod).HasColumnName("within_period");
        });
        modelBuilder.Entity<LetterFactRow>(e =>
        {
            e.ToTable("letter_facts");
            e.HasKey(r => new { r.CoordinationId, r.AgencyCode });
            e.Property(r => r.CoordinationId).HasColumnName("coordination_id");
            e.Property(r => r.AgencyCode).HasColumnName("agency_code");
            e.Property(r => r.DueOn).HasColumnName("due_on");
            e.Property(r => r.AnsweredOn).HasColumnName("answered_on");
            e.Property(r => r.OnTime).HasColumnName("on_time");
        });
        modelBuilder.Entity<ComplaintFactRow>(e =>
        {
            e.ToTable("complaint_facts");
            e.HasKey(r => r.CaseId);
            e.Property(r => r.CaseId).HasColumnName("case_id");
            e.Property(r => r.AgencyCode).HasColumnName("agency_code");
            e.Property(r => r.DueOn).HasColumnName("due_on");
            e.Property(r => r.AnsweredOn).HasColumnName("answered_on");
            e.Property(r => r.OnTime).HasColumnName("on_time");
        });
        modelBuilder.Entity<AccountabilityDecisionRow>(e =>
        {
            e.ToTable("accountability_decisions");
            e.HasKey(r => r.CaseId);
            e.Property(r => r.CaseId).HasColumnName("case_id");
            e.Property(r => r.AgencyCode).HasColumnName("agency_code");
            e.Property(r => r.Violation).HasColumnName("violation");
            e.Property(r => r.DecidedOn).HasColumnName("decided_on");
        });
    }
}
