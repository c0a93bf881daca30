using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.Accountability.Persistence;
using Ogi.Accountability.Rectification;
using Ogi.BuildingBlocks.Messaging;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Accountability.V1;

namespace Ogi.Accountability.Tests.Service;

/// <summary>AC-11: rectification reports and the watch that escalates a missed deadline.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class RectificationTests(AccountabilityFixture service) : IClassFixture<AccountabilityFixture>
{
    private RectificationWatch Watch => service.Host.Services.GetRequiredService<RectificationWatch>();

    [Fact]
    public async Task AC11_a_missed_rectification_deadline_escalates_the_case_once_and_a_report_in_time_does_not()
    {
        service.Clock.SetDate(new DateOnly(2026, 3, 2));
        var missed = await service.DecidedBreachAsync("app-rect-missed", "h-rect-missed", new DateOnly(2026, 2, 1));
        var reported = await service.DecidedBreachAsync("app-rect-reported", "h-rect-reported", new DateOnly(2026, 2, 1));
        var due = new DateOnly(2026, 4, 1);
        Assert.Equal(AccountabilityFixture.Date(due), missed.RectificationDue);

        // The unit's own staff send the written report.
        var unitStaff = service.Host.Staff("office-yzjy", AccountabilityFixture.Unit, BuildingBlocks.Identity.Principals.StaffRole.OfficeHead);
        await service.Client.ReportRectificationAsync(new ReportRectificationRequest { CaseId = reported.CaseId, Report = "已建立答复时限提醒制度" }, unitStaff);
        await AccountabilityFixture.AssertRuleAsync("AC-11", service.Client.ReportRectificationAsync(
            new ReportRectificationRequest { CaseId = reported.CaseId, Report = "再报一次" }, unitStaff));

        service.Clock.SetDate(due);
        Assert.Equal(0, await Watch.EscalateOverdueAsync(CancellationToken.None));

        service.Clock.SetDate(due.AddDays(1));
        Assert.Equal(1, await Watch.EscalateOverdueAsync(CancellationToken.None));
        Assert.Equal(0, await Watch.EscalateOverdueAsync(CancellationToken.None));

        var escalated = await service.Host.Events.WaitForAsync<RectificationEscalated>(e => e.CaseId == missed.CaseId, Topics.Accountability);
        Assert.Equal(AccountabilityFixture.Date(due), escalated.DueOn);
        Assert.Equal(AccountabilityFixture.Date(due.AddDays(1)), escalated.EscalatedOn);
        Assert.Equal(AccountabilityFixture.Handling, escalated.HandlingAgencyCode);
        Assert.Single(service.Host.Events.All<RectificationEscalated>(), e => e.CaseId == missed.CaseId);
        Assert.DoesNotContain(service.Host.Events.All<RectificationEscalated>(), e => e.CaseId == reported.CaseId);
        var after = (await service.Client.GetCaseAsync(new GetCaseRequest { CaseId = missed.CaseId }, service.Supervisor)).Case;
        Assert.Equal(AccountabilityFixture.Date(due.AddDays(1)), after.EscalatedOn);
    }

    [Fact]
    public async Task AC11_two_watches_at_once_escalate_each_case_once()
    {
        service.Clock.SetDate(new DateOnly(2026, 5, 4));
        var cases = new List<Case>();
        for (var i = 0; i < 4; i++)
        {
            cases.Add(await service.DecidedBreachAsync($"app-rect-race-{i}", $"h-rect-race-{i}", new DateOnly(2026, 4, 1)));
        }

        service.Clock.SetDate(new DateOnly(2026, 6, 4));
        var rounds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Watch.EscalateOverdueAsync(CancellationToken.None))));

        Assert.Equal(4, rounds.Sum());
        foreach (var decided in cases)
        {
            await service.Host.Events.WaitForAsync<RectificationEscalated>(e => e.CaseId == decided.CaseId, Topics.Accountability);
        }

        Assert.Equal(4, service.Host.Events.All<RectificationEscalated>().Count(e => cases.Any(c => c.CaseId == e.CaseId)));
    }

    [Fact]
    public async Task Each_state_change_writes_an_audit_row_naming_the_caller_by_id_and_the_chain_holds()
    {
        // Late in the year, so its rectification deadline is after every other test's watch round.
        service.Clock.SetDate(new DateOnly(2026, 11, 2));
        var decided = await service.DecidedBreachAsync("app-audit", "h-audit", new DateOnly(2026, 10, 1));

        await using var scope = service.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountabilityDbContext>();
        var trail = await db.AuditEntries.AsNoTracking().Where(e => e.AggregateId == decided.CaseId).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            ["opened", "investigation-started", "evidence-recorded", "facts-established", "defence-recorded", "measures-proposed", "decided"],
            trail.Select(e => e.Outcome));
        Assert.Equal("leader-yz-01", trail[^1].Actor);
        Assert.Equal("ogi.accountability.v1.AccountabilityService/DecideCase", trail[^1].Action);
        Assert.True((await AuditTrail.VerifyAsync(db)).IsIntact);
    }

    [Fact]
    public async Task The_schema_the_migrations_build_matches_the_model()
    {
        await using var scope = service.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountabilityDbContext>();
        Assert.Empty(await SchemaConformance.DifferencesAsync(db));
    }
}
