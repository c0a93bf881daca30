using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Testing;
using Ogi.Intake.Domain;
using Ogi.Intake.Persistence;
using static Ogi.Intake.Tests.Given;

namespace Ogi.Intake.Tests;

/// <summary>Applications on the real PostgreSQL: round trip, tracking numbers, idempotency, concurrency.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ApplicationStoreTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly byte[] Secret = "test-applicant-key-secret"u8.ToArray();
    private string _role = "";

    public async Task InitializeAsync()
    {
        var admin = await postgres.CreateDatabaseAsync("intake_store");
        _role = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<IntakeDbContext>(admin, ServiceIdentity.Intake);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IntakeDbContext Context() => ServiceDatabase.CreateContext<IntakeDbContext>(_role, ServiceIdentity.Intake);

    [Fact]
    public async Task The_migrated_schema_matches_the_model()
    {
        await using var context = Context();
        Assert.Empty(await SchemaConformance.DifferencesAsync(context));
    }

    [Fact]
    public async Task An_application_comes_back_exactly_as_it_was_saved()
    {
        var application = Received(D(2026, 3, 2));
        application.RequestCorrection(["文号"], D(2026, 3, 20), Clerk, D(2026, 3, 4), Calendar);
        application.SubmitCorrection(D(2026, 3, 9));
        application.StartConsultation("co-9", D(2026, 3, 10));
        application.EndConsultation("co-9", D(2026, 3, 12));
        application.AttachDocument("doc-1", "资金安排表", Classification.None);
        application.RecordReview("doc-1", ReviewVerdict.Partial, Classification.None, "released/doc-1");
        await SaveNewAsync(application);

        await using var context = Context();
        var loaded = await new ApplicationStore(context, Calendar, Secret).FindAsync(application.Id);

        Assert.NotNull(loaded);
        Assert.Equal(Canonical(application), Canonical(loaded));
        Assert.Equal(application.Deadline(Calendar)!.DeadlineDate, loaded.Deadline(Calendar)!.DeadlineDate);
        var row = await context.Applications.AsNoTracking().SingleAsync(a => a.Id == application.Id);
        Assert.Equal(application.Deadline(Calendar)!.DeadlineDate, row.Deadline);
        Assert.Equal("InProgress", row.Status);
    }

    [Fact]
    public async Task INT3_tracking_numbers_are_gap_free_per_agency_and_year_under_concurrency()
    {
        const string agency = "GAPFREE";
        // 40 concurrent transactions, every fourth rolled back: the committed numbers are still 1..30.
        var committed = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await using var context = Context();
            var store = new ApplicationStore(context, Calendar, Secret);
            await using var transaction = await context.Database.BeginTransactionAsync();
            var number = (await store.NextSequencesAsync([(agency, 2026)])).Single();
            if (i % 4 == 3)
            {
                await transaction.RollbackAsync();
                return (long?)null;
            }

            await transaction.CommitAsync();
            return number;
        }));

        var numbers = committed.Where(n => n is not null).Select(n => n!.Value).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 30).Select(n => (long)n), numbers);

        await using var other = Context();
        await using var tx = await other.Database.BeginTransactionAsync();
        Assert.Equal([1L], await new ApplicationStore(other, Calendar, Secret).NextSequencesAsync([(agency, 2027)]));
    }

    [Fact]
    public async Task INT3_a_group_of_applications_gets_consecutive_numbers_per_agency_and_year_in_its_order()
    {
        await using var context = Context();
        var store = new ApplicationStore(context, Calendar, Secret);
        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            Assert.Equal([1L], await store.NextSequencesAsync([("GROUP-A", 2026)]));
            await transaction.CommitAsync();
        }

        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            var numbers = await store.NextSequencesAsync([("GROUP-A", 2026), ("GROUP-B", 2026), ("GROUP-A", 2026), ("GROUP-A", 2027), ("GROUP-A", 2026)]);
            Assert.Equal([2L, 1L, 3L, 1L, 4L], numbers);
            await transaction.CommitAsync();
        }

        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            Assert.Equal([5L, 2L], await store.NextSequencesAsync([("GROUP-A", 2026), ("GROUP-B", 2026)]));
        }
    }

    [Fact]
    public async Task INT1_the_same_platform_request_id_finds_the_same_application_and_cannot_be_stored_twice()
    {
        var first = Submitted();
        await SaveNewAsync(first, submittedBy: "platform-a");

        await using (var context = Context())
        {
            var store = new ApplicationStore(context, Calendar, Secret);
            var found = await store.FindByRequestsAsync([("platform-a", first.RequestId), ("platform-b", first.RequestId), ("platform-a", "never-sent")]);
            Assert.Equal(first.Id, Assert.Single(found, f => f.Key == ("platform-a", first.RequestId)).Value.Id);
            Assert.Single(found);
        }

        var duplicate = DisclosureApplication.Submit(Guid.NewGuid(), Agency, "CC-2026-999999", first.RequestId, Person(), Request(), D(2026, 2, 9), Clerk);
        await Assert.ThrowsAsync<ConcurrentChangeException>(() => SaveNewAsync(duplicate, submittedBy: "platform-a"));
    }

    [Fact]
    public async Task A_stale_save_is_refused_as_a_concurrent_change()
    {
        var application = Received(D(2026, 3, 2));
        await SaveNewAsync(application);

        await using var first = Context();
        await using var second = Context();
        var firstStore = new ApplicationStore(first, Calendar, Secret);
        var secondStore = new ApplicationStore(second, Calendar, Secret);
        var a = (await firstStore.FindAsync(application.Id))!;
        var b = (await secondStore.FindAsync(application.Id))!;

        a.Suspend("不可抗力", D(2026, 3, 3));
        await firstStore.UpdateAsync(a, DateTimeOffset.UtcNow);
        await firstStore.SaveChangesAsync();

        b.IssueReply(NotHeld, D(2026, 3, 3), Clerk, Calendar);
        await secondStore.UpdateAsync(b, DateTimeOffset.UtcNow);
        await Assert.ThrowsAsync<ConcurrentChangeException>(() => secondStore.SaveChangesAsync());
    }

    [Fact]
    public async Task INT7_an_applicants_applications_are_counted_per_calendar_month()
    {
        var applicant = Person(id: "11010519800101" + "123" + ChineseIdentifiers.CitizenIdCheckCharacter("11010519800101123"));
        foreach (var day in new[] { D(2026, 4, 1), D(2026, 4, 15), D(2026, 4, 30), D(2026, 5, 1) })
        {
            await SaveNewAsync(Submitted(on: day, applicant: applicant));
        }

        await using var context = Context();
        var store = new ApplicationStore(context, Calendar, Secret);
        Assert.Equal(3, await store.CountThisMonthAsync(applicant, D(2026, 4, 20)));
        Assert.Equal(1, await store.CountThisMonthAsync(applicant, D(2026, 5, 2)));
        Assert.Equal(0, await store.CountThisMonthAsync(Person(), D(2026, 4, 20)));
    }

    [Fact]
    public async Task INT12_the_applicant_finds_the_application_only_with_the_right_verification_code()
    {
        var application = Submitted();
        await SaveNewAsync(application, verificationCode: "ABCD2345");

        await using var context = Context();
        var store = new ApplicationStore(context, Calendar, Secret);
        Assert.Equal(application.Id, (await store.FindForApplicantAsync(application.TrackingNumber, "abcd2345"))!.Id);
        Assert.Null(await store.FindForApplicantAsync(application.TrackingNumber, "ABCD2346"));
    }

    private async Task SaveNewAsync(DisclosureApplication application, string submittedBy = "platform-a", string verificationCode = "CODE2345")
    {
        await using var context = Context();
        var store = new ApplicationStore(context, Calendar, Secret);
        await using var transaction = await context.Database.BeginTransactionAsync();
        await store.InsertAsync([(application, submittedBy, verificationCode, DateTimeOffset.UtcNow)]);
        await transaction.CommitAsync();
    }

    private static string Canonical(DisclosureApplication application) =>
        System.Text.Json.JsonSerializer.Serialize(application.ToSnapshot());
}
