using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ogi.BuildingBlocks.Domain;
using Ogi.Coordination.Domain;

namespace Ogi.Coordination.Persistence;

/// <summary>What a coordination or consultation carries besides its domain state: where it came from, for the events.</summary>
public sealed record ItemOrigin(string? ApplicationId, string? RequestId);

/// <summary>
/// Loads and saves coordinations and third-party consultations. A save writes the aggregate's document and its
/// query columns together; a concurrent save of the same aggregate fails with <see cref="ConcurrentChangeException"/>.
/// </summary>
public sealed class CoordinationStore(CoordinationDbContext context)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public CoordinationDbContext Db => context;

    public async Task<(ReleaseCoordination Coordination, ItemOrigin Origin)?> FindCoordinationAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await context.Coordinations.Include(c => c.Letters).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return row is null ? null : (Restore(row), new ItemOrigin(row.ApplicationId, row.RequestId));
    }

    public async Task<(ThirdPartyConsultation Consultation, ItemOrigin Origin)?> FindConsultationAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await context.ThirdPartyConsultations.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return row is null ? null : (Restore(row), new ItemOrigin(row.ApplicationId, row.RequestId));
    }

    /// <summary>Whether a CoordinationRequested with this request id was already turned into coordinations or consultations.</summary>
    public async Task<bool> RequestSeenAsync(ItemSource source, string requestId, CancellationToken cancellationToken = default)
    {
        var sourceName = source.ToString();
        return await context.Coordinations.AnyAsync(c => c.Source == sourceName && c.RequestId == requestId, cancellationToken)
            || await context.ThirdPartyConsultations.AnyAsync(c => c.Source == sourceName && c.RequestId == requestId, cancellationToken);
    }

    public void Add(ReleaseCoordination coordination, ItemOrigin origin, DateTimeOffset now)
    {
        var row = new CoordinationRow
        {
            Id = coordination.Id,
            AgencyCode = coordination.ReleasingAgencyCode,
            Source = coordination.Item.Source.ToString(),
            ItemReference = coordination.Item.Reference,
            ApplicationId = origin.ApplicationId,
            RequestId = origin.RequestId,
            Status = "",
            OpenedOn = coordination.OpenedOn,
            State = "",
            CreatedAt = now,
        };
        Write(row, coordination, now);
        context.Coordinations.Add(row);
    }

    public void Add(ThirdPartyConsultation consultation, ItemOrigin origin, DateTimeOffset now)
    {
        var row = new ThirdPartyConsultationRow
        {
            Id = consultation.Id,
            AgencyCode = consultation.AgencyCode,
            Source = consultation.Item.Source.ToString(),
            ItemReference = consultation.Item.Reference,
            ApplicationId = origin.ApplicationId,
            RequestId = origin.RequestId,
            ThirdPartyReference = consultation.ThirdParty.Reference,
            Status = "",
            SentOn = consultation.SentOn,
            DueOn = consultation.DueOn,
            State = "",
            CreatedAt = now,
        };
        Write(row, consultation, now);
        context.ThirdPartyConsultations.Add(row);
    }

    /// <summary>Writes a loaded coordination back; the row's version guards against a concurrent change.</summary>
    public async Task UpdateAsync(ReleaseCoordination coordination, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var row = context.Coordinations.Local.SingleOrDefault(c => c.Id == coordination.Id)
            ?? await context.Coordinations.Include(c => c.Letters).SingleAsync(c => c.Id == coordination.Id, cancellationToken);
        Write(row, coordination, now);
        row.Version++;
    }

    public async Task UpdateAsync(ThirdPartyConsultation consultation, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var row = context.ThirdPartyConsultations.Local.SingleOrDefault(c => c.Id == consultation.Id)
            ?? await context.ThirdPartyConsultations.SingleAsync(c => c.Id == consultation.Id, cancellationToken);
        Write(row, consultation, now);
        row.Version++;
    }

    /// <summary>Turns a lost race into the refusal callers understand (gRPC ABORTED).</summary>
    public static async Task<T> GuardConcurrencyAsync<T>(Func<Task<T>> save)
    {
        ArgumentNullException.ThrowIfNull(save);
        try
        {
            return await save();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrentChangeException("该协调已被他人修改，请刷新后重试");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConcurrentChangeException("同一请求的协调正在办理");
        }
    }

    public static ReleaseCoordination Restore(CoordinationRow row) =>
        ReleaseCoordination.Restore(JsonSerializer.Deserialize<ReleaseCoordinationSnapshot>(row.State, Json)!);

    public static ThirdPartyConsultation Restore(ThirdPartyConsultationRow row) =>
        ThirdPartyConsultation.Restore(JsonSerializer.Deserialize<ThirdPartyConsultationSnapshot>(row.State, Json)!);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)!;

    private static void Write(CoordinationRow row, ReleaseCoordination coordination, DateTimeOffset now)
    {
        row.Status = coordination.Status.ToString();
        row.NextDueOn = coordination.Letters.Where(l => l.Status == LetterStatus.Awaiting).Select(l => (DateOnly?)l.DueOn).Min();
        row.EscalatedTo = coordination.EscalatedTo;
        row.State = JsonSerializer.Serialize(coordination.ToSnapshot(), Json);
        row.UpdatedAt = now;
        foreach (var letter in coordination.Letters)
        {
            var letterRow = row.Letters.SingleOrDefault(l => l.AgencyCode == letter.Agency.AgencyCode);
            if (letterRow is null)
            {
                letterRow = new LetterRow { CoordinationId = row.Id, AgencyCode = letter.Agency.AgencyCode, Kind = "", Status = "" };
                row.Letters.Add(letterRow);
            }

            letterRow.Kind = letter.Kind.ToString();
            letterRow.Status = letter.Status.ToString();
            letterRow.DueOn = letter.DueOn;
        }
    }

    private static void Write(ThirdPartyConsultationRow row, ThirdPartyConsultation consultation, DateTimeOffset now)
    {
        row.Status = consultation.Status.ToString();
        row.State = JsonSerializer.Serialize(consultation.ToSnapshot(), Json);
        row.UpdatedAt = now;
    }
}
