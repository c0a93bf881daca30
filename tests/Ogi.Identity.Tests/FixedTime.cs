namespace Ogi.Identity.Tests;

/// <summary>A clock stopped at one instant, to mint tokens issued in the past.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
