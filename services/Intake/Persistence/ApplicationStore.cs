using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;
using Ogi.Intake.Domain;

namespace Ogi.Intake.Persistence;

/// <summary>
/// Loads and saves applications. A save writes the aggregate's document and the query columns together,
/// in the caller's transaction, and fails with <see cref="ConcurrentChangeException"/> when someone else
/// saved the same application first.
/// </summary>
public sealed class ApplicationStore(IntakeDbContext context, DeadlineCalculator calendar, byte[] applicantKeySecret, int? warningWorkingDays = null)
{
    private const int MaxPageSize = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// INT-3: a tracking-number sequence value for each application, in order: consecutive numbers of its agency's
    /// yearly sequence, one counter update per agency and year, all in one statement. The row locks serialise
    /// concurrent callers and a rolled-back transaction returns its numbers, so committed numbers have no gaps.
    /// Call inside the transaction that inserts the applications.
    /// </summary>
    public async Task<IReadOnlyList<long>> NextSequencesAsync(IReadOnlyList<(string AgencyCode, int Year)> applications, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applications);
        if (context.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Tracking numbers are allocated inside the transaction that stores the application.");
        }

        // Sorted, so concurrent transactions lock the counter rows in the same order and cannot deadlock.
        var counts = applications.CountBy(a => a).OrderBy(c => c.Key.AgencyCode, StringComparer.Ordinal).ThenBy(c => c.Key.Year).ToList();
        var agencyCodes = counts.Select(c => c.Key.AgencyCode).ToArray();
        var years = counts.Select(c => c.Key.Year).ToArray();
        var sizes = counts.Select(c => (long)c.Value).ToArray();
        var reserved = await context.TrackingSequences.FromSql($"""
            INSERT INTO intake.tracking_sequences AS s (agency_code, year, last_value)
            SELECT agency_code, year, size FROM unnest({agencyCodes}::text[], {years}::integer[], {sizes}::bigint[])
                WITH ORDINALITY AS r(agency_code, year, size, position)
            ORDER BY position
            ON CONFLICT (agency_code, year) DO UPDATE SET last_value = s.last_value + excluded.last_value
            RETURNING s.agency_code, s.year, s.last_value
            """).AsNoTracking().ToListAsync(cancellationToken);

