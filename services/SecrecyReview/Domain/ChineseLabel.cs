using System.Collections.Concurrent;
using System.Reflection;

namespace Ogi.SecrecyReview.Domain;

/// <summary>The Chinese label a person reads for an enum member (domain.md: every enum a person reads carries one).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ChineseLabelAttribute(string label) : Attribute
{
    public string Label { get; } = label;
}

public static class ChineseLabels
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    /// <summary>The member's Chinese label; an unlabelled member is a programming error, so it throws.</summary>
    public static string ChineseLabel(this Enum value) => Cache.GetOrAdd(value, static v =>
        v.GetType().GetField(v.ToString())?.GetCustomAttribute<ChineseLabelAttribute>()?.Label
        ?? throw new InvalidOperationException($"{v.GetType().Name}.{v} has no Chinese label"));
}
