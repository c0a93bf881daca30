using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ogi.Accountability.Api;
using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Catalogue;
using Ogi.Accountability.Domain.Measures;
using Ogi.Accountability.Domain.Records;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging;
using P = Ogi.Contracts.Accountability.V1;

namespace Ogi.Accountability.Persistence;

/// <summary>
/// Loads and saves cases. Saving writes the document and the query columns, turns what the case recorded since it was
/// loaded into records (AC-12) and outbox events (AC-13), all in the caller's unit of work, and fails with
/// <see cref="ConcurrentChangeException"/> when someone else saved the same case first.
/// </summary>
public sealed class CaseStore(AccountabilityDbContext db, Outbox outbox, TimeProvider clock)
{
    private const string UnitKind = "unit";
    private const string PersonKind = "person";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new ReadOnlySetConverter() },
    };

    public AccountabilityDbContext Db => db;

    public async Task<AccountabilityCase> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await FindAsync(id, cancellationToken) ?? throw new NotFoundException($"case {id} does not exist");

    public async Task<AccountabilityCase?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await db.Cases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return row is null ? null : Restore(row);
    }

    /// <summary>AC-1: the case a source already opened, if any.</summary>
    public async Task<AccountabilityCase?> FindByKeyAsync(string caseKey, CancellationToken cancellationToken = default)
    {
        var row = await db.Cases.SingleOrDefaultAsync(c => c.CaseKey == caseKey, cancellationToken);
        return row is null ? null : Restore(row);
    }

    /// <summary>AC-1: a complaint by its tracking code, only for the platform that filed it.</summary>
    public async Task<AccountabilityCase?> FindComplaintAsync(string trackingCode, string filedBy, CancellationToken cancellationToken = default)
    {
        var code = trackingCode.Trim().ToUpperInvariant();
        var row = await db.Cases.SingleOrDefaultAsync(c => c.TrackingCode == code && c.FiledBy == filedBy, cancellationToken);
        return row is null ? null : Restore(row);
    }

    /// <summary>The agency that handles the case: its routing once routed, else (a registered complaint) the level above.</summary>
    public async Task<string> HandlingAgencyAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Cases.Where(c => c.Id == id).Select(c => c.HandlingAgencyCode).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException($"case {id} does not exist");

    public async Task AddAsync(AccountabilityCase @case, string handlingAgencyCode, string? filedBy, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var row = new CaseRow
        {
            Id = @case.Id,
            CaseKey = @case.Key,
            SourceKind = @case.Source.Kind.ToString(),
            Status = "",
            UnitCode = @case.Unit.Code,
            HandlingAgencyCode = handlingAgencyCode,
            TrackingCode = @case.ReporterTrackingCode,
            FiledBy = filedBy,
            OpenedOn = @case.OpenedOn,
            State = "",
            CreatedAt = now,
        };
        Write(row, @case, now);
        db.Cases.Add(row);
        await RecordEventsAsync(@case, cancellationToken);
    }

    /// <summary>Writes a loaded case back; the row's version guards against a concurrent change.</summary>
    public async Task UpdateAsync(AccountabilityCase @case, CancellationToken cancellationToken = default)
    {
        var row = db.Cases.Local.SingleOrDefault(c => c.Id == @case.Id)
            ?? await db.Cases.SingleAsync(c => c.Id == @case.Id, cancellationToken);
        Write(row, @case, clock.GetUtcNow());
        row.Version++;
        await RecordEventsAsync(@case, cancellationToken);
    }

    /// <summary>SaveChanges with the audit row of the command, concurrency conflicts as the domain's refusal (ABORTED).</summary>
    public async Task SaveAsync(AuditRecord? audit, CancellationToken cancellationToken = default)
    {
        try
        {
            if (audit is null)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                await db.SaveChangesAuditedAsync(audit, clock, cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrentChangeException("该案件已被他人修改，请刷新后重试");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_cases_case_key" })
        {
            throw new ConcurrentChangeException("同一来源的案件正在登记");
        }
    }

    /// <summary>AC-9, AC-12: the standing records of the case's unit and of the persons its facts name.</summary>
    public async Task<AccountabilityRecords> RecordsForAsync(AccountabilityCase @case, CancellationToken cancellationToken = default)
    {
        var persons = @case.Responsibilities.Select(r => r.Person.Value).ToList();
        var rows = await db.Records.AsNoTracking()
            .Where(r => (r.SubjectKind == UnitKind && r.SubjectKey == @case.Unit.Code) || (r.SubjectKind == PersonKind && persons.Contains(r.SubjectKey)))
            .ToListAsync(cancellationToken);
        return new AccountabilityRecords(rows.Select(ToDomain));
    }

    /// <summary>AC-12: one unit's or person's records.</summary>
    public async Task<AccountabilityRecords> RecordsOfAsync(Subject subject, CancellationToken cancellationToken = default)
    {
        var (kind, key) = Key(subject);
        var rows = await db.Records.AsNoTracking()
            .Where(r => r.SubjectKind == kind && r.SubjectKey == key)
            .OrderBy(r => r.OccurredOn)
            .ToListAsync(cancellationToken);
        return new AccountabilityRecords(rows.Select(ToDomain));
    }

    public static AccountabilityCase Restore(CaseRow row) =>
        AccountabilityCase.Restore(JsonSerializer.Deserialize<CaseSnapshot>(row.State, Json)!);

    private static void Write(CaseRow row, AccountabilityCase @case, DateTimeOffset now)
    {
        row.Status = @case.Status.ToString();
        if (@case.Routing is { } routing)
        {
            row.HandlingAgencyCode = routing.HandlingAgencyCode;
        }

        row.AcceptanceDue = @case.AcceptanceDue;
        row.RectificationDue = @case.RectificationDue;
        row.RectificationReportedOn = @case.RectificationReportedOn;
        row.EscalatedOn = @case.EscalatedOn;
        row.State = JsonSerializer.Serialize(@case.ToSnapshot(), Json);
        row.UpdatedAt = now;
    }

    /// <summary>What the case recorded since it was loaded: records kept (AC-12) and events out (AC-3, AC-11, AC-13).</summary>
    private async Task RecordEventsAsync(AccountabilityCase @case, CancellationToken cancellationToken)
    {
        var aggregate = @case.Id.ToString();
        foreach (var happened in @case.Events)
        {
            switch (happened)
            {
                case AccountabilityDecided decided:
                    var records = new AccountabilityRecords();
                    records.Add(decided);
                    db.Records.AddRange(records.All.Select(ToRow));
                    var decision = Messages.ToProto(decided);
                    outbox.Add(db, Topics.Accountability, aggregate, decision);
                    outbox.Add(db, Topics.Decisions, aggregate, decision);
                    break;
                case AppealDecided appeal:
                    await ApplyAsync(appeal, cancellationToken);
                    var outcome = Messages.ToProto(appeal, @case.Unit);
                    outbox.Add(db, Topics.Accountability, aggregate, outcome);
                    outbox.Add(db, Topics.Decisions, aggregate, outcome);
                    break;
                case ComplaintDeclined declined:
                    outbox.Add(db, Topics.Accountability, aggregate, Answered(@case, accepted: false, declined.DeclinedOn));
                    break;
                case RectificationEscalated escalated:
                    outbox.Add(db, Topics.Accountability, aggregate, new P.RectificationEscalated
                    {
                        CaseId = aggregate,
                        Unit = Messages.ToProto(escalated.Unit),
                        HandlingAgencyCode = escalated.HandlingAgencyCode,
                        DueOn = Messages.ToProto(escalated.Due),
                        EscalatedOn = Messages.ToProto(escalated.EscalatedOn),
                    });
                    break;
            }
        }
    }

    /// <summary>AC-3: the acceptance of a complaint, for assessment's complaints-handled-on-time indicator.</summary>
    public void ComplaintAccepted(AccountabilityCase @case) =>
        outbox.Add(db, Topics.Accountability, @case.Id.ToString(), Answered(@case, accepted: true, @case.AcceptedOn!.Value));

    private static P.ComplaintAnswered Answered(AccountabilityCase @case, bool accepted, DateOnly answeredOn) => new()
    {
        CaseId = @case.Id.ToString(),
        AgencyCode = @case.Unit.Code,
        Accepted = accepted,
        ReceivedOn = Messages.ToProto(@case.OpenedOn),
        DueOn = Messages.ToProto(@case.AcceptanceDue),
        AnsweredOn = Messages.ToProto(answeredOn),
        OnTime = answeredOn <= @case.AcceptanceDue,
    };

    private async Task ApplyAsync(AppealDecided appeal, CancellationToken cancellationToken)
    {
        var (kind, key) = Key(appeal.Appellant);
        var row = await db.Records.SingleOrDefaultAsync(r => r.CaseId == appeal.CaseId && r.SubjectKind == kind && r.SubjectKey == key, cancellationToken);
        if (row is null)
        {
            return;
        }

        // The domain decides what an appeal does to a record; the row takes the result.
        var records = new AccountabilityRecords([ToDomain(row)]);
        records.Apply(appeal);
        var after = records.All[0];
        row.Revoked = after.Revoked;
        row.Measures = after.Measures.Select(m => m.ToString()).ToArray();
    }

    private static (string Kind, string Key) Key(Subject subject) => subject switch
    {
        UnitSubject u => (UnitKind, u.Unit.Code),
        PersonSubject p => (PersonKind, p.Person.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(subject)),
    };

    private static RecordRow ToRow(AccountabilityRecord record)
    {
        var (kind, key) = Key(record.Subject);
        return new RecordRow
        {
            CaseId = record.CaseId,
            SubjectKind = kind,
            SubjectKey = key,
            UnitName = record.Subject is UnitSubject u ? u.Unit.Name : null,
            Violation = record.Violation.ToString(),
            Severity = record.Severity.ToString(),
            DirectResponsibility = record.DirectResponsibility,
            OccurredOn = record.OccurredOn,
            DecidedOn = record.DecidedOn,
            Measures = record.Measures.Select(m => m.ToString()).ToArray(),
            Revoked = record.Revoked,
        };
    }

    private static AccountabilityRecord ToDomain(RecordRow row) => new(
        row.CaseId,
        row.SubjectKind == UnitKind ? new UnitSubject(new UnitRef(row.SubjectKey, row.UnitName!)) : new PersonSubject(new PersonRef(row.SubjectKey)),
        Enum.Parse<ViolationType>(row.Violation),
        Enum.Parse<Severity>(row.Severity),
        row.DirectResponsibility,
        row.OccurredOn,
        row.DecidedOn,
        row.Measures.Select(Enum.Parse<Measure>).ToList(),
        row.Revoked);
}