        // Each range ends at the counter's new value; hand its numbers out in the applications' order.
        var next = counts.ToDictionary(c => c.Key, c => reserved.Single(r => r.AgencyCode == c.Key.AgencyCode && r.Year == c.Key.Year).LastValue - c.Value + 1);
        return applications.Select(a => next[a]++).ToList();
    }

    /// <summary>INT-1: the applications platforms already submitted under these request ids, by platform and request id.</summary>
    public async Task<IReadOnlyDictionary<(string SubmittedBy, string RequestId), DisclosureApplication>> FindByRequestsAsync(
        IReadOnlyCollection<(string SubmittedBy, string RequestId)> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var platforms = requests.Select(r => r.SubmittedBy).Distinct().ToArray();
        var requestIds = requests.Select(r => r.RequestId).Distinct().ToArray();
        var rows = await context.Applications.AsNoTracking()
            .Where(a => platforms.Contains(a.SubmittedBy) && requestIds.Contains(a.RequestId)).ToListAsync(cancellationToken);
        var wanted = requests.ToHashSet();
        return rows.Where(r => wanted.Contains((r.SubmittedBy, r.RequestId))).ToDictionary(r => (r.SubmittedBy, r.RequestId), Restore);
    }

    public async Task<DisclosureApplication?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await context.Applications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return row is null ? null : Restore(row);
    }

    /// <summary>The application and the platform that submitted it (which alone may act for its applicant).</summary>
    public async Task<(DisclosureApplication Application, string SubmittedBy)?> FindWithOwnerAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await context.Applications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return row is null ? null : (Restore(row), row.SubmittedBy);
    }

    /// <summary>INT-3: the applicant's verification code, derived from the application id with the service's secret.</summary>
    public string VerificationCodeOf(Guid applicationId) =>
        TrackingNumber.VerificationCodeFrom(HMACSHA256.HashData(applicantKeySecret, Encoding.UTF8.GetBytes($"verification:{applicationId:N}")));

    /// <summary>
    /// INT-7 按件: which application of its applicant's calendar month this one is (1 for the first), counting those
    /// registered before it.
    /// </summary>
    public async Task<int> OrdinalThisMonthAsync(Guid applicationId, CancellationToken cancellationToken = default)
    {
        var row = await context.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId, cancellationToken);
        var first = new DateOnly(row.SubmittedOn.Year, row.SubmittedOn.Month, 1);
        var next = first.AddMonths(1);
        return await context.Applications.CountAsync(a => a.ApplicantKey == row.ApplicantKey && a.SubmittedOn >= first && a.SubmittedOn < next
            && a.CreatedAt <= row.CreatedAt, cancellationToken);
    }

    /// <summary>INT-12: one page of an agency's applications, newest first, optionally filtered.</summary>
    public async Task<(IReadOnlyList<ApplicationRow> Rows, string NextPageToken)> ListAsync(string agencyCode, ApplicationFilter filter, int pageSize, string pageToken,
        CancellationToken cancellationToken = default)
    {
        var size = pageSize switch
        {
            0 => 50,
            < 0 or > MaxPageSize => throw new InvalidInputException("page_size", $"每页条数应为1至{MaxPageSize}"),
            _ => pageSize,
        };
        var query = context.Applications.AsNoTracking();
        if (pageToken.Length > 0)
        {
            var (afterDay, afterId) = PageToken.Read(pageToken);
            query = context.Applications.FromSql($"""
                SELECT * FROM intake.applications WHERE (submitted_on, id) < ({afterDay}, {afterId})
                """).AsNoTracking();
        }

        query = query.Where(a => a.AgencyCode == agencyCode);
        if (filter.Status is { } status)
        {
            var name = status.ToString();
            query = query.Where(a => a.Status == name);
        }

        if (!string.IsNullOrEmpty(filter.TrackingNumberPrefix))
        {
            var prefix = filter.TrackingNumberPrefix;
            query = query.Where(a => a.TrackingNumber.StartsWith(prefix));
        }

        if (filter.ReceivedFrom is { } from)
        {
            query = query.Where(a => a.ReceivedOn >= from);
        }

        if (filter.ReceivedTo is { } to)
        {
            query = query.Where(a => a.ReceivedOn <= to);
        }

        if (filter.DeadlineBy is { } by)
        {
            query = query.Where(a => a.Deadline <= by && OpenStatuses.Contains(a.Status));
        }

        var rows = await query.OrderByDescending(a => a.SubmittedOn).ThenByDescending(a => a.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? PageToken.Write(rows[size - 1].SubmittedOn, rows[size - 1].Id) : "";
        return (rows.Take(size).ToList(), next);
    }

    private static readonly string[] OpenStatuses =
        [nameof(ApplicationStatus.ReceivedUnconfirmed), nameof(ApplicationStatus.InProgress), nameof(ApplicationStatus.AwaitingCorrection)];

    /// <summary>
    /// INT-4, INT-7, INT-10 for the monitor: up to <paramref name="limit"/> applications due for a look on
    /// <paramref name="today"/>, locked for this transaction; rows another replica holds are skipped.
    /// </summary>
    public async Task<IReadOnlyList<DisclosureApplication>> LockDueAsync(DateOnly today, int limit, CancellationToken cancellationToken = default)
    {
        var rows = await context.Applications.FromSql($"""
            SELECT * FROM intake.applications WHERE monitor_due_on <= {today}
            ORDER BY monitor_due_on LIMIT {limit} FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        return rows.Select(Restore).ToList();
    }

    /// <summary>CAL-1: the next batch of open applications after <paramref name="afterId"/>, locked, for recomputing deadlines.</summary>
    public async Task<IReadOnlyList<DisclosureApplication>> LockOpenAfterAsync(Guid afterId, int limit, CancellationToken cancellationToken = default)
    {
        var rows = await context.Applications.FromSql($"""
            SELECT * FROM intake.applications
            WHERE status IN ('ReceivedUnconfirmed', 'InProgress', 'AwaitingCorrection') AND id > {afterId}
            ORDER BY id LIMIT {limit} FOR UPDATE
            """).ToListAsync(cancellationToken);
        return rows.Select(Restore).ToList();
    }

    /// <summary>INT-12: the applicant's own view, by tracking number and verification code.</summary>
    public async Task<DisclosureApplication?> FindForApplicantAsync(string trackingNumber, string verificationCode, CancellationToken cancellationToken = default)
    {
        var row = await context.Applications.SingleOrDefaultAsync(a => a.TrackingNumber == trackingNumber, cancellationToken);
        return row is not null && CryptographicOperations.FixedTimeEquals(row.VerificationCodeHash, HashCode(verificationCode)) ? Restore(row) : null;
    }

    /// <summary>INT-7: how many applications this applicant has submitted in the calendar month of <paramref name="day"/>.</summary>
    public Task<int> CountThisMonthAsync(Applicant applicant, DateOnly day, CancellationToken cancellationToken = default)
    {
        var key = ApplicantKey(applicant);
        var first = new DateOnly(day.Year, day.Month, 1);
        var next = first.AddMonths(1);
        return context.Applications.CountAsync(a => a.ApplicantKey == key && a.SubmittedOn >= first && a.SubmittedOn < next, cancellationToken);
    }

    /// <summary>
    /// Inserts new applications, now, in one statement (EF would send a statement with a parameter per column for each),
    /// in the caller's transaction. INT-1: a request id its platform already used fails as a <see cref="ConcurrentChangeException"/>.
    /// </summary>
    /// <param name="applications">Each with the moment it was submitted, which orders an applicant's applications (INT-7).</param>
    public async Task InsertAsync(IReadOnlyList<(DisclosureApplication Application, string SubmittedBy, string VerificationCode, DateTimeOffset SubmittedAt)> applications,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applications);
        var transaction = context.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Applications are inserted inside the transaction that allocated their tracking numbers.");
        var rows = applications.Select(a => NewRow(a.Application, a.SubmittedBy, a.VerificationCode, a.SubmittedAt)).ToList();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO intake.applications (id, agency_code, tracking_number, submitted_by, request_id, verification_code_hash, applicant_key, status,
                applicant_type, submitted_on, received_on, deadline, replied_on, monitor_due_on, outcome, state, version, created_at, updated_at)
            SELECT id, agency_code, tracking_number, submitted_by, request_id, verification_code_hash, applicant_key, status,
                applicant_type, submitted_on, received_on, deadline, replied_on, monitor_due_on, outcome, state::jsonb, version, created_at, updated_at
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::bytea[], $8::text[], $9::text[], $10::date[],
                $11::date[], $12::date[], $13::date[], $14::date[], $15::text[], $16::text[], $17::integer[], $18::timestamptz[], $19::timestamptz[])
                AS r(id, agency_code, tracking_number, submitted_by, request_id, verification_code_hash, applicant_key, status,
                    applicant_type, submitted_on, received_on, deadline, replied_on, monitor_due_on, outcome, state, version, created_at, updated_at)
            """, (NpgsqlConnection)context.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction())
        {
            Parameters =
            {
                new() { Value = rows.Select(r => r.Id).ToArray() },
                new() { Value = rows.Select(r => r.AgencyCode).ToArray() },
                new() { Value = rows.Select(r => r.TrackingNumber).ToArray() },
                new() { Value = rows.Select(r => r.SubmittedBy).ToArray() },
                new() { Value = rows.Select(r => r.RequestId).ToArray() },
                new() { Value = rows.Select(r => r.VerificationCodeHash).ToArray() },
                new() { Value = rows.Select(r => r.ApplicantKey).ToArray() },
                new() { Value = rows.Select(r => r.Status).ToArray() },
                new() { Value = rows.Select(r => r.ApplicantType).ToArray() },
                new() { Value = rows.Select(r => r.SubmittedOn).ToArray() },
                Dates(rows.Select(r => r.ReceivedOn)),
                Dates(rows.Select(r => r.Deadline)),
                Dates(rows.Select(r => r.RepliedOn)),
                Dates(rows.Select(r => r.MonitorDueOn)),
                new() { Value = rows.Select(r => r.Outcome).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = rows.Select(r => r.State).ToArray() },
                new() { Value = rows.Select(r => r.Version).ToArray() },
                new() { Value = rows.Select(r => r.CreatedAt).ToArray() },
                new() { Value = rows.Select(r => r.UpdatedAt).ToArray() },
            },
        };
        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_applications_submitted_by_request_id" })
        {
            throw new ConcurrentChangeException("同一平台请求编号的申请正在提交");
        }

        static NpgsqlParameter Dates(IEnumerable<DateOnly?> days) =>
            new() { Value = days.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Date };
    }

    private ApplicationRow NewRow(DisclosureApplication application, string submittedBy, string verificationCode, DateTimeOffset now)
    {
        var row = new ApplicationRow
        {
            Id = application.Id,
            AgencyCode = application.AgencyCode,
            TrackingNumber = application.TrackingNumber,
            SubmittedBy = submittedBy,
            RequestId = application.RequestId,
            VerificationCodeHash = HashCode(verificationCode),
            ApplicantKey = ApplicantKey(application.Applicant),
            Status = "",
            ApplicantType = application.Applicant.Type.ToString(),
            SubmittedOn = application.SubmittedOn,
            State = "",
            CreatedAt = now,
        };
        Write(row, application, now);
        return row;
    }

    /// <summary>Writes a loaded application back; the row's version guards against a concurrent change.</summary>
    /// <param name="monitoredThrough">The monitor looked at it for this day: its next look is on a later day.</param>
    public async Task UpdateAsync(DisclosureApplication application, DateTimeOffset now, CancellationToken cancellationToken = default, DateOnly? monitoredThrough = null)
    {
        var row = context.Applications.Local.SingleOrDefault(a => a.Id == application.Id)
            ?? await context.Applications.SingleAsync(a => a.Id == application.Id, cancellationToken);
        Write(row, application, now, monitoredThrough);
        row.Version++;
    }

    /// <summary>SaveChanges with the concurrency conflict turned into the domain's refusal (gRPC ABORTED).</summary>
    public async Task SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrentChangeException("该申请已被他人修改，请刷新后重试");
        }
    }

    private void Write(ApplicationRow row, DisclosureApplication application, DateTimeOffset now, DateOnly? monitoredThrough = null)
    {
        var today = LegalDay.Of(now);
        row.Status = application.Status.ToString();
        row.ReceivedOn = application.ReceivedOn;
        row.Deadline = application.Deadline(calendar)?.DeadlineDate;
        var due = NextCheck(application, today);
        row.MonitorDueOn = due is { } day && monitoredThrough is { } seen && day <= seen ? seen.AddDays(1) : due;
        row.RepliedOn = application.Reply?.RepliedOn;
        row.Outcome = application.Reply?.Outcome.ToString();
        row.State = JsonSerializer.Serialize(application.ToSnapshot(), Json);
        row.UpdatedAt = now;
    }

    /// <summary>
    /// The next day something can fall due: the end of a correction period (INT-4) or a payment period (INT-7),
    /// the first day of the warning window, or the day after the deadline (INT-10). Never before today.
    /// </summary>
    private DateOnly? NextCheck(DisclosureApplication application, DateOnly today)
    {
        DateOnly? due = null;
        if (!application.IsOpen)
        {
            return null;
        }

        if (application.Status == ApplicationStatus.AwaitingCorrection)
        {
            due = application.Correction!.DueOn.AddDays(1);
        }
        else if (application.Fee is { PaidOn: null } fee)
        {
            due = fee.PaymentDueOn.AddDays(1);
        }
        else if (application.Status == ApplicationStatus.InProgress && !application.BreachReported
            && application.ReplyClock(calendar) is { Result.DeadlineDate: { } deadline } clock)
        {
            due = deadline.AddDays(1);
            for (var day = today; day <= deadline; day = day.AddDays(1))
            {
                if (application.IsWarningDue(clock, day, calendar, warningWorkingDays))
                {
                    due = day;
                    break;
                }
            }
        }

        return due is { } d && d < today ? today : due;
    }

    private static DisclosureApplication Restore(ApplicationRow row) =>
        DisclosureApplication.Restore(JsonSerializer.Deserialize<ApplicationSnapshot>(row.State, Json)!);

    private static byte[] HashCode(string verificationCode) => SHA256.HashData(Encoding.UTF8.GetBytes(verificationCode.Trim().ToUpperInvariant()));

    private byte[] ApplicantKey(Applicant applicant) =>
        HMACSHA256.HashData(applicantKeySecret, Encoding.UTF8.GetBytes($"{applicant.DocumentType}:{applicant.DocumentNumber.Trim().ToUpperInvariant()}"));
}
