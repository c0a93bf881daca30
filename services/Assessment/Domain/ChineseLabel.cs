using System.Collections.Concurrent;
using System.Reflection;

namespace Ogi.Assessment.Domain;

/// <summary>The Chinese label a person reads for an enum value (domain.md: every enum a person reads carries one).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ChineseLabelAttribute(string label) : Attribute
{
    public string Label { get; } = label;
}

public static class ChineseLabels
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    /// <summary>The value's Chinese label; an enum value without one is a programming error.</summary>
    public static string Label(this Enum value) => Cache.GetOrAdd(value, static v =>
        v.GetType().GetField(v.ToString())?.GetCustomAttribute<ChineseLabelAttribute>()?.Label
        ?? throw new InvalidOperationException($"{v.GetType().Name}.{v} has no Chinese label"));
}
