using Npgsql;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Testing;
using Ogi.Intake.Persistence;

namespace Ogi.Identity.Tests;

/// <summary>The hash-chained audit trail on a real PostgreSQL, written as the intake service's role.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AuditTrailTests(PostgresFixture postgres) : IAsyncLifetime
{
    private string _admin = "";
    private string _role = "";

    public async Task InitializeAsync()
    {
        _admin = await postgres.CreateDatabaseAsync("audit");
        _role = await ServiceDatabaseSetup.ProvisionAndMigrateAsync<IntakeDbContext>(_admin, ServiceIdentity.Intake);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IntakeDbContext Context() => ServiceDatabase.CreateContext<IntakeDbContext>(_role, ServiceIdentity.Intake);

    private static AuditRecord Record(int n, string outcome = "ok") =>
        new("p-100" + n, "ogi.intake.v1.IntakeService/RegisterApplication", "Application", "XJZJ-2026-" + n, outcome);

    private async Task<List<AuditEntry>> AppendCommandsAsync(int count)
    {
        var entries = new List<AuditEntry>();
        for (var i = 1; i <= count; i++)
        {
            await using var context = Context();
            await using var transaction = await context.Database.BeginTransactionAsync();
            entries.Add(await AuditTrail.AppendAsync(context, Record(i)));
            await transaction.CommitAsync();
        }

        return entries;
    }

    private async Task<AuditChainReport> VerifyAsync()
    {
        await using var context = Context();
        return await AuditTrail.VerifyAsync(context);
    }

    private async Task AsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>An administrator with the power to switch off the append-only trigger, as an insider attack would.</summary>
    private Task RewriteAsAdminAsync(string sql) => AsAdminAsync($"""
        ALTER TABLE intake.audit_entries DISABLE TRIGGER audit_entries_no_update_or_delete;
        {sql};
        ALTER TABLE intake.audit_entries ENABLE TRIGGER audit_entries_no_update_or_delete;
        """);

    [Fact]
    public async Task Appended_rows_form_a_chain_that_verifies()
    {
        var entries = await AppendCommandsAsync(3);
        Assert.Null(entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
        Assert.Equal(new AuditChainReport(3, null, null), await VerifyAsync());
    }

    [Fact]
    public async Task Rows_appended_together_extend_the_chain_in_their_order_under_ascending_ids()
    {
        var before = await AppendCommandsAsync(1);
        IReadOnlyList<AuditEntry> together;
        await using (var context = Context())
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            together = await AuditTrail.AppendAllAsync(context, [Record(2), Record(3) with { Details = "second of the group" }, Record(4)]);
            await transaction.CommitAsync();
        }

        Assert.Equal(["XJZJ-2026-2", "XJZJ-2026-3", "XJZJ-2026-4"], together.Select(e => e.AggregateId));
        Assert.Equal(before[0].Hash, together[0].PreviousHash);
        Assert.Equal(together[0].Hash, together[1].PreviousHash);
        Assert.Equal(together[1].Hash, together[2].PreviousHash);
        Assert.True(before[0].Id < together[0].Id && together[0].Id < together[1].Id && together[1].Id < together[2].Id);
        Assert.Equal(new AuditChainReport(4, null, null), await VerifyAsync());
        Assert.Equal(together[2].Hash, (await AppendCommandsAsync(1))[0].PreviousHash);
    }

    [Fact]
    public async Task An_audit_row_is_written_only_inside_the_commands_transaction()
    {
        await using var context = Context();
        await Assert.ThrowsAsync<InvalidOperationException>(() => AuditTrail.AppendAsync(context, Record(1)));

        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            await AuditTrail.AppendAsync(context, Record(2, "refused"));
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, (await VerifyAsync()).RowsChecked);
        await context.SaveChangesAuditedAsync(Record(3));
        var report = await VerifyAsync();
        Assert.True(report.IsIntact);
        Assert.Equal(1, report.RowsChecked);
    }

    [Fact]
    public async Task A_tampered_audit_row_is_detected_with_its_id()
    {
        var entries = await AppendCommandsAsync(4);
        await RewriteAsAdminAsync($"UPDATE intake.audit_entries SET outcome = 'approved' WHERE id = {entries[2].Id}");
        var report = await VerifyAsync();
        Assert.False(report.IsIntact);
        Assert.Equal(entries[2].Id, report.BrokenAtId);
        Assert.StartsWith("hash does not match the row's content", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_row_inserted_behind_the_writers_back_is_detected()
    {
        var entries = await AppendCommandsAsync(2);
        // The forger even copies the last hash into previous_hash; the row's own hash gives it away.
        await AsAdminAsync($"""
            INSERT INTO intake.audit_entries (occurred_at, actor, action, aggregate_type, aggregate_id, outcome, previous_hash, hash)
            SELECT now(), 'p-666', 'ogi.intake.v1.IntakeService/IssueReply', 'Application', 'XJZJ-2026-9', 'ok', hash, sha256(hash)
            FROM intake.audit_entries WHERE id = {entries[1].Id}
            """);
        var report = await VerifyAsync();
        Assert.Equal(entries[1].Id + 1, report.BrokenAtId);
        Assert.Equal(3, report.RowsChecked);
    }

    [Fact]
    public async Task A_removed_row_breaks_the_link_of_the_row_after_it()
    {
        var entries = await AppendCommandsAsync(3);
        await RewriteAsAdminAsync($"DELETE FROM intake.audit_entries WHERE id = {entries[1].Id}");
        var report = await VerifyAsync();
        Assert.Equal(entries[2].Id, report.BrokenAtId);
        Assert.StartsWith($"previous_hash does not match the hash of row {entries[0].Id}", report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_commands_extend_one_chain()
    {
        const int commands = 24;
        await Task.WhenAll(Enumerable.Range(1, commands).Select(async i =>
        {
            await using var context = Context();
            await using var transaction = await context.Database.BeginTransactionAsync();
            await AuditTrail.AppendAsync(context, Record(i));
            await Task.Delay(i % 3); // keep the transaction open a little after the append, as a real command would
            await transaction.CommitAsync();
        }));

        Assert.Equal(new AuditChainReport(commands, null, null), await VerifyAsync());
    }

    [Fact]
    public async Task Audit_text_keeps_ids_only()
    {
        await using var context = Context();
        await using var transaction = await context.Database.BeginTransactionAsync();
        var entry = await AuditTrail.AppendAsync(context, Record(1) with { Details = "applicant 11010519491231002X, phone 13812345678" });
        Assert.DoesNotContain("11010519491231002X", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", entry.Details, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => AuditTrail.AppendAsync(context, Record(2) with { AggregateId = "11010519491231002X" }));
        await transaction.CommitAsync();
        Assert.True((await VerifyAsync()).IsIntact);
    }
}
