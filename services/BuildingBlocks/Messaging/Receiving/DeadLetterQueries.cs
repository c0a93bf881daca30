using Microsoft.EntityFrameworkCore;
using Ogi.BuildingBlocks.Messaging.Persistence;

namespace Ogi.BuildingBlocks.Messaging.Receiving;

/// <summary>The query operators use to see what was dead-lettered (newest first).</summary>
public static class DeadLetterQueries
{
    public static Task<List<DeadLetter>> ListDeadLettersAsync(this DbContext db, int limit = 100, CancellationToken cancellationToken = default) =>
        db.Set<DeadLetter>().AsNoTracking().OrderByDescending(d => d.DeadLetteredAt).Take(limit).ToListAsync(cancellationToken);
}
