namespace Ogi.BuildingBlocks.Testing;

/// <summary>
/// A clock a test sets and advances, given to a host in place of <see cref="TimeProvider.System"/>. Only "now" is
/// controlled: timers and delays still run in real time, so background jobs keep polling and see the new date.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>Legal dates are Asia/Shanghai calendar days (UTC+8, no daylight saving).</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private long _ticks = start.UtcTicks;

    /// <summary>Starts at 09:00 China time on <paramref name="date"/>.</summary>
    public TestClock(DateOnly date)
        : this(AtNineInChina(date))
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Today in China.</summary>
    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().ToOffset(ChinaOffset).DateTime);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    /// <summary>Moves to 09:00 China time on <paramref name="date"/> (forwards or backwards).</summary>
    public void SetDate(DateOnly date) => Interlocked.Exchange(ref _ticks, AtNineInChina(date).UtcTicks);

    private static DateTimeOffset AtNineInChina(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), ChinaOffset).ToUniversalTime();
}
