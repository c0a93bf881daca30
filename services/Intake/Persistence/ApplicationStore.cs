using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
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
public sealed class ApplicationStore(IntakeDbContext context, DeadlineCalculator calendar, byte[] applicantKeySecret)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// INT-3: the next number of the agency's yearly sequence. The row lock serialises concurrent callers and
    /// a rolled-back transaction returns its number, so committed numbers have no gaps.
    /// Call inside the transaction that inserts the application.
    /// </summary>
    public async Task<long> NextSequenceAsync(string agencyCode, int year, CancellationToken cancellationToken = default)
    {
        if (context.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Tracking numbers are allocated inside the transaction that stores the application.");
        }

        var allocated = await context.Database.SqlQuery<long>($"""
            INSERT INTO intake.tracking_sequences (agency_code, year, last_value) VALUES ({agencyCode}, {year}, 1)
            ON CONFLICT (agency_code, year) DO UPDATE SET last_value = tracking_sequences.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(cancellationToken);
        return allocated.Single();
    }

    public async Task<DisclosureApplication?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await context.Applications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return row is null ? null : Restore(row);
    }

    /// <summary>INT-1: the application a platform already submitted under this request id, if any.</summary>
    public async Task<DisclosureApplication?> FindByRequestAsync(string submittedBy, string requestId, CancellationToken cancellationToken = default)
    {
        var row = await context.Applications.SingleOrDefaultAsync(a => a.SubmittedBy == submittedBy && a.RequestId == requestId, cancellationToken);
        return row is null ? null : Restore(row);
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

    public void Add(DisclosureApplication application, string submittedBy, string verificationCode, DateTimeOffset now)
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
        context.Applications.Add(row);
    }

    /// <summary>Writes a loaded application back; the row's version guards against a concurrent change.</summary>
    public async Task UpdateAsync(DisclosureApplication application, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var row = context.Applications.Local.SingleOrDefault(a => a.Id == application.Id)
            ?? await context.Applications.SingleAsync(a => a.Id == application.Id, cancellationToken);
        Write(row, application, now);
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
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_applications_submitted_by_request_id" })
        {
            throw new ConcurrentChangeException("同一平台请求编号的申请正在提交");
        }
    }

    private void Write(ApplicationRow row, DisclosureApplication application, DateTimeOffset now)
    {
        row.Status = application.Status.ToString();
        row.ReceivedOn = application.ReceivedOn;
        row.Deadline = application.Deadline(calendar)?.DeadlineDate;
        row.RepliedOn = application.Reply?.RepliedOn;
        row.Outcome = application.Reply?.Outcome.ToString();
        row.State = JsonSerializer.Serialize(application.ToSnapshot(), Json);
        row.UpdatedAt = now;
    }

    private static DisclosureApplication Restore(ApplicationRow row) =>
        DisclosureApplication.Restore(JsonSerializer.Deserialize<ApplicationSnapshot>(row.State, Json)!);

    private static byte[] HashCode(string verificationCode) => SHA256.HashData(Encoding.UTF8.GetBytes(verificationCode.Trim().ToUpperInvariant()));

    private byte[] ApplicantKey(Applicant applicant) =>
        HMACSHA256.HashData(applicantKeySecret, Encoding.UTF8.GetBytes($"{applicant.DocumentType}:{applicant.DocumentNumber.Trim().ToUpperInvariant()}"));
}
