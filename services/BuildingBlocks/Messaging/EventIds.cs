namespace Ogi.BuildingBlocks.Messaging;

/// <summary>
/// Event ids: UUIDv7, strictly increasing within the process. EF Core orders the inserts of one SaveChanges by
/// key, and the database numbers an aggregate's events in insert order, so increasing ids keep the per-aggregate
/// sequence in the order the events were added (a test guards this).
/// </summary>
internal static class EventIds
{
    private static readonly Lock Gate = new();
    private static Guid _last;

    public static Guid Next(DateTimeOffset now)
    {
        var candidate = Guid.CreateVersion7(now);
        lock (Gate)
        {
            if (candidate.CompareTo(_last) <= 0)
            {
                candidate = Increment(_last);
            }

            _last = candidate;
            return candidate;
        }
    }

    /// <summary>Adds one to the random tail (bytes 9–15), leaving timestamp, version and variant alone.</summary>
    private static Guid Increment(Guid value)
    {
        var bytes = value.ToByteArray(bigEndian: true);
        for (var i = 15; i >= 9; i--)
        {
            if (++bytes[i] != 0)
            {
                break;
            }
        }

        return new Guid(bytes, bigEndian: true);
    }
}
