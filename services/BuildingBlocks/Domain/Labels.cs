using System.Collections.Concurrent;
using System.Reflection;

namespace Ogi.BuildingBlocks.Domain;

/// <summary>The Chinese label a person reads for an enum value (domain.md: every enum a person reads carries one).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class LabelAttribute(string chinese) : Attribute
{
    public string Chinese { get; } = chinese;
}

public static class Labels
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    /// <summary>The value's <see cref="LabelAttribute"/>, or its name when it has none.</summary>
    public static string Chinese(this Enum value) =>
        Cache.GetOrAdd(value, v => v.GetType().GetField(v.ToString())?.GetCustomAttribute<LabelAttribute>()?.Chinese ?? v.ToString());
}
